"""Speaker identity: every mention of a story's speakers resolved to one person, body or document.

A story names one speaker many ways: "Prosecutor Ana Ruiz", "Ana Ruiz", "Ruiz",
"the prosecutor", "Ms Ruiz", a misspelt "Anna Ruis"; "the Harbour Monitoring
Board", "HMB", "the board"; "the spokesman", "a spokesman for the Premier",
"the Premier's office".  Words given to any of these forms are given to the
same speaker.  Two mentions are reported as *different* speakers only when
they cannot be the same: two people with different names, two bodies with
different names, a person and a document.  Whatever the story leaves open (a
role no one is named as holding, a surname two people share, two bodies whose
names are near variants) is *unknown*, and unknown never accuses anyone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from generator.model import Speaker, SpeakerKind

from .attribute import find_mentions, named_people
from .facts import extract_facts, title_key
from .group import Prepared
from .speakers import HONORIFICS, KNOWN_PARENTS, ORGANISATION_WORDS, TITLE_WORDS, Mention, parse_mention

Relation = Literal["same", "related", "different", "unknown"]
"""How two speakers stand: one speaker, a body and someone who speaks for it, two that
cannot be the same, or not settled by the story."""

SAME_NAME = 88
"""rapidfuzz ratio (0-100) from which two written names are one name, misspelt or spun."""
SPELT_SURNAME = 75
"""Surname ratio from which two names with agreeing first names are one person ('Ruiz' / 'Ruis')."""
SPELT_GIVEN = 70
"""First-name ratio that agrees ('Ana' / 'Anna'); an initial agrees with any name it begins."""
NEAR_NAME = 70
"""Token-set ratio from which two bodies' names may be one body renamed (then: unknown)."""

_POST_NOMINALS = frozenset({"kc", "qc", "mp", "msp", "mep", "mbe", "obe", "cbe", "kbe", "dbe", "jr", "sr", "phd",
                            "esq", "am", "ms"})
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "&", "de", "la", "del", "von", "van", "der", "du"})
_PARTICLES = frozenset({"de", "la", "del", "von", "van", "der", "du", "di", "da", "le", "al", "bin", "ter"})
_GENERIC_BODIES = {
    "company": ("company", "motors", "ltd", "plc", "group", "inc", "corporation", "holdings", "partners"),
    "firm": ("company", "motors", "ltd", "plc", "group", "inc", "corporation", "holdings", "partners"),
    "carmaker": ("motors", "company", "group", "automotive", "cars"),
    "force": ("police", "constabulary"),
    "operator": ("rail", "railway", "railways", "trains", "airways", "buses", "ferries"),
}
"""A generic word for a body ("the company") -> words one of the story's bodies carries in its name."""
_SPOKES = re.compile(r"\bspokes(?:man|woman|person|people)\b|\bpress (?:secretary|office|officer)\b", re.I)
_VOICE_OF = re.compile(r"^(?:(?:a|an|the)\s+)?(?:official\s+)?spokes(?:man|woman|person)\s+(?:for|of|at)\s+(?P<body>.+)$"
                       r"|^(?:(?:a|an|the)\s+)?(?P<owner>.+?)(?:'s|’s)?\s+(?:official\s+|chief\s+)?"
                       r"(?:spokes(?:man|woman|person)|press (?:secretary|office|officer)|office)$", re.I)
_CLAUSE = re.compile(r"^(?:section|article|clause|paragraph|chapter|part|schedule)\s+[\divxlc]+\b", re.I)
_ROLE_HOLDER = re.compile(r"^(?P<owner>.+?)(?:'s|’s)\s+(?P<role>.+)$")


@lru_cache(maxsize=8192)
def fold_name(text: str) -> str:
    """A written name as compared: no accents, case, possessive, leading article,
    honorific or post-nominal letters ("Prosecutor"-style titles are not removed here)."""
    plain = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    plain = re.sub(r"'s\b", "", plain.casefold())
    words = [w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", plain)]
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    while words and words[0] in HONORIFICS:
        words.pop(0)
    while words and words[-1] in _POST_NOMINALS:
        words.pop()
    return " ".join(words)


def _acronym(name: str) -> str:
    return "".join(word[0] for word in fold_name(name).split() if word not in _NAME_JOINERS)


@dataclass
class Entity:
    """One speaker of a story: a person, a body or a document, with every form it is written in."""

    name: str
    """Display name: the fullest form the story uses most."""
    kind: SpeakerKind
    """Person, organisation or document."""
    forms: set[str] = field(default_factory=set)
    """Folded forms that resolve to it."""
    written: Counter[str] = field(default_factory=Counter)
    """Forms as written, with how often (for the display name)."""
    roles: set[frozenset[str]] = field(default_factory=set)
    """Role keys it is named as holding ({'prosecutor'}, {'chiefexecutive'})."""
    body: str | None = None
    """Name of the entity it speaks for or belongs to."""


@dataclass(frozen=True)
class Identities:
    """The speakers of one story and how every mention resolves to them."""

    entities: Mapping[str, Entity]
    """Entity name -> entity."""
    forms: Mapping[str, str]
    """Folded form -> entity name, for the forms only one entity has."""
    roles: Mapping[frozenset[str], str]
    """Role key -> the one person named as holding it."""
    voices: tuple[str, ...] = ()
    """Folded names of those the story quotes through a spokesperson or an office ("premier")."""
    voice_names: Mapping[str, str] = field(default_factory=dict)
    """Folded name of a voice -> the words the story first names it with ("the Premier")."""

    def display(self, name: str) -> str:
        """How the site names an entity: a voice as "spokesperson for <body>", else its name."""
        if not name.startswith("voice of "):
            return name
        body = name[len("voice of "):]
        return f"spokesperson for {body if body in self.entities else self.voice_names.get(body, body)}"

    def resolve(self, speaker: Speaker | None) -> str | None:
        """The entity a quote's speaker is, or None when the story does not settle it."""
        if speaker is None:
            return None
        return self.resolve_words(speaker.as_written, speaker.title, speaker.kind, speaker.canonical)

    def resolve_words(self, written: str, title: str | None = None, kind: SpeakerKind = "unknown",
                      canonical: str | None = None) -> str | None:
        """The entity a mention written this way is, or None."""
        for candidate in (written, canonical or ""):
            folded = fold_name(candidate)
            if folded in self.forms:
                return self.forms[folded]
        mention = _parsed(written)
        if mention.known and fold_name(mention.known) in self.forms:
            return self.forms[fold_name(mention.known)]
        if mention.known and mention.kind != "unknown" and not _SPOKES.search(written):
            return mention.known  # a body or role the generator knows ("Downing Street")
        if mention.name and fold_name(mention.name) in self.forms:
            return self.forms[fold_name(mention.name)]
        voice = _voice_body(written)
        if voice is not None:
            return self._voice(voice)
        if _SPOKES.search(written):
            # "the spokesman": the one voice the story quotes through a spokesperson, if only one.
            return self._voice(self.voices[0]) if len(self.voices) == 1 else None
        if mention.name and kind != "organisation":
            spelt = self._spelt(fold_name(mention.name))
            if spelt:
                return spelt
        role = _role_key(mention.title or (written if mention.name is None else ""))
        if role:
            return self._holder(role)
        return None

    def _voice(self, body: str) -> str:
        """The entity for words said on behalf of ``body``: the body itself when it is one the story
        names, else the office of the person or role ("voice of premier")."""
        entity = self.forms.get(fold_name(body))
        if entity is not None and self.entities[entity].kind == "organisation":
            return f"voice of {entity}"
        holder = self.resolve_words(body) if fold_name(body) not in self.voices or entity else None
        return f"voice of {holder or fold_name(body)}"

    def _spelt(self, folded: str) -> str | None:
        """The one person whose name this is a misspelling of ('anna ruis' for 'ana ruiz')."""
        if len(folded.split()) < 2:
            return None
        matches = {e.name for e in self.entities.values() if e.kind == "person"
                   and any(_same_person(folded, form) for form in e.forms if len(form.split()) >= 2)}
        return matches.pop() if len(matches) == 1 else None

    def _holder(self, role: frozenset[str]) -> str | None:
        """The one person named as holding ``role`` (a fuller or shorter form of it counts:
        'the minister' for 'transport minister')."""
        if role in self.roles:
            return self.roles[role]
        holders = {name for held, name in self.roles.items() if role <= held or held <= role}
        return holders.pop() if len(holders) == 1 else None

    def relation(self, first: Speaker | None, second: Speaker | None) -> Relation:
        """How the speakers of two renderings stand; 'different' only when they cannot be the same."""
        if first is None or second is None:
            return "unknown"
        a, b = self.resolve(first), self.resolve(second)
        if a is None or b is None:
            return "unknown"
        if a == b:
            return "same"
        if first.via_pronoun or second.via_pronoun:
            # A pronoun resolved to someone else is weak evidence, unless it cannot be the same:
            # "he" where the other version says "she", "he" for what "it" (a body, a report) said.
            one, two = _gender(first), _gender(second)
            return "different" if one and two and one != two else "unknown"
        if self._related(a, b):
            return "related"
        if self._maybe_same(a, b):
            return "unknown"
        return "different"

    def relation_of(self, first: str, second: str) -> Relation:
        """How two resolved entities stand (see :meth:`relation`)."""
        if first == second:
            return "same"
        if self._related(first, second):
            return "related"
        return "unknown" if self._maybe_same(first, second) else "different"

    def _chain(self, name: str) -> list[str]:
        chain, current = [name], self._body(name)
        while current and current not in chain:
            chain.append(current)
            current = self._body(current)
        return chain

    def _body(self, name: str) -> str | None:
        if name.startswith("voice of "):
            return name[len("voice of "):]
        if name in KNOWN_PARENTS:
            return KNOWN_PARENTS[name]
        entity = self.entities.get(name)
        if entity is not None and entity.body:
            return entity.body
        return KNOWN_PARENTS.get(name)

    def _entity(self, name: str) -> Entity | None:
        if name in self.entities:
            return self.entities[name]
        if name.startswith("voice of "):
            return Entity(name, "person")
        kind = parse_mention(name).kind
        return Entity(name, kind) if kind != "unknown" else None

    def _related(self, first: str, second: str) -> bool:
        one, two = self._chain(first), self._chain(second)
        return first in two or second in one or bool(set(one[1:]) & set(two[1:]))

    def _maybe_same(self, first: str, second: str) -> bool:
        for name in (first, second):
            if name.startswith("voice of ") and name[len("voice of "):] not in self.entities:
                return True  # whose voice it is stays open ("the company" of a story with no company named)
        a, b = self._entity(first), self._entity(second)
        if a is None or b is None:
            return True
        if a.kind != b.kind:
            if {a.kind, b.kind} == {"person", "organisation"}:
                # A person and a body: different only when the person is known to speak for another body.
                person = a if a.kind == "person" else b
                return person.body is None
            return a.kind == "unknown" or b.kind == "unknown"
        if a.kind == "organisation":
            return fuzz.token_set_ratio(fold_name(a.name), fold_name(b.name)) >= NEAR_NAME or \
                _acronym(a.name) == _acronym(b.name)
        if a.kind == "person":
            # Two people who share a surname, or near-spellings of one name: the story does not settle it.
            one, two = fold_name(a.name).split(), fold_name(b.name).split()
            if len(one) >= 2 and len(two) >= 2 and one[0][0] != two[0][0]:
                return False  # "Ruth Penrose" and "Rhys Penrose": a surname shared by two people
            return fuzz.ratio(one[-1], two[-1]) >= 80 or fuzz.ratio(" ".join(one), " ".join(two)) >= 75
        return fuzz.token_set_ratio(fold_name(a.name), fold_name(b.name)) >= NEAR_NAME


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "it": "it", "its": "it"}
_HONORIFIC_GENDER = {"ms": "f", "mrs": "f", "miss": "f", "dame": "f", "lady": "f", "baroness": "f", "mr": "m",
                     "sir": "m", "lord": "m", "baron": "m"}


def _gender(speaker: Speaker) -> str | None:
    """'m', 'f' or 'it' when the words naming a speaker say (a pronoun, an honorific, a body), else None."""
    words = speaker.as_written.lower().replace(".", "").split()
    if speaker.via_pronoun and words and words[0] in _PRONOUN_GENDER:
        return _PRONOUN_GENDER[words[0]]
    if speaker.kind in ("organisation", "document"):
        return "it"
    return next((_HONORIFIC_GENDER[w] for w in words if w in _HONORIFIC_GENDER), None)


def _parsed(written: str) -> Mention:
    """The parsed mention, a generic "spokesperson" not taken for a known speaker."""
    mention = parse_mention(written)
    return replace(mention, known=None) if mention.known == "spokesperson" else mention


def _voice_body(written: str) -> str | None:
    """'a spokesman for the Premier' -> 'the Premier'; 'the Premier's office' -> 'the Premier'."""
    match = _VOICE_OF.match(" ".join(written.split()))
    if not match:
        return None
    body = (match["body"] or match["owner"] or "").strip()
    return body if body and not _SPOKES.search(body) and fold_name(body) else None


def _role_key(title: str | None) -> frozenset[str]:
    """The role words of a title, as the facts stage keys them ({'chair'}, {'transport', 'minister'})."""
    return frozenset(title_key(title)[1]) if title else frozenset()


def _same_person(first: str, second: str) -> bool:
    """Two folded full names of one person: equal, or one misspelt ('Achterberg' / 'Achterburg',
    'Ines' / 'Inés'), with first names that agree (an initial counts)."""
    if first == second:
        return True
    a, b = first.split(), second.split()
    if len(a) < 2 or len(b) < 2:
        return False
    if fuzz.ratio(first, second) >= SAME_NAME:
        return True
    given_a, given_b = a[0], b[0]
    if given_a[0] != given_b[0] or fuzz.ratio(a[-1], b[-1]) < SPELT_SURNAME:
        return False
    return len(given_a) == 1 or len(given_b) == 1 or fuzz.ratio(given_a, given_b) >= SPELT_GIVEN


@dataclass(frozen=True)
class NameMention:
    """A way the story writes a speaker, gathered from quotes and narration."""

    written: str
    """The words as written ("Prosecutor Rosalind Achterberg KC", "the board")."""
    title: str | None = None
    """A title written with it."""
    kind: SpeakerKind = "unknown"
    """What the attribution stage took it for."""
    trusted: bool = False
    """True when it stands in a trusted version (its forms name the entity first)."""


def build(mentions: Iterable[NameMention]) -> Identities:
    """The story's speakers from every mention of them."""
    mentions = sorted(set(mentions), key=lambda m: (not m.trusted, m.written, m.title or "", m.kind))
    people: list[Entity] = []
    bodies: list[Entity] = []
    documents: list[Entity] = []
    pending_titles: list[tuple[str, frozenset[str]]] = []
    titles_of: dict[str, list[str]] = {}
    voices: list[str] = []
    for item in mentions:
        parsed = _parsed(item.written)
        if _CLAUSE.match(fold_name(item.written)):
            continue  # "Section III of the Deal": a part of a document, said by no one
        voice = _voice_body(item.written)
        if voice is not None and not parsed.known:
            voices.append(voice)  # "a spokesman for X", "X's office": X speaking
            continue
        if _SPOKES.search(item.written) and not parsed.known:
            continue  # "the spokesman": whose, the story says elsewhere
        if parsed.kind == "document" or item.kind == "document":
            _add(documents, parsed.known or fold_name(item.written), item.written, "document")
            continue
        if parsed.known or parsed.kind == "organisation" or item.kind == "organisation":
            name = parsed.known or parsed.name or item.written
            if fold_name(name):
                # A body the generator knows keeps the name it knows it by ("The New York Times").
                _add(bodies, name, item.written, "organisation", exact=bool(parsed.known))
            continue
        if parsed.name and len(fold_name(parsed.name).split()) >= 2 and _looks_like_person(parsed.name):
            entity = _add(people, parsed.name, item.written, "person", same=_same_person)
            title = item.title or parsed.title
            if title:
                pending_titles.append((entity.name, _role_key(title)))
                titles_of.setdefault(entity.name, []).append(title)
                owner = _ROLE_HOLDER.match(title.strip())
                if owner and not entity.body:
                    entity.body = owner["owner"]
    for voice in voices:
        # A body only ever named through its spokesman is still a body.
        if not any(fold_name(voice) in e.forms for e in bodies) and parse_mention(voice).kind == "organisation":
            _add(bodies, voice, voice, "organisation")
    entities = {e.name: e for e in people + bodies + documents}
    forms: dict[str, set[str]] = {}

    def claim(form: str, name: str) -> None:
        if form:
            forms.setdefault(form, set()).add(name)

    for entity in entities.values():
        for form in entity.forms:
            claim(form, entity.name)
        if entity.kind == "person":
            words = fold_name(entity.name).split()
            claim(words[-1], entity.name)                          # "Ruiz"
            claim(words[0], entity.name)                           # "Sir Keir": a first name, if only one has it
            if len(words) > 2 and words[-2] in _PARTICLES:
                claim(" ".join(words[-2:]), entity.name)           # "van Dijk"
        elif entity.kind == "organisation":
            acronym = _acronym(entity.name)
            if len(acronym) >= 2:
                claim(acronym, entity.name)                        # "HMB"
            words = fold_name(entity.name).split()
            head = next((w for w in reversed(words) if w in ORGANISATION_WORDS), None)
            if head:
                claim(head, entity.name)                           # "the board"
    for generic, marks in _GENERIC_BODIES.items():
        carriers = {e.name for e in bodies if set(fold_name(e.name).split()) & set(marks)}
        if len(carriers) == 1:
            claim(generic, carriers.pop())
    # A form two entities share ("Achebe" for two Achebes) settles nothing.
    unique = {form: names.pop() for form, names in forms.items() if len(names) == 1}
    roles: dict[frozenset[str], set[str]] = {}
    for name, role in pending_titles:
        if role:
            entities[name].roles.add(role)
            roles.setdefault(role, set()).add(name)
    held = {role: names.pop() for role, names in roles.items() if len(names) == 1}
    voice_keys = sorted({fold_name(v) for v in voices})
    voice_names = {}
    for voice in voices:
        voice_names.setdefault(fold_name(voice), " ".join(voice.split()))
    identities = Identities(entities, unique, held, tuple(voice_keys), voice_names)
    organisations = sorted(bodies, key=lambda e: -len(fold_name(e.name)))
    for entity in people:
        spoken_for = next((_voice_body(t) for t in titles_of.get(entity.name, []) if _voice_body(t)), None)
        if spoken_for is not None:
            entity.body = identities._voice(spoken_for)  # "a spokesman for the Premier, Rhodri Vance"
            continue
        if entity.body:
            entity.body = identities.resolve_words(entity.body) or None
        if entity.body is None:
            # "campaign director of the Clean Coves Alliance", "FRW general secretary": a title that
            # names a body says whom the person speaks for.
            entity.body = _body_in_titles(entity, titles_of.get(entity.name, []), organisations)
        if entity.body == entity.name:
            entity.body = None
    return identities


def _body_in_titles(entity: Entity, titles: list[str], organisations: list[Entity]) -> str | None:
    for title in titles:
        words = f" {fold_name(title)} "
        for body in organisations:
            forms = [form for form in body.forms if len(form) >= 3] + [_acronym(body.name)]
            if any(len(form) >= 2 and f" {form} " in words for form in forms if form != fold_name(entity.name)):
                return body.name
    return None


def _looks_like_person(name: str) -> bool:
    words = name.replace("’", "'").split()
    return not any(w.lower().strip(",.") in ORGANISATION_WORDS or w.lower() in TITLE_WORDS for w in words[-1:])


def _add(found: list[Entity], name: str, written: str, kind: SpeakerKind, same=None, exact: bool = False) -> Entity:
    folded = fold_name(name)
    for entity in found:
        if folded in entity.forms or (same is not None and same(folded, fold_name(entity.name))):
            entity.forms.add(folded)
            entity.written[written] += 1
            return entity
    entity = Entity(name=name if exact else _display(name), kind=kind, forms={folded})
    entity.written[written] += 1
    found.append(entity)
    return entity


def _display(name: str) -> str:
    words = name.replace("’", "'").split()
    while words and words[0].lower() in ("the", "a", "an"):
        words.pop(0)
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words.pop(0)
    while words and words[-1].lower().strip(",.") in _POST_NOMINALS:
        words.pop()
    return " ".join(words) or name


def mention_of(speaker: Speaker, trusted: bool) -> NameMention:
    """The name mention a quote's speaker gives the identity model."""
    return NameMention(speaker.as_written, speaker.title, speaker.kind, trusted)


def mention_from(parsed: Mention, trusted: bool) -> NameMention:
    """A name mention from narration."""
    return NameMention(parsed.as_written, parsed.title, parsed.kind, trusted)


_ITS_ROLE = re.compile(r"\b(?:Its|Their)\s+(?P<role>(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*),\s+"
                       r"(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)")


def affiliations(text: str) -> list[tuple[str, str, str]]:
    """(person, role, body) for "The Federation of Rail Workers ... Its general secretary, Dennis
    Mulcahy, said": a role introduced by "its" belongs to the body named just before."""
    found = []
    last_body: str | None = None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        match = _ITS_ROLE.search(sentence)
        if match and last_body:
            found.append((match["name"], match["role"], last_body))
        for mention in find_mentions(sentence):
            if mention.kind == "name" and parse_mention(mention.text).kind == "organisation":
                last_body = mention.text
    return found


def name_mentions(versions: Sequence[Prepared], references: Sequence[str]) -> list[tuple[str, NameMention]]:
    """Every way the story's versions name people and bodies: quote speakers, names in
    narration and titles written next to names; with the version each stands in."""
    found: list[tuple[str, NameMention]] = []
    for prepared in versions:
        version = prepared.version.id
        trusted = version in references
        for quote in prepared.quotes:
            if quote.speaker and not quote.speaker.via_pronoun:
                found.append((version, NameMention(quote.speaker.as_written, quote.speaker.title,
                                                   quote.speaker.kind, trusted)))
        for name in named_people(prepared.version.text):
            parsed = parse_mention(name)
            found.append((version, NameMention(name, parsed.title, parsed.kind, trusted)))
        for fact in extract_facts(prepared.version)[0]:
            if fact.kind == "title" and fact.subject:
                found.append((version, NameMention(fact.subject, fact.text, "person", trusted)))
        for person, role, body in affiliations(prepared.version.text):
            found.append((version, NameMention(person, f"{role} of {body}", "person", trusted)))
    return found


def story_identities(versions: Sequence[Prepared], references: Sequence[str] = ()
                     ) -> tuple[Identities, dict[str, frozenset[str]]]:
    """A story's speakers, and for each the versions that name it."""
    mentions = name_mentions(versions, references)
    identities = build(mention for _, mention in mentions)
    seen: dict[str, set[str]] = {}
    for version, mention in mentions:
        entity = identities.resolve_words(mention.written, mention.title, mention.kind)
        if entity:
            seen.setdefault(entity, set()).add(version)
    return identities, {entity: frozenset(versions) for entity, versions in seen.items()}
