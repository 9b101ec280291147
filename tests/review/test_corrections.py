"""corrections.yml: the models, every problem with its file, line and field, the committed schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.inputs.load import read_seeds
from generator.model import Story
from generator.pipeline import run
from generator.review.check import check_line
from generator.review.corrections import (
    CORRECTIONS_FILE,
    SCHEMA_FILE,
    SCHEMA_HEADER,
    VERDICT_WORDS,
    CorrectionsFile,
    _seed_exists,
    corrections_schema,
    is_http_url,
    parse_corrections,
    read_corrections,
    schema_text,
)
from generator.review.merge import merge_corrections, merge_story

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
STORY = "us-uk-tech-prosperity-deal"
SHOWN = f"seeds/{STORY}/{CORRECTIONS_FILE}"
FIXTURES = ROOT / "tests" / "fixtures" / "corrections"
CASES = sorted(path.stem for path in FIXTURES.glob("*.yml"))


@pytest.fixture(scope="module")
def seed_story() -> Story:
    """The seed story as judged, before any verdict is merged."""
    corpus = run(read_seeds(SEEDS))
    return next(story for story in corpus.stories if story.id == STORY)


def _problems(text: str, story: Story) -> list[str]:
    parsed, problems = parse_corrections(text, SHOWN, STORY, lambda seed: _seed_exists(SEEDS, "seeds", seed))
    _, unknown = merge_story(story, parsed)
    return [check_line(found) for found in sorted(problems + unknown, key=lambda p: (p.line or 0, p.message))]


@pytest.mark.parametrize("case", CASES)
def test_every_problem_is_one_line_naming_file_line_and_field(case: str, seed_story: Story) -> None:
    text = (FIXTURES / f"{case}.yml").read_text(encoding="utf-8")
    expected = (FIXTURES / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert _problems(text, seed_story) == expected
    for line in expected:
        assert line.startswith(f"{SHOWN}:"), line
        assert line.split(":")[1].isdigit(), f"no line number: {line}"


def test_the_issues_done_when_file_gives_exactly_three_problems(seed_story: Story) -> None:
    lines = _problems((FIXTURES / "done-when.yml").read_text(encoding="utf-8"), seed_story)
    assert len(lines) == 3
    assert "unknown key 'reviwer' (did you mean 'reviewer'?)" in lines[1]
    assert "javascript:" in lines[0] and "must be an http(s) address" in lines[0]
    assert "no finding altered-quote-0123456789" in lines[2]


def test_valid_entries_survive_a_bad_neighbour(seed_story: Story) -> None:
    text = (FIXTURES / "done-when.yml").read_text(encoding="utf-8").replace(
        "javascript:alert(document.cookie)", "https://example.org/fine").replace("reviwer", "reviewer")
    parsed, problems = parse_corrections(text, SHOWN, STORY)
    assert problems == []
    merged, unknown = merge_story(seed_story, parsed)
    assert len(unknown) == 1
    settled = [f for f in merged.findings if f.verdict]
    assert [f.id for f in settled] == ["altered-quote-74eba0dd62"]


def test_a_valid_file_becomes_verdicts_and_a_log_newest_first() -> None:
    parsed, problems = parse_corrections((FIXTURES / "valid.yml").read_text(encoding="utf-8"), SHOWN, STORY)
    assert problems == []
    (verdict,) = parsed.verdicts
    assert (verdict.finding, verdict.verdict, verdict.reviewer, verdict.date, verdict.severity) == (
        "altered-quote-74eba0dd62", "confirmed-misquote", "a-reviewer", "2025-12-18", "medium")
    assert verdict.path == SHOWN and verdict.line == 3
    assert [s.url or s.seed for s in verdict.sources] == [
        "https://example.org/statement", f"seeds/{STORY}/002_2cadaaff3c52af65.txt"]
    assert verdict.sources[0].retrieved == "2025-12-17"
    assert [entry.date for entry in parsed.log] == ["2025-12-19", "2025-12-18"]


def test_merging_keeps_the_automatic_judgement(seed_story: Story) -> None:
    parsed, _ = parse_corrections((FIXTURES / "valid.yml").read_text(encoding="utf-8"), SHOWN, STORY)
    merged, problems = merge_story(seed_story, parsed)
    assert problems == []
    before = {f.id: f for f in seed_story.findings}
    for finding in merged.findings:
        assert (finding.severity, finding.explanation) == (before[finding.id].severity, before[finding.id].explanation)
    settled = next(f for f in merged.findings if f.verdict)
    assert settled.severity == before[settled.id].severity and settled.verdict.severity == "medium"
    assert merged.corrections_log == parsed.log


@pytest.mark.parametrize("url", ["https://example.org/a", "http://example.org", "HTTPS://EXAMPLE.ORG/x?y=1#z"])
def test_http_addresses_are_accepted(url: str) -> None:
    assert is_http_url(url)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " https://example.org", "data:text/html,x", "ftp://example.org",
    "//example.org", "https://", "https:///path", "https://exa mple.org", "https://example.org/\nx", "vbscript:x",
    "seeds/story/file.txt",
])
def test_other_addresses_are_refused(url: str) -> None:
    assert not is_http_url(url)


def test_the_committed_schema_is_the_generated_one() -> None:
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), (
        f"{SCHEMA_FILE} is stale: run `python -m generator.review.corrections > {SCHEMA_FILE}`")


def test_the_schema_refuses_unknown_keys_and_offers_the_vocabulary() -> None:
    schema = corrections_schema()
    definitions = schema["$defs"]
    assert schema["additionalProperties"] is False
    assert all(definition["additionalProperties"] is False for definition in definitions.values())
    verdict = definitions["VerdictEntry"]["properties"]["verdict"]
    assert verdict["enum"] == list(VERDICT_WORDS)
    assert definitions["SourceEntry"]["properties"]["url"]["pattern"].startswith("^[Hh][Tt][Tt][Pp]")
    assert json.loads(schema_text()) == schema


@pytest.mark.parametrize("path", sorted(SEEDS.glob(f"*/{CORRECTIONS_FILE}")), ids=lambda p: p.parent.name)
def test_every_corrections_file_names_the_schema_on_its_first_line(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_HEADER
    assert (path.parent / SCHEMA_HEADER.split("=", 1)[1]).resolve() == (ROOT / SCHEMA_FILE).resolve()


def test_the_seed_story_carries_a_real_verdict_on_a_current_finding() -> None:
    tree = read_corrections(SEEDS)
    assert tree.problems == ()
    corpus = merge_corrections(run(read_seeds(SEEDS)), tree)
    story = next(story for story in corpus.stories if story.id == STORY)
    settled = {f.id: f for f in story.findings if f.verdict}
    starmer = settled["altered-quote-74eba0dd62"]
    assert starmer.version == "003_b72a2944a81ec269" and "'step change' became 'shift'" in starmer.explanation
    assert starmer.verdict.verdict == "confirmed-misquote"
    # Honest sources: the seed files themselves, never an invented web address.
    for finding in settled.values():
        for source in finding.verdict.sources:
            assert source.url is None and source.seed and (ROOT / source.seed).is_file()
    assert any(entry.type == "material" for entry in story.corrections_log)
    assert not [p for p in corpus.problems if p.path.endswith(CORRECTIONS_FILE)]


def test_a_corrections_file_outside_a_story_folder_is_reported(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / CORRECTIONS_FILE).write_text("verdicts: []\n", encoding="utf-8")
    tree = read_corrections(seeds)
    assert [p.path for p in tree.problems] == [f"seeds/{CORRECTIONS_FILE}"]


def test_a_story_with_no_built_versions_warns_that_its_verdicts_are_not_shown(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "empty").mkdir(parents=True)
    (seeds / "empty" / CORRECTIONS_FILE).write_text(
        (FIXTURES / "valid.yml").read_text(encoding="utf-8"), encoding="utf-8")
    corpus = merge_corrections(run(read_seeds(seeds)), read_corrections(seeds))
    assert any(p.path == f"seeds/empty/{CORRECTIONS_FILE}" and "was not built" in p.message for p in corpus.problems)


def test_the_models_refuse_unknown_keys() -> None:
    with pytest.raises(ValueError, match="extra"):
        CorrectionsFile.model_validate({"verdicts": [], "unknown": 1})
