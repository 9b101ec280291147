"""Turning untrusted corpus text into inert Markdown, and making URL-safe slugs.

Everything a Corpus holds (article text, headlines, outlets, speakers, ids,
paths, explanations) comes from files anyone can contribute, so it is treated
as hostile.  Python-Markdown passes raw HTML through, ``pymdownx.critic`` and
``pymdownx.snippets`` fire before any inline parsing (even inside code spans),
and the theme writes page titles into ``<title>`` unescaped.  Backslash
escapes therefore do not hold; what does hold (see the toolchain notes) is:

* every character that HTML, Markdown or one of the enabled extensions gives a
  meaning to is written as a numeric character reference (``&#NN;``), which
  Python-Markdown passes through untouched and the browser shows literally;
* whitespace is collapsed, so untrusted text can never start a new line (no
  block syntax, no front-matter fence, no snippet line);
* control characters and bidirectional overrides are dropped.

Rules the renderers follow on top of this module:

* untrusted text is never put in a heading (the table of contents re-renders
  heading text) nor in a URL: links point at :func:`slugify` results only;
* front matter is written only by :func:`front_matter`.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

MARKDOWN_SIGNIFICANT = frozenset("\\`*_{}[]()#+-.!|~=<>:^&\"'/?$@")
"""Characters written as numeric references in Markdown output.

HTML: ``< > & " '``.  Markdown and Python-Markdown: ``\\ ` * _ { } [ ] ( ) #
+ - . ! | < >`` (emphasis, links, images, headings, lists, tables, block
quotes, setext underlines ``=``/``-``, raw HTML, ``:`` for definition lists
and abbreviations).  Enabled or likely extensions: ``{-- ++ ~~ >> <<}``
CriticMarkup, ``--8<--`` snippets, ``==mark==``, ``^^insert^^``/``^sup^``,
``~~del~~``/``~sub~``, ``{: attr_list }``, ``:emoji:`` shortcodes, ``???``
details, ``///`` blocks, ``$math$``, ``@mention`` links.
"""

_ESCAPE_TABLE = {ord(char): f"&#{ord(char)};" for char in MARKDOWN_SIGNIFICANT}

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Explicit direction marks, embeddings, overrides and isolates: they can
reorder the page text around them, so they are dropped.  Right-to-left
scripts still display correctly through the browser's bidi algorithm."""

_WHITESPACE_RUN = re.compile(r"\s+")

SLUG_MAX_LENGTH = 60
"""Longest slug made from an id, before a collision suffix."""


def clean_text(text: str) -> str:
    """Return ``text`` with control characters, bidi overrides and lone
    surrogates dropped and whitespace runs collapsed to one space (not stripped)."""
    return _WHITESPACE_RUN.sub(" ", _UNDISPLAYABLE.sub("", text))


def _is_displayable(char: str) -> bool:
    if char.isspace():
        return True
    if char in _BIDI_CONTROLS:
        return False
    # Cc = C0/C1 controls and DEL; Cs = lone surrogates (cannot be encoded).
    return unicodedata.category(char) not in ("Cc", "Cs")


# Every character _is_displayable refuses lies in the Cc and Cs ranges or is a
# bidi control, so one character class finds them: a regex pass instead of a
# Python call per character (the hottest spot of rendering).
_UNDISPLAYABLE = re.compile("[" + "".join(
    f"\\U{ord(char):08x}" for char in sorted(
        {chr(code) for code in (*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0xD800, 0xE000))}
        | set(_BIDI_CONTROLS))
    if not _is_displayable(char)) + "]")


def markdown_text(text: str, *, strip: bool = True) -> str:
    """Return untrusted ``text`` as inert inline Markdown that displays literally.

    ``strip=False`` keeps one space at either end, for pieces of text that are
    joined to their neighbours (the highlighted quotes of a version page).
    """
    cleaned = clean_text(text)
    if strip:
        cleaned = cleaned.strip()
    return cleaned.translate(_ESCAPE_TABLE)


def id_text(identifier: str) -> str:
    """An untrusted id (file or folder name) as link text: escaped, never empty."""
    return markdown_text(identifier) or "(no name)"


def table_cell(text: str) -> str:
    """Return untrusted ``text`` for a Markdown table cell; never empty, so a
    row keeps its columns."""
    return markdown_text(text) or "&#160;"


_PLAIN_TITLE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.]?[A-Za-z0-9]+)*(?: [A-Za-z][A-Za-z0-9]*(?:[-.]?[A-Za-z0-9]+)*)*\Z")
"""A title of ASCII words that YAML writes as it is (a plain scalar)."""

_YAML_WORDS = frozenset(
    f"{word}" for base in ("yes", "no", "true", "false", "on", "off", "null")
    for word in (base, base.capitalize(), base.upper())
)
"""Words YAML 1.1 reads as something else than text: it quotes them."""


def front_matter(title: str, *, structured: Mapping[str, Any] | None = None, **fields: Any) -> str:
    """Return a YAML front-matter block with ``title`` and ``fields``.

    The theme inserts front-matter titles into the page unescaped, so every
    string value is cleaned and HTML-escaped before YAML quoting.  ``structured``
    holds structured values that only a template's ``tojson`` filter reads
    (which escapes them for a script element): their strings are cleaned of
    control characters but not HTML-escaped, so they keep their meaning.
    """
    if not fields and not structured:
        plain = _front_matter_value(title)
        if _PLAIN_TITLE.match(plain) and plain not in _YAML_WORDS:
            # What yaml.safe_dump writes for such a title (a test holds it to that), without its
            # cost: a site has a page per person, thousands of them.
            return f"---\ntitle: {plain}\n---\n"
    data: dict[str, Any] = {"title": _front_matter_value(title)}
    for name in sorted(fields):
        data[name] = _front_matter_value(fields[name])
    for name in sorted(structured or {}):
        data[name] = _structured_value((structured or {})[name])
    body = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10**9
    )
    return f"---\n{body}---\n"


def _structured_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value).strip()
    if isinstance(value, Mapping):
        return {str(key): _structured_value(value[key]) for key in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [_structured_value(item) for item in value]
    return value


def _front_matter_value(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(clean_text(value).strip(), quote=True)
    if isinstance(value, Mapping):
        return {str(key): _front_matter_value(value[key]) for key in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [_front_matter_value(item) for item in value]
    return value


def slugify(text: str, fallback: str = "item") -> str:
    """Return a URL path segment made of ``[a-z0-9-]`` only.

    Text with no ASCII letters or digits (an id in another script) becomes
    ``<fallback>-<8 hex digits of its hash>``, stable across runs.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    slug = slug[:SLUG_MAX_LENGTH].strip("-")
    if slug:
        return slug
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slugify(fallback)}-{digest}"


def unique_slugs(
    ids: Iterable[str], *, fallback: str = "item", reserved: Iterable[str] = ()
) -> dict[str, str]:
    """Map each id to a distinct slug, avoiding ``reserved`` slugs.

    Ids are taken in sorted order and a clash gets ``-2``, ``-3``... so the
    mapping depends only on the set of ids, never on their order.
    """
    taken = set(reserved)
    mapping: dict[str, str] = {}
    for item in sorted(set(ids)):
        base = slugify(item, fallback)
        slug, counter = base, 1
        while slug in taken:
            counter += 1
            slug = f"{base}-{counter}"
        taken.add(slug)
        mapping[item] = slug
    return mapping
