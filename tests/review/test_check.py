"""`python -m generator check`: one readable line per problem, exit 1; a one-line summary when all is well."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.model import Problem
from generator.review.check import check_line, github_annotation
from generator.review.corrections import CORRECTIONS_FILE

ROOT = Path(__file__).resolve().parents[2]
STORY = "us-uk-tech-prosperity-deal"
DONE_WHEN = ROOT / "tests" / "fixtures" / "corrections" / "done-when.yml"


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """The repository's seeds, in a folder the test may change."""
    return Path(shutil.copytree(ROOT / "seeds", tmp_path / "seeds"))


def _check(seeds: Path, env: dict[str, str] | None = None):
    return CliRunner(env=env or {"GITHUB_ACTIONS": ""}).invoke(cli, ["check", "--seeds", str(seeds)])


def test_the_seeds_pass_with_a_one_line_summary() -> None:
    result = _check(ROOT / "seeds")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "OK: 1 story, 4 versions, 23 findings, 3 verdicts, 2 log entries; no problems"]


def test_the_issues_done_when_file_fails_with_one_line_per_problem(seeds_copy: Path) -> None:
    shutil.copyfile(DONE_WHEN, seeds_copy / STORY / CORRECTIONS_FILE)
    result = _check(seeds_copy)
    assert result.exit_code == 1
    shown = f"seeds/{STORY}/{CORRECTIONS_FILE}"
    lines = result.stdout.splitlines()
    assert [line.split(": ", 2)[:2] for line in lines] == [
        [f"{shown}:7", "verdicts[0].sources[0].url"],
        [f"{shown}:8", "verdicts[0].reviwer"],
        [f"{shown}:10", "verdicts[1].finding"],
    ]
    assert result.stderr.strip() == "Error: 3 problems"


def test_bad_yaml_names_its_line(seeds_copy: Path) -> None:
    (seeds_copy / STORY / CORRECTIONS_FILE).write_text("verdicts:\n  - finding: [\n    note: x\n", encoding="utf-8")
    result = _check(seeds_copy)
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"seeds/{STORY}/{CORRECTIONS_FILE}:4: (file): invalid YAML")
    assert result.stderr.strip() == "Error: 1 problem"


def test_problems_with_the_versions_are_reported_too(seeds_copy: Path) -> None:
    (seeds_copy / STORY / "005_bad.txt").write_text("---\noutlett: typo\n---\nSome text.\n", encoding="utf-8")
    result = _check(seeds_copy)
    assert result.exit_code == 1
    assert f"seeds/{STORY}/005_bad.txt:2: outlett: unknown key; the file is skipped" in result.stdout


def test_a_missing_seeds_folder_is_an_error(tmp_path: Path) -> None:
    result = _check(tmp_path / "nowhere")
    assert result.exit_code != 0
    assert "nowhere" in result.output


def test_under_github_actions_each_problem_is_also_an_annotation(seeds_copy: Path) -> None:
    shutil.copyfile(DONE_WHEN, seeds_copy / STORY / CORRECTIONS_FILE)
    result = _check(seeds_copy, env={"GITHUB_ACTIONS": "true"})
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 3
    assert annotations[0].startswith(f"::error file=seeds/{STORY}/{CORRECTIONS_FILE},line=7::verdicts[0]")


def test_annotations_escape_what_would_end_them() -> None:
    found = Problem("seeds/a,b:c.yml", 3, "50% done\nnext", "warning")
    assert github_annotation(found) == "::warning file=seeds/a%2Cb%3Ac.yml,line=3::50%25 done%0Anext"
    assert check_line(found) == "seeds/a,b:c.yml:3: 50% done\nnext (warning)"


def test_help_says_generated_pages_are_not_committed() -> None:
    assert cli.commands["check"].help and "not committed" in cli.commands["check"].help
    result = CliRunner().invoke(cli, ["check", "--help"])
    assert result.exit_code == 0 and "file:line: field: message" in result.output


def test_python_dash_m_generator_check_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--seeds", "seeds"], cwd=ROOT,
                            capture_output=True, text=True, check=False, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")
