"""Language stage: each version's language, offline, and the story's main one."""

from __future__ import annotations

import pytest
from stage_helpers import read_yaml

from generator.analysis.language import declared, detect, language_of, main_language, name_of

TEXTS = read_yaml("language.yml")


@pytest.mark.parametrize(("code", "text"), TEXTS, ids=[row[0] or "too-short" for row in TEXTS])
def test_the_language_of_a_text_is_detected(code: str | None, text: str) -> None:
    assert detect(text) == code


@pytest.mark.parametrize(("tag", "code"), [("en-GB", "en"), ("es", "es"), ("pt_BR", "pt"), (" FR ", "fr"),
                                           ("", None), (None, None), ("english", None), ("1a", None)])
def test_a_front_matter_tag_gives_its_language_code(tag: str | None, code: str | None) -> None:
    assert declared(tag) == code


def test_front_matter_is_believed_before_detection() -> None:
    english = TEXTS[0][1]
    assert language_of(english) == "en"
    assert language_of(english, "es-ES") == "es"
    assert language_of(english, "not a tag") == "en"


def test_the_main_language_is_the_one_most_versions_are_in() -> None:
    assert main_language({"a": "en", "b": "en", "c": "es"}) == "en"
    assert main_language({"a": "es", "b": "en", "c": None}, references=("a",)) == "es"  # a tie: the reference's
    assert main_language({"a": "es", "b": "en"}) == "en"  # a tie, no reference: the first code, stably
    assert main_language({"a": None}) is None


def test_a_language_code_is_shown_by_its_name() -> None:
    assert name_of("es") == "Spanish"
    assert name_of("en") == "English"
    assert name_of(None) == "unknown"
    assert name_of("zz") == "zz"
