"""Candidate pairs from MinHash LSH: found in near-linear time, the same on every run."""

from __future__ import annotations

import random

from generator.analysis.candidates import COMMON_FLOOR, KEEP_RAREST, distinctive, hashed, similar_texts


def _words(seed: int, count: int = 60) -> set[str]:
    rng = random.Random(seed)
    return {f"word{rng.randrange(100_000)}" for _ in range(count)}


def test_near_copies_are_candidates_and_strangers_are_not() -> None:
    base = _words(1)
    copy = set(sorted(base)[:55]) | {"new1", "new2", "new3"}
    features = {"a": hashed(base), "b": hashed(copy), "c": hashed(_words(2)), "d": hashed(_words(3))}
    found = similar_texts(features, ["a", "c"], 0.3)
    assert found == {"a": {"b"}, "c": set()}


def test_a_feature_most_texts_share_makes_no_candidates() -> None:
    # A template sentence in every text, and nothing else in common: no text is a candidate of another.
    template = {f"template{n}" for n in range(40)}
    texts = {f"t{n}": hashed(template | _words(n, 20)) for n in range(COMMON_FLOOR * 3)}
    found = similar_texts(texts, sorted(texts), 0.3)
    assert sum(len(others) for others in found.values()) == 0


def test_a_text_of_common_features_keeps_its_rarest() -> None:
    common = {f"c{n}" for n in range(20)}
    texts = {f"t{n}": hashed(common | ({f"own{n}"} if n else set())) for n in range(COMMON_FLOOR + 10)}
    kept = distinctive(texts)
    assert len(kept["t0"]) == KEEP_RAREST  # all common: its rarest kept, so it still has a signature
    assert len(kept["t1"]) == KEEP_RAREST and hashed({"own1"}) <= set(kept["t1"])
    assert len(kept["t1"]) == len(set(kept["t1"])) and kept["t1"] == sorted(kept["t1"])


def test_candidates_are_the_same_on_every_run() -> None:
    features = {f"t{n}": hashed(_words(n % 7) | _words(100 + n, 10)) for n in range(70)}
    assert similar_texts(features, sorted(features), 0.3) == similar_texts(dict(reversed(features.items())),
                                                                             sorted(features), 0.3)


def test_hashed_is_stable_across_processes() -> None:
    # CRC-32, not hash(): these values never change.
    assert hashed({"fares will rise"}) == {0xF27CED3E}


def test_candidates_are_what_querying_the_index_for_each_text_gives() -> None:
    # similar_texts reads the candidates off the index's buckets: the same as asking it about each text.
    from datasketch import MinHash, MinHashLSH

    from generator.analysis.candidates import PERMUTATIONS, SEED, _as_is

    features = {f"t{n}": hashed(_words(n % 9) | _words(200 + n, 15)) for n in range(90)}
    kept = distinctive(features)
    names = sorted(kept)
    signatures = dict(zip(names, MinHash.bulk([kept[name] for name in names], num_perm=PERMUTATIONS, seed=SEED,
                                              hashfunc=_as_is, scheme="affine32")))
    index = MinHashLSH(threshold=0.3, num_perm=PERMUTATIONS)
    for name in names:
        index.insert(name, signatures[name])
    queried = {name: set(index.query(signatures[name])) - {name} for name in names[::2]}
    assert similar_texts(features, names[::2], 0.3) == queried
    assert any(queried.values())
