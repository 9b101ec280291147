"""Checks across versions where no trusted rendering decides, or where a pronoun does.

A pronoun of the wrong gender ("he told the BBC" where the story calls the
speaker "she": a reader may take the words for someone else's), and versions that disagree about a quote no trusted
version has: about who said it (a document's words put in a person's mouth)
or about its words.  Disagreements carry a lower severity and show both sides.
"""

from __future__ import annotations

from generator.model import Finding, QuoteGroup, Speaker

from .attribute import named_people
from .identity import Identities
from .ids import finding_id
from .speakers import parse_mention

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
                why = ("whom the trusted version calls '{pronoun}'" if trusted.get(quote.speaker.canonical)
                       else "whom a title elsewhere in the story (such as Ms or Sir) makes '{pronoun}'")
            else:
                expected = max(votes, key=lambda g: (votes[g], g))
                if expected == gender or votes.get(expected, 0) <= votes.get(gender, 0):
                    continue
                why = "whom most versions call '{pronoun}'"
            pronoun = quote.speaker.as_written
            # The pronoun still points at the same person, written with the wrong gender (a common
            # slip of machine translation): worth showing, but it puts the words in no one else's mouth.
            findings.append(Finding(
                finding_id(story, rendering.version, "misattributed_quote", "pronoun|" + quote.text),
                "misattributed_quote", "low", rendering.version, quote.speaker.canonical, None, "", quote.text,
                f"'{pronoun}' for {quote.speaker.canonical}, "
                + why.format(pronoun="she" if expected == "f" else "he")
                + ": a reader may take the words for someone else's",
                (), group.id))
    return findings


def disagreement_findings(story: str, groups: tuple[QuoteGroup, ...], identities: Identities) -> list[Finding]:
    """Versions that give words no trusted version settles to a speaker who cannot be the one
    the other versions agree on.  With no speaker two versions or more agree on, nothing is said:
    one version against another is no evidence either way."""
    findings = []
    for group in groups:
        trusted_speaker = group.trusted.speaker if group.trusted else None
        if trusted_speaker is not None and identities.resolve(trusted_speaker) is not None:
            continue  # a trusted rendering settles who said it (see align)
        named = [r for r in group.renderings
                 if r.quote and r.quote.speaker and not r.quote.speaker.via_pronoun
                 and identities.resolve(r.quote.speaker) is not None]
        findings.extend(_pronoun_for_a_thing(story, group, named, identities))
        agreed = _agreed_speaker(named, identities)
        if agreed is None:
            continue
        speaker, holders = agreed
        for rendering in named:
            mine = rendering.quote.speaker
            if rendering.version in holders or identities.relation(mine, speaker) != "different":
                continue
            people = mine.kind == "person" and speaker.kind == "person"
            others = len(holders)
            explanation = (f"gives the words to {mine.canonical}; {others} other versions give them to "
                           f"{speaker.canonical}" + (f" ({speaker.kind} words put in a person's mouth)"
                                                     if speaker.kind in ("document", "organisation")
                                                     and mine.kind == "person" else ""))
            findings.append(Finding(
                finding_id(story, rendering.version, "misattributed_quote", "disagree|" + rendering.quote.text),
                "misattributed_quote", "high" if people else "medium", rendering.version, mine.canonical, None,
                "", rendering.quote.text, explanation, (), group.id))
    return findings


def _pronoun_for_a_thing(story: str, group: QuoteGroup, named: list, identities: Identities) -> list[Finding]:
    """'He said' for words every version that names their source gives to a document or a body
    ("It said" turned into "He said" by a translation): a person cannot be a document."""
    things = [r for r in named if r.quote.speaker.kind in ("document", "organisation")]
    if not things or len(things) != len(named):
        return []
    source = things[0].quote.speaker
    if any(identities.relation(source, r.quote.speaker) not in ("same", "related") for r in things[1:]):
        return []
    found = []
    for rendering in group.renderings:
        speaker = rendering.quote.speaker if rendering.quote else None
        if speaker is None or not speaker.via_pronoun or speaker.kind != "person" or \
                speaker.as_written.lower() not in ("he", "she", "him", "her"):
            continue
        if any(r.version == rendering.version for r in things):
            continue
        found.append(Finding(
            finding_id(story, rendering.version, "misattributed_quote", "disagree|" + rendering.quote.text),
            "misattributed_quote", "medium", rendering.version, speaker.canonical, things[0].version, "",
            rendering.quote.text,
            f"'{speaker.as_written}' gives the words to {speaker.canonical}, a person; "
            f"{things[0].version} gives them to {source.canonical} ({source.kind} words put in a person's mouth)",
            (), group.id))
    return found


def _agreed_speaker(named: list, identities: Identities) -> tuple[Speaker, set[str]] | None:
    """The speaker most versions give the words to (two at least, more than any other), and those versions."""
    clusters: list[tuple[Speaker, set[str]]] = []
    for rendering in named:
        speaker = rendering.quote.speaker
        for first, versions in clusters:
            if identities.relation(first, speaker) in ("same", "related"):
                versions.add(rendering.version)
                break
        else:
            clusters.append((speaker, {rendering.version}))
    if not clusters:
        return None
    ranked = sorted(clusters, key=lambda c: -len(c[1]))
    if len(ranked[0][1]) < 2 or (len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1])):
        return None
    return ranked[0]
