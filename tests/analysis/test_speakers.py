"""Speaker names: mentions parsed as written, names unified across a story, who speaks for whom."""

from __future__ import annotations

import pytest

from generator.analysis.speakers import KNOWN_PARENTS, Registry, compatible, gender, parse_mention, with_canonical
from generator.model import Speaker


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


@pytest.fixture
def registry() -> Registry:
    return Registry.build([parse_mention(w) for w in (
        "Prime Minister Sir Alden Roke", "Health Secretary Mara Quill", "Tomas Quill", "Roke")])


@pytest.mark.parametrize(("written", "full"), [
    ("Roke", "Alden Roke"), ("Alden", "Alden Roke"), ("alden roke", "Alden Roke"), ("Mara", "Mara Quill"),
    ("Quill", "Quill"),  # two Quills: a surname alone stays as written
    ("Brennick", "Brennick"),
])
def test_registry_person(registry: Registry, written: str, full: str) -> None:
    assert registry.person(written) == full


@pytest.mark.parametrize(("written", "canonical"), [
    ("the Prime Minister", "Alden Roke"), ("the health secretary", "Mara Quill"), ("Sir Alden", "Alden Roke"),
    ("the government", "UK government"), ("the transport secretary", "transport secretary"),
])
def test_registry_canonical(registry: Registry, written: str, canonical: str) -> None:
    speaker = registry.canonical(parse_mention(written))
    assert (speaker.canonical, speaker.as_written) == (canonical, written)


def test_with_canonical_keeps_pronoun_flag_and_title(registry: Registry) -> None:
    speaker = Speaker("Sir Alden", "Sir Alden", "person", "Prime Minister", True)
    unified = with_canonical(speaker, registry)
    assert (unified.canonical, unified.via_pronoun, unified.title) == ("Alden Roke", True, "Prime Minister")


def _speaker(canonical: str, kind: str = "person", speaks_for: str | None = None) -> Speaker:
    return Speaker(canonical, canonical, kind, None, False, speaks_for)


@pytest.mark.parametrize(("first", "second", "expected"), [
    (_speaker("Mara Quill"), _speaker("Mara Quill"), True),
    (_speaker("Mara Quill"), _speaker("Tomas Brennick"), False),
    (_speaker("Prime Minister's official spokesperson", speaks_for="Downing Street"),
     _speaker("UK government", "organisation"), True),
    (_speaker("Downing Street", "organisation", "UK government"),
     _speaker("UK government spokesperson", speaks_for="UK government"), True),
    (_speaker("White House", "organisation", "US administration"), _speaker("UK government", "organisation"), False),
    (_speaker("Mara Quill"), _speaker("UK government", "organisation"), False),
])
def test_compatible(first: Speaker, second: Speaker, expected: bool) -> None:
    assert compatible(first, second, KNOWN_PARENTS) is expected
    assert compatible(second, first, KNOWN_PARENTS) is expected
