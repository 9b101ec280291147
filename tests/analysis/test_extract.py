"""Extract stage: quotation spans, their parts, nested quotes, sentences and forms."""

from __future__ import annotations

import pytest
from stage_helpers import cases, version

from generator.analysis.extract import classify, extract, find_quotes, is_heading, paragraphs, sentences


@pytest.mark.parametrize("case", cases("quotes.yml", xfail=False))
def test_quote_spans_match_fixture(case: dict) -> None:
    v = version(case["text"])
    found = extract(v)
    assert [q.text for q in found] == [q["text"] for q in case["quotes"]]
    for quote, expected in zip(found, case["quotes"]):
        assert quote.nested == tuple(expected.get("nested", ()))
        assert len(quote.parts) == (expected["parts"] if expected.get("parts", 1) > 1 else 0)


@pytest.mark.parametrize("case", cases("quotes.yml", xfail=False))
def test_offsets_point_at_the_displayed_words(case: dict) -> None:
    text = case["text"]
    for quote in extract(version(text)):
        if quote.parts:
            assert " ".join(text[s:e] for s, e in quote.parts) == quote.text
            assert quote.start == quote.parts[0][0] and quote.end == quote.parts[-1][1]
        else:
            assert text[quote.start:quote.end] == quote.text


def test_quote_ids_are_numbered_in_text_order() -> None:
    text = 'Mara Quill said it was "too early". Tomas Brennick said it was "far too late".'
    assert [q.id for q in extract(version(text, "daily-planet"))] == ["daily-planet:q1", "daily-planet:q2"]


def test_quote_sentence_is_the_whole_sentence() -> None:
    text = 'The board met on Monday. Mara Quill said it was "too early to tell". It rained.'
    (quote,) = extract(version(text))
    assert quote.sentence == 'Mara Quill said it was "too early to tell".'


def test_sentence_does_not_break_inside_a_quote_or_after_an_abbreviation() -> None:
    text = '“We are ready. We were always ready,” Dr. Quill said. Mr. Roke agreed.'
    spans = sentences(text, find_quotes(text))
    assert [text[s.start:s.end].strip() for s in spans] == [
        "“We are ready. We were always ready,” Dr. Quill said.",
        "Mr. Roke agreed.",
    ]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Piecemeal approach", True),
        ("“A Fair Deal”", True),
        ("The board met on Monday.", False),
        ("Fares rise by a third, the board said, and tickets will follow", False),
        ("", False),
    ],
)
def test_is_heading(paragraph: str, expected: bool) -> None:
    assert is_heading(paragraph) is expected


def test_paragraphs_split_on_blank_lines_and_skip_empty_ones() -> None:
    text = "One.\n\nTwo.\n\n\n\nThree."
    assert [text[p.start:p.end] for p in paragraphs(text)] == ["One.", "Two.", "Three."]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ('"We will act before the next flood," she said.', "full"),
        ('She said: "We will act before the next flood."', "full"),
        ('She said they would "act before the next flood".', "partial"),
        ('The "green corridor" opened.', "scare"),
        ('"Too late," she said.', "scare"),
    ],
)
def test_classify(text: str, form: str) -> None:
    (span,) = find_quotes(text)
    (sentence,) = sentences(text, [span])
    assert classify(text, span, sentence) == form


@pytest.mark.parametrize("text", ["Il a dit «nous sommes prêts» hier.", "Il a dit « nous sommes prêts » hier."])
def test_guillemets(text: str) -> None:
    assert [text[p.start:p.end] for q in find_quotes(text) for p in q.parts] == ["nous sommes prêts"]


def test_german_low_high_quotation_marks() -> None:
    text = "Sie sagte „wir sind bereit“ und ging."
    assert [text[p.start:p.end] for q in find_quotes(text) for p in q.parts] == ["wir sind bereit"]


def test_unclosed_quote_at_end_of_text_is_kept() -> None:
    text = 'Mara Quill said: "We will not wait for the next flood'
    (quote,) = extract(version(text))
    assert quote.text == "We will not wait for the next flood"


def test_no_quotes_in_plain_text() -> None:
    assert extract(version("The board met on Monday and agreed the fares. It's the first rise.")) == []


@pytest.mark.parametrize("case", cases("quote_marks.yml"))
def test_quote_marks_of_every_typography(case: dict) -> None:
    found = find_quotes(case["text"])
    assert [" ".join(case["text"][p.start:p.end] for p in q.parts) for q in found] == case["quotes"]
    if "nested" in case:
        assert [n for q in found for n in q.nested] == case["nested"]


@pytest.mark.parametrize(("text", "form"), [
    ("Mara Quill a déclaré : « Nous garderons le ferry de nuit tout l’hiver. »", "full"),
    ("« Nous garderons le ferry de nuit tout l’hiver », a déclaré Mara Quill.", "full"),
    ("″We will keep the night ferry running all winter,″ Mara Quill said.", "full"),
    ("»Wir halten die Nachtfähre den ganzen Winter in Betrieb«, sagte Mara Quill.", "full"),
    ("Mara Quill sagte, die Überfahrt sei „die sicherste an der ganzen Küste“ gewesen.", "partial"),
])
def test_classify_in_other_typographies(text: str, form: str) -> None:
    (span,) = find_quotes(text)
    (sentence,) = sentences(text, [span])
    assert classify(text, span, sentence) == form


def test_sentences_break_after_other_closing_marks() -> None:
    text = "Mara Quill sagte: »Wir sind bereit.« Dann ging sie. Sie sagte: ″Gut.″ Er nickte."
    spans = sentences(text, find_quotes(text))
    assert [text[s.start:s.end].strip() for s in spans] == [
        "Mara Quill sagte: »Wir sind bereit.«", "Dann ging sie.", "Sie sagte: ″Gut.″", "Er nickte."]
