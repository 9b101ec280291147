"""Align stage: line every quote up with its renderings in every version.

Quote groups are seeded by the trusted versions' quotes (references in
priority order); every other quote joins the group whose trusted rendering it
matches best, judged against the best-matching trusted rendering of that
group.  Quotes no trusted version has form groups of their own; in such a
group, the wording most versions agree on (word for word, or a faithful part
of it) is the *consensus*, and every rendering is judged against it: real
trusted copies are often excerpts, and the agreement of several versions is
evidence of what was said.  Speakers are compared through the story's
identities, so one person named two ways is one speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from generator.model import Quote, QuoteGroup, Rendering

from .compare import Comparison, compare, display_differs
from .group import StoryPlan
from .identity import Identities, story_identities
from .normalize import key, keys

AGREEING = ("verbatim", "cosmetic", "partial")
"""Comparison statuses of a rendering that renders the words it is compared with faithfully."""


@dataclass
class _Group:
    trusted: list[tuple[str, Quote]]
    """(reference version id, quote) in priority order."""
    members: list[tuple[Quote, Comparison | None, str | None]] = field(default_factory=list)
    """(quote, comparison with its trusted rendering, that rendering's version)."""


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


def align(plan: StoryPlan, identities: Identities | None = None) -> tuple[QuoteGroup, ...]:
    """The quote groups of a story (of the versions in ``plan``: the caller leaves out
    versions in another language)."""
    identities = identities or story_identities(plan.versions, plan.references)[0]
    references = set(plan.references) & {p.version.id for p in plan.versions}
    groups: list[_Group] = []
    for prepared in plan.versions:
        if prepared.version.id not in references:
            continue
        for quote in prepared.quotes:
            # A quote of a later reference joins an earlier reference's group as another
            # trusted rendering; two quotes of one reference are always two groups.
            open_groups = [g for g in groups if all(v != prepared.version.id for v, _ in g.trusted)]
            matches = [(g, _best(g, quote)) for g in open_groups]
            matches = [(g, m) for g, m in matches if m and m[0].status in AGREEING]
            if matches:
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
                    agree = identities.relation(group.trusted[0][1].speaker, quote.speaker) != "different"
                    # The same words, then the same display text, win before a higher score:
                    # an identical copy must line up one to one with its original.
                    same_words = any(key(t.text) == quote_key for _, t in group.trusted)
                    same_text = any(t.text == quote.text for _, t in group.trusted)
                    candidates.append((same_words, same_text, found[0].score, agree, -order, group, found))
            if candidates:
                *_, group, (comparison, reference) = max(candidates, key=lambda c: c[:5])
                group.members.append((quote, comparison, reference))
                continue
            respun = _respun(groups, quote, identities)
            if respun is not None:
                group, comparison, reference = respun
                group.members.append((quote, comparison, reference))
                continue
            # No trusted rendering: group with other versions' renderings of the same words.
            for group in unsupported:
                if any(compare(member, quote) or compare(quote, member) for member, _, _ in group.members):
                    group.members.append((quote, None, None))
                    break
            else:
                unsupported.append(_Group([], [(quote, None, None)]))
    taken: set[str] = set()
    order = [p.version.id for p in plan.versions]
    return tuple([_finish(plan, group, taken, identities) for group in groups]
                 + [_finish_untrusted(group, order, taken, identities) for group in unsupported])


SPUN_SENTENCE = 0.4
"""Word-sequence similarity of the sentences around two quotes from which a reworded quote of the
same speaker is the same quote (a spinner swaps words and keeps the sentence's shape)."""


def _respun(groups: list[_Group], quote: Quote, identities: Identities) -> tuple[_Group, Comparison, str] | None:
    """The trusted quote a heavily reworded one renders: the same speaker, a sentence of the
    same shape, and a third of the words kept (a synonym spinner's work)."""
    if quote.speaker is None or quote.form == "scare":
        return None
    best = None
    for group in groups:
        for reference, trusted in group.trusted:
            if identities.relation(trusted.speaker, quote.speaker) != "same":
                continue
            shape = Indel.normalized_similarity(keys(trusted.sentence), keys(quote.sentence))
            if shape < SPUN_SENTENCE:
                continue
            comparison = compare(trusted, quote, loose=True)
            if comparison and (best is None or shape > best[0]):
                best = (shape, group, comparison, reference)
    return best[1:] if best else None


def _finish(plan: StoryPlan, group: _Group, taken: set[str], identities: Identities) -> QuoteGroup:
    trusted = group.trusted[0][1]
    speaker = _speaker_name(trusted, identities) or next(
        (_speaker_name(q, identities) for q, _, _ in group.members if q.speaker), None)
    renderings: list[Rendering] = []
    trusted_by_version = {version: quote for version, quote in group.trusted}
    for prepared in plan.versions:
        version = prepared.version.id
        if version in trusted_by_version:
            renderings.append(Rendering(version, "reference", trusted_by_version[version], 1.0))
            continue
        mine = [(q, c, r) for q, c, r in group.members if q.version == version]
        if not mine:
            renderings.append(Rendering(version, "omitted"))
        for quote, comparison, reference in mine:
            renderings.append(_rendering(quote, comparison, trusted_by_version.get(reference or ""), identities))
    supporters = tuple(r.version for r in renderings if r.status in (*AGREEING, "reference"))
    return QuoteGroup(_slug(speaker, trusted.text, taken), speaker, trusted, tuple(renderings),
                      supporters=supporters)


def _speaker_name(quote: Quote, identities: Identities) -> str | None:
    if quote.speaker is None:
        return None
    entity = identities.resolve(quote.speaker)
    return identities.display(entity) if entity else quote.speaker.canonical


def _agrees(first: Quote, second: Quote) -> bool:
    """True when one of two renderings is the other's words, or a faithful part of them."""
    for one, two in ((first, second), (second, first)):
        comparison = compare(one, two)
        if comparison and comparison.status in AGREEING and not comparison.extension:
            return True
    return False


def consensus_of(quotes: list[Quote], order: list[str]) -> tuple[Quote, tuple[str, ...]] | None:
    """The wording most versions agree on, and the versions agreeing (two at least), or None.

    Each rendering counts the versions whose rendering agrees with it; the one most agree
    with wins, then the fuller one, then the one of the version listed first."""
    best = None
    for quote in quotes:
        supporters = {quote.version} | {other.version for other in quotes
                                        if other.version != quote.version and _agrees(quote, other)}
        rank = (len(supporters), len(key(quote.text).split()), -order.index(quote.version), quote.id)
        if best is None or rank > best[0]:
            best = (rank, quote, supporters)
    if best is None or len(best[2]) < 2:
        return None
    return best[1], tuple(sorted(best[2], key=order.index))


def _finish_untrusted(group: _Group, order: list[str], taken: set[str], identities: Identities) -> QuoteGroup:
    quotes = [quote for quote, _, _ in group.members]
    found = consensus_of(quotes, order)
    basis, supporters = found if found else (None, ())
    first = basis or quotes[0]
    speaker = _speaker_name(first, identities) or next((_speaker_name(q, identities) for q in quotes if q.speaker),
                                                      None)
    renderings = []
    for version in order:
        for quote in (q for q in quotes if q.version == version):
            if basis is None:
                renderings.append(Rendering(version, "unsupported", quote, 0.0, (),
                                            "no trusted version has these words"))
            elif quote is basis:
                renderings.append(Rendering(version, "consensus", quote, 1.0, (),
                                            f"no trusted version has these words; {len(supporters)} versions "
                                            f"agree on them", version))
            else:
                comparison = compare(basis, quote)
                if comparison is None:
                    renderings.append(Rendering(version, "unsupported", quote, 0.0, (),
                                                "no trusted version has these words"))
                    continue
                others = len([v for v in supporters if v != version])
                # Who said it is settled by the speakers most versions agree on (speaker_checks), not by
                # whichever version's wording is the agreed one.
                rendering = _rendering(quote, comparison, basis, identities, check_speaker=False)
                prefix = f"against the wording of {others} other version{'' if others == 1 else 's'}: "
                renderings.append(Rendering(rendering.version, rendering.status, quote, rendering.score,
                                            rendering.diff, prefix + rendering.summary, basis.version,
                                            rendering.changes, rendering.extension, rendering.cut))
    return QuoteGroup(_slug(speaker, first.text, taken), speaker, None, tuple(renderings), consensus=basis,
                      supporters=supporters)


def _rendering(quote: Quote, comparison: Comparison | None, trusted: Quote | None,
               identities: Identities, check_speaker: bool = True) -> Rendering:
    if comparison is None or trusted is None:
        return Rendering(quote.version, "unsupported", quote, 0.0, (), "no trusted version has these words")
    status = comparison.status
    if status == "verbatim" and display_differs(trusted, quote):
        status = "cosmetic"
    summary = comparison.summary if status != "cosmetic" else \
        "the same words; only quotation marks, case, punctuation or spelling differ"
    if check_speaker and identities.relation(trusted.speaker, quote.speaker) == "different":
        summary = (f"given to {_speaker_name(quote, identities)}, not {_speaker_name(trusted, identities)}; "
                   + summary)
        status = "misattributed"
    return Rendering(quote.version, status, quote, comparison.score, comparison.diff, summary, trusted.version,
                     comparison.changes, comparison.extension, comparison.cut)
