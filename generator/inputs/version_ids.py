"""Readable, stable version ids for imported pages: the outlet, then the headline's words.

The outlet is the site's name, else its host: "The Gullrock Gazette" and
the headline "Ferry fares to rise by a third, harbour board says" give
``gullrock-gazette-ferry-fares-rise-third-harbour``; a page of
``https://www.bbc.co.uk/`` that names no site, ``bbc-co-uk-...``.  The same
page gives the same id on every machine, and a reader can tell the versions
of a story apart by their ids alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

HEADLINE_WORDS = 5
"""Words of the headline an id keeps (after the small words are dropped)."""
OUTLET_WORDS = 4
"""Words of the outlet's name an id keeps."""
MAX_ID_CHARACTERS = 80

_SMALL_WORDS = frozenset(
    "a an and are as at be but by for from has have in into is it its of on or over says said than that the "
    "their this to was were will with".split()
)
"""English words that tell headlines apart least."""
_WORD = re.compile(r"[^\W_]+")
_REVISION_SUFFIX = re.compile(r"-\d{4}-\d{2}-\d{2}(?:-\d+)?\Z")


def slug_words(text: str) -> list[str]:
    """The words of a text, lowercased, accents dropped from Latin letters (other scripts kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WORD.findall(unicodedata.normalize("NFC", plain).lower())


def version_id(outlet: str | None, headline: str | None) -> str:
    """``<outlet>-<headline words>``; ``outlet`` is a site's name or a host."""
    parts = _telling(slug_words(outlet or ""))[:OUTLET_WORDS] + _telling(slug_words(headline or ""))[:HEADLINE_WORDS]
    if not parts:
        return "page"
    chosen: list[str] = []
    for part in parts:
        if chosen and len("-".join([*chosen, part])) > MAX_ID_CHARACTERS:
            break
        chosen.append(part[:MAX_ID_CHARACTERS])
    return "-".join(chosen)


def _telling(words: list[str]) -> list[str]:
    """The words without the small ones (all of them when only small ones are left)."""
    return [word for word in words if word not in _SMALL_WORDS] or words


def unique_id(wanted: str, taken: Collection[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... whichever is not taken."""
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def revision_id(earlier: str, day: str, taken: Collection[str]) -> str:
    """The id of a new revision of the version ``earlier``: its id with the
    revision's day (``x-2026-12-01``; not ``x-2026-11-30-2026-12-01`` when
    ``earlier`` is a revision itself)."""
    return unique_id(f"{_REVISION_SUFFIX.sub('', earlier)}-{day}", taken)
