"""Reading built HTML in tests: visible text, tags, attributes, links."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageParts:
    """What the tests look at in one built page."""

    text: list[str] = field(default_factory=list)
    """Visible text pieces (outside script and style), entities decoded."""
    body: list[str] = field(default_factory=list)
    """Visible text pieces of the page content: inside ``<article>``, outside
    its ``<h1>`` (which the theme fills from the page title)."""
    title: str = ""
    """Text of the ``<title>`` element."""
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """Every start tag with its attributes, in document order."""
    scripts: list[str] = field(default_factory=list)
    """One signature per ``<script>`` element: its attributes, src reduced to a file name."""
    ids: set[str] = field(default_factory=set)
    """Every id attribute (anchors)."""

    @property
    def visible(self) -> str:
        """Visible text with whitespace collapsed."""
        return " ".join("".join(self.text).split())

    @property
    def content(self) -> str:
        """Visible text of the page content with whitespace collapsed."""
        return " ".join("".join(self.body).split())


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts = PageParts()
        self._skip_depth = 0
        self._in_title = False
        self._article_depth = 0
        self._h1_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.parts.tags.append((tag, attributes))
        if "id" in attributes:
            self.parts.ids.add(attributes["id"])
        if tag == "script":
            src = posixpath.basename(attributes.get("src", ""))
            signature = sorted({**attributes, "src": src}.items())
            self.parts.scripts.append(repr(signature))
        if tag in ("script", "style"):
            self._skip_depth += 1
        if tag == "title":
            self._in_title = True
        if tag == "article":
            self._article_depth += 1
        if tag == "h1":
            self._h1_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag == "h1" and self._h1_depth:
            self._h1_depth -= 1
        if tag in ("script", "style") and self._skip_depth:
            self._skip_depth -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.parts.title += data
        elif not self._skip_depth:
            self.parts.text.append(data)
            if self._article_depth and not self._h1_depth:
                self.parts.body.append(data)


def parse_page(path: Path) -> PageParts:
    """Parse one built HTML file."""
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.parts


def normalise(text: str) -> str:
    """Whitespace collapsed, as the visible text is."""
    return " ".join(text.split())


_DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


def dangerous_attributes(parts: PageParts) -> list[str]:
    """Event-handler attributes and script URLs found in a page."""
    problems = []
    for tag, attributes in parts.tags:
        for name, value in attributes.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and _DANGEROUS_URL.match(value):
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


def resolve_link(site_dir: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link of a built page points at, or
    None for external links."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE) or href.startswith("//"):
        return None
    target, _, fragment = href.partition("#")
    if not target:
        return page, fragment
    resolved = (page.parent / target).resolve()
    if target.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    if not resolved.is_relative_to(site_dir.resolve()):
        raise AssertionError(f"{page}: link {href!r} leaves the site")
    return resolved, fragment
