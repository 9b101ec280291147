"""Clean stage: article text out of a page scrape, furniture set aside and shown.

Display text is kept exactly as written (paragraph by paragraph); only whole
lines of page furniture are removed, each with the reason a reader is shown.
What a line is on its own is ``furniture``'s concern; this module reads where
it stands: a list of headlines after an "Also read" label, the lines after the
article's last paragraph, the headline at the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from generator.model import RemovedLine, SeedFile, Version

from .furniture import has_bullet, is_headline_like, is_sentence, line_reason, list_label, reports_speech, topic_label
from .normalize import key

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’')\]]\s*$")
_MARKDOWN = MarkdownIt("commonmark", {"html": False})

_LINK = "related-article link"
"""The reason for each headline in a list of links to other articles."""
_LONGEST_LIST = 15
"""Lists of links are short; past this many lines the page is something else."""
_BOTTOM_LIST = 3
"""Unlabelled headline-like lines after the article's last paragraph are a list
of links only from this many on (a crosshead and a cut-off line are two)."""


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or list item of the source, before furniture is removed."""

    text: str
    """Display text of the block."""
    heading: bool = False
    """True for a Markdown heading."""
    bullet: bool = False
    """True for a list item: a Markdown list item, or a plain-text line opening with a bullet or a number."""
    group: int = 0
    """Blocks that stood together share it: the lines of one blank-line paragraph
    of plain text, the items of one Markdown list."""


def _looks_wrapped(lines: list[str]) -> bool:
    """True when the lines of a block are one hard-wrapped paragraph."""
    if len(lines) < 2:
        return False
    # A hard wrap leaves every line but the last near the wrap width.
    body = lines[:-1]
    unfinished = sum(1 for line in body if not _SENTENCE_END.search(line))
    if any(has_bullet(line) for line in lines[1:]) or all(line_reason(line) for line in lines):
        return False
    # Wrapping three lines or more breaks some line before a lowercase word; a
    # stack of lines that all open with a capital is a list of headlines.
    if len(lines) >= 3 and all(line[:1].isupper() for line in lines[1:]) \
            and not any(line.rstrip().endswith(",") for line in lines):
        return False
    return 40 <= min(map(len, body)) and max(map(len, lines)) <= 100 and unfinished >= len(body) / 2


def text_blocks(body: str) -> list[Block]:
    """Blocks of a plain-text article: blank-line paragraphs, lines of a block
    kept apart unless they are one hard-wrapped paragraph."""
    blocks: list[Block] = []
    for group, chunk in enumerate(re.split(r"\n\s*\n", body)):
        lines = [" ".join(line.split()) for line in chunk.split("\n") if line.strip()]
        if _looks_wrapped(lines):
            blocks.append(Block(" ".join(lines), group=group))
        else:
            blocks.extend(Block(line, bullet=has_bullet(line), group=group) for line in lines)
    return blocks


def markdown_blocks(body: str) -> list[Block]:
    """Blocks of a Markdown article: paragraphs, headings, list items, quotes;
    raw HTML is left as text, link targets dropped, link text kept."""
    blocks: list[Block] = []
    tokens = _MARKDOWN.parse(body)
    lists = items = group = 0
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if lists == 0:
                group += 1
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "list_item_open":
            items += 1
        elif token.type == "list_item_close":
            items -= 1
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline", "html_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        text = " ".join("".join(parts).split())
        if not text:
            continue
        if lists == 0:
            group += 1
        blocks.append(Block(text, heading=tokens[index - 1].type == "heading_open", bullet=items > 0, group=group))
    return blocks


def _is_title_like(text: str) -> bool:
    return len(text.split()) <= 20 and not _SENTENCE_END.search(text)


def _find_headline(blocks: list[Block], reasons: list[str | None], title: str | None) -> int | None:
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
        in_breadcrumb = any(reasons[i] and key(b.text).endswith(wanted) for i, b in enumerate(top[:index]))
        if repeated or in_breadcrumb:
            return index
    return None


def _masthead(text: str) -> bool:
    """A site's or a section's name over the headline ("The Gullrock Gazette",
    "World News"): a few words, each capitalised."""
    words = text.split()
    return len(words) <= 4 and all(w[:1].isupper() or w in ("&", "of", "and", "the") for w in words)


def _first_line_headline(blocks: list[Block], reasons: list[str | None], body: list[bool]) -> int | None:
    """Index of the headline when a file has no title: its first line, when that
    line is written as a headline (no sentence-final stop, not a byline or other
    furniture) and the article follows it. A name over it (the site's, a
    section's) is passed over."""
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    if not any(body):
        return None
    for position, index in enumerate(kept[:4]):
        block = blocks[index]
        if body[index] or block.bullet:
            return None
        later = kept[position + 1:]
        if not is_headline_like(block.text) or not later:
            return None
        if len(block.text.split()) < 3:
            continue
        following = blocks[later[0]]
        if _masthead(block.text) and not body[later[0]] and not following.bullet \
                and is_headline_like(following.text) and len(following.text.split()) >= 3:
            continue
        return index
    return None


def _headline_text(line: str) -> str:
    """A headline line without the marks a plain-text copy wraps it in ("# ",
    "**...**", "Title: ")."""
    text = re.sub(r"^#{1,6}\s+", "", line.strip())
    text = re.sub(r"^(?:\*\*|__)(.+)(?:\*\*|__)$", r"\1", text).strip()
    return re.sub(r"^(?:title|headline)\s*:\s*", "", text, flags=re.IGNORECASE) or line


def _link_lists(blocks: list[Block], reasons: list[str | None], body: list[bool], protected: set[int]) -> None:
    """Mark the lines listed under a label of links ("More on this story",
    "Topics") with the label's item reason, in place."""
    index = 0
    while index < len(blocks):
        topics = reasons[index] == "topic tags" and topic_label(blocks[index].text)
        if not (list_label(reasons[index]) or topics):
            index += 1
            continue
        label, run, bulleted = index, [], None
        index += 1
        while index < len(blocks) and len(run) < _LONGEST_LIST:
            block = blocks[index]
            if reasons[index] is not None:
                if list_label(reasons[index]) or reasons[index] == "topic tags":
                    break
                index += 1  # a credit or a timestamp inside the box
                continue
            # A bulleted headline that asks a question reads as a sentence, and is still a link.
            if block.heading or index in protected or (body[index] and not (block.bullet
                                                                            and is_headline_like(block.text, 25))):
                break
            if bulleted is None:
                bulleted = block.bullet
            if block.bullet != bulleted:
                break
            fits = len(block.text.split()) <= 5 and not block.text.rstrip().endswith(".") if topics \
                else is_headline_like(block.text, 25)
            if not fits:
                break
            run.append(index)
            index += 1
        # Items that stood with the label, then one line alone before the
        # article goes on: that line is the article's crosshead.
        if len(run) >= 2 and index < len(blocks) and body[index] \
                and blocks[run[-1]].group != blocks[run[-2]].group == blocks[label].group:
            run.pop()
        for item in run:
            reasons[item] = "topic tags" if topics else _LINK


_USERNAME = r"(?=[\w.-]*(?:_|\d|[a-z][A-Z]))[A-Za-z][\w.-]{2,29}"
"""A commenter's handle: one word with an underscore, a digit or a capital inside ("JanetW",
"Ron_Midshire", "BlueScarf_1971"), which no sentence of an article opens with."""
_COMMENT_HEADER = re.compile(rf"^{_USERNAME}\s*(?:[·•|-]\s*(?:\d+\s*[smhdw]\b|\d+\s*\w+ ago|just now|yesterday)"
                             r"[^.!?]{0,20})?$")
_COMMENT_LINE = re.compile(rf"^{_USERNAME}\s*:\s+\S")


def _comment_threads(blocks: list[Block], reasons: list[str | None]) -> None:
    """Mark the readers' comments under a comment-count label ("Comments (4)", "41 comments"), in
    place: lines opening with a commenter's handle ("JanetW: ..."), or a handle with the time it
    was posted and the comment under it."""
    index = 0
    while index < len(blocks):
        if reasons[index] != "comment box":
            index += 1
            continue
        index += 1
        while index < len(blocks):
            text = blocks[index].text.strip()
            if _COMMENT_LINE.match(text):
                reasons[index] = _COMMENT
            elif _COMMENT_HEADER.match(text):
                reasons[index] = _COMMENT
                if index + 1 < len(blocks) and reasons[index + 1] is None and not blocks[index + 1].heading \
                        and not _COMMENT_HEADER.match(blocks[index + 1].text.strip()):
                    index += 1
                    reasons[index] = _COMMENT
            elif reasons[index] is None:
                break
            index += 1


_COMMENT = "reader comment"


def _bottom_lists(blocks: list[Block], reasons: list[str | None], body: list[bool], protected: set[int]) -> None:
    """Mark the unlabelled lists of headlines after the article's last paragraph, in place."""
    last = max((i for i, is_body in enumerate(body) if is_body), default=None)
    if last is None:
        return
    tail = [i for i in range(last + 1, len(blocks)) if reasons[i] is None and i not in protected]
    if not tail or blocks[last].text.rstrip().endswith(":"):
        return
    # Bullets under a line that is not one are a list that line introduces
    # ("What happens next"): the article's, not the site's.
    bullets = [blocks[i].bullet for i in tail]
    if all(bullets) and len(tail) >= 2 or not any(bullets) and len(tail) >= _BOTTOM_LIST:
        if all(is_headline_like(blocks[i].text) and not blocks[i].heading for i in tail):
            for i in tail:
                reasons[i] = _LINK


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(©]|\d[\d,.]*\s+[a-z])")


_TO_THE_READER = re.compile(r"\b(?:you|your|us|our)\b|^(?:like this|follow|ok|okay|thanks|thank you)\b",
                            re.IGNORECASE)


def _furniture_block(text: str) -> str | None:
    """A short block of furniture sentences ("Wyre Post, part of Midshire Media. Registered in
    England No. 12345."; "Like this post? Join 4,000 readers who get it in their inbox."): at least
    one sentence is furniture and the others are too, or are a few words spoken to the reader."""
    parts = _SENTENCE_SPLIT.split(text.strip())
    if not 2 <= len(parts) <= 4 or len(text.split()) > 70 or reports_speech(text):
        return None
    reasons = [line_reason(part) for part in parts]
    found = [reason for reason in reasons if reason]
    if not found:
        return None
    if all(reason or (len(part.split()) <= 8 and _TO_THE_READER.search(part))
           for part, reason in zip(parts, reasons, strict=True)):
        return found[0]
    return None


def clean(seed: SeedFile) -> Version:
    """The cleaned version of one seed file."""
    text = _CONTROL.sub("", seed.body)
    blocks = markdown_blocks(text) if seed.markdown else text_blocks(text)
    reasons = [line_reason(b.text) or _furniture_block(b.text) for b in blocks]
    body = [r is None and not b.heading and is_sentence(b.text) for b, r in zip(blocks, reasons, strict=True)]
    first = next((i for i, is_body in enumerate(body) if is_body), len(blocks))
    last = max((i for i, is_body in enumerate(body) if is_body), default=-1)
    for index, block in enumerate(blocks):
        if reasons[index] is None and not first <= index <= last:
            reasons[index] = line_reason(block.text, top_or_bottom=True)

    headline_index = _find_headline(blocks, reasons, seed.meta.title)
    headline = seed.meta.title or (blocks[headline_index].text if headline_index is not None else None)
    headline_key = key(headline) if headline else None
    repeats = {i for i, b in enumerate(blocks) if headline_key and key(b.text) == headline_key}
    _link_lists(blocks, reasons, body, repeats)
    _bottom_lists(blocks, reasons, body, repeats)
    _comment_threads(blocks, reasons)
    if headline is None:
        headline_index = _first_line_headline(blocks, reasons, body)
        if headline_index is not None:
            headline = _headline_text(blocks[headline_index].text)
            headline_key = key(headline)
            repeats = {headline_index} | {i for i, b in enumerate(blocks)
                                          if key(_headline_text(b.text)) == headline_key}

    kept: list[str] = []
    removed: list[RemovedLine] = []
    for index, block in enumerate(blocks):
        reason = reasons[index]
        if index in repeats and (reason is None or reason == _LINK):
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
