"""Small pieces shared by the drawings the story page carries inline (the provenance map, the
findings chart): escaped text, shortened labels, and the opening of an accessible ``<svg>``.

The drawings are written into the Markdown as raw HTML, so whatever corpus text they hold
goes through :func:`markdown_text` like everywhere else: numeric character references are
read as the characters themselves in HTML, SVG text and attribute values alike, and leave
nothing for Markdown or its extensions to act on.  Coordinates are whole numbers, so the
same story always gives the same bytes.
"""

from __future__ import annotations

from .escape import clean_text, markdown_text

SVG_NAMESPACE = "http://www.w3.org/2000/svg"

SMALLEST = 560
"""Narrowest a drawing is shown (when its own width is larger): on a phone it scrolls inside its
frame rather than shrinking its words past reading."""


def shorten(text: str, limit: int) -> str:
    """``text`` (plain, unescaped) cut to ``limit`` characters with an ellipsis when longer."""
    cleaned = clean_text(text).strip()
    return cleaned if len(cleaned) <= limit else cleaned[: max(1, limit - 1)].rstrip() + "…"


def svg_open(css_class: str, width: int, height: int, title_id: str, title: str, desc: str) -> str:
    """The opening ``<svg>`` tag of a drawing with a name (``<title>``) and a description
    (``<desc>``) that assistive technology reads; ``title`` and ``desc`` are plain text."""
    return (f'<svg class="{css_class}" xmlns="{SVG_NAMESPACE}" role="img" '
            f'aria-labelledby="{title_id}-title" aria-describedby="{title_id}-desc" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" style="min-width: {min(width, SMALLEST)}px" '
            'preserveAspectRatio="xMinYMin meet">'
            f'<title id="{title_id}-title">{markdown_text(title)}</title>'
            f'<desc id="{title_id}-desc">{markdown_text(desc)}</desc>')


def frame(css_class: str, label: str) -> str:
    """The opening tag of the frame a drawing scrolls in on a narrow screen: it takes the
    keyboard focus, so the scrolling works without a mouse too; ``label`` is plain text."""
    return f'<div class="{css_class}" tabindex="0" role="group" aria-label="{markdown_text(label)}">'


def text_element(x: int, y: int, text: str, css_class: str, *, anchor: str = "start") -> str:
    """An SVG ``<text>`` of plain ``text``, escaped."""
    anchor_attribute = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{x}" y="{y}" class="{css_class}"{anchor_attribute}>{markdown_text(text)}</text>'


def tooltip(text: str) -> str:
    """An SVG ``<title>`` child: the tooltip of the shape it is in (plain ``text``, escaped)."""
    return f"<title>{markdown_text(text)}</title>"
