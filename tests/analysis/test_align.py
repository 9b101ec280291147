"""Align stage: every quote lined up with its renderings in every version of a story."""

from __future__ import annotations

import pytest
from stage_helpers import plan, prepared

from generator.analysis.align import align
from generator.model import QuoteGroup

REFERENCE = ("Mara Quill said: “We will organise the centre of town around colour and light, not cars.” "
             "Tomas Brennick said the trust had been “kept in the dark about the plan”.")
COPIES = {
    "cosmetic": 'Mara Quill said: "We will organize the center of town around color and light, not cars."',
    "altered": ("“We will organise the centre of town around colour and light, not buses,” Mara Quill said. "
                "Tomas Brennick said the trust had been “kept in the dark about the plan”."),
    "misattributed": "“We will organise the centre of town around colour and light, not cars,” Tomas Brennick said.",
    "unsupported": "Mara Quill said the town would have “free buses for every pensioner”.",
    "extended": ("Mara Quill said: “We will organise the centre of town around colour and light, not cars, "
                 "and we will close the ring road.”"),
}


@pytest.fixture(scope="module")
def groups() -> tuple[QuoteGroup, ...]:
    return align(plan(prepared(REFERENCE, "ref"), *(prepared(text, name) for name, text in COPIES.items())))


def _statuses(group: QuoteGroup) -> dict[str, str]:
    return {r.version: r.status for r in group.renderings}


def test_groups_follow_the_reference_then_unsupported_quotes(groups: tuple[QuoteGroup, ...]) -> None:
    assert [(g.speaker, g.trusted.text if g.trusted else None) for g in groups] == [
        ("Mara Quill", "We will organise the centre of town around colour and light, not cars."),
        ("Tomas Brennick", "kept in the dark about the plan"),
        ("Mara Quill", None),
    ]


def test_statuses_of_the_first_quote(groups: tuple[QuoteGroup, ...]) -> None:
    assert _statuses(groups[0]) == {
        "ref": "reference", "altered": "altered", "cosmetic": "cosmetic", "extended": "extended",
        "misattributed": "misattributed", "unsupported": "omitted"}


def test_renderings_follow_story_version_order(groups: tuple[QuoteGroup, ...]) -> None:
    assert [r.version for r in groups[0].renderings] == [
        "ref", "altered", "cosmetic", "extended", "misattributed", "unsupported"]


def test_summaries_say_what_changed(groups: tuple[QuoteGroup, ...]) -> None:
    summaries = {r.version: r.summary for r in groups[0].renderings}
    assert summaries["altered"] == "'cars' became 'buses'"
    assert summaries["cosmetic"] == "the same words; only quotation marks, case, punctuation or spelling differ"
    assert summaries["misattributed"] == "given to Tomas Brennick, not Mara Quill; word for word"
    assert summaries["extended"] == "adds 'and we will close the ring road' beyond the trusted words"


def test_renderings_carry_their_evidence(groups: tuple[QuoteGroup, ...]) -> None:
    altered = next(r for r in groups[0].renderings if r.version == "altered")
    assert altered.against == "ref"
    assert altered.quote is not None and altered.quote.version == "altered"
    assert ("-", "cars") in altered.diff and 0 < altered.score < 1
    omitted = next(r for r in groups[0].renderings if r.version == "unsupported")
    assert (omitted.quote, omitted.diff, omitted.score) == (None, (), 0.0)


def test_a_quote_no_reference_has_is_unsupported(groups: tuple[QuoteGroup, ...]) -> None:
    (rendering,) = groups[2].renderings
    assert (rendering.version, rendering.status, rendering.summary) == (
        "unsupported", "unsupported", "no trusted version has these words")
    assert groups[2].trusted is None


def test_group_ids_are_unique_slugs(groups: tuple[QuoteGroup, ...]) -> None:
    ids = [g.id for g in groups]
    assert len(set(ids)) == len(ids)
    assert ids[1] == "tomas-brennick-kept-in-the-dark-about"


def test_align_is_deterministic() -> None:
    def build() -> tuple[QuoteGroup, ...]:
        return align(plan(prepared(REFERENCE, "ref"), *(prepared(text, name) for name, text in COPIES.items())))
    assert build() == build()


def test_a_second_reference_adds_a_trusted_rendering() -> None:
    story = plan(prepared(REFERENCE, "ref"), prepared(COPIES["cosmetic"], "ref2"), references=("ref", "ref2"))
    first = align(story)[0]
    assert _statuses(first) == {"ref": "reference", "ref2": "reference"}


def test_one_speaker_named_two_ways_is_not_a_misattribution() -> None:
    reference = prepared("Health Secretary Mara Quill said: “We will open the ward in spring.”", "ref")
    copy = prepared("“We will open the ward in spring,” Ms Quill said.", "copy")
    (group,) = align(plan(reference, copy))
    assert _statuses(group) == {"ref": "reference", "copy": "verbatim"}


def test_another_named_person_is_a_misattribution() -> None:
    reference = prepared("Health Secretary Mara Quill said: “We will open the ward in spring.” "
                         "Tomas Brennick said the date was “a fantasy”.", "ref")
    copy = prepared("Tomas Brennick said: “We will open the ward in spring.”", "copy")
    group = align(plan(reference, copy))[0]
    assert _statuses(group)["copy"] == "misattributed"


def test_versions_that_agree_without_a_reference_are_a_consensus() -> None:
    reference = prepared("Mara Quill said the ward would open.", "ref")
    quote = "“The ward will open in spring, whatever the cost,” said Tomas Brennick."
    copies = [prepared(quote, "a"), prepared(quote, "b"),
              prepared("“The ward will open in autumn, whatever the cost,” said Tomas Brennick.", "c")]
    (group,) = [g for g in align(plan(reference, *copies)) if g.trusted is None]
    assert group.consensus is not None and group.supporters == ("a", "b")
    assert _statuses(group) == {"a": "consensus", "b": "verbatim", "c": "altered"}
    (altered,) = [r for r in group.renderings if r.version == "c"]
    assert altered.summary.startswith("against the wording of 2 other versions: 'spring' became 'autumn'")
