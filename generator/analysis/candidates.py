"""Candidate pairs: which texts are worth comparing closely, found in near-linear time.

Comparing every loose file with every other grows with the square of the input
(a feed of 10,000 files is 50 million pairs).  MinHash LSH (datasketch) finds
the texts whose feature sets overlap without comparing them two by two: each
text gets a short signature, texts whose signatures agree on a band are
candidates, and only candidates are compared closely.

Features that most texts have (a template's sentences, a wire's boilerplate, the
names of the days) say nothing about which story a text belongs to, and they
would make every text of a template a candidate of every other: once a feature
is in more than :data:`COMMON_FLOOR` texts, it is left out of the signatures.  A
text left with few features keeps its rarest ones, so it is never left without a
signature.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import chain

PERMUTATIONS = 64
"""Hash functions per signature: more find pairs more surely, and cost more."""
COMMON_FLOOR = 50
"""A feature in more than this many texts is common: a story seldom has more versions, so it says
little about which story a text tells.  The limit is fixed, not a share of the feed: one that grew
with the feed let features shared by ever more texts make candidates, and the pairs to compare
grew faster than the feed (2.5 times for twice the files at 10,000).  A story of more versions
still finds its own: its texts keep their rarest features (:data:`KEEP_RAREST`)."""
KEEP_RAREST = 8
"""Features a text keeps, its rarest, when nearly all of its features are common."""
SEED = 1
"""Seed of the hash functions: fixed, so the candidates (and the output) never change between runs."""


SimilarityQuery = tuple[Mapping[str, Collection[int]], Sequence[str], float]
"""The arguments of one :func:`similar_texts` call: each text's features, the texts asked about,
and the threshold."""
FindSimilar = Callable[[Sequence[SimilarityQuery]], list[dict[str, set[str]]]]
"""Runs some :func:`similar_texts` calls, here or elsewhere and perhaps at once, and gives their
results in order: grouping asks for its indexes through one, so a run can build them on its workers."""


def find_here(queries: Sequence[SimilarityQuery]) -> list[dict[str, set[str]]]:
    """:data:`FindSimilar` in this process, one call after another."""
    return [similar_texts(*query) for query in queries]


def hashed(features: Iterable[str]) -> set[int]:
    """Features as 32-bit hashes: a tenth of the memory of the strings, and what signatures are made of.

    CRC-32 is the same in every process (``hash()`` is not) and fast; datasketch mixes
    it (MurmurHash3's finaliser) before permuting, so its linearity does no harm."""
    return {zlib.crc32(feature.encode()) for feature in features}


def _as_is(value: int) -> int:
    return value


def distinctive(features: Mapping[str, Collection[int]]) -> dict[str, list[int]]:
    """Each text's features without the common ones, sorted (the rarest kept when few are left)."""
    frequency = Counter(chain.from_iterable(features.values()))
    common = {feature for feature, count in frequency.items() if count > COMMON_FLOOR}
    kept = {}
    for name, found in features.items():
        rare = sorted([feature for feature in found if feature not in common])
        if len(rare) < KEEP_RAREST:
            rare = sorted(sorted(found, key=lambda feature: (frequency[feature], feature))[:KEEP_RAREST])
        kept[name] = rare
    return kept


def similar_texts(features: Mapping[str, Collection[int]], queries: Sequence[str], threshold: float) -> dict[str, set[str]]:
    """For each text named in ``queries``, the other texts whose distinctive features
    probably overlap by ``threshold`` (Jaccard) or more.

    Probably: LSH finds a pair at the threshold about half the time and a pair well
    above it nearly always; what it finds is only a candidate, to be compared closely."""
    # Imported here: datasketch brings numpy and scipy (0.7 s), which only loose files need.
    from datasketch import MinHash, MinHashLSH

    kept = distinctive(features)
    names = sorted(name for name in kept if kept[name])
    signatures = MinHash.bulk([kept[name] for name in names], num_perm=PERMUTATIONS, seed=SEED, hashfunc=_as_is,
                              scheme="affine32")
    index = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    by_name = dict(zip(names, signatures))
    with index.insertion_session() as session:
        for name in names:
            session.insert(name, by_name[name])
    # What querying each text would give, read off the index's buckets in one pass: a text's
    # candidates are the texts that share a bucket with it in some band.
    found: dict[str, set[str]] = {name: set() for name in queries}
    for table in index.hashtables:
        for bucket in table.keys():
            members = table.get(bucket)
            if len(members) > 1:
                for member in members:
                    if member in found:
                        found[member].update(members)
    for name, others in found.items():
        others.discard(name)
    return found
