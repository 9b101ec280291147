"""Word diff: runs over comparison keys, turned back into display text."""

from __future__ import annotations

import pytest

from generator.analysis.diff import Run, diff_keys, trim_unquoted_ends, word_diff
from generator.analysis.normalize import keys


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("The deal marks a generational step change", "The deal marks a generational shift",
     [["=", "The deal marks a generational "], ["-", "step change"], ["+", "shift"]]),
    ("Fares will rise by a third", "Fares will rise by a third",
     [["=", "Fares will rise by a third"]]),
    ("Fares will rise by a third", "fares WILL rise, by a third!",
     [["=", "fares WILL rise, by a third!"]]),
    ("Fares will rise", "Fares will not rise",
     [["=", "Fares will "], ["+", "not"], ["=", " rise"]]),
    ("Fares will rise by a third from April", "Fares will rise from April",
     [["=", "Fares will rise "], ["-", "by a third"], ["=", "from April"]]),
    ("", "Fares will rise", [["+", "Fares will rise"]]),
    ("Fares will rise", "", [["-", "Fares will rise"]]),
    ("", "", []),
])
def test_word_diff(old: str, new: str, expected: list) -> None:
    assert [list(op) for op in word_diff(old, new)] == expected


def test_removal_then_addition_keep_their_places() -> None:
    old = "the plan will cut waiting lists by half"
    new = "the plan cut waiting lists by a half"
    assert [list(op) for op in word_diff(old, new)] == [
        ["=", "the plan "], ["-", "will"], ["=", "cut waiting lists by "], ["+", "a"], ["=", " half"]]


def test_diff_keys_ranges_cover_both_texts() -> None:
    old, new = keys("a b c d e"), keys("a x c d y")
    runs = diff_keys(old, new, cleanup=False)
    assert sum(r.old[1] - r.old[0] for r in runs if r.op != "+") == len(old)
    assert sum(r.new[1] - r.new[0] for r in runs if r.op != "-") == len(new)
    assert [r.op for r in runs] == ["=", "-", "+", "=", "-", "+"]


def test_semantic_cleanup_merges_scattered_matches() -> None:
    old = keys("the island ferry will run every hour from the pier")
    new = keys("a bus to the mainland leaves the pier at noon")
    minimal = diff_keys(old, new, cleanup=False)
    cleaned = diff_keys(old, new)
    assert len(cleaned) < len(minimal)


def test_trim_unquoted_ends() -> None:
    runs = [Run("-", (0, 2), (0, 0)), Run("=", (2, 5), (0, 3)), Run("-", (5, 6), (3, 3))]
    kept, before, after = trim_unquoted_ends(runs)
    assert kept == [runs[1]] and (before, after) == (2, 1)
    assert trim_unquoted_ends([]) == ([], 0, 0)


def test_word_diff_is_deterministic() -> None:
    old = "We will organise the centre of town around colour and light, not cars."
    new = "We will organize the downtown around color, light and bicycles, not cars!"
    assert word_diff(old, new) == word_diff(old, new)
