"""Factual drift and attribution on the seed story: what issue 3 promises on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Story
from generator.runtime.parallel import run_folder

ROOT = Path(__file__).resolve().parent.parent
EXPANDED = "001_6d553ff9bfcf2398"
TRANSLATED = "003_b72a2944a81ec269"
LOOSE_REWRITE = "000_a0a61f85ce8767e2"


@pytest.fixture(scope="module")
def story() -> Story:
    return run_folder(ROOT / "seeds").stories[0]


def _has(story: Story, version: str, kind: str, words: str) -> bool:
    return any(f.version == version and f.kind == kind and (words in f.version_text or words in f.explanation)
               for f in story.findings)


@pytest.mark.parametrize("version, kind, words", [
    (EXPANDED, "title_drift", "then-US President"),
    (LOOSE_REWRITE, "name_drift", "Biden administration"),
    (TRANSLATED, "name_drift", "Technological Prosperity Agreement"),
])
def test_drift_is_reported_with_its_kind(story, version, kind, words):
    assert _has(story, version, kind, words)


def test_equivalent_amounts_are_not_drift(story):
    # The reference says "£31bn"; the expanded version "£31 billion"; the translation "£31bn".
    assert not [f for f in story.findings if f.kind == "number_drift" and "31" in f.version_text]
    fact_texts = {v.text for fact in story.facts for v in fact.values}
    assert "£31 billion" not in fact_texts or all(
        v.status != "drift" for fact in story.facts for v in fact.values if v.text == "£31 billion")


def test_faithful_quotes_of_the_expanded_version_stay_unflagged(story):
    quote_kinds = {"altered_quote", "truncated_quote", "extended_quote", "misattributed_quote"}
    assert not [f for f in story.findings if f.version == EXPANDED and f.kind in quote_kinds]


def test_pronoun_that_changes_the_speaker_is_reported(story):
    found = [f for f in story.findings if f.version == TRANSLATED and f.kind == "misattributed_quote"
             and f.speaker == "Allie Renison"]
    assert len(found) == 1
    assert found[0].explanation.startswith("'he' for Allie Renison, whom")
    assert found[0].severity == "low"  # the words are still hers: not a headline


def test_document_words_put_in_a_persons_mouth_is_reported(story):
    found = [f for f in story.findings if f.version == TRANSLATED and f.kind == "misattributed_quote"
             and "powerful quantum machines" in f.version_text]
    assert len(found) == 1
    assert "Memorandum of Understanding" in found[0].explanation
    assert "person's mouth" in found[0].explanation


def test_a_year_no_trusted_text_can_check_is_not_called_drift(story):
    # 000 says "unveiled in September 2023"; the reference says "in September" and gives no year
    # and no date of its own, so nothing in the story contradicts 2023 (the corpus convention:
    # a year added to a date is drift when the story's date contradicts it).
    assert not [f for f in story.findings if f.kind == "date_drift" and "2023" in f.version_text]


def test_two_untrusted_versions_that_disagree_accuse_neither(story):
    # "slightly piecemeal approach" (001) and "slightly fragmented approach" (003): no trusted version
    # has the quote and no third version agrees with either, so which is right stays open.
    group = next(g for g in story.groups if any(r.quote and "piecemeal" in r.quote.text for r in g.renderings))
    assert group.trusted is None and group.consensus is None
    assert {r.status for r in group.renderings if r.quote} == {"unsupported"}
    assert not [f for f in story.findings if f.group == group.id and f.kind == "altered_quote"]


def test_titles_are_tracked_per_person(story):
    trump = next(f for f in story.facts if f.kind == "title" and f.subject == "Donald Trump")
    statuses = {v.version: v.status for v in trump.values}
    assert statuses[EXPANDED] == "drift"
    assert statuses[TRANSLATED] == "same"
    assert statuses["002_2cadaaff3c52af65"] == "reference"
