"""Drift stage: a story's facts lined up across versions, and the findings they give.

Each fact a version states is looked for in the trusted versions: the same
kind of value (an amount in pounds, a count of jobs, a month, a person's
title) in a similar context.  Found with another value: drift.  Not found at
all: added; a year, or a fact in a sentence that renders a trusted sentence,
is reported as drift of its kind, and a new sentence stating facts no trusted
version has is an unsupported claim.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

from generator.model import Fact, FactValue, Finding, Lineage

from .extract import find_quotes
from .facts import THING_WORDS, Mention, extract_facts
from .group import StoryPlan
from .ids import finding_id
from .normalize import keys
from .similarity import STOPWORDS, stem
from .speakers import ORGANISATION_WORDS

ALIGNED_SENTENCE = 0.3
"""Content-word Dice above which a version sentence renders a trusted sentence."""
SAME_SHAPE = 0.55
"""Word-sequence similarity above which a sentence renders another with its words swapped (a spin)."""
_HEAD_OF_GOVERNMENT = re.compile(
    r"\bthe\s+(?P<name>[A-Z][a-z]+)\s+(?:administration|government|presidency|era|cabinet)\b")
_QUOTE_MARK = re.compile(r"[\"“”«»„]")
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "de", "del", "la"})
# Names that mean the same thing in their long and short forms.
_NAME_EQUIVALENTS = {"united states": "us", "united states of america": "us", "america": "us", "u s": "us",
                     "united kingdom": "uk", "britain": "uk", "great britain": "uk", "european union": "eu"}


@dataclass(frozen=True)
class _Version:
    id: str
    mentions: tuple[Mention, ...]
    sentences: tuple[str, ...]
    words: tuple[frozenset[str], ...]


def _content(sentence: str) -> frozenset[str]:
    return frozenset(stem(w) for w in re.findall(r"[a-z]+", sentence.lower()) if w not in STOPWORDS and len(w) > 2)


def _dice(first: frozenset[str], second: frozenset[str]) -> float:
    return 2 * len(first & second) / (len(first) + len(second)) if first and second else 0.0


def _aligned(words: frozenset[str], others: tuple[frozenset[str], ...]) -> bool:
    return any(_dice(words, other) >= ALIGNED_SENTENCE for other in others)


def _in_quote(mention: Mention) -> bool:
    """True when a fact stands inside quoted words of its sentence."""
    at = mention.sentence.find(mention.text)
    return at >= 0 and any(part.start <= at < part.end for span in find_quotes(mention.sentence) for part in span.parts)


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / len(first | second) if first and second else 0.0


# -- numbers ---------------------------------------------------------------------------------------

def _same_quantity(first: tuple, second: tuple) -> bool:
    """Equal amounts, allowing the rounding of the less precise one ("£30.7bn" is "£31bn")."""
    (_, _, a, a_decimals, a_scale), (_, _, b, b_decimals, b_scale) = first[:5], second[:5]
    if len(first) > 5 and len(second) > 5 and first[5] and second[5] and first[5] != second[5]:
        return False  # the same amount over another period ("a week" / "a month") is another amount
    if a == b:
        return True
    coarse_scale = max(a_scale, b_scale)
    decimals = min(a_decimals if a_scale == coarse_scale else 9, b_decimals if b_scale == coarse_scale else 9)
    return round(a / coarse_scale, decimals) == round(b / coarse_scale, decimals) and decimals < 9


def _tally_of(tally: tuple, number: tuple) -> bool:
    """True when a number is one side of a vote or a score ("17,406 votes" of "17,406 votes to
    17,369"): a version that gives the two sides apart supports the tally (see _holders)."""
    return tally[0] == "tally" and number[0] == "count" and number[2] in divmod(tally[2], 10_000_000.0)


def _within_order(vague: tuple, exact: tuple) -> bool:
    """True when a vague amount covers an exact count: "thousands" 1,000 to 999,999 (6,200 people),
    "tens of thousands" 10,000 to 99,999."""
    if vague[0] != "order" or exact[0] != "count":
        return False
    order = vague[2]
    plain = round(math.log10(order)) % 3 == 0  # "thousands", "millions" (not "tens of", "hundreds of")
    return order <= exact[2] < order * (1000 if plain else 10)


def _comparable(first: Mention, second: Mention) -> bool:
    return first.value[0] == second.value[0] and first.value[1] == second.value[1]


def _significant(mention: Mention) -> bool:
    kind, _, amount = mention.value[:3]
    return kind in ("money", "percent", "order") or amount >= 3


# -- names -----------------------------------------------------------------------------------------

def _introduces(facts: Sequence[Mention], speakers: frozenset[str]) -> bool:
    """True when the new facts of a sentence are only names and titles, one of them a speaker in
    ``speakers``: the sentence introduces that speaker (their name, post and employer)."""
    if not speakers or any(fact.kind not in ("name", "title") for fact in facts):
        return False
    keys_of = [f" {_name_key(speaker)} " for speaker in speakers if _name_key(speaker)]
    names = [f" {_name_key(fact.text)} " for fact in facts if fact.kind == "name" and _name_key(fact.text)]
    return any(key in name or name in key for key in keys_of for name in names)


def _name_key(name: str) -> str:
    # Accents are folded: "Ines" for "Inés" is how a keyboard writes it, not another name.
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    plain = " ".join(re.findall(r"[a-z0-9]+", re.sub(r"^(?:the|a|an)\s+", "", folded.lower())))
    return _NAME_EQUIVALENTS.get(plain, plain)


_KIND_GROUPS = (
    frozenset({"street", "avenue", "road", "lane", "square", "drive", "way", "place", "close", "crescent", "row"}),
    frozenset({"university", "college", "school", "academy", "institute"}),
    frozenset({"news", "today", "online", "local", "weekly", "daily", "post", "herald", "times", "gazette", "echo",
               "journal", "tribune", "telegraph", "press", "media", "radio", "fm", "tv"}),
    frozenset({"bridge", "hills", "point", "bay", "island", "islands", "county", "city", "town", "village",
               "district", "region", "valley", "port", "harbour", "river", "lake", "mount"}),
    frozenset({"police", "constabulary", "force"}),
    frozenset({"party", "first", "alliance", "coalition", "movement"}),
)
"""Kinds of thing a name's last words say it names; any other body word is one kind: a body."""


def _kind_word(words: list[str]) -> int | None:
    """The kind of thing a name names, as an index into :data:`_KIND_GROUPS` (-1: another body), or None."""
    if not words:
        return None
    head = words[-1]  # what a name names is said by its last word ("Harbour Trust" is a trust)
    for index, group in enumerate(_KIND_GROUPS):
        if head in group:
            return index
    return -1 if head in ORGANISATION_WORDS or head.capitalize() in THING_WORDS else None


def _same_name(first: str, second: str) -> bool:
    """One name, its words perhaps reordered ("Police of North Marlshire", "North Marlshire Police")."""
    a, b = _name_key(first), _name_key(second)
    return a == b or set(a.split()) - _NAME_JOINERS == set(b.split()) - _NAME_JOINERS != set()


def _near_variant(name: str, known: list[str]) -> str | None:
    """A trusted name this one is a misspelling or renaming of."""
    words = _name_key(name).split()
    best, best_score = None, 0.0
    plain = set(words) - _NAME_JOINERS
    for candidate in known:
        other = _name_key(candidate).split()
        plain_other = set(other) - _NAME_JOINERS
        if not other or plain <= plain_other or plain_other <= plain:
            continue  # a shorter, longer or reordered form of the same name ("Port Authority of X", "X Port Authority")
        kinds = (_kind_word(words), _kind_word(other))
        if None not in kinds and kinds[0] != kinds[1]:
            continue  # "Marlbeck University" and "Marlbeck Bridge": one place, two things
        matched = sum(1 for w in words if any(w == o or SequenceMatcher(None, w, o).ratio() >= 0.8 for o in other))
        whole = SequenceMatcher(None, " ".join(words), " ".join(other)).ratio()
        share = matched / max(len(words), len(other))
        same_start = words[0][0] == other[0][0]
        if same_start and ((share >= 0.5 and abs(len(words) - len(other)) <= 1) or whole >= 0.72):
            score = share + whole
            if score > best_score:
                best, best_score = candidate, score
    return best


# -- the comparison --------------------------------------------------------------------------------

@dataclass
class _Result:
    findings: list[Finding]
    values: dict[tuple[str, str], dict[str, FactValue]]
    subjects: dict[tuple[str, str], tuple[str, str]]


def _story_year(plan: StoryPlan) -> int | None:
    for prepared in plan.versions:
        if prepared.version.id in plan.references and prepared.version.meta.published:
            match = re.match(r"(\d{4})", prepared.version.meta.published)
            if match:
                return int(match.group(1))
    return None


def analyse(plan: StoryPlan, lineage_of: Mapping[str, Lineage] | None = None,
            faithful: Mapping[str, tuple[int, int]] | None = None,
            invented: Mapping[str, frozenset[str]] | None = None) -> tuple[tuple[Fact, ...], list[Finding]]:
    """Facts lined up across a story's versions, and the drift findings.

    A number or date is compared only with the trusted statement of the same fact: one in
    the trusted sentence the version's sentence renders, of the same kind and unit, whose
    value the version does not state anywhere else (else it is another fact).  A fact that
    versions of another lineage also state is supported by them; within one lineage only
    the version that brought it in is reported.  ``invented``: per version, the speakers it
    alone quotes (reported as unsupported quotes); the sentence that only introduces one of
    them is part of that finding, not a claim of its own."""
    lineage_of = lineage_of or {}
    versions = []
    for prepared in plan.versions:
        mentions, sentences = extract_facts(prepared.version)
        mentions = [m for m in mentions if not _at_excerpt_end(m, prepared.version.text)]
        versions.append(_Version(prepared.version.id, tuple(mentions), tuple(sentences),
                                 tuple(_content(s) for s in sentences)))
    trusted = [v for v in versions if v.id in plan.references]
    others = [v for v in versions if v.id not in plan.references]
    trusted_mentions = [m for v in trusted for m in v.mentions]
    trusted_words = tuple(w for v in trusted for w in v.words)
    trusted_names = sorted({m.text for m in trusted_mentions if m.kind == "name"})
    trusted_name_keys = {_name_key(n) for n in trusted_names}
    trusted_text = " ".join(_name_key(s) for v in trusted for s in v.sentences)
    year = _story_year(plan)
    result = _Result([], {}, {})
    first_reference = trusted[0].id if trusted else None
    support = _Support(versions, lineage_of, set(plan.references))

    def record(kind: str, subject: str, version: str, value: FactValue, reference: Mention | None) -> None:
        key = (kind, subject.lower())
        result.subjects.setdefault(key, (kind, subject))
        slot = result.values.setdefault(key, {})
        if reference is not None and first_reference and first_reference not in slot:
            slot[first_reference] = FactValue(first_reference, "reference", reference.text, reference.sentence)
        slot.setdefault(version, value)

    reported: set[tuple[str, str, str, str]] = set()

    def add(kind: str, severity: str, version: str, text: str, reference_text: str, explanation: str,
            speaker: str | None = None, sentence: str = "") -> None:
        if (kind, version, text, reference_text) in reported:
            return  # the same drift repeated in another sentence is one finding
        reported.add((kind, version, text, reference_text))
        shown = _shown_sentence(sentence, text) if sentence else text
        result.findings.append(Finding(finding_id(plan.id, version, kind, text + "|" + reference_text), kind,
                                       severity, version, speaker, first_reference, reference_text, shown,
                                       explanation))

    for version in others:
        flagged_sentences: set[int] = set()
        new_facts: dict[int, list[Mention]] = {}
        numbers_added: dict[int, bool] = {}
        # What the version states in its own narration: a number a speaker repeats inside a quote
        # ("A 31% reduction is meaningful") does not make the narration's changed one another fact.
        stated = {(m.kind, m.value) for m in version.mentions if not _in_quote(m)}
        for mention in version.mentions:
            aligned = _aligned(version.words[mention.sentence_index], trusted_words)
            rendered = _rendered_sentence(version, mention.sentence_index, trusted)
            if mention.kind == "number":
                candidates = [t for t in trusted_mentions if t.kind == "number" and _comparable(mention, t)]
                same = _same_number(mention, candidates, rendered)
                if same is not None:
                    record("number", same.subject or same.text, version.id,
                           FactValue(version.id, "same", mention.text, mention.sentence), same)
                    continue
                if support.elsewhere(version.id, mention):
                    continue  # another source states it too
                counterpart = _counterpart(mention, candidates, rendered, version, stated)
                source = None
                if counterpart is None:
                    # Where no trusted version covers the fact, the version's own source does: a copy
                    # that turns its source's "£3.4m a week" into "£3.4m a month" changed the fact.
                    counterpart, source = _source_counterpart(mention, version, stated, support)
                if counterpart is not None and source is not None:
                    record("number", counterpart.subject or counterpart.text, version.id,
                           FactValue(version.id, "drift", mention.text, mention.sentence), None)
                    add("number_drift", "high", version.id, mention.text, counterpart.text,
                        f"'{counterpart.text}' in {source}, the version it was copied from, became '{mention.text}'",
                        sentence=mention.sentence)
                    flagged_sentences.add(mention.sentence_index)
                elif counterpart is not None:
                    record("number", counterpart.subject or counterpart.text, version.id,
                           FactValue(version.id, "drift", mention.text, mention.sentence), counterpart)
                    if _carried(mention):  # a copy carries its source's drift too
                        add("number_drift", "high", version.id, mention.text, counterpart.text,
                            f"'{counterpart.text}' in the reference became '{mention.text}'",
                            sentence=mention.sentence)
                    flagged_sentences.add(mention.sentence_index)
                elif _significant(mention) and (not aligned or not _numbers_near(mention, version, trusted)):
                    # In a sentence that renders a trusted one, a new number counts only when
                    # that sentence gives no number at all (else it is the same one, reworded).
                    new_facts.setdefault(mention.sentence_index, []).append(mention)
                    numbers_added[mention.sentence_index] = True
            elif mention.kind == "date":
                status, reference, explanation = _date_finding(mention, trusted_mentions, year)
                subject = reference.text if reference else mention.text
                if status == "same":
                    record("date", subject, version.id, FactValue(version.id, "same", mention.text, mention.sentence),
                           reference)
                    continue
                if support.elsewhere(version.id, mention):
                    continue
                if status == "drift" and reference is not None and not _same_fact_date(mention, reference, rendered,
                                                                                     stated):
                    status = "none"  # a date of another event, not this one changed
                if status == "drift" or (status == "added" and aligned and _contradicts_year(mention, year)):
                    if _carried(mention):  # a copy carries its source's drift too
                        add("date_drift", "high" if status == "drift" else "medium", version.id, mention.text,
                            reference.text if reference else "", explanation, sentence=mention.sentence)
                    record("date", subject, version.id, FactValue(version.id, status, mention.text, mention.sentence),
                           reference)
                    flagged_sentences.add(mention.sentence_index)
                elif status in ("none", "added") and aligned and rendered is not None:
                    continue  # a date the rendered sentence adds to its own account: not a changed fact
                else:
                    # An added date in a new sentence is part of an unsupported claim.
                    new_facts.setdefault(mention.sentence_index, []).append(mention)
            elif mention.kind == "title":
                titles = [t for t in trusted_mentions if t.kind == "title" and _same_person(t.subject, mention.subject)]
                if not titles:
                    continue
                if any(_same_title(mention.value, t.value) for t in titles):
                    record("title", titles[0].subject, version.id,
                           FactValue(version.id, "same", mention.text, mention.sentence), titles[0])
                    continue
                if support.elsewhere(version.id, mention):
                    continue
                reference = titles[0]
                record("title", reference.subject, version.id,
                       FactValue(version.id, "drift", mention.text, mention.sentence), reference)
                if _carried(mention):  # a copy carries its source's drift too
                    add("title_drift", "medium", version.id, f"{mention.text} {mention.subject}",
                        f"{reference.text} {reference.subject}",
                        f"'{mention.text} {mention.subject}' where the reference has "
                        f"'{reference.text} {reference.subject}'", mention.subject, sentence=mention.sentence)
                flagged_sentences.add(mention.sentence_index)
            elif mention.kind == "name":
                key = _name_key(mention.text)
                if mention.text.isupper():
                    continue  # a dateline or a shouted heading ("EASTMERE CITY"), not a name as written
                if key in trusted_name_keys or f" {key} " in f" {trusted_text} ":
                    continue
                if support.elsewhere(version.id, mention):
                    continue
                variant = _near_variant(mention.text, trusted_names) or \
                    _displaced_name(mention, version, trusted, trusted_mentions)
                if variant:
                    if _carried(mention):  # a copy carries its source's drift too
                        add("name_drift", "medium", version.id, mention.text, variant,
                            f"'{mention.text}' where the reference has '{variant}'", sentence=mention.sentence)
                    reference = next((t for t in trusted_mentions if t.kind == "name" and t.text == variant), None)
                    record("name", variant, version.id,
                           FactValue(version.id, "drift", mention.text, mention.sentence), reference)
                    flagged_sentences.add(mention.sentence_index)
                else:
                    new_facts.setdefault(mention.sentence_index, []).append(mention)
        _swapped_people(version, trusted_mentions, [s for v in trusted for s in v.sentences], add,
                        flagged_sentences)
        for index, facts in sorted(new_facts.items()):
            if index in flagged_sentences:
                continue
            if _aligned(version.words[index], trusted_words) and not numbers_added.get(index):
                continue
            if _QUOTE_MARK.search(version.sentences[index]):
                continue  # its quote is judged as a quote (unsupported_quote), not again as a claim
            if index >= (faithful or {}).get(version.id, (len(version.sentences) + 1, 0))[0]:
                continue  # past the end of a trusted excerpt, in a word-for-word copy of it: the source's own
            if any(support.elsewhere(version.id, fact, loose=True) for fact in facts) or \
                    not all(support.introduced(version.id, fact, loose=True) for fact in facts):
                continue  # another source says it too, or this copy has it from its own source
            if all(fact.kind == "date" and fact.value[:4] == (None, None, None, None) for fact in facts):
                continue  # a time of day alone ("due to start at 10.30am") is a detail, not a claim
            if _introduces(facts, (invented or {}).get(version.id, frozenset())):
                continue  # "Dr X, an economist at Y, said...": reported once, as X's unsupported quote
            sentence = " ".join(version.sentences[index].split())
            listed = ", ".join(f"'{f}'" for f in dict.fromkeys(fact.text for fact in facts))
            add("unsupported_claim", "medium", version.id, sentence, "",
                f"states {listed}, which no trusted version supports")
    facts = _facts(result, [v.id for v in versions])
    return facts, result.findings


class _Support:
    """What other versions of a story say: a fact or sentence that another lineage also
    states is supported; inside one lineage, it is the version closest to the source that
    brought it in."""

    def __init__(self, versions: list[_Version], lineage_of: Mapping[str, Lineage], references: set[str]):
        self._versions = versions
        self._lineage_of = lineage_of
        self._references = references

    def _lineage(self, version: str) -> str:
        lineage = self._lineage_of.get(version)
        return lineage.id if lineage else version

    def _holders(self, mention: Mention, loose: bool = False) -> list[str]:
        return [v.id for v in self._versions
                if any(m.kind == mention.kind and _same_value(m, mention, loose) for m in v.mentions)]

    def sources(self, version: str) -> list[_Version]:
        """The versions this one descends from, nearest first (its parent, that version's parent...)."""
        lineage = self._lineage_of.get(version)
        if lineage is None:
            return []
        parent_of = {descent.child: descent.parent for descent in lineage.descent}
        by_id = {v.id: v for v in self._versions}
        chain, current = [], parent_of.get(version)
        while current is not None and current not in chain and current in by_id:
            chain.append(current)
            current = parent_of.get(current)
        return [by_id[name] for name in chain]

    def elsewhere(self, version: str, mention: Mention, loose: bool = False) -> bool:
        """True when a version of another lineage states the same value (``loose``: about the same)."""
        mine = self._lineage(version)
        return any(self._lineage(holder) != mine for holder in self._holders(mention, loose) if holder != version)

    def introduced(self, version: str, mention: Mention, loose: bool = False) -> bool:
        """True unless a version of the same lineage closer to the source states the same value."""
        return self._first_in_lineage(version, self._holders(mention, loose))

    def _first_in_lineage(self, version: str, holders: list[str]) -> bool:
        lineage = self._lineage_of.get(version)
        if lineage is None:
            return True
        rank = {member: index for index, member in enumerate(lineage.members)}
        earlier = [h for h in holders if h in rank and rank[h] < rank.get(version, 0)]
        if earlier and any(member in self._references for member in lineage.members):
            return False
        return not earlier


def _carried(mention: Mention) -> bool:
    """Changed facts are reported in every version that states them: a copy that repeats its
    source's wrong number misleads its readers as much (added facts are reported where they enter)."""
    return True


def _source_counterpart(mention: Mention, version: _Version, stated: set, support: _Support
                        ) -> tuple[Mention | None, str | None]:
    """The number of the version's own sources (its parent, then its parent's parent) that this
    one restates with another value, and that source's id."""
    for source in support.sources(version.id):
        candidates = [m for m in source.mentions if m.kind == "number" and _comparable(mention, m)]
        if any(_same_quantity(mention.value, m.value) for m in candidates):
            return None, None  # the source says the same: nothing changed here
        rendered = _rendered_sentence(version, mention.sentence_index, [source])
        found = _counterpart(mention, candidates, rendered, version, stated)
        if found is not None:
            return found, source.id
    return None, None


def _same_value(first: Mention, second: Mention, loose: bool = False) -> bool:
    """Whether another version's ``first`` states the fact ``second`` too.  ``loose`` (for added facts) also takes the
    same amount whatever noun it counts, the same day with or without its year, and a near
    spelling of a name: another source that says about the same thing supports a claim."""
    if not loose:
        if first.kind == "number":
            return _comparable(first, second) and _same_quantity(first.value, second.value)
        if first.kind == "name":
            return _same_name(first.text, second.text)
        if first.kind == "title":
            return _same_person(first.subject, second.subject) and _same_title(first.value, second.value)
        return first.value == second.value
    if first.kind == "number":
        return first.value[0] == second.value[0] and first.value[1] in (second.value[1], "?") and \
            _same_quantity(first.value, second.value) or \
            (first.value[0] == second.value[0] == "count" and first.value[2] == second.value[2] >= 10) or \
            _within_order(second.value, first.value) or \
            _tally_of(second.value, first.value)
    if first.kind == "date":
        return first.value[:2] == second.value[:2] and first.value[0] is not None and \
            (first.value[2] is None or second.value[2] is None or first.value[2] == second.value[2]) or \
            first.value == second.value
    if first.kind == "name":
        return _same_name(first.text, second.text) or _near_variant(first.text, [second.text]) is not None
    if first.kind == "title":
        return _same_person(first.subject, second.subject) and _same_title(first.value, second.value)
    return first.value == second.value


def _at_excerpt_end(mention: Mention, text: str) -> bool:
    """True for a fact cut off where a copy stops mid-sentence ('£1.', 'Donald J'): not a fact."""
    body = text.rstrip()
    if (mention.kind == "number" and re.search(r"[$£€¥]\s?\d+\.$", body)
            and body[:-1].endswith(mention.text.rstrip("."))):
        return True  # "£1." where the copy stops: the point of "£1.2m" more likely than a full stop
    if not body or body[-1] in ".!?\"”’')»":
        return False
    tail = " ".join(body[-len(mention.sentence) - 5:].split())
    sentence = " ".join(mention.sentence.split())
    return tail.endswith(sentence) and sentence.rstrip().endswith(mention.text.rstrip())


def _shown_sentence(sentence: str, fact: str, limit: int = 240) -> str:
    """The sentence a fact stands in, cut around the fact when it is long."""
    plain = " ".join(sentence.split())
    if len(plain) <= limit:
        return plain
    at = max(0, plain.find(fact))
    start = max(0, at - limit // 2)
    piece = plain[start:start + limit]
    return ("…" if start else "") + piece.strip() + ("…" if start + limit < len(plain) else "")


def _rendered_sentence(version: _Version, index: int, trusted: list[_Version]) -> tuple[_Version, int] | None:
    """The trusted sentence this version's sentence renders, if any: the one sharing most of its
    content words, else (a synonym-spun sentence keeps its shape, not its words) the one whose
    word sequence it follows most closely."""
    found = _best_trusted_sentence(version.words[index], trusted)
    if found is not None:
        return found
    shape = keys(version.sentences[index])
    best, best_score = None, SAME_SHAPE
    for reference in trusted:
        for other_index, sentence in enumerate(reference.sentences):
            score = Indel.normalized_similarity(shape, keys(sentence))
            if score >= best_score:
                best, best_score = (reference, other_index), score
    return best


def _same_number(mention: Mention, candidates: list[Mention], rendered: tuple[_Version, int] | None
                 ) -> Mention | None:
    """The trusted number this one states again, if any.  An amount that agrees with some trusted
    number is that one, unless the trusted sentence it renders holds another amount of the same
    kind closer to its words ("by 41%" where the rendered sentence says "by 31%" and another one
    "more than 40%")."""
    consistent = [t for t in candidates if _consistent(mention, t)]
    if not consistent or rendered is None:
        return consistent[0] if consistent else None
    reference, index = rendered
    in_rendered = [t for t in candidates if t.sentence_index == index and t.sentence == reference.sentences[index]]
    if not in_rendered or any(t in consistent for t in in_rendered):
        return next((t for t in consistent if t in in_rendered), consistent[0])
    closest = max(_overlap(mention.context, t.context) for t in in_rendered)
    return consistent[0] if max(_overlap(mention.context, t.context) for t in consistent) >= closest else None


def _counterpart(mention: Mention, candidates: list[Mention], rendered: tuple[_Version, int] | None,
                 version: _Version, stated: set) -> Mention | None:
    """The trusted number this one restates with another value: in the trusted sentence the
    version's sentence renders, of the same kind and unit, not stated elsewhere in the version."""
    if rendered is None:
        return None
    reference, index = rendered
    in_sentence = [t for t in candidates if t.sentence_index == index and t.sentence == reference.sentences[index]
                   and ("number", t.value) not in stated and not _vague_pair(mention, t) and not _consistent(mention, t)
                   and not any(m.kind == "number" and _comparable(m, t) and _same_quantity(t.value, m.value)
                               and not _in_quote(m) for m in version.mentions)]
    if not in_sentence:
        return None
    # Two trusted copies stating one value are one fact.
    in_sentence = list({t.value: t for t in sorted(in_sentence, key=lambda t: t.text)}.values())
    scored = sorted(((_overlap(mention.context, t.context), t.text, t) for t in in_sentence),
                    key=lambda row: (-row[0], row[1]))
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None  # two trusted numbers fit as well: which fact this is stays open
    return scored[0][2]


def _consistent(first: Mention, second: Mention) -> bool:
    """The same amount, or amounts one of which is said roughly and allows the other ("more than
    200" and "212"; "about 500" and "480")."""
    if _same_quantity(first.value, second.value):
        return True
    a, b = first.value[2], second.value[2]
    for rough, exact in ((first, b), (second, a)):
        amount = rough.value[2]
        if rough.bound == "more" and exact > amount and exact <= amount * 1.5:
            return True
        if rough.bound == "less" and exact < amount and exact >= amount / 1.5:
            return True
        if rough.bound == "about" and abs(exact - amount) <= 0.1 * amount:
            return True
    return False


def _vague_pair(first: Mention, second: Mention) -> bool:
    """'decades' against '35 years': a rough quantity does not contradict an exact one."""
    return any(m.text.lower().split()[-1].startswith("decade") for m in (first, second))


def _same_fact_date(mention: Mention, reference: Mention, rendered: tuple[_Version, int] | None,
                    stated: set) -> bool:
    """True when a changed date restates the trusted one: found in the trusted sentence its
    sentence renders, and the trusted value is not stated elsewhere in the version."""
    if ("date", reference.value) in stated:
        return False
    if rendered is not None and reference.sentence == rendered[0].sentences[rendered[1]]:
        return True
    # A sentence that merges two trusted ones renders only one of them: the words around the date
    # say which fact it is ("the largest fire since 2009" / "the largest in the region since 2019").
    return _overlap(mention.context, reference.context) >= 0.3 and \
        _word_before(mention) == _word_before(reference) in _DATE_FRAMES


_DATE_FRAMES = frozenset({"since", "until", "from", "before", "after", "by"})
"""Words before a date that say what it bounds: the same frame on both sides is the same fact."""


def _word_before(mention: Mention) -> str:
    at = mention.sentence.find(mention.text)
    words = re.findall(r"[a-z]+", mention.sentence[:at].lower()) if at >= 0 else []
    return words[-1] if words else ""


def _contradicts_year(mention: Mention, year: int | None) -> bool:
    """A year a version adds to a date contradicts the story when the story is from another year."""
    added = mention.value[2]
    return bool(year and added and added != year and mention.value[0])


def _best_trusted_sentence(words: frozenset[str], trusted: list[_Version]) -> tuple[_Version, int] | None:
    best, best_score = None, ALIGNED_SENTENCE
    for reference in trusted:
        for index, other in enumerate(reference.words):
            score = _dice(words, other)
            if score >= best_score:
                best, best_score = (reference, index), score
    return best


def _numbers_near(mention: Mention, version: _Version, trusted: list[_Version]) -> bool:
    """True when the trusted sentence this one renders states a number of the same kind."""
    best = _best_trusted_sentence(version.words[mention.sentence_index], trusted)
    return best is not None and any(m.kind == "number" and m.sentence_index == best[1]
                                    and m.value[0] == mention.value[0] for m in best[0].mentions)


def _displaced_name(mention: Mention, version: _Version, trusted: list[_Version],
                    trusted_mentions: list[Mention]) -> str | None:
    """A trusted name this new name stands in place of: the version's sentence renders a
    trusted sentence that names something of the same kind the version no longer names."""
    best = _rendered_sentence(version, mention.sentence_index, trusted)
    if best is None:
        return None
    version_text = " ".join(_name_key(s) for s in version.sentences)
    person = len(mention.text.split()) in (2, 3) and mention.subject == mention.text and \
        not mention.text.split()[-1] in THING_WORDS
    for candidate in trusted_mentions:
        if candidate.kind != "name" or candidate.sentence_index != best[1] or \
                candidate.sentence != best[0].sentences[best[1]]:
            continue
        if f" {_name_key(candidate.text)} " in f" {version_text} ":
            continue  # still named in the version: not replaced
        plain, plain_candidate = (set(_name_key(name).split()) - _NAME_JOINERS for name in (mention.text, candidate.text))
        if plain <= plain_candidate or plain_candidate <= plain:
            continue  # the same name reordered, shortened or lengthened ("Port Authority of X", "X Port Authority")
        candidate_person = candidate.text.split()[-1] not in THING_WORDS
        if candidate_person == person or candidate.text.split()[-1] in THING_WORDS and \
                mention.text.split()[-1] in THING_WORDS:
            return candidate.text
    return None


def _same_person(first: str, second: str) -> bool:
    a, b = first.lower().split(), second.lower().split()
    return a == b or (a and b and a[-1] == b[-1])


def _same_title(first: tuple, second: tuple) -> bool:
    (a_qualifiers, a_roles), (b_qualifiers, b_roles) = first, second
    if a_qualifiers != b_qualifiers:
        return False
    return a_roles <= b_roles or b_roles <= a_roles


def _date_finding(mention: Mention, trusted: list[Mention], year: int | None) -> tuple[str, Mention | None, str]:
    """('same' | 'drift' | 'added' | 'none', the trusted counterpart, explanation)."""
    month, day, mention_year, weekday, time = mention.value
    dates = [t for t in trusted if t.kind == "date"]

    def changed(reference: Mention) -> tuple[str, Mention, str]:
        return "drift", reference, f"'{reference.text}' in the reference became '{mention.text}'"

    def nearest(candidates: list[Mention]) -> Mention | None:
        near = sorted(((_overlap(mention.context, t.context), t.text, t) for t in candidates),
                      key=lambda row: (-row[0], row[1]))
        return near[0][2] if near and near[0][0] >= 0.2 else None

    if month:
        same_month = [t for t in dates if t.value[0] == month]
        agreeing = [t for t in same_month if _date_agrees(mention.value, t.value, year, dates)]
        if agreeing:
            return "same", agreeing[0], ""
        if same_month:
            reference = max(same_month, key=lambda t: (_overlap(mention.context, t.context), t.text))
            r_day, r_year = reference.value[1], reference.value[2]
            if mention_year and not r_year and (not day or day == r_day):
                return "drift", reference, (f"adds the year {mention_year}: the reference says '{reference.text}'"
                                            + (f" and the story is from {year}" if year else ""))
            return changed(reference)
        reference = nearest([t for t in dates if t.value[0]])
        return changed(reference) if reference else ("none", None, "")
    if weekday:
        same = [t for t in dates if t.value[3] == weekday]
        if same:
            return "same", same[0], ""
        reference = nearest([t for t in dates if t.value[3]])
        return changed(reference) if reference else ("none", None, "")
    if mention_year:
        same = [t for t in dates if t.value[2] == mention_year]
        if same or mention_year == year:
            return "same", same[0] if same else None, ""
        reference = nearest([t for t in dates if t.value[2] and not t.value[0]])
        if reference:
            return changed(reference)
        return "added", None, f"adds the year {mention_year}, which no trusted version gives"
    if time:
        same = [t for t in dates if t.value[4] == time]
        if same:
            return "same", same[0], ""
        reference = nearest([t for t in dates if t.value[4]])
        return changed(reference) if reference else ("none", None, "")
    return "none", None, ""


def _date_agrees(value: tuple, other: tuple, year: int | None, dates: list[Mention]) -> bool:
    """Same month, and no day, year or time that says otherwise (a year the story
    is from, or one the trusted text gives elsewhere, is no news)."""
    month, day, mention_year, _, time = value
    _, r_day, r_year, _, r_time = other
    if day and r_day and day != r_day:
        return False
    if day and not r_day:
        return False
    if mention_year and r_year and mention_year != r_year:
        return False
    if mention_year and not r_year and mention_year != year and not any(t.value[2] == mention_year for t in dates):
        return False
    return not (time and r_time and time != r_time)


def _swapped_people(version: _Version, trusted: list[Mention], trusted_sentences: list[str], add,
                    flagged: set[int]) -> None:
    """'the Biden administration' where the trusted versions name another head of government."""
    leaders = [f"{t.text} {t.subject}" for t in trusted if t.kind == "title"
               and t.value[1] & {"president", "primeminister", "chancellor", "premier"}]
    trusted_text = " ".join(trusted_sentences)
    governments = sorted({m.group() for m in _HEAD_OF_GOVERNMENT.finditer(trusted_text)})
    trusted_words = set(re.findall(r"[a-z]+", trusted_text.lower()))
    for index, sentence in enumerate(version.sentences):
        for match in _HEAD_OF_GOVERNMENT.finditer(sentence):
            name = match["name"]
            if name.lower() in trusted_words:
                continue
            reference = governments[0] if governments else (leaders[0] if leaders else None)
            if reference is None:
                continue
            add("name_drift", "high", version.id, match.group(), reference,
                f"'{match.group()}' puts {name} where the reference has {reference}")
            flagged.add(index)


def _facts(result: _Result, order: list[str]) -> tuple[Fact, ...]:
    facts = []
    taken: set[str] = set()
    for key in sorted(result.values, key=lambda k: (k[0], k[1])):
        kind, subject = result.subjects[key]
        slot = result.values[key]
        if not any(v.status in ("drift", "added") for v in slot.values()) and kind != "title":
            continue
        values = tuple(slot.get(version, FactValue(version, "missing")) for version in order)
        slug = "-".join(re.findall(r"[a-z0-9]+", subject.lower()))[:50] or "fact"
        fact_id, number = f"{kind}-{slug}", 2
        while fact_id in taken:
            fact_id, number = f"{kind}-{slug}-{number}", number + 1
        taken.add(fact_id)
        facts.append(Fact(fact_id, kind, subject, values))
    return tuple(facts)
