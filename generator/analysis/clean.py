"""Clean stage: article text out of a page scrape, furniture set aside and shown.

Display text is kept exactly as written (paragraph by paragraph); only whole
lines of page furniture are removed, each with the reason a reader is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from generator.model import RemovedLine, SeedFile, Version

from .normalize import key

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’')\]]\s*$")

# Lines that are furniture whatever their position; first match gives the reason.
_FURNITURE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (r"^\W*(←\s*)?back to (all )?(articles|stories|news|home)\W*$", "site navigation"),
        (r"^(home|news)\s*[»›>|/]\s*.+", "breadcrumb navigation"),
        (r"^(read original|related products|more articles|related articles|read more|see also)"
         r"(\s+(read original|related products|more articles|related articles|read more|see also))*$",
         "aggregator links"),
        (r"\bshare\s+save\b", "timestamp, sharing buttons and byline"),
        (r"^(share|save|tweet|email|print|copy link|share this( article| story)?)(\s+(share|save|tweet|email|print))*$",
         "sharing buttons"),
        (r"^\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago$", "timestamp"),
        (r"^(by\s+)?[A-Z][\w'-]+(\s+[A-Z][\w'-]+){1,2}\s*,?\s+([A-Z]?[a-z]+\s+)?(reporter|correspondent|editor)$",
         "byline"),
        (r"^(image|photo|picture)?\s*(source|credit)?[,:]?\s*(reuters|getty images|afp|ap|pa media|pa|epa|"
         r"shutterstock|bloomberg|alamy|eyevine|bbc)(\s*/\s*[\w ]+)?$", "photo credit"),
        (r"^(image|photo) (caption|source)\b.*", "photo caption"),
        (r"^(leave a (comment|reply)|comments?|post a comment|\d+ comments?)$", "comment box"),
        (r"^this site uses akismet to reduce spam\b.*", "comment box"),
        (r"^you may also like$|^(recommended|related|popular|trending)( stories| articles| posts)?$",
         "links to other articles"),
        (r"^ad\s*block(er)? detected$|disabling your ad\s*blocker|^advertisement$", "ad-blocker notice"),
        (r"^(subscribe|sign up)( now| to our newsletter| for our newsletter)?\W*$", "newsletter prompt"),
    )
)
_BYLINE = re.compile(r"(?P<name>[A-Z][\w'-]+ [A-Z][\w'-]+)\s+(?P<role>(?:[A-Z][a-z]+ )?"
                     r"(?:reporter|correspondent|editor|writer))\b")
_MARKDOWN = MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class Block:
    """A paragraph or heading of the source, before furniture is removed."""

    text: str
    """Display text of the block."""
    heading: bool = False
    """True for a Markdown heading."""


def _looks_wrapped(lines: list[str]) -> bool:
    """True when the lines of a block are one hard-wrapped paragraph."""
    if len(lines) < 2:
        return False
    # A hard wrap leaves every line but the last near the wrap width.
    body = lines[:-1]
    unfinished = sum(1 for line in body if not _SENTENCE_END.search(line))
    return 40 <= min(map(len, body)) and max(map(len, lines)) <= 100 and unfinished >= len(body) / 2


def text_blocks(body: str) -> list[Block]:
    """Blocks of a plain-text article: blank-line paragraphs, lines of a block
    kept apart unless they are one hard-wrapped paragraph."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", body):
        lines = [" ".join(line.split()) for line in chunk.split("\n") if line.strip()]
        if _looks_wrapped(lines):
            blocks.append(Block(" ".join(lines)))
        else:
            blocks.extend(Block(line) for line in lines)
    return blocks


def markdown_blocks(body: str) -> list[Block]:
    """Blocks of a Markdown article: paragraphs, headings, list items, quotes;
    raw HTML is left as text, link targets dropped, link text kept."""
    blocks: list[Block] = []
    tokens = _MARKDOWN.parse(body)
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline", "html_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        text = " ".join("".join(parts).split())
        if text:
            blocks.append(Block(text, heading=tokens[index - 1].type == "heading_open"))
    return blocks


def _furniture_reason(text: str) -> str | None:
    for pattern, reason in _FURNITURE:
        if pattern.search(text):
            byline = _BYLINE.search(text) if reason.endswith("byline") else None
            if byline:
                return f"{reason} ({byline['name']}, {byline['role']})"
            return reason
    return None


def _is_title_like(text: str) -> bool:
    return len(text.split()) <= 20 and not _SENTENCE_END.search(text)


def _find_headline(blocks: list[Block], title: str | None) -> int | None:
    """Index of the headline block: the front-matter title, else a title-like
    line near the top that the page repeats."""
    if title:
        wanted = key(title)
        return next((i for i, b in enumerate(blocks) if key(b.text) == wanted), None)
    top = blocks[:12]
    for index, block in enumerate(top):
        if not _is_title_like(block.text):
            continue
        wanted = key(block.text)
        repeated = any(key(b.text) == wanted for b in top[index + 1:])
        # A breadcrumb trail often ends with the headline it leads to.
        in_breadcrumb = any(_furniture_reason(b.text) and key(b.text).endswith(wanted) for b in top[:index])
        if repeated or in_breadcrumb:
            return index
    return None


def clean(seed: SeedFile) -> Version:
    """The cleaned version of one seed file."""
    body = _CONTROL.sub("", seed.body)
    blocks = markdown_blocks(body) if seed.markdown else text_blocks(body)
    headline_index = _find_headline(blocks, seed.meta.title)
    headline = seed.meta.title or (blocks[headline_index].text if headline_index is not None else None)
    headline_key = key(headline) if headline else None
    kept: list[str] = []
    removed: list[RemovedLine] = []
    for index, block in enumerate(blocks):
        reason = _furniture_reason(block.text)
        if reason is None and headline_key and key(block.text) == headline_key:
            reason = "headline" if index == headline_index else "headline repeated"
        if reason is None and headline_index is not None and index < headline_index and _is_title_like(block.text):
            reason = "site navigation before the headline"
        if reason:
            removed.append(RemovedLine(block.text, reason))
        else:
            kept.append(block.text)
    return Version(
        id=seed.version_id,
        path=seed.path,
        folder=seed.folder,
        meta=seed.meta,
        text="\n\n".join(kept),
        headline=headline,
        removed=tuple(removed),
    )
