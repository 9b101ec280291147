"""Readable, stable ids for imported versions: outlet and headline, unique in the story."""

from __future__ import annotations

import pytest

from generator.inputs.version_ids import MAX_ID_CHARACTERS, revision_id, unique_id, version_id


@pytest.mark.parametrize("outlet, headline, expected", [
    ("The Gullrock Gazette", "Ferry fares to rise by a third, harbour board says",
     "gullrock-gazette-ferry-fares-rise-third-harbour"),
    ("bbc.co.uk", "Tech deal talks stall over trade barriers", "bbc-co-uk-tech-deal-talks-stall-trade"),
    ("Northwind Courier", "Gullrock ferry passengers face 33% fare rise",
     "northwind-courier-gullrock-ferry-passengers-face-33"),
    ("Le Monde", "Élection : le café des députés", "le-monde-election-le-cafe-des-deputes"),
    (None, "Москва: мэр ответил на вопросы", "москва-мэр-ответил-на-вопросы"),
    ("tarrow-weekly.example", None, "tarrow-weekly-example"),
    (None, "The", "the"),
    (None, None, "page"),
    ("<script>", "../../etc/passwd", "script-etc-passwd"),
])
def test_version_id(outlet: str | None, headline: str | None, expected: str) -> None:
    assert version_id(outlet, headline) == expected


def test_a_long_outlet_and_headline_are_cut_at_a_word() -> None:
    made = version_id("The Quite Extraordinarily Long-Named Gullrock and Skerrow Islands Gazette",
                      "Incomprehensibilities " * 10)
    assert len(made) <= MAX_ID_CHARACTERS and not made.endswith("-")


def test_unique_id_numbers_the_next_free_name() -> None:
    assert unique_id("a", set()) == "a"
    assert unique_id("a", {"a", "a-2"}) == "a-3"


def test_revision_id_carries_the_day_and_never_stacks_days() -> None:
    assert revision_id("gazette-fares", "2026-12-01", {"gazette-fares"}) == "gazette-fares-2026-12-01"
    assert revision_id("gazette-fares-2026-11-30", "2026-12-01", set()) == "gazette-fares-2026-12-01"
    assert revision_id("gazette-fares-2026-12-01", "2026-12-01",
                       {"gazette-fares-2026-12-01"}) == "gazette-fares-2026-12-01-2"
