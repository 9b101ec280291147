"""Speed machinery that must not change a byte of output: the synthetic corpus,
parallel judging, the story cache, the C++ diff, the progress bar and the
linear-time rewrites of hot spots."""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.analysis.diff as diff_module
from benchmarks import synth
from benchmarks.scale import accuracy
from generator.analysis import attribute
from generator.cli import cli
from generator.evaluate import FINDING_KINDS
from generator.inputs.load import read_seeds
from generator.pipeline import run
from generator.runtime import parallel
from generator.runtime.cache import folder_key
from generator.runtime.progress import Progress
from generator.site.render import people, render_site
from generator.site.render.paths import speaker_names
from generator.site.report import to_json

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic corpus: 4 stories of 4 versions."""
    out = tmp_path_factory.mktemp("synthetic")
    synth.write_corpus(out, stories=4, versions=4, seed=3)
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


# -- the synthetic corpus ---------------------------------------------------------------------------

def test_same_seed_gives_the_same_bytes_and_another_seed_other_ones(tmp_path: Path) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        synth.write_corpus(tmp_path / name, stories=3, versions=4, seed=seed)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_a_story_does_not_depend_on_the_size_of_the_corpus(tmp_path: Path) -> None:
    synth.write_corpus(tmp_path / "small", stories=1, versions=3, seed=2)
    synth.write_corpus(tmp_path / "large", stories=3, versions=3, seed=2)
    (story,) = (tmp_path / "small" / "seeds").iterdir()
    assert _files(story) == _files(tmp_path / "large" / "seeds" / story.name)


def test_ground_truth_names_real_versions_kinds_and_words(corpus_dir: Path) -> None:
    truth = json.loads((corpus_dir / synth.TRUTH_FILE).read_text(encoding="utf-8"))
    assert (truth["stories"], truth["versions"], truth["seed"]) == (4, 4, 3)
    annotations = truth["annotations"]
    assert sorted(annotations) == sorted(p.name for p in (corpus_dir / "seeds").iterdir())
    expected = 0
    for story, annotation in annotations.items():
        assert set(annotation["evaluates"]) <= set(FINDING_KINDS)
        for entry in annotation["expect"] + annotation["forbid"]:
            text = (corpus_dir / "seeds" / story / f"{entry['version']}.txt").read_text(encoding="utf-8")
            assert entry["kind"] in FINDING_KINDS
            assert entry["text"].casefold() in text.casefold(), entry
        for entry in annotation["expect"]:
            assert entry["kind"] in annotation["evaluates"]
            original = (corpus_dir / "seeds" / story / "original.txt").read_text(encoding="utf-8")
            # An injected change: the words are new to the copy (a cut keeps words, so it is the exception).
            if entry["kind"] not in ("truncated_quote", "misattributed_quote"):
                assert not re.search(rf"\b{re.escape(entry['text'])}\b", original.split("---", 2)[2]), entry
            expected += 1
    assert expected >= 4


def test_a_loose_corpus_is_the_same_versions_flat_under_opaque_names(tmp_path: Path) -> None:
    synth.write_corpus(tmp_path / "folders", stories=3, versions=4, seed=5)
    seeds = synth.write_corpus(tmp_path / "loose", stories=3, versions=4, seed=5, loose=True)
    truth = json.loads((tmp_path / "loose" / synth.TRUTH_FILE).read_text(encoding="utf-8"))
    files = sorted(seeds.iterdir())
    assert len(files) == 12 and all(path.is_file() and re.fullmatch(r"f[0-9a-f]{15}\.txt", path.name) for path in files)
    assert sorted(truth["files"]) == [path.stem for path in files]
    folders = sorted(path for path in (tmp_path / "folders" / "seeds").rglob("*.txt"))
    assert sorted(path.read_bytes() for path in files) == sorted(path.read_bytes() for path in folders)
    for story, annotation in truth["annotations"].items():
        for entry in annotation["expect"] + annotation["forbid"]:
            assert truth["files"][entry["version"]] == story
            assert entry["text"].casefold() in (seeds / f"{entry['version']}.txt").read_text(encoding="utf-8").casefold()
    assert _files(tmp_path / "loose") == _files(synth.write_corpus(tmp_path / "again", 3, 4, 5, loose=True).parent)


def test_the_wire_copy_differs_only_cosmetically(corpus_dir: Path) -> None:
    story = sorted((corpus_dir / "seeds").iterdir())[0]
    original = (story / "original.txt").read_text(encoding="utf-8").split("---", 2)[2]
    wire = (story / "wire.txt").read_text(encoding="utf-8").split("---", 2)[2]
    folded = re.sub(r"£(\d+) million", r"£\1m", wire).replace("\u201c", '"').replace("\u201d", '"')
    assert folded == original and wire != original


def test_accuracy_scores_the_corpus_with_the_evaluation_scorer(corpus_dir: Path) -> None:
    result = accuracy(run(read_seeds(corpus_dir / "seeds")), corpus_dir / synth.TRUTH_FILE)
    assert result.overall.tp + result.overall.fn == sum(
        len(a["expect"]) for a in json.loads((corpus_dir / synth.TRUTH_FILE).read_text())["annotations"].values())
    assert result.overall.recall > 0.5 and result.overall.precision > 0.5


# -- parallel and cached judging --------------------------------------------------------------------

@pytest.mark.parametrize("which", ["seeds", "synthetic"])
def test_parallel_output_is_byte_identical_to_a_single_process(which: str, corpus_dir: Path,
                                                               tmp_path: Path) -> None:
    seeds = SEEDS if which == "seeds" else corpus_dir / "seeds"
    single = run(read_seeds(seeds))
    for corpus in (parallel.judge_seeds(seeds, jobs=2),
                   parallel.judge_seeds(seeds, jobs=2, cache_dir=tmp_path / "cache"),
                   parallel.judge_seeds(seeds, jobs=2, cache_dir=tmp_path / "cache")):
        assert to_json(corpus) == to_json(single)
        assert render_site(corpus) == render_site(single)


def test_cli_report_is_the_same_with_any_jobs_and_cache(corpus_dir: Path, tmp_path: Path) -> None:
    seeds = str(corpus_dir / "seeds")
    outputs = [CliRunner().invoke(cli, ["report", "--seeds", seeds, *options], catch_exceptions=False).stdout
               for options in (["--jobs", "1", "--no-cache"], ["--jobs", "2", "--cache-dir", str(tmp_path)],
                               ["--jobs", "2", "--cache-dir", str(tmp_path), "--quiet"])]
    assert outputs[0] == outputs[1] == outputs[2] and outputs[0].startswith("{")


def _counting_units(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    judged: list[str | None] = []
    real = parallel.judge_units

    def counting(seeds_dir: str, folders: list[str | None]) -> list[bytes]:
        judged.extend(folders)
        return real(seeds_dir, folders)

    monkeypatch.setattr(parallel, "judge_units", counting)
    return judged


def test_cache_judges_again_only_the_story_that_changed(corpus_dir: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for story in sorted((corpus_dir / "seeds").iterdir()):
        (seeds / story.name).mkdir()
        for file in story.iterdir():
            (seeds / story.name / file.name).write_bytes(file.read_bytes())
    judged = _counting_units(monkeypatch)
    cache = tmp_path / "cache"
    first = to_json(parallel.judge_seeds(seeds, jobs=1, cache_dir=cache))
    assert len(judged) == 4
    assert to_json(parallel.judge_seeds(seeds, jobs=1, cache_dir=cache)) == first
    assert len(judged) == 4  # every story from the cache
    edited = sorted(seeds.iterdir())[1]
    copy = edited / "rewrite-3.txt"
    copy.write_text(copy.read_text(encoding="utf-8").replace("announced", "said"), encoding="utf-8")
    changed = to_json(parallel.judge_seeds(seeds, jobs=1, cache_dir=cache))
    assert judged[4:] == [edited.name]
    assert changed == to_json(run(read_seeds(seeds))) != first
    (edited / "notes.txt").write_text("A new version.\n", encoding="utf-8")
    parallel.judge_seeds(seeds, jobs=1, cache_dir=cache)
    assert judged[5:] == [edited.name]
    entries = [entry.name for entry in next(cache.iterdir()).iterdir()]
    assert len([name for name in entries if name.startswith("judged-")]) == 4  # entries no run uses are removed


def test_a_new_generator_version_invalidates_every_entry(corpus_dir: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = corpus_dir / "seeds"
    folder = sorted(p.name for p in seeds.iterdir())[0]
    assert folder_key(seeds, folder, "code-a") == folder_key(seeds, folder, "code-a")
    assert folder_key(seeds, folder, "code-a") != folder_key(seeds, folder, "code-b")
    judged = _counting_units(monkeypatch)
    parallel.judge_seeds(seeds, jobs=1, cache_dir=tmp_path)
    parallel.judge_seeds(seeds, jobs=1, cache_dir=tmp_path)
    assert len(judged) == 4
    monkeypatch.setattr(parallel, "code_fingerprint", lambda: "another generator")
    parallel.judge_seeds(seeds, jobs=1, cache_dir=tmp_path)
    assert len(judged) == 8


def test_a_damaged_cache_entry_is_judged_again(corpus_dir: Path, tmp_path: Path) -> None:
    seeds = corpus_dir / "seeds"
    expected = to_json(parallel.judge_seeds(seeds, jobs=1, cache_dir=tmp_path))
    for entry in next(tmp_path.iterdir()).iterdir():
        entry.write_bytes(b"not a pickle")
    assert to_json(parallel.judge_seeds(seeds, jobs=1, cache_dir=tmp_path)) == expected


# -- the C++ diff ---------------------------------------------------------------------------------

def _edited(rng: random.Random, words: list[str], vocabulary: list[str]) -> list[str]:
    edited = list(words)
    for _ in range(rng.randrange(0, 8)):
        position = rng.randrange(len(edited) + 1)
        action = rng.randrange(3)
        if action == 0:
            edited[position:position] = rng.choices(vocabulary, k=rng.randrange(1, 4))
        elif action == 1:
            del edited[position:position + rng.randrange(1, 4)]
        elif edited:
            edited[min(position, len(edited) - 1)] = rng.choice(vocabulary)
    return edited


def test_cpp_and_python_diff_match_patch_give_the_same_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fast_diff_match_patch")
    rng = random.Random(20251124)
    for _ in range(1500):
        vocabulary = [f"w{i}" for i in range(rng.choice((2, 5, 30, 400)))]
        old = rng.choices(vocabulary, k=rng.randrange(0, 150))
        new = _edited(rng, old, vocabulary) if rng.random() < 0.8 else rng.choices(vocabulary, k=rng.randrange(60))
        for cleanup in (True, False):
            monkeypatch.setattr(diff_module, "USE_FAST", True)
            fast = diff_module.diff_keys(old, new, cleanup)
            monkeypatch.setattr(diff_module, "USE_FAST", False)
            assert diff_module.diff_keys(old, new, cleanup) == fast, (old, new, cleanup)


def test_cpp_and_python_diffs_give_the_same_report(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fast_diff_match_patch")
    for seeds in (SEEDS, corpus_dir / "seeds"):
        monkeypatch.setattr(diff_module, "USE_FAST", True)
        fast = to_json(run(read_seeds(seeds)))
        monkeypatch.setattr(diff_module, "USE_FAST", False)
        assert to_json(run(read_seeds(seeds))) == fast


# -- the progress bar -----------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_when_stderr_is_not_a_terminal_or_quiet() -> None:
    for stream, quiet in ((io.StringIO(), False), (_Terminal(), True)):
        with Progress(3, "Judging", stream=stream, quiet=quiet) as progress:
            for _ in range(3):
                progress.advance()
        assert stream.getvalue() == ""


def test_progress_draws_a_bar_on_a_terminal_and_clears_it() -> None:
    stream = _Terminal()
    ticks = iter([0.0, 0.5, 1.0, 1.5, 2.0])
    with Progress(2, "Judging", stream=stream, clock=lambda: next(ticks)) as progress:
        progress.advance()
        progress.advance()
    drawn = stream.getvalue()
    assert "\rJudging [" + "#" * 14 + "-" * 14 + "] 1/2  0.5 s" in drawn
    assert "] 2/2  1.0 s" in drawn and drawn.endswith("\r\x1b[K")


# -- linear-time rewrites give the same answers ---------------------------------------------------

def test_filler_stripping_matches_the_regular_expression() -> None:
    rng = random.Random(4)
    words = ["also", "Then", "x", "ALSO", "said", "never", "\u017ftill", "\u00a0", "has", "hasty", ",", "can",
             "\ufb01rst", ""]
    for _ in range(20000):
        text = "".join(rng.choice(words) + rng.choice([" ", "", "\t", "   ", "\n"]) for _ in range(rng.randrange(8)))
        assert attribute._without_filler(text) == attribute._FILLER.sub("", text), repr(text)


def test_people_entries_name_the_stories_a_scan_finds(corpus_dir: Path) -> None:
    corpus = run(read_seeds(corpus_dir / "seeds"))
    names = {rendering.quote.speaker.canonical for story in corpus.stories for group in story.groups
             for rendering in group.renderings if rendering.quote and rendering.quote.speaker}
    assert names
    for name in names | {"Nobody At All"}:
        listed = [story for story in corpus.stories if name in speaker_names((story,))]
        scanned = [story for story in corpus.stories if people._groups_of(story, name) or people._given(story, name)]
        assert listed == scanned


# -- the benchmark itself runs ---------------------------------------------------------------------

def test_benchmark_prints_every_table_at_a_tiny_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import scale  # noqa: PLC0415 - only this test runs the benchmark

    scale.main(["--stories", "3", "--build-stories", "2", "--loose-files", "10,20", "--engine-stories", "2",
                "--jsonl-stories", "2", "--jobs", "2", "--work", str(tmp_path / "work")])
    printed = capsys.readouterr().out
    report, incremental, build, loose, engines, stream = (
        re.search(rf"{title}.*?\n\n(\|.*?)(?:\n\n|\Z)", printed, re.S).group(1)
        for title in ("report, cold", "after editing one story", "build \\(MkDocs", "report over loose files",
                      "local pool", "report as one JSON document"))
    cold_row = report.splitlines()[2].split("|")[1:-1]
    assert cold_row[0].strip() == "3" and cold_row[1].strip() == "15"
    warm_row = incremental.splitlines()[2].split("|")[1:-1]
    # The edited story's files and the site-wide pages that list it are written; nothing else.
    assert 0 < int(warm_row[-1]) < 30
    assert float(warm_row[5]) > 0
    assert build.splitlines()[2].split("|")[1].strip() == "2"
    # Loose files: 10 and 20 files are 2 and 4 stories of 5, found again; the second row says how time grew.
    loose_rows = [row.split("|")[1:-1] for row in loose.splitlines()[2:]]
    assert [(row[0].strip(), row[1].strip(), row[2].strip()) for row in loose_rows] == [("10", "2", "2"),
                                                                                      ("20", "4", "4")]
    assert loose_rows[1][9].strip().endswith("for 2.0x")
    # Both layouts judged by the pool and by the cluster, byte for byte the same.
    assert [row.split("|")[1].strip() for row in engines.splitlines()[2:]] == ["story folders", "loose files"]
    assert all(row.split("|")[-2].strip() == "yes" for row in engines.splitlines()[2:])
    formats = [row.split("|")[3].strip() for row in stream.splitlines()[2:]]
    assert formats == ["json", "jsonl", "json", "jsonl"]
