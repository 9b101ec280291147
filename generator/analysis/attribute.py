"""Attribute stage: who each quote is given to, as the version writes it.

A quote's speaker is the subject of its cue verb: after the quote (", he
said"), before it ("Liz Kendall said the partnership would ..."), across an
apposition ("Allie Renison, director of ..., said"), through a relative
pronoun ("The New York Times, which highlighted"), or the agent of a passive
("heralded by the UK government as").  Pronouns are resolved to the last
speaker they can refer to; a passive with no agent ("billed as") names nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.model import Quote, Speaker, Version

from .extract import find_quotes, mask_quotes, sentences
from .speakers import FEMALE_TITLES, HONORIFICS, MALE_TITLES, TITLE_WORDS, Mention, gender, parse_mention

CUE_VERBS = (
    "say|says|said|saying|add|adds|added|adding|tell|tells|told|telling|describe|describes|described|describing|"
    "state|states|stated|stating|explain|explains|explained|explaining|insist|insists|insisted|warn|warns|warned|"
    "argue|argues|argued|note|notes|noted|write|writes|wrote|tweet|tweeted|post|posted|claim|claims|claimed|"
    "announce|announced|call|calls|called|characteri[sz]e[sd]?|characteri[sz]ing|express|expresses|expressed|"
    "articulate[sd]?|articulating|emphasi[sz]e[sd]?|emphasi[sz]ing|indicate[sd]?|indicating|suggest|suggests|"
    "suggested|point(?:s|ed)? out|acknowledge[sd]?|acknowledging|affirm|affirms|affirmed|highlight|highlights|"
    "highlighted|view|views|viewed|believe[sd]?|think|thinks|thought|consider|considers|considered|"
    "underscore[sd]?|underscoring|label(?:s|led|ed)?|hail(?:s|ed)?|herald(?:s|ed)?|bill(?:s|ed)?|promise[sd]?|"
    "pledge[sd]?|vow(?:s|ed)?|declare[sd]?|repl(?:y|ies|ied)|respond(?:s|ed)?|comment(?:s|ed)?|admit(?:s|ted)?|"
    "confirm(?:s|ed)?|urge[sd]?|predict(?:s|ed)?|stress(?:es|ed)?|mention(?:s|ed)?|outline[sd]?|"
    "detail(?:s|ed)?|maintain(?:s|ed)?|reiterate[sd]?|remark(?:s|ed)?|quip(?:s|ped)?|read|reads"
)
_CUE = re.compile(rf"\b(?<!-)(?=[a-z])(?:{CUE_VERBS})\b", re.IGNORECASE)  # not "so-called"; the lookahead: 40% faster
_POST_CUE = re.compile(r"(said|says|added|adds|told|tells|explained|insisted|warned|wrote|continued|stated|"
                       r"argued|noted|asked|replied|declared)\b")
_FILLER = re.compile(r"(?:\s+(?:also|then|later|previously|further|recently|once|again|subsequently|publicly|"
                     r"officially|initially|reportedly|directly|had|has|have|would|will|not|never|could|can|may|might|should|"
                     r"explicitly|clearly|indeed|simply|only|however|yet|still|now|earlier|first))+\s*$",
                     re.IGNORECASE)
_FILLER_WORD = re.compile(_FILLER.pattern[len(r"(?:\s+"):-len(r")+\s*$")], re.IGNORECASE)


def _without_filler(text: str) -> str:
    """``_FILLER.sub("", text)`` in linear time.

    The pattern can only match once, at the end: a run of filler words, each
    after whitespace.  Run as a regex it backtracks over every long run of
    spaces (quotes are masked with spaces), which made it quadratic."""
    position = len(text.rstrip())
    found = False
    while True:
        word_start = position
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        if word_start == position or word_start == 0 or not _FILLER_WORD.fullmatch(text, word_start, position):
            break
        position = len(text[:word_start].rstrip())
        found = True
    return text[:position] if found else text


_PARENTHETICAL = re.compile(r"^\s*[,(—–-].*[,)—–-]\s*$", re.DOTALL)
_COORDINATED = re.compile(r"\b(?:and|but|or)\s*$", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(who|which|that)\s*$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"(?:^|\b(?:was|were|been|being|is|are|be|and|or)\s+|,\s*)(?:\w+ly\s+)?$", re.IGNORECASE)
_AGENT = re.compile(r"^\s+(?:[\w ,]{0,30}?\s)?by\s+(.+?)(?=\s+as\b|\s+to\b|,|$)", re.IGNORECASE)
_PREPOSITIONS = frozenset({"of", "on", "in", "by", "at", "from", "to", "with", "during", "for", "about", "over",
                           "within", "into", "under", "between", "against", "after", "before", "across", "via"})
_SENTENCE_OPENERS = frozenset({
    "however", "while", "when", "but", "and", "in", "at", "on", "the", "a", "an", "this", "that", "these", "those",
    "if", "as", "after", "before", "since", "although", "despite", "meanwhile", "moreover", "crucially",
    "nevertheless", "both", "for", "with", "by", "from", "instead", "there", "here", "what", "why", "how", "where",
    "our", "we", "i", "you", "some", "many", "such", "its", "their", "his", "her", "then", "now", "also", "yet",
})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_GOING_ON = frozenset({"added", "adds", "continued", "continues", "went on"})
"""Cue verbs of a speaker going on: their pronoun is the speaker of the quote before."""
_PRONOUNS = {"he": "m", "she": "f", "it": "it", "they": "they", "him": "m", "her": "f"}
_WORD = re.compile(r"\S+")
_ROLE = re.compile(
    r"\b(?:the|a|an)\s+(?:[A-Z][\w'’.]*\s+){0,4}(?:official\s+|chief\s+|press\s+)?(?:government\s+)?"
    r"(?:spokes(?:man|woman|person)|secretary|government|administration|memorandum|statement|report|document|"
    r"agreement|mou|force|company|firm|carmaker|board|council|trust|union|agency|commission|ministry|department|"
    r"group|club|charity|authority|regulator|watchdog|operator|airline|club|court|museum|hospital|university)\b"
    r"|\b(?:[A-Z][\w'’.]*\s+){0,3}(?:government\s+)?spokes(?:man|woman|person)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """A mention found in a clause."""

    start: int
    """Offset in the clause."""
    end: int
    """Offset past the mention."""
    text: str
    """Words of the mention."""
    kind: str
    """'name', 'role', 'pronoun'."""


def _mask_quotes(sentence: str) -> str:
    """The sentence with quoted words blanked out, offsets kept."""
    return mask_quotes(sentence, find_quotes(sentence))


def _is_name_token(token: str, first: bool, following: str = "") -> bool:
    bare = token.strip(",.;:()[]\"“”‘’'")
    if not bare[:1].isupper() or bare.lower() in _PRONOUNS:
        return False
    if first and bare.lower() in _SENTENCE_OPENERS:
        return False
    # A capitalised sentence opener ("Complementing these") is a name only when a
    # name follows it ("Downing Street").
    if first and re.search(r"(ing|ly|ed)$", bare):
        return _is_name_token(following, False) if following else False
    return True


def find_mentions(clause: str) -> list[Found]:
    """Names (with their titles), roles and pronouns in a clause, in order."""
    return list(_find_mentions(clause))


@lru_cache(maxsize=16384)
def _find_mentions(clause: str) -> tuple[Found, ...]:
    # The same clauses are read again for narration, cues, names and facts: cached (Found is frozen).
    found: list[Found] = []
    words = list(_WORD.finditer(clause))
    index = 0
    while index < len(words):
        token = words[index].group()
        bare = token.strip(",.;:()\"“”‘’'").lower()
        first = index == 0
        if bare in _PRONOUNS and token.strip(",.;:").lower() == bare:
            found.append(Found(words[index].start(), words[index].end(), bare, "pronoun"))
            index += 1
            continue
        following = words[index + 1].group() if index + 1 < len(words) else ""
        starts_name = _is_name_token(token, first, following) or (bare in TITLE_WORDS and index + 1 < len(words)
                                                        and _is_name_token(words[index + 1].group(), False))
        if not starts_name:
            index += 1
            continue
        end = index
        while end + 1 < len(words) and not re.search(r"[,;:()\"“”]$", words[end].group()):
            following = words[end + 1].group()
            if following.startswith("("):
                break  # "the Harbour Board (HB)": the acronym in brackets is not part of the name
            lowered = following.strip(",.;:").lower()
            if lowered.removesuffix("'s").removesuffix("’s") in _WEEKDAYS:
                break  # "in Ashby Wednesday morning": a day after a name is not part of it
            if _is_name_token(following, False) or lowered in TITLE_WORDS or lowered in HONORIFICS:
                end += 1
            elif lowered in ("of", "for", "and", "&") and end + 2 < len(words) and \
                    _is_name_token(words[end + 2].group(), False):
                end += 2  # "Bank of England", "Fire and Rescue Service"
            else:
                break
        start_offset = words[index].start()
        # "The New York Times": keep a leading article that belongs to the name.
        if index > 0 and words[index - 1].group() in ("The", "the") and token[:1].isupper():
            start_offset = words[index - 1].start()
        text = clause[start_offset:words[end].end()].rstrip(",.;:")
        found.append(Found(start_offset, start_offset + len(text), text, "name"))
        index = end + 1
    for match in _ROLE.finditer(clause):
        if not any(f.start <= match.start() < f.end or match.start() <= f.start < match.end() for f in found
                   if f.kind != "pronoun"):
            found.append(Found(match.start(), match.end(), match.group(), "role"))
        else:
            # A role phrase swallowing a name-run (the Prime Minister's official spokesman) wins.
            overlapping = [f for f in found if f.kind == "name" and match.start() <= f.start < match.end()]
            if any(f.end > match.end() for f in overlapping):
                continue  # "spokesman Neil Caddick": the name run carries the role and the name
            if overlapping and re.search(r"spokes|government|administration", match.group(), re.I):
                found = [f for f in found if f not in overlapping]
                found.append(Found(match.start(), match.end(), match.group(), "role"))
    return tuple(sorted(found, key=lambda f: f.start))


_PRONOUN_REACH = 4
"""How many of the latest mentions a pronoun may reach back over to a person marked with its gender."""


@dataclass
class History:
    """Speakers met so far in a version, for resolving pronouns."""

    mentions: list[Mention]
    """Resolved speaker mentions, oldest first."""

    def resolve(self, pronoun: str) -> Mention | None:
        """The mention a pronoun points back to: a person for 'he' and 'she', a body or a document
        for 'it' (never a part of a document for a person)."""
        wanted = _PRONOUNS.get(pronoun.lower())
        if wanted in ("m", "f"):
            # A person the text has marked with this gender ("the spokeswoman, Gwen Ashdown") among the
            # last few named wins over a nearer one the text says nothing about.
            recent = [m for m in self.mentions[-_PRONOUN_REACH:] if m.kind == "person"]
            marked = [m for m in recent if gender(m) == wanted]
            if marked:
                return marked[-1]
        for mention in reversed(self.mentions):
            if wanted in ("m", "f"):
                if mention.kind == "person" and gender(mention) in (None, wanted):
                    return mention
            elif mention.kind in ("organisation", "document"):
                return mention
        return None

    def resolve_role(self, mention: Mention) -> Mention:
        """'The spokesperson' is the last spokesperson named."""
        if mention.known == "spokesperson" or (mention.title and mention.title.lower() in ("spokesperson", "spokesman", "spokeswoman")):
            for earlier in reversed(self.mentions):
                if earlier.known and "spokesperson" in earlier.known:
                    return earlier
        return mention


def _apposed_subject(clause: str) -> bool:
    """True when the clause is a name and its apposition ("Professor Ada Lin, an economist at X,"):
    the verb that follows is the name's own, not a passive ("the plan, billed as")."""
    for mention in find_mentions(clause):
        if mention.kind == "pronoun":
            continue
        between = _without_filler(clause[mention.end:])
        if _PARENTHETICAL.match(between) and clause[:mention.start].strip(" ,") == "":
            return True
    return False


def _subject(sentence: str, masked: str, cue_start: int, cue_end: int) -> tuple[Found | None, Found | None]:
    """The subject mention of the cue verb at ``cue_start``, and an appositive name."""
    clause = masked[:cue_start]
    after = masked[cue_end:]
    cue = sentence[cue_start:cue_end].lower()
    # A passive ("was heralded by the UK government as", "billed as"): the agent, or nobody.
    if (cue.endswith("ed") or cue in ("told", "thought", "read", "said")) and not _apposed_subject(clause):
        bare_clause = _without_filler(clause)
        if _PASSIVE_BEFORE.search(bare_clause) and re.match(r"^\s+(?:[\w ]{0,25}\s)?(?:as|by)\b", after):
            agent = _AGENT.match(after)
            if agent:
                mentions = find_mentions(agent.group(1))
                if mentions:
                    m = mentions[0]
                    offset = cue_end + agent.start(1)
                    return Found(m.start + offset, m.end + offset, m.text, m.kind), None
            return None, None
    mentions = find_mentions(clause)
    relative = _RELATIVE.search(_without_filler(clause))
    if relative:
        before = [m for m in mentions if m.end <= relative.start() and m.kind != "pronoun"]
        marker = Found(relative.start(), relative.end(), relative.group(1), "relative")
        return (before[-1] if before else None), marker
    for mention in mentions:
        between = _without_filler(clause[mention.end:])
        if not between.strip(" ,"):
            return mention, None
        if _PARENTHETICAL.match(between):
            inner = between.strip().strip(",()—–-").strip()
            holder = _role_holder(clause, mention, inner)
            if holder:
                return holder
            return mention, Found(mention.end, mention.end + len(between), inner, "apposition")
    if re.search(r"(,|\b(?:and|but|before|after|while))\s*$", _without_filler(clause)):
        for mention in mentions:
            preceding = clause[:mention.start].split()
            if not preceding or preceding[-1].lower() not in _PREPOSITIONS:
                return mention, None
    return None, None


_ROLE_OF = re.compile(r"(?:^|[,;:]\s*)(?P<role>[^,;:]*?\b(?P<word>[\w'’-]+)\s+(?:of|for|at)\s+)$", re.IGNORECASE)
"""A role ending in 'of', 'for' or 'at' just before a body ("A spokesman for ", "the head of ")."""


def _role_holder(clause: str, body: Found, apposition: str) -> tuple[Found, Found] | None:
    """'A spokesman for the Civic Alliance, Rhys Caddick, said': the person named in apposition to
    a role of a body is the speaker, the role their title (the body is not the one speaking)."""
    role = _ROLE_OF.search(clause[:body.start])
    if not role or not _is_role_word(role.group("word")):
        return None
    names = [m for m in find_mentions(apposition) if m.kind == "name"]
    if len(names) != 1 or apposition.strip(" ,.") != names[0].text:
        return None
    person = parse_mention(names[0].text)
    if person.kind != "person" or not person.name:
        return None
    start = clause.index(apposition, body.end)
    title = " ".join((role.group("role") + body.text).split())
    return (Found(start, start + len(names[0].text), names[0].text, "name"),
            Found(role.start("role"), body.end, title, "apposition"))


def _is_role_word(word: str) -> bool:
    lowered = word.lower()
    return lowered in TITLE_WORDS or bool(re.match(r"spokes(?:man|woman|person)$|head$|chair", lowered))


_LOCATIVE = re.compile(r"\b(?:in|at|near|across|outside|around|into|through|past|beyond|above|below|along|"
                       r"between)\s+(?:the\s+)?$", re.IGNORECASE)
"""Prepositions of place before a name: "in Ashby", "near Hollin Cross" (not "according to", "from")."""


def _narration_mentions(masked: str) -> list[Mention]:
    found = []
    for mention in find_mentions(masked):
        if mention.kind != "name":
            continue
        if _LOCATIVE.search(masked[:mention.start]):
            continue  # "in Ashby", "near Hollin Cross": where, not who
        owned = re.sub(r"['’]s$", "", mention.text)
        parsed = parse_mention(owned)
        if owned != mention.text and parsed.kind == "person":
            # "an ambition championed by Sir Keir's government. He said": the owner of a thing is
            # not whom the next 'he' means; the one who spoke is.
            continue
        if parsed.kind == "person" and not parsed.title:
            # "Mrs Holloway's daughter, Linda Price": the role in apposition says who she is.
            apposed = re.search(r"\b([A-Za-z]+),\s*$", masked[:mention.start])
            if apposed and (FEMALE_TITLES.fullmatch(apposed.group(1)) or MALE_TITLES.fullmatch(apposed.group(1))):
                parsed = replace(parsed, title=apposed.group(1))
        if parsed.kind == "organisation" or parsed.kind == "document" or \
                (parsed.kind == "person" and parsed.name and (len(parsed.name.split()) >= 2 or parsed.honorific)):
            found.append(parsed)
    return found


def _post_quote(sentence: str, quote_end: int) -> tuple[Found | None, str | None]:
    """Attribution after the quote: '," the spokesman said' or '," said Liz Kendall'."""
    after = sentence[quote_end:]
    lead = re.match(r"^[,.!?]?[\"”’'“»«›‹]\s*[,—–-]?\s*", after)  # closing marks of any typography (German „…“)
    if not lead:
        return None, None
    rest = after[lead.end():]
    inverted = re.match(rf"^({_POST_CUE.pattern})\s+(.+?)(?=[,.;]|\s+(?:in|on|at|to|during|after)\b|$)", rest, re.I)
    if inverted:
        mentions = find_mentions(inverted.group(inverted.lastindex))
        if mentions:
            m = mentions[0]
            return Found(m.start, m.end, m.text, m.kind), inverted.group(1)
    cue = _POST_CUE.search(rest)
    if not cue or cue.start() > 90:
        return None, None
    mentions = find_mentions(rest[:cue.start()])
    if mentions and not rest[mentions[-1].end:cue.start()].strip(" ,"):
        subject = mentions[0] if not _without_filler(rest[:cue.start()]).strip() == "" else mentions[-1]
        return subject, cue.group(1)
    return None, None


def _mention(found: Found, appositive: Found | None, history: History) -> Mention | None:
    if found.kind == "pronoun":
        resolved = history.resolve(found.text)
        return resolved and replace(resolved, as_written=found.text)
    mention = parse_mention(found.text)
    if appositive and mention.known is None and re.match(r"which\b", appositive.text, re.I):
        # "The Daily Planet, which first reported ...": a thing, not a person.
        return replace(mention, kind="organisation", known=mention.name or mention.title or found.text)
    if appositive and appositive.kind == "relative":
        return history.resolve_role(mention)
    if appositive and mention.known is None:
        if mention.name is None:
            # "Nvidia's CEO, Jensen Huang, said": the name stands in the apposition.
            names = [m for m in find_mentions(appositive.text) if m.kind == "name"]
            named = parse_mention(names[0].text) if names else None
            # The apposition names the speaker only when it names a person ("Nvidia's CEO, Jensen
            # Huang"), not the body a person works at ("..., a sports economist at the University of X").
            if named is not None and named.kind == "person":
                mention = replace(named, as_written=f"{found.text}, {names[0].text}", title=mention.title or found.text)
        elif not re.match(r"^(who|which|while|whose|when)\b", appositive.text, re.I):
            # "Allie Renison, director of ..., said": the apposition is the title.
            mention = replace(mention, title=" ".join(appositive.text.split()))
    return history.resolve_role(mention)


def _speaker(mention: Mention, found: Found) -> Speaker:
    # The canonical name is settled per story (see align); here it is the name as parsed.
    canonical = mention.known or mention.name or mention.title or found.text
    return Speaker(canonical, found.text if found.kind == "pronoun" else mention.as_written, mention.kind,
                   mention.title, found.kind == "pronoun", mention.speaks_for)


def attribute(version: Version, quotes: list[Quote]) -> list[Quote]:
    """Quotes with their speakers and cue verbs filled in."""
    text = version.text
    spans = find_quotes(text)
    sentence_spans = sentences(text, spans)
    history = History([])
    by_sentence: dict[int, list[Quote]] = {}
    for quote in quotes:
        index = next((i for i, s in enumerate(sentence_spans) if s.start <= quote.start < s.end), -1)
        by_sentence.setdefault(index, []).append(quote)
    attributed: dict[str, Quote] = {}
    last_speaker: tuple[int, Speaker | None, str | None] = (-9, None, None)
    last_mention: Mention | None = None  # whose words the last attributed quote was
    last_named = 0  # how many mentions the history held then

    def continuing(found: Found, cue: str, mention: Mention | None, index: int) -> Mention | None:
        """'She added: "…"': a pronoun with a verb of going on means the speaker of the quote just
        before, when the pronoun fits them, rather than whoever was named last."""
        if found.kind != "pronoun" or cue.lower() not in _GOING_ON or last_mention is None or \
                index - last_speaker[0] > 2:
            return mention
        if mention is not None and any(m.name == mention.name and m.kind == mention.kind
                                       for m in history.mentions[last_named:]):
            return mention  # someone named since that quote is who the pronoun means
        wanted = _PRONOUNS.get(found.text.lower())
        fits = (last_mention.kind == "person" and wanted in ("m", "f") and gender(last_mention) in (None, wanted)) \
            or (last_mention.kind in ("organisation", "document") and wanted == "it")
        return replace(last_mention, as_written=found.text) if fits else mention

    for index, span in enumerate(sentence_spans):
        sentence = text[span.start:span.end]
        masked = _mask_quotes(sentence)
        cues: list[tuple[int, Mention | None, Found | None, str]] = []
        # People and bodies named in narration can be what a later pronoun means
        # ("according to Industry Minister Ravi Chaudhry. ... he said"); cue subjects,
        # added after them, stay the most recent.
        history.mentions.extend(_narration_mentions(masked))
        for match in _CUE.finditer(masked):
            found, appositive = _subject(sentence, masked, match.start(), match.end())
            coordinated = _COORDINATED.search(_without_filler(masked[:match.start()]))
            if coordinated and cues and cues[-1][1] is not None:
                # "X said ... and called for ...": the same subject as the first verb.
                cues.append((match.start(), cues[-1][1], cues[-1][2], match.group().lower()))
                continue
            mention = _mention(found, appositive, history) if found else None
            if found is not None:
                mention = continuing(found, match.group(), mention, index)
            if mention is not None:
                history.mentions.append(mention)
            cues.append((match.start(), mention, found, match.group().lower()))
        for quote in by_sentence.get(index, []):
            start = quote.start - span.start
            # Attribution after a quote follows its last part, perhaps paragraphs later.
            last = next((s for s in sentence_spans if s.start <= quote.end <= s.end), span)
            speaker, cue = None, None
            found, post_cue = _post_quote(text[last.start:last.end], quote.end - last.start)
            if found:
                mention = continuing(found, post_cue or "", _mention(found, None, history), index)
                if mention:
                    history.mentions.append(mention)
                    speaker, cue = _speaker(mention, found), post_cue
                    last_mention, last_named = mention, len(history.mentions)
            if speaker is None:
                before = [c for c in cues if c[0] < start]
                if before:
                    _, mention, found, cue_word = before[-1]
                    cue = cue_word
                    if mention and found:
                        speaker = _speaker(mention, found)
                        last_mention, last_named = mention, len(history.mentions)
            if speaker is None and quote.form == "full" and index - last_speaker[0] <= 2:
                # A whole quote with no attribution continues the previous speaker's words.
                speaker, cue = last_speaker[1], last_speaker[2]
            form = "partial" if quote.form == "scare" and speaker is not None else quote.form
            attributed[quote.id] = replace(quote, speaker=speaker, cue=cue, form=form)
            if speaker is not None:
                last_speaker = (index, speaker, cue)
    return [attributed.get(q.id, q) for q in quotes]


def named_people(text: str) -> list[str]:
    """Name mentions of a text, sentence by sentence (for unifying short names)."""
    return list(_named_people(text))


@lru_cache(maxsize=1024)
def _named_people(text: str) -> tuple[str, ...]:
    # Asked of every version twice per story (speaker unification, pronoun checks).
    spans = find_quotes(text)
    names = []
    for span in sentences(text, spans):
        masked = _mask_quotes(text[span.start:span.end])
        names.extend(m.text for m in find_mentions(masked) if m.kind == "name")
    return tuple(names)
