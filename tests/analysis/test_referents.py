"""Facts compared only with the same fact, and altered quotes rated by whether the meaning turned
(fixtures in tests/fixtures/referents/)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from stage_helpers import plan, prepared

from generator.analysis.judge import judge_story

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "referents"
STORIES = yaml.safe_load((FIXTURES / "stories.yml").read_text(encoding="utf-8"))
SEVERITY = yaml.safe_load((FIXTURES / "severity.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", STORIES, ids=[case["name"] for case in STORIES])
def test_a_fact_is_compared_with_the_same_fact(case: dict) -> None:
    story = judge_story(plan(prepared(case["trusted"], "ref"), prepared(case["copy"], "copy")))
    found = [(f.kind, f.version_text) for f in story.findings if f.version == "copy"]
    for kind, words in case["drift"]:
        assert any(k == kind and words in text for k, text in found), (kind, words, found)
    for kind in case["quiet"]:
        assert not [f for f in found if f[0] == kind], found


@pytest.mark.parametrize(("trusted", "changed", "severity"), SEVERITY, ids=[row[1] for row in SEVERITY])
def test_an_altered_quote_is_high_only_when_its_meaning_turns(trusted: str, changed: str, severity: str) -> None:
    reference = prepared(f"Council leader Ada Moss said: “{trusted}”", "ref")
    copy = prepared(f"Council leader Ada Moss said: “{changed}”", "copy")
    altered = [f for f in judge_story(plan(reference, copy)).findings if f.kind == "altered_quote"]
    if severity == "low" and not altered:
        return  # a cosmetic difference may be no change at all
    assert [f.severity for f in altered] == [severity]
