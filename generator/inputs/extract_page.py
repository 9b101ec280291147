"""A web page's article and its facts: the main text (trafilatura), the
publication date (htmldate) and characters decoded wrongly repaired (ftfy).

Menus, share bars, related links, cookie banners and footers are left
behind; the article's paragraphs, subheadings, block quotes and list items
are kept in order, each one paragraph of the version text.  The words are
kept as the page has them, but for mojibake ("donâ€™t" for "don’t"), which
is repaired and reported: an import must never straighten a quote or change
a character the page really shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy
import htmldate
import trafilatura
from lxml import etree

from .archive import without_archive_toolbar

MIN_WORDS = 40
"""Fewer words than this is a teaser, a paywall or an empty shell, not an article
(a news brief runs to 50 words or more)."""

NO_ARTICLE_TEXT = "the page has no article text; is it behind a paywall or built by JavaScript?"

# Only the repairs of wrongly decoded text; everything else ftfy can do
# (straightening quotes, folding ligatures and wide characters, Unicode
# normalisation) would change what the article says or how it is written.
_MOJIBAKE_ONLY = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
    replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=True, fix_latin_ligatures=False,
    fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
    remove_control_chars=False, normalization=None, explain=True,
)

_BLOCKS = {"p", "head", "item", "quote", "code"}
"""trafilatura's elements that make one paragraph each, unless they hold others."""
_CONTAINERS = _BLOCKS | {"list", "table", "row"}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAVED_FROM = (
    re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.IGNORECASE),  # browsers' mark of the web
    re.compile(r"<!--\s*Page saved with SingleFile\s+url:\s*(https?://\S+)", re.IGNORECASE),
)
_SHOWN = 30
"""Characters of a repaired stretch shown in a note."""
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


class PageRefused(Exception):
    """Nothing can be imported from the page; the message says why, in words for one line."""


class NoArticleText(PageRefused):
    """The page holds no article text to import."""


@dataclass(frozen=True)
class ExtractedPage:
    """What an import keeps of a web page."""

    paragraphs: tuple[str, ...]
    """The article's paragraphs, in order, without the headline."""
    title: str | None = None
    """The headline."""
    site_name: str | None = None
    """The site's own name ("The Gullrock Gazette"), when the page gives one."""
    author: str | None = None
    """The byline's names."""
    published: str | None = None
    """Publication day, ``YYYY-MM-DD``, from the page's markup or its address."""
    language: str | None = None
    """The page's language tag (``en-GB``), as its markup declares it."""
    repairs: tuple[str, ...] = ()
    """Each paragraph or field repaired of mojibake, as its first repair
    ("'donâ€™t' became 'don’t'"); empty when there was none."""

    @property
    def words(self) -> int:
        """Words in the article text."""
        return sum(len(paragraph.split()) for paragraph in self.paragraphs)


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """The article of a page's HTML; ``url`` is the page's original address,
    when known.  :class:`NoArticleText` when there is none to speak of."""
    # Control characters show as nothing in a browser, and make lxml refuse the whole page.
    html = _CONTROL.sub("", without_archive_toolbar(html))
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
            include_links=False, include_formatting=False, deduplicate=False,
        )
        tree = trafilatura.load_html(html)
        published = _published(html, url)
    except (ValueError, TypeError, RecursionError, etree.LxmlError) as error:
        # A page no parser here can take apart; the other sources go on.
        raise PageRefused(f"the page could not be read as HTML ({type(error).__name__})") from None
    if document is None or document.body is None or tree is None:
        raise NoArticleText(NO_ARTICLE_TEXT)
    repairs: list[str] = []
    title = _repaired(_clean(document.title), repairs)
    paragraphs = [_repaired(text, repairs) for text in _paragraphs(document.body)]
    if paragraphs and title and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    page = ExtractedPage(
        paragraphs=tuple(p for p in paragraphs if p),
        title=title,
        site_name=_repaired(_site_name(document.sitename, document.hostname), repairs),
        author=_repaired(_clean(document.author), repairs),
        published=published,
        language=_language(tree),
        repairs=tuple(repairs),
    )
    if page.words < MIN_WORDS:
        raise NoArticleText(NO_ARTICLE_TEXT)
    return page


def _paragraphs(body: etree._Element) -> list[str]:
    """One paragraph per block, in order: a table row is one (its cells joined
    by ``|``), a quote with paragraphs of its own gives those."""
    for line_break in body.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")  # a <br> between words is a space
    found: list[str] = []

    def visit(element: etree._Element) -> None:
        children = [child for child in element if isinstance(child.tag, str)]
        if element.tag == "row":
            cells = (_clean("".join(cell.itertext())) for cell in children)
            found.append(" | ".join(cell for cell in cells if cell))
            return
        if element.tag in _BLOCKS and not any(child.tag in _CONTAINERS for child in element.iter()
                                              if child is not element):
            found.append(_clean("".join(element.itertext())) or "")
            return
        if element.tag in _BLOCKS:
            found.append(_clean(element.text) or "")
        for child in children:
            visit(child)
            if element.tag in _BLOCKS:
                found.append(_clean(child.tail) or "")

    for child in body:
        if isinstance(child.tag, str):
            visit(child)
    return [text for text in found if text]


def _clean(text: str | None) -> str | None:
    """Text as a browser shows it: the page's white space made single spaces,
    control characters (which it does not show) dropped."""
    if text is None:
        return None
    return _HTML_SPACE.sub(" ", _CONTROL.sub("", text)).strip() or None


def _repaired(text: str | None, repairs: list[str]) -> str | None:
    if not text:
        return text
    fixed, explanation = ftfy.fix_and_explain(text, config=_MOJIBAKE_ONLY)
    if explanation and fixed != text:
        repairs.append(_repair_words(text, fixed))
    return fixed


def _repair_words(before: str, after: str) -> str:
    """The first repaired stretch, whole words of it, as "X became Y"."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while end_before > start and end_after > start and before[end_before - 1] == after[end_after - 1]:
        end_before -= 1
        end_after -= 1
    while start > 0 and not before[start - 1].isspace():
        start -= 1
    while end_before < len(before) and not before[end_before].isspace():
        end_before += 1
        end_after += 1
    return f"{before[start:end_before][:_SHOWN]!r} became {after[start:end_after][:_SHOWN]!r}"


def _same_words(first: str, second: str) -> bool:
    return first.casefold().split() == second.casefold().split()


def _site_name(site_name: str | None, host: str | None) -> str | None:
    """The site's own name, not the host trafilatura falls back on."""
    name = _clean(site_name)
    if name is None or (host and name.lower() in (host.lower(), f"www.{host.lower()}")):
        return None
    return name


def _published(html: str, url: str | None) -> str | None:
    # Markup and address only: a search of the text would take "© 2024" for the date.
    found = htmldate.find_date(html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    return found or None


def _language(tree: etree._Element) -> str | None:
    # The HTML parser keeps xml:lang as it is written; an XML parser would give it a namespace.
    candidates = [tree.get("lang"), tree.get("xml:lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += tree.xpath("//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
                             "='content-language']/@content")
    candidates += tree.xpath("//meta[@property='og:locale']/@content")
    for candidate in candidates:
        tag = (candidate or "").strip()
        if _LANGUAGE_TAG.fullmatch(tag):
            return tag.replace("_", "-")
    return None


def address_in_page(html: str) -> str | None:
    """The page's own address as a saved page names it: where the browser saved
    it from, else its canonical link; None when it names none."""
    for pattern in _SAVED_FROM:
        match = pattern.search(html)
        if match:
            return match.group(1)
    try:
        tree = trafilatura.load_html(_CONTROL.sub("", html))
    except (ValueError, TypeError, RecursionError, etree.LxmlError):
        return None
    if tree is None:
        return None
    for address in tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"
                              " | //meta[@property='og:url']/@content"):
        address = address.strip()
        if address.lower().startswith(("http://", "https://")):
            return address
    return None
