"""What ``import`` is given: a web address, an archived copy's address or a saved
page, read into bytes with the addresses and the day they belong to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .archive import archived_copy
from .fetch import WEB_SCHEMES, FetchError, FetchLimits, fetch
from .html_decode import decode_html, looks_like_html

SAVED_PAGE_SUFFIXES = (".html", ".htm")


class SourceError(Exception):
    """Why a source could not be read, in words that follow the source on one line."""


@dataclass(frozen=True)
class PageSource:
    """A page's bytes and where and when they were read."""

    html: str
    """The page's text, decoded."""
    data: bytes
    """The bytes read, decompressed: the version records their SHA-256."""
    url: str | None
    """The page's original address (for an archived copy, the address it was captured at)."""
    archived: str | None = None
    """The archived copy's address, when the page came from an archive."""
    retrieved: str = ""
    """The day the bytes were read (or, for a saved page, last written), ``YYYY-MM-DD``."""
    captured: str | None = None
    """For an archived copy, the day it was captured."""


def is_web_address(source: str) -> bool:
    """True for something that reads as an address with a scheme (``https://...``, ``ftp://...``)."""
    scheme, separator, rest = source.partition("://")
    return bool(separator) and scheme.isascii() and scheme.isalpha() and bool(rest)


def read_source(source: str, limits: FetchLimits, today: dt.date) -> PageSource:
    """The page a source names; :class:`SourceError` when it cannot be had."""
    if is_web_address(source):
        return _read_address(source, limits, today)
    path = Path(source)
    if path.suffix.lower() not in SAVED_PAGE_SUFFIXES:
        raise SourceError("neither an http(s) address nor a saved .html or .htm page")
    return _read_saved_page(path, limits)


def _read_address(address: str, limits: FetchLimits, today: dt.date) -> PageSource:
    if address.partition("://")[0].lower() not in WEB_SCHEMES:
        raise SourceError("only http and https addresses can be imported")
    copy = archived_copy(address)
    try:
        fetched = fetch(copy.raw if copy else address, limits)
    except FetchError as error:
        raise SourceError(str(error)) from None
    html = _html(fetched.body, fetched.charset)
    if copy is not None:
        # The archive may have sent the nearest capture: name the one that was read.
        read = archived_copy(fetched.final_address) or copy
        return PageSource(html, fetched.body, read.original, read.archived, today.isoformat(), read.captured)
    return PageSource(html, fetched.body, fetched.final_address, None, today.isoformat())


def _read_saved_page(path: Path, limits: FetchLimits) -> PageSource:
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise SourceError(f"too large: {size:,} bytes, over the limit of {limits.max_bytes:,}")
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
        modified = dt.date.fromtimestamp(path.stat().st_mtime)
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except IsADirectoryError:
        raise SourceError("a folder, not a saved page") from None
    except OSError as error:
        raise SourceError(f"cannot be read ({error.strerror or error})") from None
    if len(data) > limits.max_bytes:
        raise SourceError(f"too large: over the limit of {limits.max_bytes:,} bytes")
    return PageSource(_html(data, None), data, None, None, modified.isoformat())


def _html(data: bytes, charset: str | None) -> str:
    html = decode_html(data, charset)
    if not looks_like_html(html):
        raise SourceError("not HTML: the bytes are not a web page")
    return html
