"""Checks across versions where no trusted rendering decides, or where a pronoun does.

A pronoun that points to someone else ("he told the BBC" where the story
calls the speaker "she"), and versions that disagree about a quote no trusted
version has: about who said it (a document's words put in a person's mouth)
or about its words.  Disagreements carry a lower severity and show both sides.
"""

from __future__ import annotations

from generator.model import Finding, QuoteGroup, Speaker

from .attribute import named_people
from .compare import compare, describe
from .ids import finding_id
from .speakers import KNOWN_PARENTS, compatible, parse_mention

_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_HONORIFIC_GENDER = {"ms": "f", "mrs": "f", "miss": "f", "dame": "f", "lady": "f", "mr": "m", "sir": "m",
                     "lord": "m"}


def _gender_evidence(speaker: Speaker) -> str | None:
    words = speaker.as_written.lower().replace(".", "").split()
    if speaker.via_pronoun and words and words[0] in _PRONOUN_GENDER:
        return _PRONOUN_GENDER[words[0]]
    return next((_HONORIFIC_GENDER[w] for w in words if w in _HONORIFIC_GENDER), None)


def _honorific_genders(texts: dict[str, str]) -> dict[str, set[str]]:
    """Surname -> genders that titles such as Ms or Sir give it anywhere in the story."""
    found: dict[str, set[str]] = {}
    for text in texts.values():
        for name in named_people(text):
            mention = parse_mention(name)
            honorific = (mention.honorific or "").lower().rstrip(".")
            if mention.name and honorific in _HONORIFIC_GENDER:
                found.setdefault(mention.name.split()[-1].lower(), set()).add(_HONORIFIC_GENDER[honorific])
    return found


def pronoun_findings(story: str, groups: tuple[QuoteGroup, ...], texts: dict[str, str],
                     references: tuple[str, ...]) -> list[Finding]:
    """A pronoun whose gender contradicts how the story refers to the same speaker: the
    trusted versions' pronouns settle it, else a title such as Ms or Sir anywhere, else the
    pronouns of most versions.  Trusted versions themselves are not judged."""
    titles = _honorific_genders(texts)
    pronouns: dict[str, dict[str, set[str]]] = {}
    trusted: dict[str, set[str]] = {}
    for group in groups:
        for rendering in group.renderings:
            speaker = rendering.quote.speaker if rendering.quote else None
            gender = _gender_evidence(speaker) if speaker else None
            if speaker and gender:
                pronouns.setdefault(speaker.canonical, {}).setdefault(gender, set()).add(rendering.version)
                if rendering.version in references:
                    trusted.setdefault(speaker.canonical, set()).add(gender)
    findings = []
    for group in groups:
        for rendering in group.renderings:
            quote = rendering.quote
            if not quote or not quote.speaker or not quote.speaker.via_pronoun or rendering.version in references:
                continue
            gender = _gender_evidence(quote.speaker)
            if gender is None:
                continue
            settled = trusted.get(quote.speaker.canonical) or \
                titles.get(quote.speaker.canonical.split()[-1].lower(), set())
            votes = {g: len(v) for g, v in pronouns.get(quote.speaker.canonical, {}).items()}
            if settled:
                if gender in settled or len(settled) > 1:
                    continue
                expected = next(iter(settled))
                why = ("the trusted version calls {name} '{pronoun}'" if trusted.get(quote.speaker.canonical)
                       else "elsewhere the story gives {name} a title (such as Ms or Sir) that makes them '{pronoun}'")
            else:
                expected = max(votes, key=lambda g: (votes[g], g))
                if expected == gender or votes.get(expected, 0) <= votes.get(gender, 0):
                    continue
                why = "most versions call {name} '{pronoun}'"
            pronoun = quote.speaker.as_written
            findings.append(Finding(
                finding_id(story, rendering.version, "misattributed_quote", "pronoun|" + quote.text),
                "misattributed_quote", "medium", rendering.version, quote.speaker.canonical, None, "", quote.text,
                f"'{pronoun}' points to someone else: "
                + why.format(name=quote.speaker.canonical, pronoun="she" if expected == "f" else "he"),
                (), group.id))
    return findings


def disagreement_findings(story: str, groups: tuple[QuoteGroup, ...]) -> list[Finding]:
    """Versions that give the same untrusted words to different speakers (lower severity)."""
    findings = []
    for group in groups:
        if group.trusted is not None:
            continue
        named = [r for r in group.renderings if r.quote and r.quote.speaker]
        if len(named) < 2:
            continue
        first = named[0]
        for rendering in named[1:]:
            if rendering.version == first.version:
                continue
            mine, theirs = rendering.quote.speaker, first.quote.speaker
            if compatible(mine, theirs, KNOWN_PARENTS):
                continue
            document = theirs.kind in ("document", "organisation") and mine.kind == "person"
            explanation = (f"gives the words to {mine.canonical}; {first.version} gives them to {theirs.canonical}"
                           + (f" ({theirs.kind} words put in a person's mouth)" if document else "")
                           + "; no trusted version has the quote to settle it")
            findings.append(Finding(
                finding_id(story, rendering.version, "misattributed_quote", "disagree|" + rendering.quote.text),
                "misattributed_quote", "medium" if document else "low", rendering.version, mine.canonical, None, "",
                rendering.quote.text, explanation, (), group.id))
    return findings


def wording_findings(story: str, groups: tuple[QuoteGroup, ...]) -> list[Finding]:
    """Versions that quote the same untrusted words differently."""
    findings = []
    for group in groups:
        if group.trusted is not None:
            continue
        quoted = [r for r in group.renderings if r.quote]
        first = quoted[0] if quoted else None
        for rendering in quoted[1:]:
            if rendering.version == first.version:
                continue
            comparison = compare(first.quote, rendering.quote)
            changes = [c for c in comparison.changes if not c.marked] if comparison else []
            if not changes:
                continue
            findings.append(Finding(
                finding_id(story, rendering.version, "altered_quote", "disagree|" + rendering.quote.text),
                "altered_quote", "low", rendering.version, group.speaker, first.version, first.quote.text,
                rendering.quote.text,
                f"versions disagree, and no trusted version has the quote: against {first.version}, "
                + "; ".join(describe(c) for c in changes), comparison.diff, group.id))
    return findings
