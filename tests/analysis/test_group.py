"""Group stage: loose files grouped into stories, unrelated files set apart, references chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from stage_helpers import group_fixture, prepared, version, write_tree

from generator.analysis.group import Prepared, choose_references, cut_short, group
from generator.inputs.load import load_seeds, split_front_matter
from generator.inputs.problems import SeedError
from generator.pipeline import prepare

FERRY = ("ferry-original.txt", "ferry-wire.txt", "ferry-rewrite.txt")


def _group(seeds: Path):
    tree = load_seeds(seeds)
    return group(prepare(tree), tree.stories)


def _loose_tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path, {name: group_fixture(name) for name in FERRY + ("bakery.txt",)})


def test_loose_versions_form_one_story_and_the_unrelated_file_is_set_apart(tmp_path: Path) -> None:
    plans, unrelated = _group(_loose_tree(tmp_path))
    assert len(plans) == 1
    assert sorted(p.version.id for p in plans[0].versions) == ["ferry-original", "ferry-rewrite", "ferry-wire"]
    assert [u.version.id for u in unrelated] == ["bakery"]
    assert unrelated[0].version.path == "seeds/bakery.txt"
    assert unrelated[0].reason.startswith("belongs to no story: it shares no quote with the other files")


def test_reference_is_the_version_whose_quotes_the_others_reproduce(tmp_path: Path) -> None:
    (story,), _ = _group(_loose_tree(tmp_path))
    assert story.references == ("ferry-original",)
    assert story.versions[0].version.id == "ferry-original"
    assert [p.version.id for p in story.versions[1:]] == ["ferry-rewrite", "ferry-wire"]
    assert story.reason.startswith("chosen by the generator: 4 of its 4 quotes appear word for word")


def test_loose_story_id_is_a_slug_of_the_reference(tmp_path: Path) -> None:
    (story,), _ = _group(_loose_tree(tmp_path))
    assert story.id == "island-ferry-fares-to-rise-by"


def test_loose_story_title_is_the_first_paragraph(tmp_path: Path) -> None:
    (story,), _ = _group(_loose_tree(tmp_path))
    assert story.title == "Island ferry fares to rise by a third from April"


def test_grouping_is_deterministic(tmp_path: Path) -> None:
    seeds = _loose_tree(tmp_path)
    assert _group(seeds) == _group(seeds)


def test_story_yml_references_are_honoured(tmp_path: Path) -> None:
    files = {f"ferry/{name}": group_fixture(name) for name in FERRY}
    files["ferry/story.yml"] = "title: Gullrock ferry fares\nreferences: [ferry-wire, ferry-rewrite]\nnotes: Test.\n"
    (story,), unrelated = _group(write_tree(tmp_path, files))
    assert unrelated == []
    assert (story.id, story.title, story.notes) == ("ferry", "Gullrock ferry fares", "Test.")
    assert story.references == ("ferry-wire", "ferry-rewrite")
    assert story.reason == "named in story.yml"
    assert [p.version.id for p in story.versions] == ["ferry-wire", "ferry-rewrite", "ferry-original"]


def test_story_yml_naming_a_missing_version(tmp_path: Path) -> None:
    files = {f"ferry/{name}": group_fixture(name) for name in FERRY}
    files["ferry/story.yml"] = "references: [ferry-first-draft]\n"
    with pytest.raises(SeedError) as caught:
        _group(write_tree(tmp_path, files))
    assert caught.value.path == "seeds/ferry/story.yml"
    assert "ferry-first-draft" in str(caught.value)


def test_loose_file_joins_the_matching_folder_story(tmp_path: Path) -> None:
    files = {f"ferry/{name}": group_fixture(name) for name in FERRY[:2]}
    files["ferry-rewrite.txt"] = group_fixture("ferry-rewrite.txt")
    files["bakery.txt"] = group_fixture("bakery.txt")
    (story,), unrelated = _group(write_tree(tmp_path, files))
    assert story.id == "ferry"
    assert sorted(p.version.id for p in story.versions) == ["ferry-original", "ferry-rewrite", "ferry-wire"]
    assert [u.version.id for u in unrelated] == ["bakery"]


def test_folders_never_merge(tmp_path: Path) -> None:
    files = {"one/" + FERRY[0]: group_fixture(FERRY[0]), "two/" + FERRY[1]: group_fixture(FERRY[1])}
    plans, unrelated = _group(write_tree(tmp_path, files))
    assert [p.id for p in plans] == ["one", "two"] and unrelated == []


def test_front_matter_reference_wins_over_the_generators_choice() -> None:
    marked = "---\nreference: true\n---\n"
    meta, body = split_front_matter(marked + group_fixture("ferry-rewrite.txt"), "x")
    versions = [prepared(group_fixture("ferry-original.txt"), "ferry-original"), prepared(body, "ferry-rewrite", meta)]
    assert choose_references(versions) == (("ferry-rewrite",), "marked as trusted in the version's front matter")


def test_byline_breaks_a_tie_and_is_named_in_the_reason() -> None:
    # Each reproduces 3 of the other's 4 quotes; the byline removed from the wire copy decides.
    with_byline = "Ilsa Varne Transport correspondent 2 hours ago Share Save\n\n" + group_fixture("ferry-wire.txt")
    versions = [prepared(group_fixture("ferry-original.txt"), "original"), prepared(with_byline, "wire")]
    references, reason = choose_references(versions)
    assert references == ("wire",)
    assert "carries the original byline (Ilsa Varne, Transport correspondent)" in reason


def test_cut_short_when_the_text_ends_at_a_crosshead() -> None:
    assert cut_short(version("Fares will rise by a third.\n\nWhat happens next"))
    assert not cut_short(version("Fares will rise by a third.\n\nThe board meets in May."))
    assert not cut_short(version(""))


def test_a_single_loose_file_is_unrelated(tmp_path: Path) -> None:
    plans, unrelated = _group(write_tree(tmp_path, {"bakery.txt": group_fixture("bakery.txt")}))
    assert plans == [] and [u.version.id for u in unrelated] == ["bakery"]
    assert "(closest: none)" in unrelated[0].reason


def test_prepared_keeps_quotes_in_order() -> None:
    p: Prepared = prepared(group_fixture("ferry-original.txt"), "ferry-original")
    assert [q.id for q in p.quotes] == [f"ferry-original:q{n}" for n in range(1, 5)]


@pytest.mark.parametrize("exhaustive_pairs", [10**9, 0], ids=["every-pair", "candidates"])
def test_a_story_written_from_the_same_template_is_set_apart(tmp_path: Path, exhaustive_pairs: int) -> None:
    # Another island's fares rise, told in the same words: other board, people, numbers and quotes.
    tree = load_seeds(write_tree(tmp_path, {name: group_fixture(name) for name in FERRY + ("ferry-other-island.txt",)}))
    (story,), unrelated = group(prepare(tree), tree.stories, exhaustive_pairs)
    assert sorted(p.version.id for p in story.versions) == ["ferry-original", "ferry-rewrite", "ferry-wire"]
    assert [u.version.id for u in unrelated] == ["ferry-other-island"]
    assert unrelated[0].reason == ("belongs to no story: the file most like it, ferry-original (20% alike in "
                                   "vocabulary), names other people, places or numbers, so it tells another story")
