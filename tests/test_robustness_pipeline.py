"""A stage that raises on one version or one story costs that version or story
only: a problem names its files and every other story is still built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from stage_helpers import write_tree

import generator.pipeline as pipeline
import generator.runtime.pages as pages_stage
from generator.cli import cli
from generator.inputs.problems import problem_line
from generator.model import Story
from generator.pipeline import REPORT_BUGS
from generator.runtime.parallel import RunOptions, run_folder
from generator.site.render.paths import SiteMap

FERRY = '"We will build the bridge by June," said Mara Quill, the harbour master.\n'
BAKERY = '"Bread will cost more from Monday," said Tom Baker, who runs the shop.\n'


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    return write_tree(tmp_path, {
        "ferry/a.txt": FERRY, "ferry/b.txt": FERRY.replace("June", "July"),
        "bakery/a.txt": BAKERY, "bakery/b.txt": BAKERY.replace("Monday", "Tuesday"),
        "loose.txt": "The weather was mild for the time of year, forecasters noted.\n",
    })


def _raise_for(marker: str, real):
    """A stage function that raises when its input mentions ``marker``, else calls ``real``."""
    def stage(*args, **kwargs):
        if marker in repr(args[0]):
            raise ValueError("boom\nsecond line")
        return real(*args, **kwargs)
    return stage


def test_judge_raising_on_one_story_keeps_the_others(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "judge_story", _raise_for("Tom Baker", pipeline.judge_story))
    corpus = run_folder(seeds)
    assert [story.id for story in corpus.stories] == ["ferry"]
    assert [problem_line(p) for p in corpus.problems] == [
        "error: seeds/bakery: internal error while judging story 'bakery'; left out of the site; "
        f"{REPORT_BUGS} (ValueError: boom second line; 2 files)"]


def test_a_stage_raising_on_one_version_leaves_that_version_out(seeds: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract", _raise_for("July", pipeline.extract))
    corpus = run_folder(seeds)
    versions = {story.id: [s.version.id for s in story.versions] for story in corpus.stories}
    assert versions == {"bakery": ["a", "b"], "ferry": ["a"]}
    assert [problem_line(p) for p in corpus.problems] == [
        "error: seeds/ferry/b.txt: internal error while reading quotes; the version is left out; "
        f"{REPORT_BUGS} (ValueError: boom second line)"]


def test_grouping_raising_falls_back_to_one_folder_at_a_time(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.group

    def group(prepared, configs):
        if any("Tom Baker" in p.version.text for p in prepared):
            raise RuntimeError("grouping bug")
        return real(prepared, configs)

    monkeypatch.setattr(pipeline, "group", group)
    corpus = run_folder(seeds)
    assert [story.id for story in corpus.stories] == ["ferry"]
    assert [u.version.id for u in corpus.unrelated] == ["loose"]
    assert [problem_line(p) for p in corpus.problems] == [
        "error: seeds/bakery: internal error while grouping; left out of the site; "
        f"{REPORT_BUGS} (RuntimeError: grouping bug; 2 files)"]


def test_rendering_raising_on_one_story_keeps_the_others(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pages_stage.render_story_pages

    def render_story_pages(story: Story, site: SiteMap) -> dict[str, str]:
        if story.id == "ferry":
            raise KeyError("renderer bug")
        return real(story, site)

    monkeypatch.setattr(pages_stage, "render_story_pages", render_story_pages)
    for cache_dir in (None, seeds.parent / "cache"):
        rendered = pages_stage.render_seeds(seeds, RunOptions(cache_dir=cache_dir))
        pages = rendered.all_pages()
        assert [story.story_id for story in rendered.stories] == ["bakery"]
        assert "stories/unrelated/loose.md" in pages
        assert any(path.startswith("stories/bakery/") for path in pages)
        assert not any(path.startswith("stories/ferry/") for path in pages)
        assert not any("ferry/" in text for text in rendered.site_pages.values())
        assert [problem_line(p) for p in rendered.problems] == [
            "error: seeds/ferry: internal error while rendering story 'ferry'; left out of the site; "
            f"{REPORT_BUGS} (KeyError: 'renderer bug'; 2 files)"]


def test_cli_reports_a_stage_bug_as_a_problem_and_strict_fails(seeds: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "judge_story", _raise_for("Tom Baker", pipeline.judge_story))
    result = CliRunner().invoke(cli, ["report", "--seeds", str(seeds)])
    assert result.exit_code == 0
    assert "Traceback" not in result.output
    assert [s["id"] for s in json.loads(result.stdout)["stories"]] == ["ferry"]
    assert result.stderr.startswith("error: seeds/bakery: internal error while judging story 'bakery'")
    assert "(ValueError: boom second line; 2 files)" in result.stderr
    strict = CliRunner().invoke(cli, ["report", "--seeds", str(seeds), "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == "Error: 1 problem (see above)"


def test_loose_file_with_the_id_of_a_story_version_is_set_apart(tmp_path: Path) -> None:
    seeds = write_tree(tmp_path, {"ferry/a.txt": FERRY, "ferry/wire.txt": FERRY,
                                  "wire.txt": FERRY.replace("June", "May")})
    corpus = run_folder(seeds)
    (story,) = corpus.stories
    assert sorted(s.version.path for s in story.versions) == ["seeds/ferry/a.txt", "seeds/ferry/wire.txt"]
    assert [(u.version.path, u.reason) for u in corpus.unrelated] == [
        ("seeds/wire.txt", "it belongs to story 'ferry', which already has a version 'wire' "
                           "(seeds/ferry/wire.txt); rename the file to add it")]
    assert [problem_line(p) for p in corpus.problems] == [
        "error: seeds/wire.txt: version id 'wire' is already used by seeds/ferry/wire.txt; "
        "the file is set apart, not added to the story"]
