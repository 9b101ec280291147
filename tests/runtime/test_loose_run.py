"""A seeds folder with loose files judged on several workers in steps around the grouping, and
reports streamed story by story: the same output, byte for byte, as one process judging it whole."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from stage_helpers import group_fixture

from benchmarks import synth
from generator.analysis.loose import EXHAUSTIVE_PAIRS
from generator.cli import cli
from generator.inputs.load import read_seeds
from generator.pipeline import run
from generator.runtime.engine import InProcess, LocalPool, batch_size, in_order
from generator.runtime.loose_files import LooseRun
from generator.runtime.parallel import RunOptions, judge_seeds, run_folder
from generator.runtime.stream import StoryStream
from generator.site.report import to_json, to_jsonl

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def loose_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic stories as loose files, next to two story folders and files the loader refuses."""
    out = tmp_path_factory.mktemp("loose")
    seeds = synth.write_corpus(out, stories=6, versions=4, seed=4, loose=True)
    folders = tmp_path_factory.mktemp("folders")
    synth.write_corpus(folders, stories=2, versions=3, seed=9)
    for story in sorted((folders / "seeds").iterdir()):
        (seeds / story.name).mkdir()
        for path in story.iterdir():
            (seeds / story.name / path.name).write_bytes(path.read_bytes())
    ferry = seeds / "ferry-island"
    ferry.mkdir()
    (ferry / "ferry-original.txt").write_text(group_fixture("ferry-original.txt"), encoding="utf-8")
    (seeds / "ferry-wire.txt").write_text(group_fixture("ferry-wire.txt"), encoding="utf-8")  # joins the folder
    (seeds / "empty.txt").write_text("  \n", encoding="utf-8")
    (seeds / "twice.txt").write_text(group_fixture("bakery.txt"), encoding="utf-8")
    (seeds / "twice.md").write_text(group_fixture("bakery.txt"), encoding="utf-8")  # the same id twice
    (seeds / "broken.txt").write_bytes(b"not \x81 UTF-8\n")
    return seeds


@pytest.mark.parametrize("which", ["loose", "seeds"])
@pytest.mark.parametrize("engine", ["in-process", "two-processes"])
def test_judged_in_steps_the_corpus_is_the_one_judged_whole(loose_corpus: Path, which: str, engine: str) -> None:
    seeds = loose_corpus if which == "loose" else SEEDS
    whole = run(read_seeds(seeds))
    with LocalPool(2) if engine == "two-processes" else contextlib.nullcontext(InProcess()) as pool:
        corpus = LooseRun(seeds, pool).corpus()
    assert to_json(corpus) == to_json(whole)
    assert corpus == whole
    if which == "loose":
        assert whole.problems and len(whole.stories) == 9


def test_judge_seeds_on_two_processes_takes_the_steps_and_gives_the_same_corpus(loose_corpus: Path,
                                                                                tmp_path: Path) -> None:
    whole = run(read_seeds(loose_corpus))
    assert judge_seeds(loose_corpus, jobs=2) == whole
    assert judge_seeds(loose_corpus, jobs=2, cache_dir=tmp_path) == whole  # judged, then cached
    assert judge_seeds(loose_corpus, jobs=2, cache_dir=tmp_path) == whole  # read back


def test_results_are_put_back_in_order() -> None:
    finished = iter([(2, "c"), (0, "a"), (3, "d"), (1, "b")])
    assert list(in_order(finished)) == ["a", "b", "c", "d"]
    assert batch_size(10_000, 2, 64) == 64 and batch_size(10, 2, 64) == 1 and batch_size(0, 2, 64) == 1


# -- the report as JSON Lines, streamed ---------------------------------------------------------------

@pytest.fixture(scope="module")
def folder_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("folders")
    return synth.write_corpus(out, stories=5, versions=3, seed=2)


def _jsonl(seeds: Path, *options: str) -> str:
    result = CliRunner().invoke(cli, ["report", "--seeds", str(seeds), "--format", "jsonl", *options],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("which", ["folders", "loose", "seeds"])
def test_jsonl_is_the_json_report_line_by_line(which: str, folder_corpus: Path, loose_corpus: Path,
                                               tmp_path: Path) -> None:
    seeds = {"folders": folder_corpus, "loose": loose_corpus, "seeds": SEEDS}[which]
    expected = to_jsonl(run_folder(seeds))
    cache = str(tmp_path / "cache")
    for options in (["--jobs", "1", "--no-cache"], ["--jobs", "2", "--no-cache"], ["--jobs", "2", "--cache-dir", cache],
                    ["--jobs", "2", "--cache-dir", cache]):
        assert _jsonl(seeds, *options) == expected, options
    document = json.loads(CliRunner().invoke(cli, ["report", "--seeds", str(seeds), "--no-cache"]).stdout)
    lines = [json.loads(line) for line in expected.splitlines()]
    assert lines[0] == {"report_version": document["report_version"]}
    assert [line["story"] for line in lines if "story" in line] == document["stories"]
    assert [line["unrelated"] for line in lines if "unrelated" in line] == document["unrelated"]
    assert [line["problem"] for line in lines if "problem" in line] == document["problems"]


def test_a_story_is_handed_on_before_the_next_ones_are_judged(folder_corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    stream = StoryStream(folder_corpus, RunOptions(jobs=1, cache_dir=cache))
    stories = stream.stories()
    first = next(stories)
    judged = list(cache.rglob("judged-*.pickle"))
    assert first.id == sorted(path.name for path in folder_corpus.iterdir())[0]
    assert len(judged) == 1  # one story folder judged (and cached) so far, of five
    rest = list(stories)
    assert len(rest) == 4 and len(list(cache.rglob("judged-*.pickle"))) == 5
    assert stream.problems == run_folder(folder_corpus).problems


def test_strict_needs_the_whole_report(folder_corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--seeds", str(folder_corpus), "--format", "jsonl", "--strict"])
    assert result.exit_code == 2 and "--strict" in result.output and result.stdout.count("\n") <= 5


def test_jsonl_of_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--seeds", str(tmp_path / "nowhere"), "--format", "jsonl"])
    assert result.exit_code == 1 and result.stdout == "" and "no such folder" in result.stderr


# -- the same whatever the process: no set or hash order leaks into grouping ------------------------------

GROUP_IN_A_FRESH_PROCESS = """
import json, sys
from pathlib import Path
from generator.analysis.group import group
from generator.inputs.load import load_seeds
from generator.pipeline import prepare
tree = load_seeds(Path(sys.argv[1]))
plans, unrelated = group(prepare(tree), tree.stories, exhaustive_pairs=0)
print(json.dumps([[p.id, [v.version.id for v in p.versions], p.reason] for p in plans]
                 + [[u.version.id, u.reason] for u in unrelated]))
"""


def test_grouping_by_candidates_is_the_same_in_every_process(tmp_path: Path) -> None:
    seeds = synth.write_corpus(tmp_path, stories=8, versions=3, seed=6, loose=True)
    (seeds / "bakery.txt").write_text(group_fixture("bakery.txt"), encoding="utf-8")
    outputs = {subprocess.run([sys.executable, "-c", GROUP_IN_A_FRESH_PROCESS, str(seeds)], check=True,
                              capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(outputs) == 1
    assert len(json.loads(outputs.pop())) == 9


REPORT_IN_A_FRESH_PROCESS = """
import sys
from generator.cli import cli
cli.main(sys.argv[1:], prog_name="verbatim", standalone_mode=False)
print("datasketch" in sys.modules, file=sys.stderr)
"""


def test_the_candidate_indexes_are_built_on_the_workers(many_loose_files: tuple[Path, str]) -> None:
    seeds, alone = many_loose_files
    files = len(list(seeds.glob("*.txt")))
    assert files * (files - 1) > EXHAUSTIVE_PAIRS
    done = subprocess.run([sys.executable, "-c", REPORT_IN_A_FRESH_PROCESS, "report", "--seeds", str(seeds),
                           "--jobs", "2", "--no-cache", "--quiet"], check=True, capture_output=True, text=True, cwd=ROOT)
    assert done.stdout == alone
    assert len(json.loads(alone)["stories"]) == 41
    # The main process never loaded the index library (numpy and scipy) nor held an index.
    assert done.stderr.splitlines()[-1] == "False"
