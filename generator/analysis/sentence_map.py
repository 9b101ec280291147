"""Line up the sentences of a version with the sentences of its reference.

Pure.  Sentences are cut with :func:`generator.analysis.extract.sentences` (never
inside a quote) and compared on normalised keys (:mod:`generator.analysis.normalize`),
so quote marks, dashes, case and spelling variants never make two sentences
differ.  Identical sentences are matched first by a diff over the sentence
sequence; within each run of unmatched sentences, the most similar pairs (word
overlap at least :data:`CHANGED_THRESHOLD`) are paired as "changed", in order;
what is left is "removed" (only in the reference) or "added" (only in the
version).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .diff import diff_keys
from .extract import find_quotes, sentences
from .normalize import key
from .similarity import text_similarity

SentenceStatus = Literal["same", "changed", "added", "removed"]
"""How a sentence of the version relates to the reference."""

CHANGED_THRESHOLD = 0.5
"""Least word overlap (0 to 1) for two sentences to count as one sentence changed,
rather than one removed and another added."""


@dataclass(frozen=True)
class SentencePair:
    """One row of the alignment: a reference sentence, a version sentence, or both."""

    status: SentenceStatus
    """Same words, changed words, only in the version, or only in the reference."""
    reference: str
    """The reference's sentence as displayed ('' when added)."""
    version: str
    """The version's sentence as displayed ('' when removed)."""
    similarity: float
    """Word overlap of the two sentences, 0 to 1 (1 for same, 0 when one side is missing)."""


def split_sentences(text: str) -> list[str]:
    """The sentences of a cleaned text, as displayed, in order (empty ones dropped)."""
    spans = sentences(text, find_quotes(text))
    pieces = (" ".join(text[span.start : span.end].split()) for span in spans)
    return [piece for piece in pieces if piece]


def map_sentences(
    reference_text: str, version_text: str, threshold: float = CHANGED_THRESHOLD
) -> tuple[SentencePair, ...]:
    """Align the sentences of ``version_text`` with those of ``reference_text``,
    in reading order.  Every sentence of both texts appears exactly once."""
    old, new = split_sentences(reference_text), split_sentences(version_text)
    runs = diff_keys([key(s) for s in old], [key(s) for s in new], cleanup=False)
    pairs: list[SentencePair] = []
    removed: list[str] = []
    added: list[str] = []
    for run in runs:
        if run.op == "=":
            pairs.extend(_pair_unmatched(removed, added, threshold))
            removed, added = [], []
            for offset in range(run.old[1] - run.old[0]):
                pairs.append(SentencePair("same", old[run.old[0] + offset], new[run.new[0] + offset], 1.0))
        elif run.op == "-":
            removed.extend(old[run.old[0] : run.old[1]])
        else:
            added.extend(new[run.new[0] : run.new[1]])
    pairs.extend(_pair_unmatched(removed, added, threshold))
    return tuple(pairs)


def _pair_unmatched(removed: list[str], added: list[str], threshold: float) -> list[SentencePair]:
    """Pair sentences between two matched anchors: each added sentence takes the
    most similar removed sentence after the last one paired (order is kept)."""
    pairs: list[SentencePair] = []
    next_removed = 0
    for sentence in added:
        best, best_score = None, threshold
        for index in range(next_removed, len(removed)):
            score = text_similarity(removed[index], sentence)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = index, score
        if best is None:
            pairs.append(SentencePair("added", "", sentence, 0.0))
            continue
        pairs.extend(SentencePair("removed", text, "", 0.0) for text in removed[next_removed:best])
        pairs.append(SentencePair("changed", removed[best], sentence, round(best_score, 4)))
        next_removed = best + 1
    pairs.extend(SentencePair("removed", text, "", 0.0) for text in removed[next_removed:])
    return pairs
