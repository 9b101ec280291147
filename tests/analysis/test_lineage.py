"""Lineage stage: versions grouped by the narration they share (fixtures in tests/fixtures/lineage/)."""

from __future__ import annotations

import pytest
from stage_helpers import read_yaml, version

from generator.analysis.lineage import (
    VERBATIM,
    beyond_excerpt,
    containment,
    lineage_index,
    lineages,
    narration,
    shared,
)
from generator.model import VersionMeta

STORIES = read_yaml("lineage/stories.yml")


def narrations(case: dict) -> list:
    found = []
    for version_id, spec in case["versions"].items():
        meta = VersionMeta(kind=spec.get("kind"), published=spec.get("published"), language=spec.get("language"))
        found.append(narration(version(" ".join(spec["text"].split()), version_id, meta), spec.get("language")))
    return found


@pytest.mark.parametrize("case", STORIES, ids=[case["name"] for case in STORIES])
def test_versions_are_grouped_by_the_narration_they_share(case: dict) -> None:
    found = lineages(narrations(case))
    assert [list(lineage.members) for lineage in found] == case["lineages"]
    for lineage in found:
        assert lineage.id == lineage.members[0]  # named for its root
        assert lineage.reason
        # who copied whom: every member but the root has exactly one parent inside the lineage
        assert sorted(edge.child for edge in lineage.descent) == sorted(lineage.members[1:])
        assert {edge.parent for edge in lineage.descent} <= set(lineage.members)


@pytest.mark.parametrize("case", STORIES, ids=[case["name"] for case in STORIES])
def test_every_version_is_in_exactly_one_lineage(case: dict) -> None:
    found = lineages(narrations(case))
    index = lineage_index(found)
    assert sorted(index) == sorted(case["versions"])
    assert sum(len(lineage.members) for lineage in found) == len(case["versions"])


def test_the_grouping_does_not_depend_on_the_order_versions_come_in() -> None:
    items = narrations(STORIES[0])
    forward = {frozenset(lineage.members) for lineage in lineages(items)}
    backward = {frozenset(lineage.members) for lineage in lineages(list(reversed(items)))}
    assert forward == backward


def test_a_trusted_version_roots_its_lineage() -> None:
    items = narrations(STORIES[0])
    (found,) = [lineage for lineage in lineages(items, references=("wire",)) if "wire" in lineage.members]
    assert found.members[0] == "wire"
    assert found.reason == "a trusted version"


def test_containment_is_how_much_of_the_first_the_second_holds() -> None:
    whole = narration(version("The pier will close on Tuesday for repairs. Ferries will use the north quay until spring."))
    part = narration(version("The pier will close on Tuesday for repairs."))
    assert containment(part.sentences, whole.sentences) == 1.0
    assert containment(whole.sentences, part.sentences) == pytest.approx(0.5, abs=0.15)
    assert shared(part, whole) == shared(whole, part) == 1.0
    assert containment((), whole.sentences) == 0.0


def test_quotes_are_blanked_before_narration_is_compared() -> None:
    first = narration(version('"We will rebuild the pier before the summer season starts," said Lena Ostrow.'))
    second = narration(version('"We will rebuild the pier before the summer season starts," Lena Ostrow told reporters.'))
    assert shared(first, second) < 0.5


def test_a_copy_going_on_past_a_trusted_excerpt_is_found_where_the_excerpt_ends() -> None:
    excerpt = narration(version("The harbour board voted on Tuesday to close the old ferry pier.\n\n"
                                "Engineers found cracks in three of the concrete piles last month."))
    text = ("The harbour board voted on Tuesday to close the old ferry pier.\n\n"
            "Engineers found cracks in three of the concrete piles last month.\n\n"
            "Ferries will dock at the north quay until the work is finished.")
    copy = narration(version(text, "copy"))
    index, offset = beyond_excerpt(excerpt, copy)
    assert index == 2
    assert text[offset:].startswith("Ferries")
    unrelated = narration(version("A survey of the pier turned up damaged supports and the board shut it."))
    assert beyond_excerpt(excerpt, unrelated) is None
    assert 0.5 < VERBATIM <= 1.0


def test_an_excerpt_cut_mid_sentence_ends_where_the_copy_renders_that_sentence_start() -> None:
    excerpt = narration(version("The harbour board voted on Tuesday to close the old ferry pier.\n\n"
                                "Engineers found cracks in three of the concrete piles during a routine sur"))
    text = ("The harbour board voted on Tuesday to close the old ferry pier.\n\n"
            "Engineers found cracks in three of the concrete piles during a routine survey last month.\n\n"
            "Ferries will dock at the north quay until the work is finished.")
    index, offset = beyond_excerpt(excerpt, narration(version(text, "copy")))
    assert index == 2
    assert text[offset:].startswith("Ferries")


def test_a_full_copy_descends_from_a_full_version_not_from_an_excerpt() -> None:
    """An excerpt is held whole by every full copy, but holds only part of one: the descent joins
    each member to the placed member that holds most of its narration."""
    full = ("The harbour board voted on Tuesday to close the old ferry pier for repairs.\n\n"
            "Engineers found cracks in three of the concrete piles during a routine survey.\n\n"
            "Ferries will dock at the north quay until the work is finished in the spring.\n\n"
            "The board said the repairs would cost about four million pounds over two years.")
    excerpt = narration(version(full.split("\n\n")[0], "excerpt"))
    original = narration(version(full, "original"))
    copy = narration(version(full, "copy"))
    (lineage,) = lineages([excerpt, original, copy], references=("excerpt",))
    parents = {edge.child: edge.parent for edge in lineage.descent}
    assert lineage.members[0] == "excerpt"
    assert parents["copy"] == "original" or parents["original"] == "copy"
