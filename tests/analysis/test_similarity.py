"""Similarity measures used to group articles, choose references and align quotes."""

from __future__ import annotations

import pytest

from generator.analysis.similarity import content_terms, cosine, quotes_overlap, stem, text_similarity, tfidf_vectors


@pytest.mark.parametrize(("word", "stemmed"), [
    ("futures", "future"), ("crossing", "cross"), ("raised", "rais"), ("bus", "bus"), ("ring", "ring"),
])
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_text_similarity_bounds() -> None:
    text = "The harbour board said fares would rise by a third."
    assert text_similarity(text, text) == 1.0
    assert text_similarity(text, "Odile Marchetti won the croissant contest.") < 0.2
    assert text_similarity("", "") == 1.0
    assert text_similarity(text, "") == 0.0
    assert text_similarity(text, text.upper().replace("harbour", "harbor")) == 1.0


def test_text_similarity_is_symmetric() -> None:
    first = "The harbour board said fares would rise by a third from April."
    second = "Fares will rise by a third from April, the board said."
    assert text_similarity(first, second) == text_similarity(second, first)
    assert 0.3 < text_similarity(first, second) < 1.0


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("We have held fares for fifteen years", "we have held fares for fifteen years", True),
    ("We have held fares for fifteen years", "We have frozen fares for fifteen years", True),
    ("painful but unavoidable", "painful but unavoidable after two winters of storm damage", True),
    ("on hold", "on hold", False),  # too short to tell
    ("We have held fares for fifteen years", "The croissant contest drew forty entrants", False),
])
def test_quotes_overlap(first: str, second: str, expected: bool) -> None:
    assert quotes_overlap(first, second) is expected


def test_content_terms_drop_stopwords_and_add_names() -> None:
    terms = content_terms("On Monday the Gullrock Harbour Board said the ferries would run at 9.")
    assert "the" not in terms and "said" not in terms and "9" not in terms and "on" not in terms
    assert "ferrie" in terms and "run" in terms
    assert "name:gullrock harbor board" in terms


def test_tfidf_and_cosine() -> None:
    vectors = tfidf_vectors({
        "a": ["ferry", "fare", "gullrock"], "b": ["ferry", "fare", "pier"], "c": ["croissant", "butter"]})
    assert cosine(vectors["a"], vectors["a"]) == pytest.approx(1.0)
    assert cosine(vectors["a"], vectors["c"]) == 0.0
    assert 0.0 < cosine(vectors["a"], vectors["b"]) < 1.0
    assert cosine({}, vectors["a"]) == 0.0
