"""The version files of one story folder: those already there, as an import
compares with them, and a new one written without ever replacing another.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.model import VersionMeta

from .load import ARTICLE_SUFFIXES, split_front_matter
from .problems import SeedError

FRONT_MATTER_ORDER = ("title", "outlet", "author", "published", "url", "archived", "retrieved", "language",
                      "sha256")
"""The keys an import writes, in the order a reader looks for them."""
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class ExistingVersion:
    """A version file already in the story folder."""

    version_id: str
    """Its file name without the extension."""
    path: Path
    """The file."""
    meta: VersionMeta
    """Its front matter."""
    words: tuple[str, ...]
    """Its text's words, for telling an unchanged page from a changed one."""


@dataclass(frozen=True)
class StoryFolder:
    """What an import must know of a story folder before it writes to it."""

    versions: tuple[ExistingVersion, ...]
    """The version files that could be read, by name."""
    taken: frozenset[str]
    """Every name without its extension in use in the folder, readable or not."""


def read_story_folder(folder: Path) -> StoryFolder:
    """The versions in ``folder`` (nothing when it does not exist yet)."""
    if not folder.is_dir():
        return StoryFolder((), frozenset())
    versions, taken = [], set()
    for path in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if path.name.startswith("."):
            continue
        taken.add(path.stem)
        if path.suffix not in ARTICLE_SUFFIXES or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
            meta, body = split_front_matter(text.replace("\r\n", "\n"), str(path))
        except (OSError, SeedError):
            continue  # its name stays taken; the check command reports what is wrong with it
        versions.append(ExistingVersion(path.stem, path, meta, tuple(body.split())))
    return StoryFolder(tuple(versions), frozenset(taken))


def version_text(front: Mapping[str, str | None], paragraphs: Sequence[str], comments: Sequence[str] = ()) -> str:
    """A version file: YAML front matter (``comments`` as ``#`` lines first), then
    the paragraphs separated by blank lines."""
    values = {key: _one_line(value) for key in FRONT_MATTER_ORDER if (value := front.get(key))}
    dumped = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    notes = "".join(f"# {' '.join(comment.split())}\n" for comment in comments)
    return f"---\n{notes}{dumped}---\n" + "\n\n".join(paragraphs) + "\n"


def _one_line(value: str) -> str:
    """The value with the characters YAML reads as line breaks made spaces
    (they would come back as spaces anyway, or split the value)."""
    return _LINE_BREAKS.sub(" ", value)


def check_loads(text: str, shown: str) -> VersionMeta:
    """The front matter of a file about to be written, as the loader will read it
    (:class:`SeedError` if it would not load)."""
    meta, body = split_front_matter(text, shown)
    if not body.strip():
        raise SeedError(shown, "front matter but no article text")
    return meta


class AlreadyThere(Exception):
    """A file appeared at the path while it was being written; it was left alone."""


def write_new_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, which must not exist: whole or not at all, and
    never over another file (:class:`AlreadyThere`).  Folders made for it are
    removed again when the write fails."""
    data = text.encode("utf-8")  # before anything is made: text that cannot be written changes nothing
    made = _make_folders(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)  # fails if the name is taken, unlike a rename
        except FileExistsError:
            raise AlreadyThere(str(path)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    temporary.unlink()


def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the ones created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        created.mkdir()
    return list(reversed(missing))
