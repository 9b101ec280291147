"""Cosmetic changes inside quotes (issue 12, class 3): a change between two ways of
writing the same words is no change; a real change still shows."""

from __future__ import annotations

import pytest
from stage_helpers import bare_quote, cases, plan, prepared

from generator.analysis.compare import compare, display_differs
from generator.analysis.cosmetic import in_brackets, is_cosmetic, real_part
from generator.analysis.judge import judge_story

_QUOTE_KINDS = ("altered_quote", "truncated_quote", "extended_quote", "misattributed_quote")


@pytest.mark.parametrize("case", cases("cosmetic.yml"))
def test_compare(case: dict) -> None:
    trusted, rendering = bare_quote(case["trusted"], "trusted"), bare_quote(case["rendering"], "copy")
    comparison = compare(trusted, rendering)
    assert comparison is not None
    if case["expect"] == "cosmetic":
        # align calls a verbatim rendering that looks different "cosmetic"; display_differs
        # already treats a typographic apostrophe as a straight one.
        assert comparison.changes == () and comparison.status == "verbatim"
    elif case["expect"] == "marked":
        assert comparison.changes and all(change.marked for change in comparison.changes)
        assert comparison.status == "partial"
    else:
        assert any(not change.marked for change in comparison.changes)
        assert comparison.status == "altered"
    if "summary" in case:
        assert comparison.summary == case["summary"]


@pytest.mark.parametrize("case", cases("cosmetic.yml"))
def test_judged_story(case: dict) -> None:
    """Through the whole judge: what a reader of the story page is told."""
    story = judge_story(plan(
        prepared(f"Mara Quill, the harbour master, said on Monday: “{case['trusted']}”", "reference"),
        prepared(f"Mara Quill, the harbour master, said on Monday: “{case['rendering']}”", "copy"),
    ))
    (group,) = story.groups
    (rendering,) = [r for r in group.renderings if r.version == "copy"]
    findings = [f for f in story.findings if f.kind in _QUOTE_KINDS]
    if case["expect"] == "cosmetic":
        assert rendering.status == ("cosmetic" if display_differs(bare_quote(case["trusted"]),
                                                                  bare_quote(case["rendering"])) else "verbatim")
        assert findings == []
    elif case["expect"] == "marked":
        assert all(f.severity == "low" for f in findings)
    else:
        assert [f.kind for f in findings] == ["altered_quote"]


@pytest.mark.parametrize(("removed", "added", "expected"), [
    (["hard", "working"], ["hardworking"], True),
    (["hardworking"], ["hard", "working"], True),
    (["well", "paid", "crews"], ["wellpaid", "crews"], True),
    (["a", "part"], ["apart"], False),
    (["a", "way"], ["away"], False),
    (["2", "000"], ["2000"], False),
    (["hard"], ["hardly"], False),
    (["hard", "working"], ["hard", "working"], False),
    ([], ["hardworking"], False),
])
def test_is_cosmetic(removed: list[str], added: list[str], expected: bool) -> None:
    assert is_cosmetic(removed, added) is expected


def test_real_part_drops_the_cosmetic_part_of_a_place() -> None:
    assert real_part(["hard", "working", "crews", "cut"], ["hardworking", "crews", "slashed"]) == ((3, 4), (2, 3))
    assert real_part(["cut"], ["slashed"]) is None
    assert real_part(["hard", "working"], ["hardworking"]) is None


@pytest.mark.parametrize(("text", "words", "expected"), [
    ("to reach [the capital] by", "the capital", True),
    ("to [reach the capital] by", "the capital", True),
    ("[The operators] would sign", "The operators] would", False),
    ("to reach the capital by", "the capital", False),
    ("[sic] to reach the capital [and more]", "the capital", False),
])
def test_in_brackets(text: str, words: str, expected: bool) -> None:
    start = text.index(words)
    assert in_brackets(text, start, start + len(words)) is expected


@pytest.mark.parametrize(("opening", "closing"), [
    ("″", "″"), ("‶", "″"), ("〃", "〃"), ("＂", "＂"), ("« ", " »"), ("«", "»"), ("»", "«"), ("» ", " «"),
    ("„", "“"), ("„ ", " “"), ("„", "”"), ("‹", "›"), ("›", "‹"), ("‚", "‘"), ("”", "”"), ("»", "»"),
])
def test_quote_marks_of_any_typography_are_cosmetic(opening: str, closing: str) -> None:
    words = "we will keep the night ferry running all winter"
    story = judge_story(plan(
        prepared(f"Mara Quill, the harbour master, said on Monday that “{words}” whatever the cost.", "reference"),
        prepared(f"Mara Quill, the harbour master, said on Monday that {opening}{words}{closing} whatever the cost.",
                 "copy"),
    ))
    (group,) = story.groups
    assert {r.version: r.status for r in group.renderings}["copy"] in ("verbatim", "cosmetic")
    assert [f for f in story.findings if f.kind in _QUOTE_KINDS + ("unsupported_quote", "omitted_quote")] == []
