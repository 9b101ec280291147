"""Align stage: line every quote up with its renderings in every version.

Quote groups are seeded by the trusted versions' quotes (references in
priority order); every other quote joins the group whose trusted rendering it
matches best, judged against the best-matching trusted rendering of that
group.  Quotes no trusted version has form groups of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Quote, QuoteGroup, Rendering, Speaker

from .compare import Comparison, compare, display_differs
from .group import StoryPlan
from .normalize import key
from .speakers import KNOWN_PARENTS, compatible, is_named


@dataclass
class _Group:
    trusted: list[tuple[str, Quote]]
    """(reference version id, quote) in priority order."""
    members: list[tuple[Quote, Comparison | None, str | None]] = field(default_factory=list)
    """(quote, comparison with its trusted rendering, that rendering's version)."""


def speakers_agree(first: Speaker | None, second: Speaker | None) -> bool:
    """False only when both versions name a speaker and they are different people."""
    if first is None or second is None or not is_named(first) or not is_named(second):
        return True
    return compatible(first, second, KNOWN_PARENTS)


def _best(group: _Group, quote: Quote) -> tuple[Comparison, str] | None:
    best = None
    for reference, trusted in group.trusted:
        comparison = compare(trusted, quote)
        if comparison and (best is None or comparison.score > best[0].score):
            best = (comparison, reference)
    return best


def _slug(speaker: str | None, text: str, taken: set[str]) -> str:
    name = re.findall(r"[a-z0-9]+", (speaker or "unattributed").lower())[:3]
    words = re.findall(r"[a-z0-9]+", text.lower())[:5]  # as written, not spelling-folded
    base = "-".join(name + words)[:60].strip("-") or "quote"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def align(plan: StoryPlan) -> tuple[QuoteGroup, ...]:
    """The quote groups of a story."""
    references = set(plan.references)
    groups: list[_Group] = []
    for prepared in plan.versions:
        if prepared.version.id not in references:
            continue
        for quote in prepared.quotes:
            # A quote of a later reference joins an earlier reference's group as another
            # trusted rendering; two quotes of one reference are always two groups.
            open_groups = [g for g in groups if all(v != prepared.version.id for v, _ in g.trusted)]
            matches = [(g, _best(g, quote)) for g in open_groups]
            matches = [(g, m) for g, m in matches if m and m[0].status in ("verbatim", "cosmetic", "partial")]
            if matches:
                # A later reference's rendering of an earlier reference's quote is another trusted rendering.
                matches[0][0].trusted.append((prepared.version.id, quote))
            else:
                groups.append(_Group([(prepared.version.id, quote)]))
    unsupported: list[_Group] = []
    for prepared in plan.versions:
        if prepared.version.id in references:
            continue
        for quote in prepared.quotes:
            candidates = []
            quote_key = key(quote.text)
            for order, group in enumerate(groups):
                found = _best(group, quote)
                if found:
                    agree = speakers_agree(group.trusted[0][1].speaker, quote.speaker)
                    # The same words, then the same display text, win before a higher score:
                    # an identical copy must line up one to one with its original.
                    same_words = any(key(t.text) == quote_key for _, t in group.trusted)
                    same_text = any(t.text == quote.text for _, t in group.trusted)
                    candidates.append((same_words, same_text, found[0].score, agree, -order, group, found))
            if candidates:
                *_, group, (comparison, reference) = max(candidates, key=lambda c: c[:5])
                group.members.append((quote, comparison, reference))
                continue
            # No trusted rendering: group with other versions' renderings of the same words.
            for group in unsupported:
                if compare(group.members[0][0], quote):
                    group.members.append((quote, None, None))
                    break
            else:
                unsupported.append(_Group([], [(quote, None, None)]))
    taken: set[str] = set()
    return tuple(_finish(plan, group, taken) for group in groups + unsupported)


def _finish(plan: StoryPlan, group: _Group, taken: set[str]) -> QuoteGroup:
    trusted = group.trusted[0][1] if group.trusted else None
    first = trusted or group.members[0][0]
    speaker = first.speaker.canonical if first.speaker else next(
        (q.speaker.canonical for q, _, _ in group.members if q.speaker), None)
    renderings: list[Rendering] = []
    trusted_by_version = {version: quote for version, quote in group.trusted}
    for prepared in plan.versions:
        version = prepared.version.id
        if version in trusted_by_version:
            renderings.append(Rendering(version, "reference", trusted_by_version[version], 1.0))
            continue
        mine = [(q, c, r) for q, c, r in group.members if q.version == version]
        if not mine and trusted is not None:
            renderings.append(Rendering(version, "omitted"))
        for quote, comparison, reference in mine:
            renderings.append(_rendering(quote, comparison, trusted_by_version.get(reference or "")))
    return QuoteGroup(_slug(speaker, first.text, taken), speaker, trusted, tuple(renderings))


def _rendering(quote: Quote, comparison: Comparison | None, trusted: Quote | None) -> Rendering:
    if comparison is None or trusted is None:
        return Rendering(quote.version, "unsupported", quote, 0.0, (), "no trusted version has these words")
    status = comparison.status
    if status == "verbatim" and display_differs(trusted, quote):
        status = "cosmetic"
    summary = comparison.summary if status != "cosmetic" else \
        "the same words; only quotation marks, case, punctuation or spelling differ"
    if not speakers_agree(trusted.speaker, quote.speaker):
        summary = f"given to {quote.speaker.canonical}, not {trusted.speaker.canonical}; " + summary
        status = "misattributed"
    return Rendering(quote.version, status, quote, comparison.score, comparison.diff, summary, trusted.version,
                     comparison.changes, comparison.extension, comparison.cut)
