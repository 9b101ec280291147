"""Archived copies: a web archive's replay address taken apart, and its toolbar taken out.

The Wayback Machine (``https://web.archive.org/web/<stamp>/<original>``) and
the other archives built on the same replay software (pywb, OpenWayback) name
a copy by a collection path, a capture time of 4 to 14 digits, an optional
two-letter modifier with an underscore, and the original address.  The
``id_`` modifier asks for the page's bytes exactly as they were captured:
no toolbar, no rewritten links.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_REPLAY = re.compile(
    r"\A(?P<base>https?://[^/?#\s]+/(?:[^/?#\s]+/)+?)(?P<stamp>\d{4,14})(?P<modifier>[a-z]{2}_)?/"
    r"(?P<original>https?:/+[^/?#\s]+.*|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#].*)?)\Z",
    re.IGNORECASE | re.DOTALL,
)
_SCHEME_SLASHES = re.compile(r"\A(https?):/+", re.IGNORECASE)

_TOOLBAR = re.compile(r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->",
                      re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class ArchivedCopy:
    """A capture of a page in a web archive."""

    original: str
    """The page's own address, as the archive recorded it."""
    archived: str
    """The capture's address for readers: with its toolbar, without a modifier."""
    raw: str
    """The address of the capture's bytes as they were captured (the ``id_`` modifier)."""
    captured: str | None
    """The capture's day, ``YYYY-MM-DD``, when the stamp names one."""


def archived_copy(address: str) -> ArchivedCopy | None:
    """The archived copy an address names, or None for any other address."""
    match = _REPLAY.match(address.strip())
    if not match:
        return None
    original = match["original"]
    if _SCHEME_SLASHES.match(original):
        # Some servers fold the '//' of the embedded address into one '/'.
        original = _SCHEME_SLASHES.sub(lambda m: f"{m[1].lower()}://", original, count=1)
    else:
        original = f"http://{original}"
    base, stamp = match["base"], match["stamp"]
    return ArchivedCopy(original, f"{base}{stamp}/{original}", f"{base}{stamp}id_/{original}", _day(stamp))


def _day(stamp: str) -> str | None:
    if len(stamp) < 8:
        return None
    try:
        return dt.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])).isoformat()
    except ValueError:
        return None


def without_archive_toolbar(html: str) -> str:
    """The page without the toolbar the Wayback Machine inserts at the top of
    a capture it shows (a page saved from the archive in a browser keeps it)."""
    return _TOOLBAR.sub("", html)
