"""Comparison keys: what two renderings must share to count as the same words.

Display text is never changed; these keys fold away differences a reader would
call cosmetic (quote marks, apostrophes, dashes, case, end punctuation, UK/US
spelling, dotted abbreviations, how an amount or a percentage is written) so
that only real changes of wording reach the diff.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
                              "\u02b9": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")

WORD_PATTERN = re.compile(
    r"\d+(?:[.,]\d+)*(?:[^\W\d_]+)?(?![\w'\u2019.&-]*[^\W\d_])"
    r"|[^\W_]+(?:['`\u2018\u2019\u02bc\u02b9\u2032\u00b4.&-][^\W_]+)*|[£$€¥%]",
    re.UNICODE,
)
"""A word: a number with its separators and unit letters ("4,000", "12.7",
"31bn"), or letters/digits joined by inner apostrophes, dots, ampersands or
hyphens (a typographic apostrophe or a prime typed for one still joins:
"council‘s"); currency and percent signs count as words of their own."""
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
"""Thousands grouped with dots ("2.300", "61.000", "1.140.000"): read as
thousands where no scale or percent follows, the way a translated copy of an
English text writes "2,300" (English writes no trailing zeros after a point)."""
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_NUMBER_WORD = re.compile(r"(\d+(?:[.,]\d+)*)([^\W\d_]*)")
_SCALE_WORDS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "mn": 6, "tn": 12}
"""Scales written as a word of their own ("2 billion") or joined to the number ("2billion", "2bn")."""
_NUMBER_WORDS = {word: str(value) for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
"""Numbers written as words, keyed as digits before a percentage ("five per cent" / "5%").  Not
elsewhere: "the two" for "both" is a rewording, not a number changed."""
_SCALE_JOINED = {**_SCALE_WORDS, "m": 6}
"""Scales only ever joined to the number ("3.4m"); "m" read as metres is never
compared with "million", so folding it is safe."""
_SCALE_AFTER_SIGN = {**_SCALE_JOINED, "k": 3, "b": 9}
"""After a currency sign "k" and "b" are scales too ("£5k", "$2b")."""
_CURRENCY_WORDS = {"pounds": "£", "pound": "£", "sterling": "£", "dollars": "$", "dollar": "$", "euros": "€",
                   "euro": "€"}
_CURRENCY_SIGNS = frozenset("£$€¥")
_SCALED_KEYS = ((12, "tn"), (9, "bn"), (6, "m"))

# Spellings that differ between UK and US English, folded to the US form.  Rules
# cover the regular families; the table covers the rest.  Folding both sides the
# same way is harmless where a rule over-reaches into a word with no variant.
_SPELLING_TABLE = {
    "programme": "program", "programmes": "programs", "analyse": "analyze", "analysed": "analyzed",
    "analysing": "analyzing", "catalogue": "catalog", "dialogue": "dialog", "defence": "defense",
    "licence": "license", "offence": "offense", "pretence": "pretense", "travelled": "traveled",
    "travelling": "traveling", "cancelled": "canceled", "cancelling": "canceling", "modelling": "modeling",
    "modelled": "modeled", "labelled": "labeled", "labelling": "labeling", "signalled": "signaled",
    "signalling": "signaling", "fuelled": "fueled", "fuelling": "fueling", "counselling": "counseling",
    "jewellery": "jewelry", "aluminium": "aluminum", "tyre": "tire", "tyres": "tires", "cheque": "check",
    "grey": "gray", "mould": "mold", "plough": "plow", "sceptical": "skeptical", "sceptic": "skeptic",
    "manoeuvre": "maneuver", "paediatric": "pediatric", "anaesthetic": "anesthetic", "enrolment": "enrollment",
    "fulfil": "fulfill", "fulfilment": "fulfillment", "judgement": "judgment", "ageing": "aging",
    "defences": "defenses", "licences": "licenses", "offences": "offenses", "whilst": "while", "amongst": "among", "towards": "toward", "co-operate": "cooperate",
    "co-operation": "cooperation", "co-operating": "cooperating", "co-ordinate": "coordinate",
    "co-ordination": "coordination", "e-mail": "email",
}
_ISE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$")
_YSE = re.compile(r"(?<=[a-z]{3})ys(e|es|ed|ing)$")
_OUR = re.compile(r"(?<=[a-z]{3})our(s|ed|ing|ite|ites|able|er|ers|ful|fully|less|ist|ists)?$")
_TRE = re.compile(r"(?<=[a-z]{2}[tbg])re(s|d)?$")
_ABBREVIATION = re.compile(r"[a-z](?:\.[a-z])+\.?")
_OUR_KEEP = frozenset({"devour", "devours", "detour", "detours", "contour", "contours", "glamour", "paramour"})
_ISE_KEEP = frozenset({"otherwise", "likewise", "clockwise", "expertise", "franchise", "merchandise"})


@lru_cache(maxsize=65536)
def fold_spelling(word: str) -> str:
    """US spelling of a lower-case word, or the word itself."""
    if word in _SPELLING_TABLE:
        return _SPELLING_TABLE[word]
    if word not in _ISE_KEEP:
        word = _ISE.sub(r"iz\1", word)
        word = _YSE.sub(r"yz\1", word)
    if word not in _OUR_KEEP and len(word) >= 6:
        word = _OUR.sub(lambda m: "or" + (m.group(1) or ""), word)
    return _TRE.sub(lambda m: "er" + {"s": "s", "d": "ed"}.get(m.group(1) or "", ""), word)


def fold_characters(text: str) -> str:
    """NFKC, unified apostrophes and dashes, lower case: the character-level part of a key."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    return _DASHES.sub("-", text).casefold()


@dataclass(frozen=True)
class Token:
    """A word of a display text with its comparison key."""

    key: str
    """Normalised form compared between versions."""
    start: int
    """Offset of the word in the display text."""
    end: int
    """Offset just past the word."""


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their keys; punctuation between words is dropped."""
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Token, ...]:
    # Stages tokenise the same quotes and sentences many times over: cached (Token is frozen).
    folded = fold_characters(text)
    # fold_characters keeps one character per character for everything but rare
    # NFKC expansions (ligatures); then each word is folded on its own.
    aligned = len(folded) == len(text)
    spans = [(match.start(), match.end()) for match in WORD_PATTERN.finditer(text)]
    words = [folded[start:end] if aligned else fold_characters(text[start:end]) for start, end in spans]
    found: list[Token] = []
    index = 0
    while index < len(spans):
        # An amount starts with a digit or a number word: most words are neither.
        written = words[index]
        amount = _amount(text, spans, words, index) if written[:1].isdigit() or written in _NUMBER_WORDS else None
        if amount is not None:
            parts, index = amount
            found.extend(parts)
            continue
        found.extend(_split_word(words[index], *spans[index]))
        index += 1
    return tuple(found)


def _amount(text: str, spans: list[tuple[int, int]], words: list[str],
            index: int) -> tuple[list[Token], int] | None:
    """The tokens of an amount starting at word ``index`` and the index of the word after it,
    or None when the word is no number.  However it is written ("£2billion", "£2 billion",
    "£2bn", "£2.0bn", "2 billion pounds"; "19 per cent", "19pc") an amount has one key
    sequence: the currency sign, the value with the largest scale that fits ("2bn",
    "3.4m"), then "%" for a percentage.  A currency sign keeps its own token, as before,
    so the usual spellings keep the keys (and finding ids) they always had."""
    def spaced(first: int, second: int) -> bool:
        return second < len(spans) and text[spans[first][1]:spans[second][0]] in (" ", "\u00a0", "\u202f", "")

    def word(at: int) -> str:
        return words[at] if at < len(words) else ""

    written = words[index]
    after = index + 1
    if written in _NUMBER_WORDS and word(after) in ("per", "percent", "%"):
        written = _NUMBER_WORDS[written]  # "five per cent" is "5%"
    shape = _NUMBER_WORD.fullmatch(written)
    if shape is None:
        return None
    number, suffix = shape.groups()
    if re.fullmatch(r"\d{1,3}", number) and not suffix:
        # Thousands grouped by spaces, as French and round-trip translations write them ("4 000").
        while re.fullmatch(r"\d{3}", word(after)) and text[spans[after - 1][1]:spans[after][0]] in \
                (" ", "\u00a0", "\u202f"):
            number, after = number + word(after), after + 1
        if after > index + 1:
            number = f"{int(number):,}"

    signed = index > 0 and words[index - 1] in _CURRENCY_SIGNS and spaced(index - 1, index)
    start, end = spans[index][0], spans[after - 1][1]
    exponent: int | None = None
    percent_span: tuple[int, int] | None = None
    if suffix:
        joined = _SCALE_AFTER_SIGN if signed else _SCALE_JOINED
        if suffix in joined:
            exponent = joined[suffix]
        elif suffix == "pc":
            percent_span = (start + len(number), end)
            end = start + len(number)
        else:
            return None  # a unit or an ordinal ("5km", "3rd", "7.30pm"): a word as any other
    elif word(after) in _SCALE_WORDS and spaced(index, after):
        exponent, end, after = _SCALE_WORDS[word(after)], spans[after][1], after + 1
    if exponent is None and percent_span is None:
        if word(after) == "percent" and spaced(index, after):
            percent_span, after = spans[after], after + 1
        elif word(after) == "per" and word(after + 1) == "cent" and spaced(index, after) and spaced(after, after + 1):
            percent_span, after = (spans[after][0], spans[after + 1][1]), after + 2
    percent = percent_span is not None or (word(after) == "%" and spaced(index, after))
    value = _number_key(number, exponent, percent)
    if percent_span is not None:
        return [Token(value, start, end), Token("%", *percent_span)], after
    currency = _CURRENCY_WORDS.get(word(after)) if not signed and spaced(after - 1, after) else None
    if currency is not None:
        # "2 billion pounds": the sign comes first, as in "£2bn"; both tokens span the
        # whole amount so the display diff never leaves a word out.
        whole = (start, spans[after][1])
        return [Token(currency, *whole), Token(value, *whole)], after + 1
    return [Token(value, start, end)], after


def _number_key(number: str, exponent: int | None, percent: bool) -> str:
    """The key of a number with its scale: thousands separators dropped, the value
    written with the largest scale that fits ("2,000m" is "2bn"; "5 thousand" is "5000")."""
    digits = number
    grouped = False
    if _THOUSANDS.fullmatch(number):
        digits, grouped = number.replace(",", ""), True
    elif exponent is None and not percent and _DOT_THOUSANDS.fullmatch(number):
        digits, grouped = number.replace(".", ""), True
    elif exponent is not None and _DECIMAL_COMMA.fullmatch(number):
        digits = number.replace(",", ".")  # "2,5 million": a decimal comma before a scale
    if exponent is None and not grouped:
        return digits  # as written: "12.50" and "12.5" stay apart outside an amount
    try:
        value = Decimal(digits).scaleb(exponent or 0)
    except InvalidOperation:
        return digits
    for power, name in _SCALED_KEYS:
        if value >= Decimal(10) ** power:
            return _plain(value.scaleb(-power)) + name
    return _plain(value)


def _plain(value: Decimal) -> str:
    """'2', '3.4', '2300': no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _split_word(word: str, start: int, end: int) -> list[Token]:
    """Tokens of one matched word: hyphenated compounds split ("step-change" is
    "step change") unless the spelling table knows the hyphenated form.  When
    folding changed the word's length (NFKC ligatures), every part spans the
    whole word so offsets stay on the display text."""
    if len(word) == end - start:
        return [Token(key, start + offset, start + offset + length) for key, offset, length in _word_parts(word)]
    return [Token(key, start, end) for key, _, _ in _word_parts(word)]


@lru_cache(maxsize=65536)
def _word_parts(word: str) -> tuple[tuple[str, int, int], ...]:
    """The keys of one word's parts, each with its offset in the word and its length (memoised:
    the same words come back in every version)."""
    if _THOUSANDS.fullmatch(word):
        return ((word.replace(",", ""), 0, len(word)),)
    if _ABBREVIATION.fullmatch(word):
        return ((word.replace(".", ""), 0, len(word)),)
    word_key = word.rstrip(".")
    if "-" not in word_key or word_key in _SPELLING_TABLE:
        return ((fold_spelling(word_key), 0, len(word_key)),)
    parts, offset = [], 0
    for part in word_key.split("-"):
        if part:
            parts.append((fold_spelling(part), offset, len(part)))
        offset += len(part) + 1
    return tuple(parts)


def keys(text: str) -> list[str]:
    """Comparison keys of the words of ``text``."""
    return [token.key for token in tokens(text)]


def key(text: str) -> str:
    """One comparison key for a whole text: its word keys joined by spaces."""
    return " ".join(keys(text))
