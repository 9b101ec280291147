"""Language stage: which language each version is written in, and the story's main language.

Words are never compared across languages: a Spanish original and its English
translations share quotes in meaning, not in words.  Detection runs offline
with lingua (its models ship inside the package); front matter that states a
language is believed first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import islice

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

LANGUAGES = (Language.ENGLISH, Language.SPANISH, Language.FRENCH, Language.GERMAN, Language.ITALIAN,
             Language.PORTUGUESE, Language.DUTCH, Language.POLISH, Language.SWEDISH, Language.DANISH,
             Language.BOKMAL, Language.FINNISH, Language.CATALAN, Language.ROMANIAN, Language.CZECH,
             Language.GREEK, Language.TURKISH, Language.RUSSIAN, Language.UKRAINIAN, Language.ARABIC,
             Language.CHINESE, Language.JAPANESE, Language.KOREAN, Language.HINDI)
"""The languages told apart: those of most news wires (a closed set keeps detection fast and sure)."""

MIN_CONFIDENCE = 0.5
"""Confidence below which a detected language is not believed (the version is taken as the story's)."""

MIN_LETTERS = 40
"""Texts with fewer letters than this are too short to tell."""

SAMPLE_CHARACTERS = 1200
"""Characters of a longer text that detection reads: its start, middle and end.  Detection costs
time in proportion to the text, and a version is one language long before 1,200 characters (on
the evaluation corpora and the seeds, the sample gives the language of the whole text every time)."""


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def declared(tag: str | None) -> str | None:
    """The ISO 639-1 code of a front matter language tag ('en-GB' -> 'en'), or None."""
    if not tag:
        return None
    code = tag.strip().lower().replace("_", "-").split("-")[0]
    return code if len(code) == 2 and code.isalpha() else None


@lru_cache(maxsize=1024)
def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None when unsure."""
    if next(islice((char for char in text if char.isalpha()), MIN_LETTERS - 1, None), None) is None:
        return None
    text = _sample(text)
    if _plainly_english(text):
        return "en"
    # One pass over the text: the confidences come sorted, most likely first (a detection and then
    # its confidence read the text twice).  Above MIN_CONFIDENCE the first language is the only one.
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


_ENGLISH_ONLY_WORDS = frozenset({"the", "and", "that", "with", "said", "he", "she", "they", "have", "has", "will",
                                 "from", "which", "would", "this", "are", "were", "been", "their", "his", "its"})
"""Common English words that are not words of another language told apart (not "of", Dutch; not
"to", Polish; not "was", German; not "in", not "is")."""
ENGLISH_SHARE = 0.12
"""Share of a text's words that are such words above which it is English without asking lingua:
English news prose has about twice that, the other languages about none.  Lingua is the slowest
step of preparing a version, and most versions are English."""
_WORD = re.compile(r"[^\W\d_]+")


def _plainly_english(sample: str) -> bool:
    """True when ``sample`` is English beyond doubt: Latin letters only, and many English-only words."""
    words = _WORD.findall(sample.lower())
    if len(words) < 40 or any(ord(char) > 0x24F for word in words for char in word):
        return False
    return sum(word in _ENGLISH_ONLY_WORDS for word in words) >= ENGLISH_SHARE * len(words)


def _sample(text: str) -> str:
    """At most about SAMPLE_CHARACTERS of ``text``: three pieces from its start, middle and end, cut
    at spaces so that no word is cut in two."""
    if len(text) <= SAMPLE_CHARACTERS:
        return text
    piece = SAMPLE_CHARACTERS // 3
    middle = (len(text) - piece) // 2
    pieces = []
    for start in (0, middle, len(text) - piece):
        chunk = text[start:start + piece]
        if start:
            chunk = chunk.split(" ", 1)[-1]
        if start + piece < len(text):
            chunk = chunk.rsplit(" ", 1)[0]
        pieces.append(chunk)
    return "\n".join(pieces)


def language_of(text: str, tag: str | None = None) -> str | None:
    """A version's language: its front matter's, else the detected one."""
    return declared(tag) or detect(text)


def main_language(languages: Mapping[str, str | None], references: Sequence[str] = ()) -> str | None:
    """The language most versions are written in; a tie goes to the first reference's language."""
    counts = Counter(code for code in languages.values() if code)
    if not counts:
        return None
    best = max(counts.values())
    leaders = sorted(code for code, count in counts.items() if count == best)
    for reference in references:
        if languages.get(reference) in leaders:
            return languages[reference]
    return leaders[0]


def name_of(code: str | None) -> str:
    """The English name of a language code ('es' -> 'Spanish'), or the code itself."""
    if not code:
        return "unknown"
    try:
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())).name.title()
    except (AttributeError, ValueError):
        return code
