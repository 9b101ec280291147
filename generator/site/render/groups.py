"""Reading quote groups the way the pages present them (plain text, unescaped)."""

from __future__ import annotations

from generator.model import Quote, QuoteGroup, Story

from .escape import clean_text

EXCERPT_WORDS = 8
"""Words of a quote shown where the whole quote would not fit."""


def group_quote(group: QuoteGroup) -> Quote | None:
    """The quote that stands for the group: the trusted one, else the first
    version's that has it."""
    if group.trusted is not None:
        return group.trusted
    return next((r.quote for r in group.renderings if r.quote is not None), None)


def group_speaker(group: QuoteGroup) -> str:
    """Who the group's words are attributed to, in words."""
    speaker = clean_text(group.speaker or "").strip()
    return speaker or "Unattributed"


def group_excerpt(group: QuoteGroup, words: int = EXCERPT_WORDS) -> str:
    """The first words of the group's quote, with an ellipsis when cut."""
    quote = group_quote(group)
    all_words = clean_text(quote.text).split() if quote else []
    if not all_words:
        return "(no words)"
    excerpt = " ".join(all_words[:words])
    return f"{excerpt}…" if len(all_words) > words else excerpt


def group_label(group: QuoteGroup) -> str:
    """``Speaker: “first words…”``."""
    return f"{group_speaker(group)}: “{group_excerpt(group)}”"


def quote_groups_by_quote_id(story: Story) -> dict[str, str]:
    """Quote id -> id of the group it belongs to, for linking quotes to cards."""
    found: dict[str, str] = {}
    for group in story.groups:
        quotes = [rendering.quote for rendering in group.renderings] + [group.trusted]
        for quote in quotes:
            if quote is not None:
                found.setdefault(quote.id, group.id)
    return found
