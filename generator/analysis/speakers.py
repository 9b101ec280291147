"""Speaker mentions: what the words naming a speaker say, as written.

"Prime Minister Sir Keir Starmer" is a person with a title and an honorific;
"the Prime Minister's official spokesman" speaks for Downing Street, which
speaks for the UK government; "the MOU" is a document.  Which mentions of a
story are one speaker is settled by :mod:`generator.analysis.identity`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.model import SpeakerKind

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
    # Roles written before a name in court, police, academic and public-service reporting.
    "prosecutor", "barrister", "solicitor", "advocate", "counsel", "justice", "magistrate", "recorder",
    "detective", "constable", "sergeant", "inspector", "chief", "lieutenant", "colonel", "general", "major",
    "lecturer", "dean", "rector", "provost", "economist", "historian", "archaeologist", "engineer",
    "physician", "paramedic", "midwife", "pharmacist", "coroner", "ombudsman", "regulator", "auditor",
    "organiser", "organizer", "coordinator", "administrator", "trustee", "governor", "chancellor", "premier",
    "president", "councilwoman", "councilman", "alderman", "sheriff", "marshal", "warden", "commissioner",
    "pastor", "priest", "rabbi", "imam", "reverend", "vicar", "cardinal", "pope", "king", "queen", "prince",
    "princess", "duke", "duchess", "earl", "countess",
    # Abbreviated ranks and offices, written with or without a full stop ("Supt Varga", "Cllr Ahmed").
    "supt", "insp", "det", "sgt", "cllr", "gen", "col", "capt", "lt", "cmdr", "cdr", "rev", "revd", "fr", "sen",
    "rep", "gov", "pres", "amb", "asst", "pc", "dc", "di", "dci", "ds", "dsupt", "maj", "brig", "adm", "cpl", "pte",
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
    # Bodies that speak in reporting: campaigns, regulators, businesses, clubs, public bodies.
    "alliance", "coalition", "network", "campaign", "forum", "league", "club", "fund", "charity", "partnership",
    "consortium", "cooperative", "co-op", "observatory", "tribunal", "bureau", "directorate", "inspectorate",
    "regulator", "watchdog", "executive", "assembly", "chamber", "panel", "taskforce", "exchange", "airways",
    "airlines", "railway", "railways", "rail", "motors", "industries", "holdings", "technologies", "systems",
    "labs", "laboratories", "media", "studios", "constabulary", "brigade", "army", "navy", "council's",
    "administration", "commissioner's", "secretariat", "organisation", "organization", "cooperation",
    "initiative", "institution", "academy", "hospitals", "trust's", "port", "harbour", "estate", "works",
})
PLACE_WORDS = frozenset({
    "ridge", "bridge", "hill", "hills", "valley", "point", "cross", "lane", "road", "park", "forest", "wood", "woods",
    "heath", "moor", "moors", "bay", "beach", "island", "isle", "river", "lake", "mount", "field", "fields", "green",
    "end", "gate", "way", "square", "street", "avenue", "quay", "harbour", "harbor", "estate", "common", "marsh",
    "head", "ness", "falls", "springs", "creek", "canyon", "peak", "pass", "gap", "dale", "vale", "shore", "coast",
    "county", "district", "province", "region", "city", "town", "village", "port", "junction", "crossing",
})
"""Last words of place names ("Ashby Ridge", "Hollin Cross"): a place is no speaker."""
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


CLAUSE_LABEL = re.compile(r"^(?:the\s+)?(?:section|article|clause|paragraph|chapter|part|schedule|annex|appendix)"
                          r"\s+(?:\d+[a-z]?|[ivxlc]+)\b", re.IGNORECASE)
"""A part of a document ("Section III", "Article 5"): what it says is the document's, it is no person."""


@lru_cache(maxsize=16384)
def parse_mention(words: str, appositive: str | None = None) -> Mention:
    """What a speaker mention says: who, with what title."""
    text = _clean(words)
    if CLAUSE_LABEL.match(text):
        return Mention(words, "document", None, None, None, text)
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
        first = tokens[0].strip(",.").lower()
        if first not in TITLE_WORDS and all(t[:1].isupper() or t.lower() in ("of", "for", "and", "the", "&")
                                            for t in tokens) and \
                any(t.strip(",.").lower() in ORGANISATION_WORDS for t in tokens):
            # "Federation of Rail Workers", "Bank of England": a body named with "of".
            return Mention(words, "organisation", None, None, None, text)
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
    if name and name_tokens[-1].strip(",.").lower() in PLACE_WORDS and not honorific and \
            not (title and any(t.lower() in TITLE_WORDS for t in rest)):
        # "Ashby Ridge", "Hollin Cross": a place; "Dr Helen Marsh", "Councillor Tom Hill": people.
        return Mention(words, "unknown", None, title, None)
    if name and name_tokens[-1].strip(",.") in DOCUMENT_WORDS:
        return Mention(words, "document", None, None, None, text)
    if name and any(token.lower().strip(",.") in ORGANISATION_WORDS for token in name_tokens):
        return Mention(words, "organisation", None, title, None, name)
    if name is None:
        kind: SpeakerKind = "person" if rest and any(t.lower() in TITLE_WORDS for t in rest) else "unknown"
        return Mention(words, kind, None, title, honorific)
    return Mention(words, "person", name, title, honorific)


FEMALE_TITLES = re.compile(r"\b(?:spokeswoman|chairwoman|businesswoman|congresswoman|councilwoman|policewoman|"
                           r"sportswoman|headmistress|actress|waitress|duchess|countess|princess|queen|"
                           r"mother|daughter|wife|widow|sister|grandmother)\b", re.IGNORECASE)
MALE_TITLES = re.compile(r"\b(?:spokesman|chairman|businessman|congressman|councilman|policeman|sportsman|"
                         r"headmaster|duke|earl|prince|king|father|son|husband|widower|brother|grandfather)\b",
                         re.IGNORECASE)


def gender(mention: Mention) -> str | None:
    """'f', 'm' or None, from the honorific or a title that says it ("spokeswoman", "chairman")."""
    honorific = (mention.honorific or "").lower().rstrip(".")
    if honorific in FEMALE_HONORIFICS or FEMALE_TITLES.search(mention.title or ""):
        return "f"
    if honorific in MALE_HONORIFICS or MALE_TITLES.search(mention.title or ""):
        return "m"
    return None


KNOWN_PARENTS: dict[str, str | None] = {name: parent for _, name, _, parent in _KNOWN}
"""Canonical institution or role -> the body it speaks for."""
