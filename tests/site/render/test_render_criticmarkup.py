"""Word diffs as CriticMarkup, and the same changes in words."""

from __future__ import annotations

import pytest

from generator.model import DiffOp
from generator.site.render.criticmarkup import (
    accessible_diff,
    critic_diff,
    describe_changes,
    has_changes,
)

STEP_CHANGE: tuple[DiffOp, ...] = (
    ("=", "This Tech Prosperity Deal marks a generational "),
    ("-", "step change"),
    ("+", "shift"),
    ("=", " in our relationship with the US"),
)


@pytest.mark.parametrize(
    ("diff", "expected"),
    [
        (
            STEP_CHANGE,
            "This Tech Prosperity Deal marks a generational {--step change--} {++shift++} "
            "in our relationship with the US",
        ),
        # Adjacent runs always get a space between them, so search sees two words.
        ((("-", "old"), ("+", "new")), "{--old--} {++new++}"),
        # Edge spaces move outside the runs.
        ((("=", "a"), ("-", " b "), ("=", "c")), "a {--b--} c"),
        # Punctuation runs glued to a word stay glued.
        ((("=", "the US"), ("-", "."), ("+", ",")), "the US{--&#46;--} {++,++}"),
        # Whitespace-only changes are shown as nothing more than a space.
        ((("=", "a"), ("+", "  "), ("=", "b")), "a b"),
        ((), ""),
    ],
)
def test_critic_diff(diff: tuple[DiffOp, ...], expected: str) -> None:
    assert critic_diff(diff) == expected


def test_critic_diff_escapes_markup_inside_runs() -> None:
    markup = critic_diff((("-", "x--} <script>"), ("+", "{++y")))
    assert markup.count("--}") == 1 and markup.count("{++") == 1
    assert "<script" not in markup


def test_describe_changes_lists_removed_and_added_words_in_order() -> None:
    assert describe_changes(STEP_CHANGE) == "removed&#58; step change; added&#58; shift"
    assert describe_changes((("=", "same"),)) == "no words changed"


def test_accessible_diff_puts_the_description_first() -> None:
    assert accessible_diff(STEP_CHANGE).startswith(
        '<span class="vb-sr">Changes: removed&#58; step change; added&#58; shift.</span> This'
    )


@pytest.mark.parametrize(
    ("diff", "expected"),
    [(STEP_CHANGE, True), ((("=", "all kept"),), False), ((("+", " "),), False), ((), False)],
)
def test_has_changes(diff: tuple[DiffOp, ...], expected: bool) -> None:
    assert has_changes(diff) is expected


def test_a_run_never_glues_two_words_together() -> None:
    # The word diff can put the space before a cut word in the kept text before it.
    diff = (("=", "request for "), ("-", "a"), ("=", "comment."))
    assert critic_diff(diff) == "request for {--a--} comment&#46;"
    assert critic_diff((("=", "for"), ("+", "a"), ("=", " comment"))) == "for {++a++} comment"
