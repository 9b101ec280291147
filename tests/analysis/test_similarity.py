"""Similarity measures used to group articles, choose references and align quotes."""

from __future__ import annotations

import math

import pytest

from generator.analysis.similarity import (
    content_terms,
    cosine,
    cosine_with_norms,
    filled_alike,
    inverse_frequencies,
    particulars,
    quotes_overlap,
    squared_norm,
    stem,
    text_similarity,
    tfidf_vectors,
    weighted_containment,
    word_shingles,
)


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


# -- what a text names and counts, and its sentence frames (grouping loose files) -----------------------

def test_particulars_are_names_runs_and_numbers_but_not_words_that_open_a_sentence() -> None:
    found = particulars("Pastry chef Odile Marchetti of Fennick Bridge won on Saturday. The Bank of England "
                        "paid £40m. Judges came from 12 towns.")
    assert {"@odile", "@marchetti", "@odile marchetti of fennick bridge", "@saturday", "@bank of england",
            "#40m", "#12"} <= found.specifics
    assert "@pastry" not in found.specifics and "@judges" not in found.specifics  # they open a sentence
    assert "@the" not in found.specifics and "@the bank of england" not in found.specifics


def test_amounts_are_named_by_their_keys() -> None:
    assert particulars("It cost £40 million.").specifics == particulars("It cost £40m.").specifics


def test_a_frame_blanks_names_numbers_and_quotes() -> None:
    found = particulars('Board chair Tomas Brennick said the rise was "painful but unavoidable" on Tuesday.')
    assert found.slots == {"board chair _ _ said the rise was «» on _":
                           frozenset({("tomas", "brennick", "«painful but unavoidable", "tuesday")})}


def test_a_paragraph_ends_a_quote_left_open() -> None:
    found = particulars('Ana Ruiz said the plan was "bold.\n\nThe council will vote on the plan in June 2026.')
    assert found.slots == {"_ _ said the plan was «»": frozenset({("ana", "ruiz", "«bold")}),
                           "the council will vote on the plan in _ _": frozenset({("june", "2026")})}


@pytest.mark.parametrize(("second", "expected"), [
    # The same story: one frame filled alike, a quote altered a little still alike.
    ('Board chair Tomas Brennick said the rise was "painful but unavoidable" on Tuesday.', (1, 0)),
    ('Board chair Tomas Brennick said the rise was "painful and unavoidable" on Tuesday.', (1, 0)),
    # Another story from the same template: other people, another quote, another day.
    ('Board chair Ines Carrick said the rise was "the price of two boats" on Thursday.', (0, 1)),
    # Nothing in common: no evidence either way.
    ("Village baker wins regional croissant contest against forty entrants.", (0, 0)),
])
def test_filled_alike(second: str, expected: tuple[int, int]) -> None:
    first = particulars('Board chair Tomas Brennick said the rise was "painful but unavoidable" on Tuesday.')
    assert filled_alike(first.slots, particulars(second).slots) == expected


def test_weighted_containment_is_the_share_of_the_lighter_set_and_order_free() -> None:
    weights = {"a": 1.0, "b": 2.0, "c": 3.0, "d": 0.1}
    assert weighted_containment(frozenset("ab"), frozenset("abcd"), weights) == pytest.approx(1.0)
    assert weighted_containment(frozenset("abc"), frozenset("cd"), weights) == pytest.approx(3.0 / 3.1)
    assert weighted_containment(frozenset(), frozenset("a"), weights) == 0.0


def test_inverse_frequencies_count_a_small_corpus_as_a_larger_one() -> None:
    documents = {"x": frozenset({"ferry", "gullrock"}), "y": frozenset({"ferry"})}
    assert inverse_frequencies(documents)["ferry"] == pytest.approx(math.log(3 / 2))
    assert inverse_frequencies(documents, at_least=1000)["ferry"] == pytest.approx(math.log(1001 / 2))


def test_cosine_with_norms_is_cosine_to_the_bit() -> None:
    vectors = tfidf_vectors({"a": ["ferry", "fare", "gullrock", "fare"], "b": ["ferry", "fare", "pier"]})
    a, b = vectors["a"], vectors["b"]
    assert cosine_with_norms(a, b, squared_norm(a), squared_norm(b)) == cosine(a, b)


def test_word_shingles() -> None:
    assert word_shingles("Fares will rise by a third") == {"fares will rise", "will rise by", "rise by a",
                                                           "by a third"}
    assert word_shingles("Fares rise") == {"fares rise"}
    assert word_shingles("") == set()
