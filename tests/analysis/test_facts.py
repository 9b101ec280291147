"""Fact extraction and the comparisons drift relies on, from tests/fixtures/facts.yml."""

from __future__ import annotations

import pytest
from stage_helpers import read_yaml, version

from generator.analysis.drift import _near_variant, _same_quantity, _same_title
from generator.analysis.facts import extract_facts, title_key

CASES = read_yaml("facts.yml")


def _numbers(text: str) -> list:
    mentions, _ = extract_facts(version(text))
    return [m for m in mentions if m.kind == "number"]


@pytest.mark.parametrize(("first", "second"), CASES["numbers"]["same"])
def test_equivalent_numbers_compare_equal(first: str, second: str) -> None:
    (a,), (b,) = _numbers(first), _numbers(second)
    assert a.value[:2] == b.value[:2]
    assert _same_quantity(a.value, b.value)


@pytest.mark.parametrize(("first", "second"), CASES["numbers"]["drift"])
def test_different_numbers_do_not(first: str, second: str) -> None:
    (a,), (b,) = _numbers(first), _numbers(second)
    assert a.value[:2] == b.value[:2]
    assert not _same_quantity(a.value, b.value)


@pytest.mark.parametrize("case", CASES["amounts"], ids=lambda c: c["text"])
def test_amounts_are_read(case: dict) -> None:
    values = [list(m.value[:3]) for m in _numbers(case["text"])]
    assert values == ([case["value"]] if case["value"] else [])


@pytest.mark.parametrize("case", CASES["bare_billions"], ids=lambda c: c["text"])
def test_a_bare_billions_amount_takes_the_versions_currency(case: dict) -> None:
    values = [list(m.value[:3]) for m in _numbers(case["text"]) if m.text == "2bn"]
    assert values == ([case["value"]] if case["value"] else [])


@pytest.mark.parametrize("case", CASES["dates"], ids=lambda c: c["text"])
def test_dates_are_read(case: dict) -> None:
    mentions, _ = extract_facts(version(case["text"]))
    dates = [list(m.value) for m in mentions if m.kind == "date"]
    assert dates == ([case["value"]] if case["value"] else [])


@pytest.mark.parametrize(("first", "second"), CASES["titles"]["same"])
def test_equivalent_titles(first: str, second: str) -> None:
    assert _same_title(title_key(first), title_key(second))


@pytest.mark.parametrize(("first", "second"), CASES["titles"]["drift"])
def test_drifted_titles(first: str, second: str) -> None:
    assert not _same_title(title_key(first), title_key(second))


@pytest.mark.parametrize(("name", "trusted"), CASES["names"]["variant"])
def test_near_variant_names_are_found(name: str, trusted: str) -> None:
    assert _near_variant(name, [trusted]) == trusted


@pytest.mark.parametrize(("name", "trusted"), CASES["names"]["distinct"])
def test_other_names_are_not_variants(name: str, trusted: str) -> None:
    assert _near_variant(name, [trusted]) is None


def test_title_is_read_next_to_the_name() -> None:
    mentions, _ = extract_facts(version(
        "Downing Street said the visit by then-US President Donald Trump went well. "
        "Michael Kratsios, who served as the President's science adviser, said so too."))
    titles = {m.subject: m.text for m in mentions if m.kind == "title"}
    assert titles == {"Donald Trump": "then-US President", "Michael Kratsios": "former President's science adviser"}


@pytest.mark.parametrize(("sentence", "name", "title"), [
    ("Head of collections Hamish Castellane said the plan was sound.", "Hamish Castellane", "Head of collections"),
    ("Housing cabinet member Fergus Dunmore said so.", "Fergus Dunmore", "Housing cabinet member"),
    ("Prime Minister Sir Keir Starmer issued a statement.", "Keir Starmer", "Prime Minister"),
    ("The museum's chairman, Julian Crane, said it was unanimous.", "Julian Crane", "museum's chairman"),
])
def test_title_phrases_before_the_name(sentence: str, name: str, title: str) -> None:
    mentions, _ = extract_facts(version(sentence))
    assert {m.subject: m.text for m in mentions if m.kind == "title"} == {name: title}


def test_an_institute_is_a_name_not_a_person() -> None:
    mentions, _ = extract_facts(version("Piran Wetherall, fellow at the Dunham Health Centre, said so."))
    assert "Dunham Health Centre" in {m.text for m in mentions if m.kind == "name"}
