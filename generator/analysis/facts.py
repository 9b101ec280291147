"""Facts stage: the checkable facts a version states, outside and inside quotes.

Numbers (money with currency and scale, percentages, counts, vague quantities
such as "tens of thousands"), dates (years, months, days, weekdays, times),
people's titles as written next to their names, and proper names.  Each fact
keeps the words as written, its sentence and a normalised value to compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.model import Version

from .attribute import find_mentions
from .extract import find_quotes, is_heading, mask_quotes, sentences
from .similarity import STOPWORDS, stem
from .speakers import PLACE_WORDS as NAMED_PLACE_ENDS
from .speakers import TITLE_WORDS, parse_mention

SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12}
CURRENCY_SIGNS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY"}
CURRENCY_WORDS = {"pounds": "GBP", "pound": "GBP", "sterling": "GBP", "dollars": "USD", "dollar": "USD",
                  "euros": "EUR", "euro": "EUR"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                "hundred": 100, "a dozen": 12, "dozen": 12, "half": 0.5, "a third": 1 / 3, "a quarter": 0.25}
MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), start=1) for name in names}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PLACE_WORDS = ("River", "Lake", "Mount", "Port", "Cape", "Lake", "Isle")
THING_WORDS = ("Deal", "Agreement", "Act", "Bill", "Treaty", "Pact", "Accord", "Summit", "House", "Street",
               "Avenue", "Road", "Square", "Section", "Memorandum", "Union", "Partnership", "Programme", "Program",
               "Plan", "Strategy", "Fund", "Initiative", "Council", "Board", "Times", "News", "Party", "Agency",
               "Company", "Bridge", "Valley", "Station", "Airport", "Hospital", "Museum", "Gallery", "Centre",
               "Center", "Institute", "Trust", "Clinic", "School", "College", "University", "Library", "Theatre",
               "Association", "Society", "Foundation", "Group", "Bank", "Authority", "Commission", "Committee")
QUALIFIERS = frozenset({"then", "former", "ex", "acting", "interim", "late", "outgoing", "incoming", "deputy",
                        "vice", "shadow", "future", "designate", "elect"})
ROLE_SYNONYMS = {"boss": "chiefexecutive", "ceo": "chiefexecutive",
                 "advisor": "adviser", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
                 "chairman": "chair", "chairwoman": "chair", "chairperson": "chair"}

_NUMBER = r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:[.,]\d+)*"
"""A number: digits grouped by spaces ("38 900", as French and round-trip translations write
thousands) or by points and commas."""
_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_SCALE = r"(?:thousand|million|billion|trillion|bn|mn|tn|m|k|b)"
# A hyphen may join the parts of an amount used as an adjective: "a £2-billion plan", "a 640-million-euro port".
_MONEY = re.compile(rf"(?P<sign>[£$€¥])\s?(?P<num>{_NUMBER})(?:-|\s*)(?P<scale>{_SCALE})?\b"
                    rf"|(?P<num2>{_NUMBER})(?:(?:-|\s*)(?P<scale2>thousand|million|billion|trillion)|"
                    rf"(?P<joined2>bn|mn|tn|m))?"
                    rf"(?:\s+|-)(?P<word>pounds|dollars|euros|sterling|(?<=-)(?:pound|dollar|euro))\b", re.IGNORECASE)
_BARE_BILLIONS = re.compile(rf"\b(?P<num>{_NUMBER})(?P<scale>bn|tn)\b", re.IGNORECASE)
"""'2bn' with no currency and no noun: money in the version's own currency (see ``_currency``)."""
_PENCE = re.compile(rf"\b(?P<num>{_NUMBER})\s?(?:p|pence)\b(?!\.)", re.IGNORECASE)
FRACTIONS = {"half": 50.0, "a half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "two thirds": 200 / 3,
             "two-thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
             "three-quarters": 75.0}
_FRACTION = re.compile(r"\b(?P<fraction>two-thirds|two thirds|three-quarters|three quarters|a third|one third|"
                       r"a quarter|one quarter|a half|half)\s+(?:of|the)\b", re.IGNORECASE)
_DECADES = re.compile(rf"\b(?P<count>a|an|one|two|three|four|five|{_NUMBER})?\s*decades?\b", re.IGNORECASE)
_PERCENT = re.compile(rf"(?P<num>{_NUMBER}|\b(?:{_WORD_NUMBER}))(?:\s?(?:%|per ?cent\b|percent\b)|pc\b)", re.IGNORECASE)
_VAGUE = re.compile(r"\b(?P<prefix>tens of |hundreds of |several |many )?(?P<order>thousands|millions|billions)\b",
                    re.IGNORECASE)
_COUNT = re.compile(rf"\b(?P<num>{_NUMBER}|{_WORD_NUMBER})(?:\s+(?P<scale>thousand|million|billion)|(?P<joined>bn|mn|m))?"
                    r"(?:\s+(?:more|new|extra|additional|fewer|other|further|full-time|part-time))?"
                    r"\s+(?P<noun>[a-z][a-z-]+)", re.IGNORECASE)
_TALLY = re.compile(r"(?<![\d,.])(?P<first>\d{1,3}(?:,\d{3})+|\d{1,6})(?:\s+votes?)?\s*(?:to|-|–|—)\s*"
                    r"(?P<second>\d{1,3}(?:,\d{3})+|\d{1,6})(?!\d|,\d{3})(?!\s*(?:%|per|years?|"
                    r"months?|days?|weeks?|hours?|people|jobs)\b)")
_MAY_HOLD_A_NUMBER = re.compile(rf"\d|\b(?:{_WORD_NUMBER}|decade|third|quarter|thousands|millions|billions)",
                                re.IGNORECASE)
"""What every number pattern below needs somewhere: a digit, a number word, a fraction, a decade or
an order of magnitude.  A sentence without one has no number, and most sentences have none."""
_TALLY_WORDS = re.compile(r"\b(?:votes?|voted|ballot|majority|carried|defeated|won|beat|lost|drew|score|scored|"
                          r"scoreline)\b", re.IGNORECASE)
"""A vote or a score ("by 68 votes to 41", "won 3-1"), read where the sentence speaks of one."""
_IDENTIFIER_BEFORE = re.compile(r"\b(?:line|route|platform|gate|terminal|stage|phase|chapter|article|section|clause|"
                                r"number|no\.?|room|flight|junction|exit|runway|page|ward|zone|block|unit|lot|"
                                r"bus|road|highway|channel|level|grade|year|class|tier|category|item|figure|table)\s+$",
                                re.IGNORECASE)
"""A noun before a number that names a thing by it ("line 3", "Article 50", "Year 9")."""
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAMES})\.?"
    rf"|(?P<month2>{_MONTH_NAMES})\.?(?:\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)?)"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    rf"|\b(?P<weekday>{'|'.join(WEEKDAYS)})\b"
    rf"|\b(?P<year2>(?:19|20)\d\d)\b"
    rf"|\b(?:in|since|from|until|by|of|circa) (?P<year3>1[5-8]\d\d)\b"
    rf"|\b(?P<time>\d{{1,2}}(?:[:.]\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.))"
    rf"|\b(?P<clock>(?:[01]?\d|2[0-3]):[0-5]\d)\b(?!:)",
    re.IGNORECASE,
)
_TEMPERATURE = re.compile(r"(?P<num>-?\d{1,3}(?:\.\d)?)\s?(?:°\s?(?P<unit>[CF])?\b|degrees?(?:\s+(?P<unit2>(?i:celsius|"
                          r"centigrade|fahrenheit)|C|F)\b)?|(?P<unit3>[CF])\b)")
"""A temperature: '38C', '38 °C', '38 degrees', '100 degrees Fahrenheit' (Celsius unless it says F)."""
_HONORIFIC_END = re.compile(r"(?:\s*\b(?:Sir|Dame|Lord|Lady|Mr|Mrs|Ms|Miss|Dr|Prof)\.?)+\s*$")
_APPOSED_BEFORE = re.compile(r"^\s*(?:the\s+|a\s+|an\s+)?(?P<title>[^,.;:()\"“”]{2,60}),\s*$", re.IGNORECASE)
_APPOSITIVE = re.compile(r"^,\s*(?:who (?:is|was|served as|had been|has been)\s+)?(?P<title>(?:the |a |an )?"
                         r"[^,.;()]{2,80}?)\s*(?:,|\.|;|$)")


@dataclass(frozen=True)
class Mention:
    """One checkable fact as a version states it."""

    kind: str
    """'number', 'date', 'title' or 'name'."""
    text: str
    """The words as written."""
    value: tuple
    """Normalised value compared between versions (its shape depends on the kind)."""
    context: frozenset[str]
    """Stemmed content words around the fact, to find its counterpart elsewhere."""
    sentence: str
    """The sentence it stands in."""
    sentence_index: int
    """Index of that sentence in the version."""
    subject: str = ""
    """What the fact is about: the person for a title, the noun for a count."""
    bound: str = ""
    """For a number said roughly: 'more' ("more than 200", "over"), 'less' ("under", "fewer than",
    "up to") or 'about' ("about", "around", "nearly"); '' for an exact one."""


_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
"""European grouping in an English text ("2.300 jobs", "61.000 pounds", "1.140.000";
"2.300,50" with a decimal comma): a point followed by exactly three digits, groups
of three only."""


def _grouped_by_dots(number: str, scaled: bool) -> bool:
    """True when the points in ``number`` group thousands.  Never before a scale or a
    percent sign ("$1.125 billion", "3.125%": decimals); with two or more points, or a
    decimal comma after them, always ("1.140.000", "2.300,50")."""
    if not _DOT_THOUSANDS.fullmatch(number):
        return False
    return number.count(".") > 1 or "," in number or not scaled


def _amount(number: str, scaled: bool = False) -> float | None:
    """The value of a number as written; ``scaled`` when a scale or a percent sign
    follows it (then a point is always a decimal point)."""
    lowered = number.lower()
    if lowered in NUMBER_WORDS:
        return float(NUMBER_WORDS[lowered])
    number = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3})", "", number)
    if _COMMA_THOUSANDS.fullmatch(number):
        number = number.replace(",", "")
    elif _grouped_by_dots(number, scaled):
        number = number.replace(".", "")
    try:
        return float(number.replace(",", "."))
    except ValueError:
        return None


def _decimals(number: str, scaled: bool = False) -> int:
    """Digits after the decimal mark: a point, or a comma that groups no thousands ("2,5")."""
    if _COMMA_THOUSANDS.fullmatch(number):
        return len(number.split(".")[1]) if "." in number else 0
    if _grouped_by_dots(number, scaled):
        return len(number.split(",")[1]) if "," in number else 0
    if "," in number and "." not in number:
        return len(number.split(",")[-1])
    return len(number.split(".")[-1]) if "." in number else 0


def _currency(text: str) -> str | None:
    """The one currency a text gives its amounts in, or None when it gives none or several."""
    found = {CURRENCY_SIGNS.get(m["sign"] or "", CURRENCY_WORDS.get((m["word"] or "").lower(), "?"))
             for m in _MONEY.finditer(text)}
    return found.pop() if len(found) == 1 else None


def _context(sentence: str, start: int, end: int, width: int = 8) -> frozenset[str]:
    before = re.findall(r"[a-z]+", sentence[:start].lower())[-width:]
    after = re.findall(r"[a-z]+", sentence[end:].lower())[:width]
    return frozenset(stem(w) for w in before + after if w not in STOPWORDS and len(w) > 2)


def _numbers(sentence: str, index: int, currency: str | None = None) -> list[Mention]:
    """The numbers of one sentence; ``currency`` is the version's own, for a bare "2bn"."""
    if not _MAY_HOLD_A_NUMBER.search(sentence):
        return []
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match, value: tuple, subject: str = "") -> None:
        if any(s < match.end() and match.start() < e for s, e in taken):
            return
        taken.append((match.start(), match.end()))
        # The period an amount is counted over is part of it: £3.4m a week is not £3.4m a month.
        value = (*value, _rate(sentence[match.end():]))
        found.append(Mention("number", match.group().strip(), value, _context(sentence, match.start(), match.end()),
                             sentence, index, subject, _bound(sentence[:match.start()])))

    for match in _DATE.finditer(sentence):  # dates and times are not amounts
        taken.append((match.start(), match.end()))
    for match in _MONEY.finditer(sentence):
        number = match["num"] or match["num2"]
        scale = (match["scale"] or match["scale2"] or match["joined2"] or "").lower()
        amount = _amount(number, bool(scale))
        if amount is None:
            continue
        unit = CURRENCY_SIGNS.get(match["sign"] or "", CURRENCY_WORDS.get((match["word"] or "").lower(), "?"))
        add(match, ("money", unit, amount * SCALES.get(scale, 1.0), _decimals(number, bool(scale)),
                    SCALES.get(scale, 1.0)))
    for match in _PENCE.finditer(sentence):
        amount = _amount(match["num"])
        if amount is not None:
            add(match, ("money", "GBP", amount / 100, _decimals(match["num"]) + 2, 1.0))
    for match in _FRACTION.finditer(sentence):
        add(match, ("percent", "%", FRACTIONS[match["fraction"].lower()], 0, 1.0))
    if _TALLY_WORDS.search(sentence):
        for match in _TALLY.finditer(sentence):
            # One fact of two numbers: "by 68 votes to 41" is not 68 votes and another 41.
            first, second = (int(match[part].replace(",", "")) for part in ("first", "second"))
            add(match, ("tally", "", first * 10_000_000.0 + second, 0, 1.0), "tally")
    for match in _DECADES.finditer(sentence):
        count = _amount(match["count"]) if match["count"] and match["count"].lower() not in ("a", "an") else 1.0
        add(match, ("count", "year", 10 * (count or 1.0), 0, 1.0), "years")
    for match in _PERCENT.finditer(sentence):
        amount = _amount(match["num"], scaled=True)
        if amount is not None:
            add(match, ("percent", "%", amount, _decimals(match["num"], scaled=True), 1.0))
    for match in _TEMPERATURE.finditer(sentence):
        unit = (match["unit"] or match["unit2"] or match["unit3"] or "c")[0].lower()
        if match["unit3"] and not re.search(r"\b(?:temperatures?|heat|degrees?|hot|warm|cold|reach|touch|hit)\b",
                                            sentence, re.I):
            continue  # a bare "38C" only where the sentence speaks of temperature
        add(match, ("temperature", "fahrenheit" if unit == "f" else "celsius", float(match["num"]), 0, 1.0))
    for match in _VAGUE.finditer(sentence):
        order = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[match["order"].lower()]
        prefix = (match["prefix"] or "").lower().strip()
        order *= {"tens of": 10, "hundreds of": 100}.get(prefix, 1)
        add(match, ("order", "", order, 0, 1.0))
    for match in _COUNT.finditer(sentence):
        noun = match["noun"].lower()
        if noun in STOPWORDS or noun in MONTHS or noun in SCALES:
            continue
        if _IDENTIFIER_BEFORE.search(sentence[:match.start()]):
            continue  # "tram line 3 north", "platform 2 and": a name given by number, not a count
        written_scale = (match["scale"] or match["joined"] or "").lower()
        if written_scale == "m" and not (noun.endswith("s") or noun == "people"):
            continue  # "4.5m high", "a 100m race": metres, not millions
        amount = _amount(match["num"], bool(written_scale))
        if amount is None or (match["num"].lower() == "one" and not written_scale):
            continue
        if match["num"].lower() in ("half", "a third", "a quarter") and not written_scale:
            continue  # "for a third year", "half time": an ordinal or a phrase, not a count
        scale = SCALES.get(written_scale, 1.0)
        add(match, ("count", stem(noun), amount * scale, _decimals(match["num"], bool(written_scale)), scale), noun)
    if currency is not None:
        for match in _BARE_BILLIONS.finditer(sentence):
            amount = _amount(match["num"], scaled=True)
            if amount is not None:
                scale = SCALES[match["scale"].lower()]
                add(match, ("money", currency, amount * scale, _decimals(match["num"], scaled=True), scale))
    return found


_RATE = re.compile(r"^\s*(?:(?:a|an|per|every|each)\s+(?P<unit>hour|day|week|fortnight|month|quarter|year)\b"
                   r"|(?P<adverb>hourly|daily|weekly|fortnightly|monthly|quarterly|yearly|annually)\b)", re.IGNORECASE)
_RATE_WORDS = {"hourly": "hour", "daily": "day", "weekly": "week", "fortnightly": "fortnight", "monthly": "month",
               "quarterly": "quarter", "yearly": "year", "annually": "year"}


_BOUND = re.compile(r"\b(?P<more>more than|over|above|at least|upwards of|in excess of)\s*$"
                    r"|\b(?P<less>less than|fewer than|under|below|up to|at most|no more than)\s*$"
                    r"|\b(?P<about>about|around|roughly|nearly|almost|approximately|some|close to|an estimated|"
                    r"estimated)\s*$", re.IGNORECASE)


def _bound(before: str) -> str:
    """How roughly a number is said, from the words right before it (see :attr:`Mention.bound`)."""
    match = _BOUND.search(before)
    if not match:
        return ""
    return next(name for name in ("more", "less", "about") if match[name])


def _rate(after: str) -> str | None:
    """The period a number is counted over, from the words right after it ('a week', 'per year', 'monthly')."""
    match = _RATE.match(after)
    if not match:
        return None
    return (match["unit"] or _RATE_WORDS[match["adverb"].lower()]).lower()


def _dates(sentence: str, index: int) -> list[Mention]:
    found = []
    for match in _DATE.finditer(sentence):
        month = (match["month"] or match["month2"] or "").lower().rstrip(".")
        if month == "may" and not (match["day"] or match["day2"] or match["year"]) and \
                not re.search(r"\b(?:in|since|until|from|by|of|early|late|mid|last|next|this)\s+$",
                              sentence[:match.start()], re.I):
            continue  # "may" the verb
        if month and match.group()[0].islower():
            continue  # "march" the verb, "mar" the verb
        year = match["year"] or match["year2"] or match["year3"]
        value = (
            MONTHS.get(month),
            int(match["day"] or match["day2"]) if (match["day"] or match["day2"]) else None,
            int(year) if year else None,
            (match["weekday"] or "").lower() or None,
            _time(match["time"]) if match["time"] else _clock(match["clock"]) if match["clock"] else None,
        )
        found.append(Mention("date", match["year3"] or match.group().strip(), value,
                             _context(sentence, match.start(), match.end()), sentence, index))
    return found


def _clock(text: str) -> str:
    """'18:40' -> '6:40pm', '09:00' -> '9am': a 24-hour time as ``_time`` writes a 12-hour one."""
    hours, minutes = (int(part) for part in text.split(":"))
    suffix = "am" if hours < 12 else "pm"
    hours = hours % 12 or 12
    return f"{hours}{suffix}" if minutes == 0 else f"{hours}:{minutes:02d}{suffix}"


def _time(text: str) -> str:
    """'7.30pm', '7:30 p.m.' -> '7:30pm'; '9:00am' -> '9am'."""
    plain = text.lower().replace(" ", "").replace("a.m.", "am").replace("p.m.", "pm").replace(".", ":")
    return re.sub(r":00(?=[ap]m)", "", plain)


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s$", "", text.strip())


def _title_before(masked: str, start: int) -> str:
    """Title words standing right before a name: qualifiers ("then-US", "former"),
    organisations ("Nvidia"), role nouns ("boss"); quotes are blanked in ``masked``."""
    words = list(re.finditer(r"[\w'’.-]+", masked[:start]))
    kept: list[str] = []
    boundary = start
    for match in reversed(words[-6:]):
        if masked[match.end():boundary].strip():
            break  # punctuation between: another phrase
        word = match.group()
        bare = re.sub(r"['’]s$", "", word).lower()
        first_part = bare.split("-")[0]
        if bare in TITLE_WORDS or first_part in QUALIFIERS or bare in QUALIFIERS or word[:1].isupper():
            kept.insert(0, word)
            boundary = match.start()
        else:
            break
    return " ".join(kept)


def _is_title(title: str) -> bool:
    """True when the words name a role: a title word or a qualifier among them."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", title)]
    return len(words) <= 16 and any(w in TITLE_WORDS or w in QUALIFIERS for w in words)


def _titles_and_names(sentence: str, index: int, masked: str) -> list[Mention]:
    found = []
    for mention in find_mentions(masked):
        if mention.kind != "name":
            continue
        # "Westmarch's Carrow Hills": the owner before a possessive is another name than the one after it.
        words = re.split(r"(?<=\w)['’]s\s+(?=[A-Z])", _strip_possessive(mention.text))[-1]
        tokens = words.split()
        if len(tokens) == 1 or tokens[-1] in THING_WORDS or tokens[0] in PLACE_WORDS or \
                tokens[-1].lower() in NAMED_PLACE_ENDS:
            # A named thing (a deal, a street, a document) or a lone capitalised word.
            thing = re.sub(r"^(?:the|a|an)\s+", "", re.sub(r"\s*\([^)]*\)$", "", words), flags=re.I)
            if len(thing.split()) >= 2:
                found.append(Mention("name", thing, (thing.lower(),), frozenset(), sentence, index, thing))
            continue
        parsed = parse_mention(words)
        if parsed.kind == "organisation":
            name = parsed.known or parsed.name
            if name:
                found.append(Mention("name", name, (name.lower(),), frozenset(), sentence, index, name))
            continue
        if not parsed.name or len(parsed.name.split()) < 2:
            continue
        found.append(Mention("name", parsed.name, (parsed.name.lower(),), frozenset(), sentence, index, parsed.name))
        name_start = mention.start + mention.text.find(parsed.name)
        before = _HONORIFIC_END.sub("", _title_before(masked, name_start))
        parts = [before] if _is_title(before) else []
        apposed = _APPOSED_BEFORE.search(masked[:mention.start])
        if apposed and masked[mention.end:mention.end + 1] == "," and _is_title(apposed["title"]):
            parts.insert(0, apposed["title"])  # "The museum's director, Julian Crane, said"
        appositive = _APPOSITIVE.match(masked[mention.end:])
        if appositive and _is_title(appositive["title"]):
            after = re.sub(r"^(?:the|a|an)\s+", "", appositive["title"].strip(), flags=re.I)
            if re.match(r",\s*who (?:was|served as|had been)", appositive.group(), re.I):
                after = "former " + after  # "who served as ..." is a past role
            parts.append(after)
        opening = _HONORIFIC_END.sub(" ", masked[:name_start])
        if re.fullmatch(r"\s*(?:[\w'’-]+\s+){1,5}", opening) and _is_title(opening):
            # A title phrase opening the sentence: "Head of collections Hamish Castellane said".
            parts = [p for p in parts if p != before] + [opening.strip()]
        title = ", ".join(p.strip() for p in parts if p.strip())
        if _is_title(title):
            found.append(Mention("title", title.strip(), title_key(title), frozenset(), sentence, index,
                                 parsed.name))
    return found


_COMPOUND_ROLES = (("prime minister", "primeminister"), ("chief executive", "chiefexecutive"), ("general secretary",
                   "generalsecretary"), ("attorney general", "attorneygeneral"), ("vice president", "vicepresident"),
                   ("vice chair", "vicechair"), ("managing director", "managingdirector"))
_NOT_ROLES = frozenset({"us", "uk", "eu", "british", "american", "then", "former", "key", "s"})


def title_key(title: str) -> tuple:
    """(qualifiers, role words) of a title: what must agree between versions.  Role words
    are the title's own words: lower-case ones and title words, with compounds joined
    ("prime minister") and synonyms folded ("boss" is "chief"); words in the possessive
    ("the President's science adviser") say whose role it is, not what it is."""
    plain = re.sub(r"\b[\w-]+['’]s\b", " ", title.replace("’", "'"))
    plain = re.sub(r"\b(?:of|for|to|at|in|and|the|a|an)\b", " ", plain, flags=re.I)
    words = []
    for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", plain):
        lowered = word.lower()
        for part in lowered.split("-"):
            if word[:1].islower() or part in TITLE_WORDS or part in QUALIFIERS:
                words.append(part)
    text = " ".join(words)
    for compound, joined in _COMPOUND_ROLES:
        text = re.sub(rf"\b{compound}\b", joined, text)
    tokens = text.split()
    qualifiers = frozenset(w for w in tokens if w in QUALIFIERS)
    # Stemmed, so "director of campaigns" and "campaign director" hold the same roles.
    roles = frozenset(stem(ROLE_SYNONYMS.get(w, w)) for w in tokens
                      if w not in QUALIFIERS and w not in _NOT_ROLES and w not in STOPWORDS)
    return (qualifiers, roles)


def extract_facts(version: Version) -> tuple[list[Mention], list[str]]:
    """A version's fact mentions and its sentences (in order)."""
    facts, sentence_texts = _facts_of(version.text)
    return list(facts), list(sentence_texts)


@lru_cache(maxsize=64)
def _facts_of(text: str) -> tuple[tuple[Mention, ...], tuple[str, ...]]:
    """Memoised: the drift stage and the speaker identities both read every version's facts."""
    quotes = find_quotes(text)
    spans = sentences(text, quotes)
    masked_text = mask_quotes(text, quotes)
    facts: list[Mention] = []
    sentence_texts = []
    currency = _currency(text)
    for index, span in enumerate(spans):
        sentence = text[span.start:span.end]
        sentence_texts.append(sentence)
        if is_heading(sentence):
            continue
        facts.extend(_numbers(sentence, index, currency))
        facts.extend(_dates(sentence, index))
        facts.extend(_titles_and_names(sentence, index, masked_text[span.start:span.end]))
    return tuple(facts), tuple(sentence_texts)

