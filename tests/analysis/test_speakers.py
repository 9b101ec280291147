"""Speaker mentions parsed as written (which mentions are one speaker: test_identity)."""

from __future__ import annotations

import pytest

from generator.analysis.speakers import gender, parse_mention


@pytest.mark.parametrize(("words", "kind", "name", "title", "honorific", "known"), [
    ("Health Secretary Mara Quill", "person", "Mara Quill", "Health Secretary", None, None),
    ("Prime Minister Sir Alden Roke", "person", "Alden Roke", "Prime Minister", "Sir", None),
    ("Sir Alden", "person", "Alden", None, "Sir", None),
    ("Roke", "person", "Roke", None, None, None),
    ("Dr. Mara Quill", "person", "Mara Quill", None, "Dr", None),
    ("former adviser Tomas Brennick", "person", "Tomas Brennick", "former adviser", None, None),
    ("the health secretary", "person", None, "health secretary", None, None),
    ("the government", "organisation", None, None, None, "UK government"),
    ("No 10", "organisation", None, None, None, "Downing Street"),
    ("the Prime Minister’s official spokesman", "person", None, None, None, "Prime Minister's official spokesperson"),
    ("a government spokeswoman", "person", None, None, None, "UK government spokesperson"),
    ("The memorandum", "document", None, None, None, "Memorandum of Understanding"),
    ("the Federation of Rail Workers", "organisation", None, None, None, "Federation of Rail Workers"),
    ("Minister of Transport", "person", None, "Minister of Transport", None, None),
    ("Prosecutor Ana Ruiz", "person", "Ana Ruiz", "Prosecutor", None, None),
])
def test_parse_mention(words: str, kind: str, name: str | None, title: str | None, honorific: str | None,
                       known: str | None) -> None:
    mention = parse_mention(words)
    assert (mention.as_written, mention.kind, mention.name, mention.title, mention.honorific, mention.known) == (
        words, kind, name, title, honorific, known)


@pytest.mark.parametrize(("words", "expected"), [
    ("Dame Ilsa Varne", "f"), ("Ms Quill", "f"), ("Sir Alden Roke", "m"), ("Mr Brennick", "m"), ("Dr Quill", None),
    ("Mara Quill", None),
])
def test_gender_comes_from_the_honorific_only(words: str, expected: str | None) -> None:
    assert gender(parse_mention(words)) == expected
