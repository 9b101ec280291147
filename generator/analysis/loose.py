"""Which loose files tell one story: the pairs worth comparing, and what sets two stories apart.

Each loose file is compared with the other files, by vocabulary (and, when the
vocabulary is close, by the quotes: :func:`generator.analysis.group` decides).
Comparing every pair grows with the square of the input, so past
:data:`EXHAUSTIVE_PAIRS` pairs only the candidates MinHash LSH finds are compared
(:mod:`.candidates`): the files that share rare word shingles (copies,
excerpts) or rare names and numbers (rewrites, translations).

Vocabulary alone merges stories written from one template (results, earnings,
a council's announcements) and stories about one town: they share most of
their words.  What differs between them is what they name: other people,
places and numbers, and the same sentences filled with other ones.  Two files
told apart that way are never linked, whatever their vocabulary.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from sys import intern

from .candidates import FindSimilar, find_here, hashed
from .similarity import (
    Particulars,
    content_terms,
    cosine_with_norms,
    filled_alike,
    inverse_frequencies,
    particulars,
    squared_norm,
    tfidf_vectors,
    total_weight,
    weighted_containment,
    word_shingles,
)

EXHAUSTIVE_PAIRS = 40_000
"""Up to this many pairs, each loose file is compared with every file (exactly as ever);
beyond, only with its candidates, so the cost grows with the input, not with its square."""
SHINGLE_CANDIDATES = 0.3
"""Overlap (Jaccard) of rare word shingles at which two texts are candidates: copies and excerpts."""
SPECIFIC_CANDIDATES = 0.3
"""Overlap (Jaccard) of rare names and numbers at which two texts are candidates: rewrites and
translations, which keep what a story names but not its wording."""
TERM_CANDIDATES = 0.15
"""Overlap (Jaccard) of rare content words at which two texts are candidates, for a file the first
candidates left alone: a rewrite that keeps the subject but neither the wording nor the names."""
SAME_SPECIFICS = 0.25
"""Share of what the shorter text names and counts (weighed by rarity) that the other must name
too for the two to be one story."""
TEMPLATE_SPECIFICS = 0.5
"""Below this share, two texts that fill the sentences they share with other names, numbers or
quotes as often as alike are two stories written from one template.  Above it they name the same
things, and refilled sentences are drift (dates changed all through a copy)."""
RARITY_BASE = 1000
"""Texts needed before the rarity of a name counts fully: in fewer, names are weighed as if among
this many, so what a few versions of one story all name is not taken for a commonplace."""
MIN_SPECIFICS = 4
"""Names and numbers each text needs before what they name can set two texts apart."""


@dataclass(frozen=True)
class Closest:
    """The file most like a loose file, by vocabulary."""

    similarity: float
    """Vocabulary cosine."""
    path: str
    """Its path."""
    told_apart: bool = False
    """True when the two would be one story by their vocabulary or a shared quote, but what
    they name shows that they tell two."""


@dataclass(frozen=True)
class LooseLinks:
    """The outcome of comparing the loose files."""

    edges: set[tuple[str, str]]
    """Pairs of paths (in order) that are one story; at least one of each pair is loose."""
    closest: dict[str, Closest]
    """Each loose file's closest file (absent when it was compared with none)."""
    exhaustive: bool
    """True when every loose file was compared with every file."""
    pairs: int = 0
    """How many pairs were compared (each loose pair counted from both sides)."""


@dataclass(frozen=True)
class TextFeatures:
    """What is compared of one text: a function of its words alone, so it can be worked out
    anywhere (in the processes that read the files) and handed to :func:`loose_links`."""

    terms: Counter[str]
    """Its content terms and how often each occurs (:func:`.similarity.content_terms`)."""
    particulars: Particulars
    """Its names, numbers and sentence frames."""
    shingles: array[int]
    """Its word shingles, hashed (:func:`.candidates.hashed`), sorted: a packed array, a twentieth of
    the memory of a set of Python ints (the main process holds the features of every loose file
    while it groups them)."""
    named: array[int]
    """Its names and numbers, hashed, sorted, packed."""


def text_features(text: str) -> TextFeatures:
    """The features of one text (its words are tokenised once, memoised, for all of them).

    Their words are interned: the features of every loose file are held at once while they are
    grouped, and the same few thousand words come back in every file (one copy of each is held,
    and sent, instead of one per occurrence)."""
    found = particulars(text)
    specifics = frozenset(map(intern, found.specifics))
    slots = {intern(frame): frozenset(tuple(map(intern, filling)) for filling in fillings)
             for frame, fillings in found.slots.items()}
    return TextFeatures(Counter(map(intern, content_terms(text))), Particulars(specifics, slots),
                        _packed(hashed(word_shingles(text))), _packed(hashed(specifics)))


def _packed(hashes: set[int]) -> array[int]:
    """32-bit hashes as a sorted array of unsigned ints."""
    return array("I", sorted(hashes))


def told_apart(first: Particulars, second: Particulars, weights: Mapping[str, float],
               totals: tuple[float, float] | None = None) -> bool:
    """True when two texts tell two stories, as what differs between them shows: the shorter
    names few of the people, places and numbers the other names (two stories about one town),
    or most sentences they share but for the names and numbers are filled with other ones
    (two stories written from one template).  What they share is then the place, or the template.
    ``totals``: the weights of the two texts' names and numbers, when known."""
    if len(first.specifics) < MIN_SPECIFICS or len(second.specifics) < MIN_SPECIFICS:
        return False
    named_alike = weighted_containment(first.specifics, second.specifics, weights, totals)
    if named_alike >= TEMPLATE_SPECIFICS:
        return False
    if named_alike < SAME_SPECIFICS:
        return True
    alike, refilled = filled_alike(first.slots, second.slots)
    return refilled > 0 and refilled >= alike


def _both_ways(found: dict[str, set[str]]) -> dict[str, list[str]]:
    """Candidates in path order, a pair of loose files compared from both sides (as when every pair is)."""
    for path, others in list(found.items()):
        for other in others:
            if other in found:
                found[other].add(path)
    return {path: sorted(others) for path, others in found.items()}


def _candidates(features: Mapping[str, TextFeatures], loose: Sequence[str],
                find_similar: FindSimilar) -> dict[str, list[str]]:
    """The files each loose file is compared with, found by MinHash LSH (the two indexes at once)."""
    near, named = find_similar([({path: found.shingles for path, found in features.items()}, loose, SHINGLE_CANDIDATES),
                                ({path: found.named for path, found in features.items()}, loose, SPECIFIC_CANDIDATES)])
    return _both_ways({path: near[path] | named[path] for path in loose})


def _more_candidates(features: Mapping[str, TextFeatures], alone: Sequence[str],
                     compared: Mapping[str, Sequence[str]], find_similar: FindSimilar) -> dict[str, list[str]]:
    """More files for the loose files the first candidates left alone, by their rarer content words."""
    about, = find_similar([({path: hashed(found.terms) for path, found in features.items()}, alone, TERM_CANDIDATES)])
    return _both_ways({path: about[path] - set(compared[path]) for path in alone})


def loose_links(texts: Mapping[str, str], loose: Sequence[str], linked: Callable[[str, str, float], bool],
                floor: float, exhaustive_pairs: int = EXHAUSTIVE_PAIRS,
                features: Mapping[str, TextFeatures] | None = None,
                find_similar: FindSimilar = find_here) -> LooseLinks:
    """Compare each of the ``loose`` paths with the other ``texts`` (path -> article text).

    ``linked(path, other, similarity)`` is the careful check of one pair given its
    vocabulary cosine; it is asked only of pairs not told apart, and never links a
    pair whose similarity is below ``floor``.  ``features``: the :func:`text_features`
    of some texts, worked out beforehand (the others are worked out here).
    ``find_similar``: where the candidate indexes are built (the candidates are the same)."""
    if not loose:
        return LooseLinks(set(), {}, True)
    everything = sorted(texts)
    exhaustive = len(loose) * (len(everything) - 1) <= exhaustive_pairs
    known = features or {}
    found = {path: known[path] if path in known else text_features(texts[path]) for path in everything}
    # The candidates first: the index they come from is gone before the vectors are made.
    compared = {path: [other for other in everything if other != path] for path in loose} if exhaustive else \
        _candidates(found, loose, find_similar)
    vectors = tfidf_vectors({path: found[path].terms for path in everything})
    norms = {path: squared_norm(vector) for path, vector in vectors.items()}
    weights = inverse_frequencies({path: found[path].particulars.specifics for path in everything}, RARITY_BASE)
    totals = {path: total_weight(found[path].particulars.specifics, weights) for path in everything}
    edges: set[tuple[str, str]] = set()
    closest: dict[str, Closest] = {}
    count = 0

    def compare(pairs: Mapping[str, Sequence[str]]) -> None:
        nonlocal count
        for path, others in pairs.items():
            count += len(others)
            for other in others:
                similarity = cosine_with_norms(vectors[path], vectors[other], norms[path], norms[other])
                # What the two name is looked at only when their vocabulary could make them one
                # story, and before their quotes, which cost most to compare.
                apart = similarity >= floor and told_apart(found[path].particulars, found[other].particulars,
                                                           weights, (totals[path], totals[other]))
                best = closest.get(path)
                if best is None or similarity > best.similarity or (similarity == best.similarity and
                                                                    other < best.path):
                    closest[path] = Closest(similarity, other, apart)
                if not apart and linked(path, other, similarity):
                    edges.add((min(path, other), max(path, other)))

    compare(compared)
    alone = _alone(loose, edges)
    if alone and not exhaustive:
        compare(_more_candidates(found, alone, compared, find_similar))
        alone = _alone(loose, edges)
    for path in alone:
        best = closest.get(path)
        if best is not None and best.told_apart and not linked(path, best.path, best.similarity):
            closest[path] = Closest(best.similarity, best.path)  # what they name did not decide
    return LooseLinks(edges, closest, exhaustive, count)


def _alone(loose: Sequence[str], edges: set[tuple[str, str]]) -> list[str]:
    linked_paths = {path for edge in edges for path in edge}
    return [path for path in loose if path not in linked_paths]
