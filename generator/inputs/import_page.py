"""Import web pages into a story folder: one version file per page, with its metadata.

Each source is read (:mod:`.sources`), its article extracted
(:mod:`.extract_page`) and compared with the versions already in the folder:

- the same bytes, or the same page with the same headline and words: nothing
  is written, and the outcome names the version it already is;
- the same page (the same original address) with other words: a revision, a
  new version whose id is the earlier one's with the day it was read
  (captured, for an archived copy), as NewsDiffs keeps them;
- anything else: a new version, its id made from the outlet and the headline.

A source that fails leaves the folder as it was; the others are imported all
the same.  No file is ever replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.model import web_host

from .archive import archived_copy
from .extract_page import ExtractedPage, PageRefused, address_in_page, extract_page
from .fetch import FetchLimits
from .load import name_problem
from .problems import SeedError, printable
from .sources import PageSource, SourceError, read_source
from .version_file import (
    AlreadyThere,
    ExistingVersion,
    StoryFolder,
    check_loads,
    read_story_folder,
    version_text,
    write_new_file,
)
from .version_ids import revision_id, unique_id, version_id

Outcome = Literal["imported", "revision", "unchanged", "failed"]

_STORY_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}


@dataclass(frozen=True)
class Imported:
    """What became of one source."""

    source: str
    """The source as it was given."""
    outcome: Outcome
    """Written as a new version or a revision, already there, or failed."""
    message: str
    """One line for the person importing, naming the source."""
    path: Path | None = None
    """The version file written, or the one the page already is."""
    notes: tuple[str, ...] = ()
    """Further lines worth reading (characters repaired), each naming the source."""


def story_problem(story: str, seeds: Path) -> str | None:
    """Why ``story`` cannot name a story folder to import into, or None.  A new
    folder needs a slug (lowercase letters, digits, hyphens): it becomes the
    story's address on the site."""
    if not seeds.is_dir():
        return f"{seeds}: no such folder (--seeds names the folder that holds the story folders)"
    plain_name = bool(story) and not story.startswith(".") and not {"/", "\\"} & set(story)
    if plain_name and name_problem(story) is None and (seeds / story).is_dir():
        return None
    if not _STORY_SLUG.fullmatch(story):
        return (f"--story {printable(story)!r}: a new story's name must be lowercase letters, digits and hyphens "
                "(it becomes the story's address on the site)")
    if (seeds / story).exists():
        return f"{seeds / story}: not a folder"
    return None


def import_sources(sources: Iterable[str], seeds: Path, story: str, limits: FetchLimits = FetchLimits(),
                   today: dt.date | None = None) -> Iterator[Imported]:
    """Import each source into ``seeds/<story>/``, yielding its outcome as soon as it is known."""
    day = today or dt.date.today()
    folder = seeds / story
    for source in sources:
        yield _import_one(source, folder, limits, day)


def _import_one(source: str, folder: Path, limits: FetchLimits, day: dt.date) -> Imported:
    shown = printable(source)
    try:
        read = _with_addresses(read_source(source, limits, day))
        page = extract_page(read.html, read.url)
    except (SourceError, PageRefused) as error:
        # printable: the words may carry a server's reason phrase or a redirect's address.
        return Imported(source, "failed", f"error: {shown}: {printable(str(error))}")
    notes = (f"note: {shown}: {_repair_words(page)}",) if page.repairs else ()
    existing = read_story_folder(folder)
    digest = hashlib.sha256(read.data).hexdigest()
    same = _already_there(existing, read, page, digest)
    if same is not None:
        version, why = same
        return Imported(source, "unchanged", f"{shown}: already imported as {printable(version.version_id)} ({why}); "
                                             "nothing written", version.path, notes)
    earlier = _latest_of_page(existing, read.url)
    if earlier is not None:
        new_id = revision_id(earlier.version_id, read.captured or read.retrieved, existing.taken)
        outcome: Outcome = "revision"
    else:
        new_id = unique_id(version_id(_outlet(read, page), page.title), existing.taken)
        outcome = "imported"
    path = folder / f"{new_id}.txt"
    text = version_text(_front_matter(read, page, digest), page.paragraphs, _comments(page))
    try:
        check_loads(text, str(path))
        write_new_file(path, text)
    except (SeedError, AlreadyThere, OSError, UnicodeError) as error:
        return Imported(source, "failed", f"error: {shown}: {printable(str(error))}; nothing written", None, notes)
    message = f"imported {shown} as {path}"
    if earlier is not None:
        message += f" (a revision of {earlier.version_id}: the page has changed)"
    return Imported(source, outcome, message, path, notes)


def _with_addresses(read: PageSource) -> PageSource:
    """A saved page with the addresses it names itself: where it was saved
    from (or its canonical link), and the original address when that is an
    archived copy."""
    if read.url is not None:
        return read
    address = address_in_page(read.html)
    copy = archived_copy(address) if address else None
    if copy is not None:
        return PageSource(read.html, read.data, copy.original, copy.archived, read.retrieved, copy.captured)
    return PageSource(read.html, read.data, address, None, read.retrieved)


def _same_page_key(url: str | None) -> str | None:
    """An address as compared for "the same page": scheme, case of the host,
    default port and fragment left out (http and https copies are one page)."""
    if not url:
        return None
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    host = host.lower().removesuffix(_DEFAULT_PORTS.get(scheme.lower(), ""))
    return f"{host}{slash}{path}".split("#", 1)[0]


def _already_there(existing: StoryFolder, read: PageSource, page: ExtractedPage,
                   digest: str) -> tuple[ExistingVersion, str] | None:
    for version in existing.versions:
        if version.meta.sha256 == digest:
            return version, "the same bytes"
    key = _same_page_key(read.url)
    words = tuple(" ".join(page.paragraphs).split())
    for version in existing.versions:
        if key and _same_page_key(version.meta.url) == key and version.words == words \
                and version.meta.title in (None, page.title):
            return version, "the same page, unchanged"
    return None


def _latest_of_page(existing: StoryFolder, url: str | None) -> ExistingVersion | None:
    """The newest version of the page at ``url`` in the folder, if any."""
    key = _same_page_key(url)
    if key is None:
        return None
    same = [version for version in existing.versions if _same_page_key(version.meta.url) == key]
    return max(same, key=lambda v: (_day_of(v), v.version_id), default=None)


def _day_of(version: ExistingVersion) -> str:
    copy = archived_copy(version.meta.archived) if version.meta.archived else None
    return (copy.captured if copy and copy.captured else None) or version.meta.retrieved or ""


def _front_matter(read: PageSource, page: ExtractedPage, digest: str) -> dict[str, str | None]:
    return {
        "title": page.title,
        "outlet": _outlet(read, page),
        "author": page.author,
        "published": page.published,
        "url": read.url,
        "archived": read.archived,
        "retrieved": read.retrieved,
        "language": page.language,
        "sha256": digest,
    }


def _outlet(read: PageSource, page: ExtractedPage) -> str | None:
    """The site's name, else the host of the page's original address."""
    return page.site_name or web_host(read.url)


def _repair_words(page: ExtractedPage) -> str:
    places = len(page.repairs)
    return (f"characters decoded wrongly (mojibake) repaired with ftfy in {places} "
            f"{'place' if places == 1 else 'places'}, such as {min(page.repairs, key=len)}")


def _comments(page: ExtractedPage) -> list[str]:
    """Lines for the top of the front matter: what the text owes to a repair."""
    return [f"The page's {_repair_words(page)}."] if page.repairs else []
