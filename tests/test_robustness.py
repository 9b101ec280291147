"""Bad input never stops the run: each bad file gets one line naming it, the
other stories are still built, and ``--strict`` turns any problem into exit 1.

The cases are in tests/fixtures/robustness/bad_inputs.yml; the inputs that
cannot live in a fixture file (a 20 MB file, symbolic links, huge texts) are
made at test time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from stage_helpers import cases, write_tree

from generator.cli import cli
from generator.inputs.load import MAX_FILE_BYTES, load_seeds, read_seeds
from generator.inputs.problems import SeedError, problem, problem_line
from generator.model import Corpus, Problem
from generator.runtime.parallel import run_folder
from generator.site.render import render_site

GOOD = ('"We will build the bridge by June," said Mara Quill, the harbour master.\n\n'
        "The council agreed to pay for it.\n")
"""A version every tree carries twice (seeds/good/), so there is always another story to build."""

CASES = cases("robustness/bad_inputs.yml")


def _content(case: dict[str, Any]) -> bytes:
    if "hex" in case:
        return bytes.fromhex(case["hex"])
    return case["text"].encode(case.get("encoding", "utf-8"))


def _tree(tmp_path: Path, bad: dict[str, bytes | str]) -> Path:
    files: dict[str, str | bytes] = {"good/a.txt": GOOD, "good/b.txt": GOOD.replace("June", "July"),
                                     "bad/ok.txt": GOOD.replace("Mara Quill", "Ana Ruiz")}
    files.update({f"bad/{name}": content for name, content in bad.items()})
    return write_tree(tmp_path, files)


def _report(seeds: Path, *options: str):
    return CliRunner().invoke(cli, ["report", "--seeds", str(seeds), *options])


def _stories(result) -> dict[str, dict]:
    return {story["id"]: story for story in json.loads(result.stdout)["stories"]}


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gets_one_line_and_the_rest_is_built(tmp_path: Path, case: dict[str, Any]) -> None:
    seeds = _tree(tmp_path, {case["file"]: _content(case)})
    result = _report(seeds)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    expected = [case["problem"]] if case["problem"] else []
    assert result.stderr.splitlines() == expected
    data = json.loads(result.stdout)
    assert [problem_line(Problem(p["path"], p["line"], p["message"], p["level"])) for p in data["problems"]] \
        == expected
    stories = _stories(result)
    assert {v["id"] for v in stories["good"]["versions"]} == {"a", "b"}
    bad_ids = {v["id"] for v in stories["bad"]["versions"]}
    assert "ok" in bad_ids
    stem = case["file"].rsplit(".", 1)[0]
    if case["file"] != "story.yml":
        assert (stem in bad_ids) == case["loaded"]
    if "title" in case:
        assert stories["bad"]["title"] == case["title"]
    if "contains" in case:
        corpus = run_folder(seeds)
        (version,) = [s.version for story in corpus.stories for s in story.versions if s.version.id == stem]
        assert _flat(case["contains"]) in _flat(version.text)


@pytest.mark.parametrize("case", [c for c in CASES if c.values[0]["problem"]])
def test_strict_fails_on_any_problem_before_printing_the_report(tmp_path: Path, case: dict[str, Any]) -> None:
    seeds = _tree(tmp_path, {case["file"]: _content(case)})
    result = _report(seeds, "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [case["problem"], "Error: 1 problem (see above)"]


def test_problems_are_counted_and_sorted_by_file(tmp_path: Path) -> None:
    seeds = _tree(tmp_path, {"z.txt": "", "a.txt": b"\x00", "m.txt": "---\nnope: 1\n---\nText.\n"})
    result = _report(seeds, "--strict", "--format", "text")
    lines = result.stderr.splitlines()
    assert [line.split(":")[1] for line in lines[:-1]] == [" seeds/bad/a.txt", " seeds/bad/m.txt",
                                                           " seeds/bad/z.txt"]
    assert lines[-1] == "Error: 3 problems (see above)"


def test_text_report_lists_the_problems(tmp_path: Path) -> None:
    seeds = _tree(tmp_path, {"empty.txt": ""})
    result = _report(seeds, "--format", "text")
    assert result.exit_code == 0
    assert "Problem: error: seeds/bad/empty.txt: empty, or only whitespace; the file is skipped" in result.stdout


def test_a_clean_tree_reports_no_problems(tmp_path: Path) -> None:
    result = _report(_tree(tmp_path, {}), "--strict")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["problems"] == []


# Inputs made at test time -----------------------------------------------------------------


def test_twenty_megabyte_file_is_refused_without_being_read(tmp_path: Path, monkeypatch) -> None:
    seeds = _tree(tmp_path, {})
    huge = seeds / "bad" / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(20_000_000)  # sparse: costs no disk
    opened: list[Path] = []
    real_open = Path.open

    def spying_open(self: Path, *args: Any, **kwargs: Any):
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spying_open)
    tree = read_seeds(seeds)
    assert huge not in opened
    assert [problem_line(p) for p in tree.problems] == [
        f"error: seeds/bad/huge.txt: 20,000,000 bytes, over the limit of {MAX_FILE_BYTES:,} bytes per file; "
        "the file is skipped"]
    assert {f.version_id for f in tree.files} == {"a", "b", "ok"}


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    seeds = _tree(tmp_path, {"big.txt": ("The ferry was late again. " * 40_000)[:MAX_FILE_BYTES]})
    tree = read_seeds(seeds)
    assert tree.problems == ()
    assert "big" in {f.version_id for f in tree.files}


def test_symbolic_links_out_of_the_seeds_folder_are_refused(tmp_path: Path) -> None:
    seeds = _tree(tmp_path, {})
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is swordfish, said the admin.\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(secret, seeds / "bad" / "secret.txt")
    os.symlink(tmp_path / "elsewhere", seeds / "linked-folder")
    os.symlink(tmp_path / "nowhere.txt", seeds / "bad" / "dangling.txt")
    os.symlink(seeds / "bad" / "ok.txt", seeds / "good" / "inside.txt")
    os.symlink("loop.txt", seeds / "bad" / "loop.txt")
    result = _report(seeds)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "error: seeds/bad/dangling.txt: a symbolic link that leads nowhere (broken, or a loop); it is skipped",
        "error: seeds/bad/loop.txt: a symbolic link that leads nowhere (broken, or a loop); it is skipped",
        "error: seeds/bad/secret.txt: a symbolic link to a place outside the seeds folder; it is not followed",
        "error: seeds/linked-folder: a symbolic link to a place outside the seeds folder; it is not followed",
    ]
    assert "swordfish" not in result.stdout
    stories = _stories(result)
    assert set(stories) == {"bad", "good"}
    assert {v["id"] for v in stories["good"]["versions"]} == {"a", "b", "inside"}


def test_folder_with_dot_dot_in_its_name_is_refused(tmp_path: Path) -> None:
    seeds = write_tree(tmp_path, {"good/a.txt": GOOD, "good/b.txt": GOOD, "..hidden/a.txt": GOOD,
                                  "x..y/a.txt": GOOD})
    result = _report(seeds)
    assert result.stderr.splitlines() == [
        "error: seeds/x..y: '..' in a file or folder name is refused; it is skipped"]
    assert set(_stories(result)) == {"good"}


def test_names_with_spaces_and_other_scripts_give_safe_page_paths(tmp_path: Path) -> None:
    seeds = write_tree(tmp_path, {"ferry story/BBC copy (final).txt": GOOD, "ferry story/Straße.txt": GOOD,
                                  "ferry story/שלום.md": GOOD, "ferry story/😀.txt": GOOD})
    result = CliRunner().invoke(cli, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "out"),
                                      "--pages-only"])
    assert result.exit_code == 0, result.output
    pages = sorted(p.relative_to(tmp_path / "out" / "docs").as_posix()
                   for p in (tmp_path / "out" / "docs" / "stories").rglob("*.md"))
    assert pages and all(part.isascii() and " " not in part for part in pages)
    versions = [p for p in pages if "/versions/" in p]
    assert len(versions) == 4


def test_not_a_seeds_folder_is_still_an_error(tmp_path: Path) -> None:
    result = _report(tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'nowhere'}: no such folder\n"


def test_load_seeds_raises_the_first_problem(tmp_path: Path) -> None:
    seeds = _tree(tmp_path, {"empty.txt": "", "zz.txt": b"\x00"})
    with pytest.raises(SeedError) as caught:
        load_seeds(seeds)
    assert str(caught.value) == "seeds/bad/empty.txt: empty, or only whitespace"
    assert len(read_seeds(seeds).problems) == 2


def test_problem_messages_stay_on_one_line() -> None:
    found = problem("seeds/a\nb.txt", "line one\nline two\x1b[31m " + "x" * 500)
    assert "\n" not in problem_line(found)
    assert found.path == "seeds/a\\x0ab.txt"
    assert found.message.startswith("line one line two\\x1b[31m x")
    assert len(found.message) == 300 and found.message.endswith("…")


# Texts that are hard on the stages --------------------------------------------------------

HARD_TEXTS = {
    "unbalanced": '"We will build it," said Mara Quill. "And then we will\n\nThe council “agreed\n\n'
                  "She said ‘never” and «jamais.\n",
    "no-quotes": "The council met. Nobody said anything worth quoting.\n",
    "emoji": '"We 😀 will build the 🌉 by June 👩‍👩‍👧," said Mara Quill. 🇬🇧\n',
    "right-to-left": '"نحن سنبني الجسر," قالت مارا. “אנחנו נבנה את הגשר,” said Mara Quill.\n',
    "combining": '"We wi\u0301ll bu\u0308ild the bri\u0327dge by June," said Ma\u0300ra Quill.\n',
    "zero-width": '"We\u200b will\u200d build\ufeff the bridge," said Mara\u00adQuill.\n',
    "controls-and-bidi": '"We will \u202ebuild\u202c the bridge," said Mara Quill.\x07\x1b[0m\n',
    "only-quote-marks": '"""“”“”‘’«»„“\n',
    "markup-lookalike": "---\n\n# Title\n\n<script>alert(1)</script>\n\n\"Hi,\" said {++Mara++}.\n",
}


@pytest.fixture(scope="module")
def hard_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, dict[str, str]]:
    root = tmp_path_factory.mktemp("hard")
    files: dict[str, str | bytes] = {"good/a.txt": GOOD, "good/b.txt": GOOD.replace("June", "July")}
    for name, text in HARD_TEXTS.items():
        files[f"hard/{name}.txt"] = text
    files["hard/reference.txt"] = GOOD
    files["hard/story.yml"] = "references: [reference]\n"
    # A thousand quotes in one article, and one paragraph of 10,000 lines.
    files["hard/thousand.txt"] = "\n\n".join(f'"Item {n} is ready," said Mara Quill.' for n in range(1000))
    files["long.txt"] = "\n".join(f"The ferry ran late on day {n}" for n in range(10_000)) + "\n"
    seeds = write_tree(root, files)
    corpus = run_folder(seeds)
    return corpus, render_site(corpus)


def test_hard_texts_build_without_problems(hard_corpus: tuple[Corpus, dict[str, str]]) -> None:
    corpus, pages = hard_corpus
    assert corpus.problems == ()
    stories = {story.id: story for story in corpus.stories}
    assert set(stories) == {"good", "hard"}
    assert {s.version.id for s in stories["hard"].versions} == {*HARD_TEXTS, "reference", "thousand"}
    assert [u.version.id for u in corpus.unrelated] == ["long"]
    assert pages


def test_a_thousand_quotes_are_all_found(hard_corpus: tuple[Corpus, dict[str, str]]) -> None:
    corpus, _ = hard_corpus
    (thousand,) = [s for story in corpus.stories for s in story.versions if s.version.id == "thousand"]
    assert len(thousand.quotes) == 1000
    assert thousand.quotes[-1].text == "Item 999 is ready"


def test_ten_thousand_line_paragraph_is_kept_whole(hard_corpus: tuple[Corpus, dict[str, str]]) -> None:
    corpus, _ = hard_corpus
    (long,) = corpus.unrelated
    assert long.version.text.count("The ferry ran late") == 10_000


def test_text_in_other_scripts_survives_as_written(hard_corpus: tuple[Corpus, dict[str, str]]) -> None:
    corpus, _ = hard_corpus
    texts = {s.version.id: s.version.text for story in corpus.stories for s in story.versions}
    assert "👩‍👩‍👧" in texts["emoji"]
    assert "נבנה את הגשר" in texts["right-to-left"]
    assert "wi\u0301ll" in texts["combining"]
