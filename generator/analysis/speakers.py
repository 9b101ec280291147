"""Speaker names: parse a mention as written, and unify the names of a story.

"Prime Minister Sir Keir Starmer", "Keir Starmer", "Sir Keir", "Starmer" and
"the Prime Minister" are one person; "the Prime Minister's official
spokesman" speaks for Downing Street, which speaks for the UK government.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from generator.model import Speaker, SpeakerKind

HONORIFICS = frozenset({"sir", "dame", "lord", "lady", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "baroness", "baron"})
FEMALE_HONORIFICS = frozenset({"dame", "lady", "mrs", "ms", "miss", "baroness"})
MALE_HONORIFICS = frozenset({"sir", "lord", "mr", "baron"})
TITLE_WORDS = frozenset({
    "boss", "secretary", "minister", "chief", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson",
    "director", "president", "chancellor", "ceo", "founder", "chairman", "chairwoman", "chair", "head", "leader",
    "executive", "official", "analyst", "economist", "curator", "envoy", "ambassador", "governor", "senator",
    "mayor", "prime", "deputy", "foreign", "home", "technology", "business", "trade", "health", "science",
    "general", "attorney", "commissioner", "reporter", "correspondent", "editor", "then", "former", "us", "uk",
    "british", "american", "vice", "shadow", "chief", "officer", "co-founder", "professor", "councillor",
    "councilor", "mp", "mep", "judge", "inspector", "commander", "captain", "bishop", "archbishop", "coach",
    "manager", "owner", "chairperson", "treasurer", "campaigner", "researcher", "scientist", "lawyer",
    "member", "nurse", "doctor", "surgeon", "consultant", "principal", "headteacher", "superintendent",
})
DOCUMENT_WORDS = frozenset({"Deal", "Agreement", "Act", "Bill", "Treaty", "Pact", "Accord", "Memorandum", "Report",
                            "Plan", "Strategy", "Programme", "Program", "Initiative", "Section", "Review"})
"""Last words of names that are documents or agreements, not people."""
ORGANISATION_WORDS = frozenset({
    "times", "news", "post", "journal", "herald", "telegraph", "guardian", "tribune", "gazette", "planet",
    "board", "council", "ministry", "department", "agency", "commission", "bank", "inc", "ltd", "plc", "group",
    "university", "party", "association", "institute", "company", "corporation", "authority", "office",
    "committee", "court", "foundation", "trust", "union", "federation", "service", "services", "press",
    "reuters", "bbc", "nhs", "government", "parliament", "congress", "senate", "police", "agency", "street",
    "avenue", "house", "museum", "gallery", "hospital", "station", "airport", "centre", "center", "clinic",
    "school", "college", "library", "theatre", "society",
})
_SPOKES = re.compile(r"spokes(?:man|woman|person)|press secretary", re.IGNORECASE)

# Institutions and documents a story's quotes are commonly attributed to:
# pattern of the mention (whole, case-insensitive) -> (canonical name, kind, speaks for).
_KNOWN: tuple[tuple[re.Pattern[str], str, SpeakerKind, str | None], ...] = tuple(
    (re.compile(rf"^(?:the\s+)?(?:{pattern})$", re.IGNORECASE), name, kind, parent)
    for pattern, name, kind, parent in (
        (r"downing street|no\.? ?10|number 10|number ten", "Downing Street", "organisation", "UK government"),
        (r"(?:uk |british |united kingdom )?government|whitehall", "UK government", "organisation", None),
        (r"white house", "White House", "organisation", "US administration"),
        (r"(?:us |trump |biden |american )?administration|us government", "US administration", "organisation", None),
        (r"prime minister'?s'? (?:official )?spokes(?:man|woman|person)|downing street spokes(?:man|woman|person)"
         r"|no\.? ?10 spokes(?:man|woman|person)", "Prime Minister's official spokesperson", "person", "Downing Street"),
        (r"(?:uk |british )?government spokes(?:man|woman|person)|a spokes(?:man|woman|person) for the government",
         "UK government spokesperson", "person", "UK government"),
        (r"white house spokes(?:man|woman|person)|white house press secretary", "White House spokesperson", "person",
         "White House"),
        (r"memorandum of understanding|mou|memorandum|(?:the )?mou \(memorandum of understanding\)"
         r"|memorandum of understanding \(mou\)", "Memorandum of Understanding", "document", None),
        (r"new york times|nyt", "The New York Times", "organisation", None),
        (r"bbc|bbc news", "BBC", "organisation", None),
    )
)


@dataclass(frozen=True)
class Mention:
    """A speaker mention parsed from its words."""

    as_written: str
    """The words as they stand in the text."""
    kind: SpeakerKind
    """Person, organisation or document."""
    name: str | None
    """Person's name without honorific or title ("Keir Starmer", "Kratsios")."""
    title: str | None
    """Title or role written with the name."""
    honorific: str | None
    """Sir, Ms, Dr..."""
    known: str | None = None
    """Canonical name of a known institution, role or document."""
    speaks_for: str | None = None
    """Parent body of a known role."""


def _clean(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE) if not re.match(r"^the new york times", text, re.I) else text
    return text.strip(" ,.-—–")


@lru_cache(maxsize=16384)
def parse_mention(words: str, appositive: str | None = None) -> Mention:
    """What a speaker mention says: who, with what title."""
    text = _clean(words)
    for pattern, name, kind, parent in _KNOWN:
        if pattern.match(text):
            return Mention(words, kind, None, None, None, name, parent)
    tokens = text.split()
    honorific = None
    name_tokens: list[str] = []
    # The name is the trailing run of capitalised tokens that are not title words.
    for token in reversed(tokens):
        bare = re.sub(r"'s$", "", token.strip(",.").lower())
        if token[:1].isupper() and bare not in TITLE_WORDS and bare not in HONORIFICS and not token.endswith("'s"):
            name_tokens.insert(0, token.strip(","))
        else:
            break
    rest = tokens[: len(tokens) - len(name_tokens)]
    if rest and rest[-1].lower() in ("of", "for") and name_tokens:
        # "Minister of Transport": the capitalised words finish the title, not a name.
        rest, name_tokens = tokens, []
    if rest and rest[-1].strip(".").lower() in HONORIFICS:
        honorific = rest.pop().strip(".")
    title = " ".join(rest).strip(" ,") or None
    if appositive and not title:
        title = _clean(appositive) or None
    name = " ".join(name_tokens) or None
    if name is None and _SPOKES.search(text):
        return Mention(words, "person", None, text, None, "spokesperson", None)
    if name and name_tokens[-1].strip(",.") in DOCUMENT_WORDS:
        return Mention(words, "document", None, None, None, text)
    if name and any(token.lower().strip(",.") in ORGANISATION_WORDS for token in name_tokens):
        return Mention(words, "organisation", None, title, None, name)
    if name is None:
        kind: SpeakerKind = "person" if rest and any(t.lower() in TITLE_WORDS for t in rest) else "unknown"
        return Mention(words, kind, None, title, honorific)
    return Mention(words, "person", name, title, honorific)


def gender(mention: Mention) -> str | None:
    """'f', 'm' or None, from the honorific only."""
    honorific = (mention.honorific or "").lower().rstrip(".")
    return "f" if honorific in FEMALE_HONORIFICS else "m" if honorific in MALE_HONORIFICS else None


@dataclass
class Registry:
    """The people named across a story, to unify short and long forms."""

    full_names: dict[str, str]
    """Lower-case full name -> full name as first seen."""
    titles: dict[str, str]
    """Lower-case title -> full name of its holder."""

    @classmethod
    def build(cls, mentions: list[Mention]) -> Registry:
        full_names: dict[str, str] = {}
        titles: dict[str, str] = {}
        for mention in mentions:
            if mention.name and len(mention.name.split()) >= 2:
                full_names.setdefault(mention.name.lower(), mention.name)
        for mention in mentions:
            if mention.name and mention.title:
                full = cls(full_names, titles).person(mention.name)
                titles.setdefault(_title_key(mention.title), full)
        return cls(full_names, titles)

    def person(self, name: str) -> str:
        """Full name for a name as written: a surname or first name alone is
        matched to the one full name it can be."""
        lowered = name.lower()
        if lowered in self.full_names:
            return self.full_names[lowered]
        parts = lowered.split()
        matches = sorted({full for key, full in self.full_names.items()
                          if key.split()[-1] == parts[-1] or (len(parts) == 1 and key.split()[0] == parts[0])})
        return matches[0] if len(matches) == 1 else name

    def canonical(self, mention: Mention) -> Speaker:
        """The unified speaker for a mention."""
        if mention.known:
            return Speaker(mention.known, mention.as_written, mention.kind, mention.title, False, mention.speaks_for)
        if mention.name:
            return Speaker(self.person(mention.name), mention.as_written, "person", mention.title)
        if mention.title and _title_key(mention.title) in self.titles:
            return Speaker(self.titles[_title_key(mention.title)], mention.as_written, "person", mention.title)
        return Speaker(_clean(mention.as_written) or mention.as_written, mention.as_written, mention.kind, mention.title)


def _title_key(title: str) -> str:
    words = [w for w in re.findall(r"[a-z]+", title.lower()) if w not in {"the", "then", "former", "us", "uk"}]
    return " ".join(words)


def compatible(first: Speaker, second: Speaker, parents: dict[str, str | None]) -> bool:
    """True when words given to one may fairly be given to the other: the same
    speaker, or a body and someone who speaks for it."""
    if first.canonical == second.canonical or _same_person_spelt_differently(first, second):
        return True

    def chain(speaker: Speaker) -> list[str]:
        names, current = [speaker.canonical], speaker.speaks_for
        while current and current not in names:
            names.append(current)
            current = parents.get(current)
        return names

    first_chain, second_chain = chain(first), chain(second)
    if first.canonical in second_chain or second.canonical in first_chain:
        return True
    # Two spokespeople or offices of the same body speak with one voice.
    institutional = {"organisation"}
    both_official = all(s.kind in institutional or "spokesperson" in s.canonical for s in (first, second))
    return both_official and first_chain[-1] == second_chain[-1]


def _same_person_spelt_differently(first: Speaker, second: Speaker) -> bool:
    """'Derek Malinowsky' and 'Derek Malinowski': a misspelt name is name drift, not a new speaker."""
    if first.kind != "person" or second.kind != "person":
        return False
    a, b = first.canonical.lower().split(), second.canonical.lower().split()
    if len(a) < 2 or len(b) < 2 or a[0][:1] != b[0][:1]:
        return False
    return SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= 0.75


def is_named(speaker: Speaker) -> bool:
    """False for a speaker known only by a role ("Vessa's minister"): who it is stays open."""
    if speaker.kind != "person" or speaker.speaks_for:
        return True
    if speaker.via_pronoun or speaker.as_written.lower() in ("he", "she", "it", "they", "him", "her"):
        return True
    mention = parse_mention(speaker.as_written)
    return mention.name is not None or mention.known is not None


def with_canonical(speaker: Speaker, registry: Registry) -> Speaker:
    """A speaker re-unified against a story's registry."""
    mention = parse_mention(speaker.as_written)
    unified = registry.canonical(mention)
    return replace(unified, via_pronoun=speaker.via_pronoun, title=speaker.title or unified.title)


KNOWN_PARENTS: dict[str, str | None] = {name: parent for _, name, _, parent in _KNOWN}
"""Canonical institution or role -> the body it speaks for."""
