"""Attribute stage: who each quote is given to, with which cue verb, as the version writes it."""

from __future__ import annotations

import pytest
from stage_helpers import cases, plan, quotes_of, version

from generator.analysis.attribute import attribute, find_mentions, named_people
from generator.analysis.extract import extract
from generator.analysis.group import Prepared
from generator.analysis.judge import unify_speakers

_OPTIONAL = ("kind", "title", "via_pronoun")


def _attributed(case: dict) -> list:
    quotes = quotes_of(case["text"])
    if case.get("unify"):
        v = version(case["text"])
        (story_version,) = unify_speakers(plan(Prepared(v, tuple(quotes)))).versions
        quotes = list(story_version.quotes)
    return quotes


@pytest.mark.parametrize("case", cases("quotes.yml"))
def test_speakers_match_fixture(case: dict) -> None:
    found = _attributed(case)
    assert [(q.text, q.form) for q in found] == [(e["text"], e["form"]) for e in case["quotes"]]
    for quote, expected in zip(found, case["quotes"]):
        if "speaker" in expected:
            assert (quote.speaker.canonical if quote.speaker else None) == expected["speaker"], quote.text
        if "as_written" in expected:
            assert quote.speaker is not None and quote.speaker.as_written == expected["as_written"]
        if "cue" in expected:
            assert quote.cue == expected["cue"], quote.text
        for name in _OPTIONAL:
            if name in expected:
                assert getattr(quote.speaker, name) == expected[name], (quote.text, name)


def test_attribute_keeps_quote_order_and_ids() -> None:
    v = version('Mara Quill said it was "too early". "We will wait," said Tomas Brennick.')
    quotes = extract(v)
    assert [q.id for q in attribute(v, quotes)] == [q.id for q in quotes]


def test_pronoun_with_no_antecedent_names_nobody() -> None:
    (quote,) = quotes_of("“We will not wait for the next flood to act,” he said.")
    assert quote.speaker is None


def test_spokesperson_speaks_for_downing_street() -> None:
    (quote,) = quotes_of("“Talks are continuing,” the Prime Minister’s official spokesman said.")
    assert quote.speaker.canonical == "Prime Minister's official spokesperson"
    assert quote.speaker.speaks_for == "Downing Street"


def test_find_mentions_kinds() -> None:
    mentions = find_mentions("Health Secretary Mara Quill and he met the government")
    assert [(m.text, m.kind) for m in mentions] == [
        ("Health Secretary Mara Quill", "name"), ("he", "pronoun"), ("the government", "role")]


def test_named_people_skip_quoted_words() -> None:
    text = 'Tomas Brennick met Mara Quill. She said "Gullrock Harbour deserves better".'
    assert named_people(text) == ["Tomas Brennick", "Mara Quill"]
