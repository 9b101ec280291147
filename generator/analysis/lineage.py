"""Lineage stage: which versions descend from which, by the narration they share.

A copy keeps its parent's sentences (an excerpt keeps some of them, a spun copy
keeps their structure with words swapped, a round-trip translation keeps less);
two independent reports of one event quote the same people but tell it in
sentences of their own.  So quotes are blanked out and the narration sentences
of two versions are matched one by one: the share of one version's sentences
that have a close counterpart in the other is how much it shares with it.
Each version is linked to the version it shares most with, when that share
is high enough; the linked groups are the story's lineages.  Versions in
different languages are never linked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from generator.model import Descent, Lineage, Version

from .extract import find_quotes, is_heading, mask_quotes, sentences
from .normalize import keys

LINK = 0.5
"""Share of narration above which a version descends from its closest version."""

NEIGHBOURS = 2
"""How many of its closest versions a version is linked to (when it shares enough with them)."""

_MIN_WORDS = 4
"""Sentences shorter than this (datelines, captions) say nothing about descent."""

_KIND_RANK = {"original": 0, "primary": 0, "wire": 1, "syndicated": 2, "translation": 3, "rewrite": 4}


@dataclass(frozen=True)
class Narration:
    """A version's narration sentences, quotes blanked out, as comparison keys."""

    version: Version
    """The version."""
    sentences: tuple[tuple[str, ...], ...]
    """Each narration sentence's word keys."""
    language: str | None = None
    """The version's language, when known: versions in different languages are never linked."""


def narration(version: Version, language: str | None = None) -> Narration:
    """The narration sentences of a version, for lineage."""
    return Narration(version, _narration_sentences(version.text), language)


@lru_cache(maxsize=512)
def _narration_sentences(text: str) -> tuple[tuple[str, ...], ...]:
    quotes = find_quotes(text)
    masked = mask_quotes(text, quotes)
    found = []
    for span in sentences(text, quotes):
        words = tuple(keys(masked[span.start:span.end]))
        if len(words) >= _MIN_WORDS and not is_heading(text[span.start:span.end]):
            found.append(words)
    return tuple(found)


def containment(first: Sequence[Sequence[str]], second: Sequence[Sequence[str]]) -> float:
    """How much of ``first``'s narration ``second`` holds: the mean, over ``first``'s
    sentences, of the word-sequence similarity of its closest sentence in ``second``."""
    if not first or not second:
        return 0.0
    second_sets = [frozenset(s) for s in second]
    total = 0.0
    for sentence in first:
        words = frozenset(sentence)
        best = 0.0
        for other, other_words in zip(second, second_sets):
            # Most pairs share too few words to matter: skip them before aligning.
            if len(words & other_words) < 0.3 * len(words):
                continue
            best = max(best, Indel.normalized_similarity(sentence, other))
        total += best
    return total / len(first)


def shared(first: Narration, second: Narration) -> float:
    """How much two versions share: the larger containment (an excerpt is held whole by its source)."""
    if first.language and second.language and first.language != second.language:
        return 0.0
    return max(containment(first.sentences, second.sentences), containment(second.sentences, first.sentences))


def _closeness(item: Narration, references: Sequence[str], mean_share: float) -> tuple:
    """Sort key of a lineage's members, closest to the source first: a trusted version, an
    original or wire by its front matter, the earliest publication, the most shared, the longest."""
    meta = item.version.meta
    reference_rank = references.index(item.version.id) if item.version.id in references else len(references)
    published = meta.published or "9999"
    return (reference_rank, _KIND_RANK.get(meta.kind or "", 5), published, -round(mean_share, 3),
            -len(item.sentences), item.version.id)


def _reason(root: Narration, references: Sequence[str], size: int) -> str:
    if size == 1:
        return "shares too little narration with any other version to descend from it"
    meta = root.version.meta
    if root.version.id in references:
        return "a trusted version"
    if meta.kind in ("original", "primary", "wire"):
        return f"marked as {meta.kind} in its front matter"
    if meta.published:
        return f"the earliest published ({meta.published})"
    return "the version its lineage shares the most narration with"


def lineages(items: Sequence[Narration], references: Sequence[str] = ()) -> tuple[Lineage, ...]:
    """The lineages of a story's versions, each with its members closest to the source first
    and who copied whom; every version is in exactly one lineage."""
    ids = [item.version.id for item in items]
    by_id = {item.version.id: item for item in items}
    scores: dict[tuple[str, str], float] = {}
    held: dict[tuple[str, str], float] = {}  # (child, parent): how much of the child the parent holds
    for index, first in enumerate(items):
        for second in items[index + 1:]:
            a, b = first.version.id, second.version.id
            if first.language and second.language and first.language != second.language:
                held[(a, b)] = held[(b, a)] = 0.0
            else:
                held[(a, b)] = containment(first.sentences, second.sentences)
                held[(b, a)] = containment(second.sentences, first.sentences)
            scores[(a, b)] = scores[(b, a)] = max(held[(a, b)], held[(b, a)])
    parent_of = {name: name for name in ids}

    def find(name: str) -> str:
        while parent_of[name] != name:
            parent_of[name] = parent_of[parent_of[name]]
            name = parent_of[name]
        return name

    for name in ids:
        others = [(scores[(name, other)], other) for other in ids if other != name]
        if not others:
            continue
        # The closest versions, not only the closest one: a spun copy and the spin of it
        # are each other's closest, and the first still shares most of its source.
        for best, nearest in sorted(others, key=lambda pair: (-pair[0], pair[1]))[:NEIGHBOURS]:
            if best >= LINK:
                parent_of[find(name)] = find(nearest)
    members: dict[str, list[str]] = {}
    for name in ids:
        members.setdefault(find(name), []).append(name)
    found = []
    for group in members.values():
        mean = {name: sum(scores[(name, other)] for other in group if other != name) / max(1, len(group) - 1)
                for name in group}
        ordered = sorted(group, key=lambda name: _closeness(by_id[name], references, mean[name]))
        found.append(Lineage(ordered[0], tuple(ordered), _reason(by_id[ordered[0]], references, len(group)),
                             _descent(ordered, held)))
    return tuple(sorted(found, key=lambda lineage: ids.index(lineage.members[0])))


def _descent(ordered: Sequence[str], held: Mapping[tuple[str, str], float]) -> tuple[Descent, ...]:
    """Who copied whom inside a lineage: a spanning tree grown from the member closest to the
    source (Prim), each member joined to the placed member that holds most of its narration, in
    the order members join.  Held, not shared: an excerpt is held whole by every full copy, but
    holds only part of one, so a full copy is never drawn as copied from an excerpt while a full
    version is there to copy."""
    placed = [ordered[0]]
    left = list(ordered[1:])
    edges = []
    while left:
        share, child, parent = max(((held[(child, parent)], child, parent) for child in left for parent in placed),
                                   key=lambda row: (row[0], -ordered.index(row[1]), -ordered.index(row[2])))
        edges.append(Descent(child, parent, round(share, 2)))
        placed.append(child)
        left.remove(child)
    return tuple(edges)


VERBATIM = 0.9
"""Share of a trusted version's narration a copy must hold word for word to be taken for a copy of it."""


def beyond_excerpt(trusted: Narration, version: Narration) -> tuple[int, int] | None:
    """Where a copy of a trusted excerpt goes on past it: the index, in the copy's text sentences, of
    the first sentence after the one that renders the excerpt's last, and that sentence's character
    offset; None when the copy does not
    hold the excerpt word for word.  What a faithful copy says past the end of a trusted excerpt is
    the source's own; what an expansion inserts inside it is not."""
    if not trusted.sentences or containment(trusted.sentences, version.sentences) < VERBATIM:
        return None
    last = trusted.sentences[-1]
    text = version.version.text
    quotes = find_quotes(text)
    masked = mask_quotes(text, quotes)
    spans = sentences(text, quotes)
    best, at = 0.0, None
    for index, span in enumerate(spans):
        words = keys(masked[span.start:span.end])
        # An excerpt cut mid-sentence ends on the start of a sentence: match it with that start.
        score = max(Indel.normalized_similarity(last, words), Indel.normalized_similarity(last, words[:len(last)]))
        if score > best:
            best, at = score, index
    if at is None or best < VERBATIM:
        return None
    return at + 1, spans[at + 1].start if at + 1 < len(spans) else len(text)


def lineage_index(found: Sequence[Lineage]) -> dict[str, Lineage]:
    """Version id -> its lineage."""
    return {member: lineage for lineage in found for member in lineage.members}
