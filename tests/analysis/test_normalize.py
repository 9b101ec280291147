"""Comparison keys: cosmetic differences fold away, real wording differences stay."""

from __future__ import annotations

import pytest

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
