"""Sentences of a version lined up with the reference's."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.analysis.sentence_map import map_sentences, split_sentences

REFERENCE = (
    "The deal was signed on Monday. Starmer said it marks “a generational step change”. "
    "Talks began in 2023.\n\nMarkets rose."
)


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        (REFERENCE, ["same", "same", "same", "same"]),
        (
            "The deal was signed on Monday. Starmer said it marks “a generational shift”. "
            "Talks began in 2023.\n\nMarkets rose.",
            ["same", "changed", "same", "same"],
        ),
        (
            "The deal was signed on Monday. Talks began in 2023. Critics were unconvinced.\n\nMarkets rose.",
            ["same", "removed", "same", "added", "same"],
        ),
        ("", ["removed", "removed", "removed", "removed"]),
    ],
)
def test_statuses(version: str, expected: list[str]) -> None:
    assert [pair.status for pair in map_sentences(REFERENCE, version)] == expected


def test_cosmetic_differences_are_the_same_sentence() -> None:
    version = REFERENCE.replace("“", '"').replace("”", '"').replace("Monday", "monday")
    assert {pair.status for pair in map_sentences(REFERENCE, version)} == {"same"}


def test_changed_pairs_keep_both_sides() -> None:
    pairs = map_sentences("Talks began in 2023.", "Talks started in 2023.")
    assert len(pairs) == 1 and pairs[0].status == "changed"
    assert pairs[0].reference == "Talks began in 2023." and pairs[0].version == "Talks started in 2023."
    assert 0.5 <= pairs[0].similarity < 1


@given(st.text(max_size=200), st.text(max_size=200))
def test_every_sentence_appears_once_in_order(reference: str, version: str) -> None:
    pairs = map_sentences(reference, version)
    assert [p.reference for p in pairs if p.reference] == split_sentences(reference)
    assert [p.version for p in pairs if p.version] == split_sentences(version)
