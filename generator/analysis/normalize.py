"""Comparison keys: what two renderings must share to count as the same words.

Display text is never changed; these keys fold away differences a reader would
call cosmetic (quote marks, apostrophes, dashes, case, end punctuation, UK/US
spelling) so that only real changes of wording reach the diff.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")

WORD_PATTERN = re.compile(
    r"\d+(?:[.,]\d+)*(?:[^\W\d_]+)?(?![\w'\u2019.&-]*[^\W\d_])|[^\W_]+(?:['\u2019\u02bc.&-][^\W_]+)*|[£$€¥%]",
    re.UNICODE,
)
"""A word: a number with its separators and unit letters ("4,000", "12.7",
"31bn"), or letters/digits joined by inner apostrophes, dots, ampersands or
hyphens; currency and percent signs count as words of their own."""
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")

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
    found = []
    for match in WORD_PATTERN.finditer(text):
        word = folded[match.start():match.end()] if aligned else fold_characters(match.group())
        found.extend(_split_word(word, match.start(), match.end()))
    return tuple(found)


def _split_word(word: str, start: int, end: int) -> list[Token]:
    """Tokens of one matched word: hyphenated compounds split ("step-change" is
    "step change") unless the spelling table knows the hyphenated form.  When
    folding changed the word's length (NFKC ligatures), every part spans the
    whole word so offsets stay on the display text."""
    exact = len(word) == end - start

    def token(key: str, offset: int, length: int) -> Token:
        return Token(key, offset, offset + length) if exact else Token(key, start, end)

    if _THOUSANDS.fullmatch(word):
        return [token(word.replace(",", ""), start, len(word))]
    if _ABBREVIATION.fullmatch(word):
        return [token(word.replace(".", ""), start, len(word))]
    word_key = word.rstrip(".")
    if "-" not in word_key or word_key in _SPELLING_TABLE:
        return [token(fold_spelling(word_key), start, len(word_key))]
    parts, offset = [], start
    for part in word_key.split("-"):
        if part:
            parts.append(token(fold_spelling(part), offset, len(part)))
        offset += len(part) + 1
    return parts


def keys(text: str) -> list[str]:
    """Comparison keys of the words of ``text``."""
    return [token.key for token in tokens(text)]


def key(text: str) -> str:
    """One comparison key for a whole text: its word keys joined by spaces."""
    return " ".join(keys(text))
