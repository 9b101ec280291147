"""Compare stage: one rendering of a quote against a trusted rendering."""

from __future__ import annotations

from dataclasses import replace

import pytest
from stage_helpers import bare_quote, cases

from generator.analysis.compare import compare, display_differs


@pytest.mark.parametrize("case", cases("compare.yml"))
def test_compare_matches_fixture(case: dict) -> None:
    trusted = bare_quote(case["trusted"], "trusted")
    rendering = bare_quote(case["rendering"], "copy", case["form"])
    comparison = compare(trusted, rendering)
    if case["status"] == "none":
        assert comparison is None
        return
    assert comparison is not None
    if case["status"] == "cosmetic":
        assert comparison.status == "verbatim"
        assert display_differs(trusted, rendering)
    else:
        assert comparison.status == case["status"]
        if comparison.status == "verbatim":
            assert not display_differs(trusted, rendering)
    if "summary" in case:
        assert comparison.summary == case["summary"]
    if "diff" in case:
        assert [list(op) for op in comparison.diff] == case["diff"]


@pytest.mark.parametrize("case", cases("compare.yml"))
def test_diff_spells_out_the_rendering(case: dict) -> None:
    """The kept and added runs of the diff are the rendering's own words."""
    comparison = compare(bare_quote(case["trusted"]), bare_quote(case["rendering"], "copy", case["form"]))
    if comparison is None:
        return
    shown = "".join(text for op, text in comparison.diff if op != "-")
    assert shown.strip() == case["rendering"].strip()


@pytest.mark.parametrize("case", cases("compare.yml"))
def test_score_is_between_zero_and_one(case: dict) -> None:
    comparison = compare(bare_quote(case["trusted"]), bare_quote(case["rendering"], "copy", case["form"]))
    if comparison is not None:
        assert 0.0 < comparison.score <= 1.0
        if comparison.status == "verbatim":
            assert comparison.score == 1.0


def test_a_cut_reports_the_trusted_words_left_out() -> None:
    comparison = compare(bare_quote("The plan will cut waiting lists by half within two years."),
                         bare_quote("cut waiting lists by half", form="partial"))
    assert comparison.cut == "The plan will … within two years"


def test_an_extension_is_reported_apart_from_changes() -> None:
    comparison = compare(bare_quote("The plan will cut waiting lists by half."),
                         bare_quote("The plan will cut waiting lists by half, and it will pay for itself."))
    assert comparison.changes == ()
    assert comparison.extension == "and it will pay for itself"


@pytest.mark.parametrize("empty", ["", "...", "“ ”"])
def test_no_words_is_no_comparison(empty: str) -> None:
    assert compare(bare_quote("The plan will work."), bare_quote(empty)) is None
    assert compare(bare_quote(empty), bare_quote("The plan will work.")) is None


@pytest.mark.parametrize("cut", ["We have between 4,000 and 5,0", "We have between 4,000 and 5", "We have between 4,000 an",
                                 "We have between 4,000 and 5,000 people on the wait"])
def test_a_quote_cut_where_an_excerpt_ends_is_partial(cut: str) -> None:
    """The version's text stops inside the quote, mid-word or mid-number: what the cut removes is
    the excerpt's end, not a change."""
    trusted = bare_quote("We have between 4,000 and 5,000 people on the waiting list for season tickets")
    rendering = replace(bare_quote(cut, "copy", "full"), cut_off=True)
    comparison = compare(trusted, rendering)
    assert comparison is not None and comparison.status == "partial", comparison
