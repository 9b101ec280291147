"""A web page's bytes as text: its character encoding found as browsers find it.

In the order of the HTML standard: a byte-order mark, then the encoding the
server declared, then a ``<meta charset>`` near the top of the page, then
UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what browsers assume
for an undeclared page, and what "ISO-8859-1" means on the web).
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_PRESCAN_BYTES = 4096
_LATIN_1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"}
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|title|meta)[\s>/]", re.IGNORECASE)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """The text of a page's bytes; ``declared`` is the charset the server named, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    for candidate in (declared, _meta_charset(data)):
        encoding = _codec(candidate)
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            break  # declared wrongly: guess from the bytes, as below
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def _codec(label: str | None) -> str | None:
    """Python's codec for an encoding label, or None when it names none that fits."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _LATIN_1_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page that says it is UTF-16 without a byte-order mark is not (the standard reads it as UTF-8).
    return "utf-8" if name.startswith("utf-16") else name


def looks_like_html(text: str) -> bool:
    """True when the start of a text is the start of an HTML page."""
    return bool(_HTML_START.search(text[:_PRESCAN_BYTES]))
