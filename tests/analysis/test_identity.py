"""Speaker identity: one person, body or document however the story names it; 'different' only
when two speakers cannot be the same."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.analysis.identity import Identities, NameMention, affiliations, build, fold_name
from generator.model import Speaker

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "identity" / "stories.yml"
STORIES = yaml.safe_load(FIXTURES.read_text(encoding="utf-8"))


def _speaker(data: dict) -> Speaker:
    written = data["written"]
    return Speaker(data.get("canonical", written), written, data.get("kind", "unknown"), data.get("title"),
                   bool(data.get("pronoun")))


def _identities(story: dict) -> Identities:
    return build(NameMention(m["written"], m.get("title"), m.get("kind", "unknown"), True) for m in story["mentions"])


CASES = [(story["story"], story, pair) for story in STORIES for pair in story["pairs"]]


@pytest.mark.parametrize(("name", "story", "pair"), CASES,
                         ids=[f"{name}: {p[0]['written']} / {p[1]['written']}" for name, _, p in CASES])
def test_relation(name: str, story: dict, pair: list) -> None:
    first, second, expected = _speaker(pair[0]), _speaker(pair[1]), pair[2]
    identities = _identities(story)
    assert identities.relation(first, second) == expected
    assert identities.relation(second, first) == expected


@pytest.mark.parametrize(("written", "folded"), [
    ("Prosecutor Ana Ruiz KC", "prosecutor ana ruiz"), ("Inés Carrasco", "ines carrasco"),
    ("the Board’s", "board"), ("Dr. Mara Quill", "mara quill"),
])
def test_fold_name(written: str, folded: str) -> None:
    assert fold_name(written) == folded


def test_its_role_belongs_to_the_body_named_before() -> None:
    text = ("The Coastal Anglers' Union, which speaks for 900 fishers, welcomed the ruling. "
            "Its regional organiser, Dev Mistry, said the catch limits were fair.")
    assert affiliations(text) == [("Dev Mistry", "regional organiser", "The Coastal Anglers' Union")]


def test_resolution_is_deterministic() -> None:
    story = STORIES[0]
    assert _identities(story) == _identities(story)
