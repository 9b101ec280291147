"""Comparison keys: cosmetic differences fold away, real wording differences stay."""

from __future__ import annotations

import pytest
from stage_helpers import read_yaml

from generator.analysis.normalize import fold_characters, fold_spelling, key, keys, tokens

UK_US = [
    ("organise", "organize"), ("organised", "organized"), ("organisation", "organization"),
    ("centre", "center"), ("centres", "centers"), ("theatre", "theater"), ("metres", "meters"),
    ("colour", "color"), ("colours", "colors"), ("coloured", "colored"), ("honourable", "honorable"),
    ("behaviour", "behavior"), ("harbour", "harbor"), ("favourite", "favorite"), ("labour", "labor"),
    ("defence", "defense"), ("licence", "license"), ("programme", "program"), ("programmes", "programs"),
    ("travelled", "traveled"), ("modelling", "modeling"), ("analyse", "analyze"), ("paralysed", "paralyzed"),
    ("catalogue", "catalog"), ("grey", "gray"), ("fulfil", "fulfill"), ("judgement", "judgment"),
    ("ageing", "aging"), ("co-operation", "cooperation"), ("apologise", "apologize"), ("modernised", "modernized"),
    ("jewellery", "jewelry"), ("enrolment", "enrollment"), ("sceptical", "skeptical"), ("manoeuvre", "maneuver"),
    ("fibre", "fiber"), ("tyres", "tires"), ("whilst", "while"), ("amongst", "among"), ("towards", "toward"),
    ("e-mail", "email"), ("aluminium", "aluminum"), ("step-change", "step change"),
]


@pytest.mark.parametrize(("uk", "us"), UK_US, ids=lambda w: w)
def test_uk_and_us_spellings_share_a_key(uk: str, us: str) -> None:
    assert keys(uk) == keys(us)
    assert keys(uk.capitalize()) == keys(us.upper())


@pytest.mark.parametrize(("uk", "us"), [
    ("centred", "centered"), ("colourful", "colorful"), ("defences", "defenses"), ("licences", "licenses"),
    ("offences", "offenses"), ("data-centres", "data centres"), ("data-centres", "data-centers"),
], ids=lambda w: w)
def test_uk_and_us_spelling_gaps(uk: str, us: str) -> None:
    assert keys(uk) == keys(us)


@pytest.mark.parametrize(("first", "second"), [
    ("“Step change”", '"step change"'),
    ("the council’s plan", "the council's plan"),
    ("a plan—overdue", "a plan - overdue"),
    ("It is ready.", "it is ready"),
    ("U.S. officials", "US officials"),
    ("ＦＵＬＬ width", "full width"),
])
def test_cosmetic_differences_share_a_key(first: str, second: str) -> None:
    assert key(first) == key(second)


@pytest.mark.parametrize(("first", "second"), [
    ("step change", "shift"),
    ("£31bn", "£13bn"),
    ("will", "will not"),
    ("otherwise", "otherwize"),
    ("devour", "devor"),
    ("2025", "2026"),
])
def test_real_differences_keep_different_keys(first: str, second: str) -> None:
    assert key(first) != key(second)


@pytest.mark.parametrize("word", ["otherwise", "expertise", "devour", "contour", "tour", "your", "are", "genre"])
def test_spelling_rules_leave_words_without_a_variant(word: str) -> None:
    assert fold_spelling(word) == word


def test_keys_of_money_split_the_currency_sign() -> None:
    assert keys("£31bn and 12.5% of $4") == ["£", "31bn", "and", "12.5", "%", "of", "$", "4"]


def test_thousands_separator_stays_in_the_number() -> None:
    assert keys("$4,000") == keys("$4000") == ["$", "4000"]


def test_tokens_point_at_the_display_text() -> None:
    text = "“Step-change,” said Sir Keir’s aide."
    found = tokens(text)
    assert [t.key for t in found] == ["step", "change", "said", "sir", "keir's", "aide"]
    assert [text[t.start:t.end] for t in found] == ["Step", "change", "said", "Sir", "Keir’s", "aide"]


def test_tokens_survive_characters_that_nfkc_expands() -> None:
    text = "ﬁne plan"
    assert keys(text) == ["fine", "plan"]
    assert [text[t.start:t.end] for t in tokens(text)] == ["ﬁne", "plan"]


def test_fold_characters() -> None:
    assert fold_characters("It’s “ÉTÉ”—now") == "it's “été”-now"


def test_key_is_space_joined_keys() -> None:
    assert key("  Fares,   will RISE!  ") == "fares will rise"
    assert key("") == ""


def _groups(section: str) -> list:
    return [pytest.param(group, id=f"{kind}: {' / '.join(group)}")
            for kind, groups in KEY_CASES[section].items() for group in groups]


KEY_CASES = read_yaml("keys.yml")


@pytest.mark.parametrize("group", _groups("same"))
def test_cosmetic_variants_share_one_key(group: list[str]) -> None:
    assert len({key(text) for text in group}) == 1, [key(text) for text in group]


@pytest.mark.parametrize("group", _groups("different"))
def test_real_changes_keep_their_keys_apart(group: list[str]) -> None:
    first, second = group
    assert key(first) != key(second)


def test_an_amount_keeps_its_sign_as_a_token_of_its_own() -> None:
    # The usual spellings keep the keys (and so the finding ids) they always had.
    assert keys("£31bn, £31 billion, 31 billion pounds") == ["£", "31bn"] * 3
    assert keys("up 19 per cent") == ["up", "19", "%"]


@pytest.mark.parametrize("text", [
    "£2 billion", "2 billion pounds", "19 per cent", "19pc", "£3,400,000", "2.300 jobs",
])
def test_amount_tokens_point_at_the_display_text(text: str) -> None:
    found = tokens(text)
    assert found[0].start == 0 and max(t.end for t in found) == len(text)
    assert all(text[t.start:t.end].strip() == text[t.start:t.end] for t in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("5km", ["5km"]), ("7.30pm", ["7.30pm"]), ("3rd", ["3rd"]), ("1.2.3", ["1.2.3"]),
    ("a 100m race", ["a", "100m", "race"]), ("2-3bn", ["2", "3bn"]), ("in 2025", ["in", "2025"]),
])
def test_numbers_with_other_units_are_words_as_before(text: str, expected: list[str]) -> None:
    assert keys(text) == expected
