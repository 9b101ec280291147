"""Command-line interface: the report contract, readable errors, help on every command."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from stage_helpers import group_fixture, write_tree

from generator.cli import cli

STORY_KEYS = {"id", "title", "references", "versions", "quotes", "findings"}
VERSION_KEYS = {"id", "path", "outlet", "role"}
QUOTE_KEYS = {"id", "speaker", "renderings"}
RENDERING_KEYS = {"version", "text", "speaker", "status"}
FINDING_KEYS = {"id", "kind", "version", "speaker", "reference_version", "reference_text", "version_text",
                "severity", "explanation", "diff"}
UNRELATED_KEYS = {"id", "path", "reason"}
FINDING_KINDS = {"altered_quote", "truncated_quote", "extended_quote", "misattributed_quote", "unsupported_quote",
                 "omitted_quote", "number_drift", "date_drift", "title_drift", "name_drift", "unsupported_claim"}
STATUSES = {"reference", "verbatim", "partial", "cosmetic", "altered", "truncated", "extended", "misattributed",
            "unsupported", "omitted"}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    files = {name: group_fixture(name) for name in ("ferry-original.txt", "ferry-wire.txt", "ferry-rewrite.txt",
                                                    "bakery.txt")}
    files["ferry-original.txt"] = "---\noutlet: The Gullrock Gazette\n---\n" + files["ferry-original.txt"]
    return write_tree(root, files)


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_report_json_contract(seeds: Path) -> None:
    result = _run("report", "--seeds", str(seeds), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["stories"] and data["unrelated"]
    for story in data["stories"]:
        assert STORY_KEYS <= story.keys()
        assert isinstance(story["title"], str) and story["title"]
        assert set(story["references"]) <= {v["id"] for v in story["versions"]}
        for version in story["versions"]:
            assert VERSION_KEYS <= version.keys()
            assert version["role"] in ("reference", "version")
            assert version["path"].startswith("seeds/")
        for quote in story["quotes"]:
            assert QUOTE_KEYS <= quote.keys()
            for rendering in quote["renderings"]:
                assert RENDERING_KEYS <= rendering.keys()
                assert rendering["status"] in STATUSES
        for finding in story["findings"]:
            assert FINDING_KEYS <= finding.keys()
            assert finding["kind"] in FINDING_KINDS
            assert finding["severity"] in ("high", "medium", "low")
            assert all(op[0] in ("=", "-", "+") and isinstance(op[1], str) for op in finding["diff"])
    for unrelated in data["unrelated"]:
        assert UNRELATED_KEYS <= unrelated.keys()
    outlets = {v["id"]: v["outlet"] for s in data["stories"] for v in s["versions"]}
    assert outlets["ferry-original"] == "The Gullrock Gazette"
    assert [u["id"] for u in data["unrelated"]] == ["bakery"]


def test_report_json_is_the_default_and_deterministic(seeds: Path) -> None:
    first = _run("report", "--seeds", str(seeds))
    second = _run("report", "--seeds", str(seeds), "--format", "json")
    assert first.stdout == second.stdout
    assert json.loads(first.stdout)["stories"]


def test_report_text(seeds: Path) -> None:
    result = _run("report", "--seeds", str(seeds), "--format", "text")
    assert result.exit_code == 0
    assert "references: ferry-original (chosen by the generator" in result.stdout
    assert "Set apart: seeds/bakery.txt: belongs to no story" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


BAD_SEEDS = [
    ({"ferry/a.txt": "---\nheadline: H\n---\nBody.\n", "ok.txt": "Body.\n"},
     "error: seeds/ferry/a.txt:2: headline: unknown key"),
    ({"ferry/a.txt": "Body.\n", "ferry/story.yml": "references: [b]\n"},
     "error: seeds/ferry/story.yml: references: no version 'b'"),
    ({"a.txt": b"broken \x81\n", "ok.txt": "Body.\n"}, "error: seeds/a.txt:1: not UTF-8"),
    ({"a.txt": "---\ntitle: T\noutlet: a: b\n---\nBody.\n", "ok.txt": "Body.\n"},
     "error: seeds/a.txt:3: invalid YAML"),
]


@pytest.mark.parametrize(("files", "named"), BAD_SEEDS)
def test_bad_seeds_get_one_line_naming_the_file_and_the_rest_is_reported(tmp_path: Path, files: dict,
                                                                          named: str) -> None:
    seeds = write_tree(tmp_path, files)
    result = CliRunner().invoke(cli, ["report", "--seeds", str(seeds)])
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith(named)
    assert "Traceback" not in result.output
    assert json.loads(result.stdout)["problems"]


@pytest.mark.parametrize(("files", "named"), BAD_SEEDS)
def test_bad_seeds_fail_the_strict_run(tmp_path: Path, files: dict, named: str) -> None:
    seeds = write_tree(tmp_path, files)
    result = CliRunner().invoke(cli, ["report", "--seeds", str(seeds), "--strict"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(named)
    assert result.stderr.splitlines()[-1] == "Error: 1 problem (see above)"
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_missing_seeds_folder_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--seeds", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "no such folder" in result.output


def test_bad_format_is_a_usage_error(seeds: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--seeds", str(seeds), "--format", "xml"])
    assert result.exit_code == 2 and "xml" in result.output


def test_group_has_help() -> None:
    result = _run("--help")
    assert result.exit_code == 0
    assert cli.help.splitlines()[0] in result.output
    assert set(cli.commands) <= set(result.output.split())


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help(name: str) -> None:
    command: click.Command = cli.commands[name]
    assert command.help, f"{name} has no docstring"
    result = _run(name, "--help")
    assert result.exit_code == 0
    assert command.help.splitlines()[0] in result.output
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts[0]} has no help"


def test_version_option() -> None:
    result = _run("--version")
    assert result.exit_code == 0 and result.output.startswith("verbatim, version ")
