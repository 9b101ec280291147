"""Judge stage: a story's quote groups turned into findings, with severity and evidence.

Severity is calibrated for a reader who sees the high findings first: high
only on strong evidence (words that turn the meaning, such as a negation, a
condition or a number, changed against a trusted rendering or the agreement
of other versions; words given to a different named person; words spliced in
from another speaker's quote).  Versions in another language than the
story's are sources: their quotes are listed, never judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from generator.model import DiffOp, Finding, Lineage, Quote, QuoteGroup, Rendering, Story, VersionSummary

from .align import align
from .compare import describe
from .drift import analyse
from .group import Prepared, StoryPlan, is_excerpt
from .identity import Identities, story_identities
from .ids import finding_id
from .language import main_language
from .lineage import beyond_excerpt, lineage_index, lineages, narration
from .normalize import key, keys
from .similarity import STOPWORDS, text_similarity
from .speaker_checks import disagreement_findings, pronoun_findings

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
NEGATIONS = frozenset({
    "not", "no", "never", "none", "nor", "neither", "nothing", "nobody", "cannot", "can't", "won't", "don't",
    "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "shouldn't", "wouldn't", "couldn't", "haven't",
    "hasn't", "hadn't", "n't",
})
"""Words that negate: a quote turns when the version has one more or one fewer ('not' for 'no' does not)."""
CONDITIONS = frozenset({"unless", "until", "if", "only", "without", "except", "provided"})
"""Words whose change turns the condition a quote sets."""
OPPOSITES = (
    frozenset({"rise", "fall"}), frozenset({"increase", "decrease"}), frozenset({"increase", "cut"}),
    frozenset({"more", "less"}), frozenset({"more", "fewer"}), frozenset({"higher", "lower"}),
    frozenset({"support", "oppose"}), frozenset({"accept", "reject"}), frozenset({"win", "lose"}),
    frozenset({"guilty", "innocent"}), frozenset({"legal", "illegal"}), frozenset({"always", "never"}),
    frozenset({"all", "none"}), frozenset({"before", "after"}), frozenset({"safe", "unsafe"}),
    frozenset({"apology", "excuse"}), frozenset({"apologies", "excuses"}), frozenset({"allow", "ban"}),
    frozenset({"open", "close"}), frozenset({"approve", "reject"}), frozenset({"temporary", "permanent"}),
    frozenset({"rule", "exclude"}), frozenset({"can", "cannot"}), frozenset({"will", "won't"}),
)
"""Pairs of words whose swap reverses a quote's meaning."""
# Pairs a rewrite swaps without changing the meaning much: counted as light changes.
_EQUIVALENT = ({"us", "united states", "america", "u.s"}, {"uk", "united kingdom", "britain"})


@dataclass(frozen=True)
class _Context:
    """What the quote findings of a story need besides the groups."""

    story: str
    """Story id."""
    references: tuple[str, ...]
    """Trusted version ids."""
    lineage_of: dict[str, Lineage]
    """Version id -> its lineage."""
    speakers_seen: dict[str, frozenset[str]]
    """Entity -> the versions that name it (as a speaker or in narration)."""
    identities: Identities
    """The story's speakers."""
    notes: dict[str, tuple[str | None, str]]
    """Where an extension's words come from: the speaker and words of another trusted quote."""
    translated: bool = False
    """True when some version is in another language than the story's: its quotes reach the others
    in translation."""
    faithful: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Copies of a trusted excerpt -> their first sentence past its end: what follows is the source's."""


def unify_speakers(plan: StoryPlan, identities: Identities | None = None) -> StoryPlan:
    """The plan with every speaker named as the story's identity model names it."""
    identities = identities or story_identities(plan.versions, plan.references)[0]

    def unified(quote: Quote) -> Quote:
        speaker = quote.speaker
        if speaker is None:
            return quote
        entity = identities.resolve(speaker)
        if entity is None:
            return quote
        return replace(quote, speaker=replace(speaker, canonical=identities.display(entity)))

    versions = tuple(Prepared(p.version, tuple(unified(q) for q in p.quotes)) for p in plan.versions)
    return replace(plan, versions=versions)


def _side(diff: tuple[DiffOp, ...], keep: str) -> str:
    return "".join(text for op, text in diff if op in ("=", keep))


def alteration_severity(rendering: Rendering) -> str:
    """high: a change that turns the meaning (a negation where its clause had none, or none where
    it had one; a condition; a number; a word for its opposite); medium: content words changed;
    low: only small words.  Judged on the real changes, not on cosmetic differences beside them."""
    changes = [change for change in rendering.changes if not change.marked]
    removed = [k for change in changes for k in keys(change.removed)]
    added = [k for change in changes for k in keys(change.added)]
    changed = set(removed) ^ set(added)
    if _numbers_of(removed) != _numbers_of(added) or _condition_turned(removed, added):
        return "high"
    if _negation_turned(_without_extension(rendering)):
        return "high"
    if any(pair <= changed for pair in OPPOSITES):
        return "high"
    for family in _EQUIVALENT:
        if " ".join(removed) in family or set(removed) <= family:
            changed -= family | {w for phrase in family for w in phrase.split()}
    content = [k for k in changed if k not in STOPWORDS]
    return "medium" if content else "low"


def _numbers_of(words: list[str]) -> list[float]:
    """The numbers among comparison keys, by value ('10am' and '10' o'clock are both 10)."""
    found = []
    for word in words:
        match = re.match(r"\d+(?:\.\d+)?", word)
        if match:
            found.append(float(match.group()))
    return sorted(found)


_PROVISO = re.compile(r"\b(?:provided(?: that)?|providing(?: that)?|as long as|so long as|on (?:the )?condition"
                      r"(?: that)?)\b")
"""One condition written several ways ("provided the lanes are built" / "as long as the lanes are built")."""


def _conditions(words: list[str]) -> set[str]:
    """The condition words among comparison keys, a proviso however it is written counted as 'provided'."""
    text = " ".join(words)
    found = set(_PROVISO.sub(" ", text).split()) & CONDITIONS
    return found | ({"provided"} if _PROVISO.search(text) else set())


def _condition_turned(removed: list[str], added: list[str]) -> bool:
    """A condition dropped, added, or swapped for another ('unless' / 'until'); not one written as a
    negation ('until this is settled' / 'as long as it is not settled'), nor one proviso written
    as another ('provided' / 'as long as' / 'on condition that')."""
    old, new = _conditions(removed), _conditions(added)
    if old and new:
        for until, proviso, words in ((old, new, added), (new, old, removed)):
            if until == {"until"} and proviso == {"provided"} and any(k in NEGATIONS or k.endswith("n't")
                                                                      for k in words):
                return False  # "until this is settled" / "as long as this is not settled"
        return old != new
    if old or new:
        negation_side = added if old else removed
        return not any(k in NEGATIONS or k.endswith("n't") for k in negation_side)
    return False


_CLAUSE = re.compile(r"[,;:.!?—–]|\b(?:but|and|or|while|whereas|because)\b", re.IGNORECASE)


def _negated(text: str) -> bool:
    return any(k in NEGATIONS or k.endswith("n't") for k in keys(text))


def _clause_at(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around the characters ``start:end`` (an empty span: the insertion point)."""
    before = _CLAUSE.split(text[:start])[-1]
    after = _CLAUSE.split(text[end:], maxsplit=1)[0]
    # Spaces between: the display diff's runs do not always keep the space at their ends.
    return f"{before} {text[start:end]} {after}"


def _without_extension(rendering: Rendering) -> tuple[DiffOp, ...]:
    """The diff less the words a version adds at either end of the quote: an extension is judged
    as one (extended_quote), not as a change of the trusted words ("They were not listened to"
    joined on before the quote negates none of them)."""
    if not rendering.extension:
        return rendering.diff
    parts = [" ".join(part.split()) for part in rendering.extension.split(" … ")]
    return tuple(op for op in rendering.diff if not (op[0] == "+" and " ".join(op[1].split()).strip(" .,;:")
                                                     and any(" ".join(op[1].split()).strip(" .,;:") in part
                                                             or part in " ".join(op[1].split())
                                                             for part in parts)))


def _negation_turned(diff: tuple[DiffOp, ...]) -> bool:
    """True when a changed place turns a negation: its clause is negated on one side only ("will
    not" / "will"), not when one negation is written as another ("not a" / "no", "sign nothing")."""
    old = new = ""
    places = []
    # Each changed place as spans of the old and the new text (a cut: an empty new span; an
    # insertion: an empty old one; a replacement: both).
    places: list[list[int]] = []
    previous = "="
    for op, text in diff:
        if op == "=":
            old += text
            new += text
        elif op == "-":
            places.append([len(old), len(old) + len(text), len(new), len(new)])
            old += text
        else:
            if previous == "-":
                places[-1][2:] = [len(new), len(new) + len(text)]
            else:
                places.append([len(old), len(old), len(new), len(new) + len(text)])
            new += text
        previous = op
    for old_start, old_end, new_start, new_end in places:
        if not (_negated(old[old_start:old_end]) or _negated(new[new_start:new_end])):
            continue
        if _negated(_clause_at(old, old_start, old_end)) != _negated(_clause_at(new, new_start, new_end)):
            return True
    return False


def _quote_findings(context: _Context, group: QuoteGroup, rendering: Rendering,
                    references: dict[str, Quote]) -> list[Finding]:
    if rendering.version in context.references:
        return []  # trusted versions are the yardstick, not judged (an earlier revision lacks later quotes)
    quote = rendering.quote
    # The person whose words were changed; for unsupported quotes, whoever the version names.
    speaker = group.speaker if (group.trusted or group.consensus) else (
        quote.speaker.canonical if quote and quote.speaker else None)
    found: list[Finding] = []

    def add(kind: str, severity: str, explanation: str, reference_text: str, version_text: str,
            diff: tuple[DiffOp, ...] = (), reference_version: str | None = rendering.against) -> None:
        found.append(Finding(finding_id(context.story, rendering.version, kind, version_text or reference_text), kind,
                             severity, rendering.version, speaker, reference_version, reference_text, version_text,
                             explanation, diff, group.id))

    if rendering.status == "omitted" and group.trusted:
        trusted = group.trusted
        if trusted.form != "scare" and len(keys(trusted.text)) >= 3:
            add("omitted_quote", "low", f"leaves out {group.speaker or 'the'} quote '{trusted.text}'",
                trusted.text, "", reference_version=trusted.version)
        return found
    if quote is None or rendering.status in ("reference", "verbatim", "cosmetic", "partial"):
        return found
    if rendering.status in ("unsupported", "consensus"):
        if _reportable_unsupported(context, group, rendering):
            add("unsupported_quote", "medium",
                f"no trusted version has the quoted words '{_shorten(quote.text)}', and no other source "
                f"quotes {quote.speaker.canonical if quote.speaker else 'anyone'} at all", "", quote.text)
        return found
    basis = references.get(rendering.against or "") or group.consensus
    if basis is None:
        return found
    if not group.trusted and not _clear_consensus(context, group, rendering):
        return found  # one source against another: which one has the words right stays open
    against = ("the reference" if group.trusted else
               f"{len([v for v in group.supporters if v != rendering.version])} other versions")
    reference_text = _side(rendering.diff, "-")
    if rendering.status == "misattributed" and len(keys(quote.text)) >= 3:
        named = (basis.speaker and quote.speaker and basis.speaker.kind == quote.speaker.kind == "person")
        add("misattributed_quote", "high" if named else "medium",
            f"gives the words to {quote.speaker.canonical}; {against} give{'s' if group.trusted else ''} them "
            f"to {basis.speaker.canonical}", basis.text, quote.text)
    unmarked = [change for change in rendering.changes if not change.marked]
    severity = alteration_severity(rendering) if unmarked else ""
    if unmarked and (severity == "high" or not _independent_translation(context, rendering)):
        prefix = "" if group.trusted else f"against the wording of {against}: "
        add("altered_quote", severity, prefix + "; ".join(describe(c) for c in unmarked),
            reference_text, quote.text, rendering.diff)
    source = context.notes.get(f"{quote.id}:source")
    if rendering.extension and (source or (_copies_its_basis(context, rendering)
                                           and not _extension_supported(context, group, rendering))):
        explanation = f"adds '{rendering.extension}', which {against} {'does' if group.trusted else 'do'} not have " \
                      "in this quote"
        spliced = False
        if source:
            source_speaker, source_text = source
            explanation += f" (the reference has these words from {source_speaker or 'another quote'}: '{source_text}')"
            # Words of another speaker spliced in put them in this speaker's mouth: high; two quotes
            # of one speaker joined into one are an extension of lesser weight.
            spliced = source_speaker is not None and source_speaker != speaker
        add("extended_quote", "high" if spliced else "medium", explanation, reference_text, quote.text, rendering.diff)
    if rendering.status == "truncated":
        add("truncated_quote", "medium",
            f"presented as a whole quote but stops short, leaving out '{_shorten(rendering.cut)}', "
            "which turns what it says", basis.text, quote.text, rendering.diff)
    return found


def _clear_consensus(context: _Context, group: QuoteGroup, rendering: Rendering) -> bool:
    """True when the wording a version departs from is clearly the agreed one: versions of two
    lineages besides its own agree on it, or its own source (a version of its lineage closer to
    the source) does.  Two reports that quote one speech differently, each consistently through
    its copies, are two sources, not a misquote."""
    mine = context.lineage_of.get(rendering.version)
    others = {context.lineage_of[v].id for v in group.supporters
              if v in context.lineage_of and context.lineage_of[v] is not mine}
    if len(others) >= 2:
        return True
    if mine is None:
        return False
    rank = {member: index for index, member in enumerate(mine.members)}
    return any(v in rank and rank[v] < rank.get(rendering.version, 0) for v in group.supporters)


def _independent_translation(context: _Context, rendering: Rendering) -> bool:
    """True when the words were translated by another hand than the trusted words: the story's
    original is in another language and the version does not descend from the version it is judged
    against.  Two translators word one sentence two ways; only a turned meaning is a finding."""
    if not context.translated:
        return False
    mine = context.lineage_of.get(rendering.version)
    basis = context.lineage_of.get(rendering.against or "")
    return mine is None or mine is not basis


def _copies_its_basis(context: _Context, rendering: Rendering) -> bool:
    """True when a version descends from the version its quote is judged against: words it adds to
    the quote were added by it.  An independent report that quotes more of a speech heard the speech."""
    mine = context.lineage_of.get(rendering.version)
    basis = context.lineage_of.get(rendering.against or "")
    return mine is not None and mine is basis


def _extension_supported(context: _Context, group: QuoteGroup, rendering: Rendering) -> bool:
    """True when other versions quote the added words too: the fuller quote of another source
    (or of two copies of the trusted one), not words padded in."""
    extra = [k for k in keys(rendering.extension) if k not in STOPWORDS] or keys(rendering.extension)
    mine = context.lineage_of.get(rendering.version)

    def holds(text: str) -> bool:
        theirs = set(keys(text))
        return sum(k in theirs for k in extra) >= 0.6 * len(extra)

    holders = [r.version for r in group.renderings
               if r.version != rendering.version and r.quote and holds(r.quote.text)]
    if any(context.lineage_of.get(v) is not mine for v in holders):
        return True
    trusted_lineage = mine is not None and any(m in context.references for m in mine.members)
    return trusted_lineage and len(holders) >= 1


def _reportable_unsupported(context: _Context, group: QuoteGroup, rendering: Rendering) -> bool:
    """An unsupported quote is worth reporting only in the version that brought it in, and only
    when nothing else in the story vouches for its speaker: a real speaker's further words are
    usually from a part of the event the trusted copy leaves out, an invented expert is not."""
    quote = rendering.quote
    if quote is None or quote.form == "scare" or len(keys(quote.text)) <= 3 or quote.speaker is None:
        return False
    if rendering.version in context.faithful and quote.start >= context.faithful[rendering.version][1]:
        return False  # past the end of the trusted excerpt, in a word-for-word copy of it: the source's words
    holders = group.supporters or (rendering.version,)
    lineages = {context.lineage_of[v].id for v in holders if v in context.lineage_of}
    if len(lineages) > 1 or any(v in context.references for v in holders):
        return False  # several sources agree on the words
    lineage = context.lineage_of.get(rendering.version)
    if lineage is not None:
        if len(holders) > 1 and any(member in context.references for member in lineage.members):
            return False  # copies of the trusted version agree on what its excerpt cut off
        introducer = min(holders, key=lambda v: lineage.members.index(v) if v in lineage.members else 99)
        if rendering.version != introducer:
            return False  # only the version that brought the words in
    entity = context.identities.resolve(quote.speaker)
    if entity is None:
        return False
    # The speaker, or the body it speaks for, named by another source vouches for it.
    vouching = [name for name in context.speakers_seen
                if context.identities.relation_of(entity, name) in ("same", "related")]
    outside = {v for name in vouching for v in context.speakers_seen[name]
               if lineage is None or v not in lineage.members}
    return not outside


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def _sources(groups: tuple[QuoteGroup, ...]) -> dict[str, tuple[str | None, str]]:
    """Where an extension's words were taken from: another trusted quote."""
    notes: dict[str, tuple[str | None, str]] = {}
    for group in groups:
        for rendering in group.renderings:
            extra = rendering.extension if rendering.quote and group.trusted else ""
            if len(keys(extra)) < 3:
                continue
            extra_key = key(extra)
            for other in groups:
                if other is group or other.trusted is None:
                    continue
                if _shares_words(extra_key, key(other.trusted.text)):
                    notes[f"{rendering.quote.id}:source"] = (other.speaker, other.trusted.text)
                    break
    return notes


def _shares_words(extra: str, other: str) -> bool:
    extra_words = [w for w in extra.split() if w not in STOPWORDS]
    other_words = set(other.split())
    return len(extra_words) >= 2 and sum(w in other_words for w in extra_words) / len(extra_words) >= 0.6


def faithful_copies(plan: StoryPlan) -> dict[str, tuple[int, int]]:
    """Versions that hold a trusted excerpt word for word and go on past its end: version id -> the
    index and the character offset of their first sentence past it."""
    excerpts = [narration(p.version) for p in plan.versions
                if p.version.id in plan.references and is_excerpt(p.version)]
    found = {}
    for prepared in plan.versions:
        if prepared.version.id in plan.references:
            continue
        ends = [beyond_excerpt(excerpt, narration(prepared.version)) for excerpt in excerpts]
        ends = [end for end in ends if end is not None]
        if ends:
            found[prepared.version.id] = min(ends)
    return found


def story_lineages(plan: StoryPlan) -> tuple[Lineage, ...]:
    """The lineages of all a story's versions (other languages included, each apart)."""
    items = [narration(p.version, p.version.language) for p in plan.versions]
    return lineages(items, plan.references)


def in_language(plan: StoryPlan) -> tuple[StoryPlan, str | None]:
    """The plan with only the versions in the story's main language (or of unknown language),
    and that language."""
    languages = {p.version.id: p.version.language for p in plan.versions}
    main = main_language(languages, plan.references)
    kept = tuple(p for p in plan.versions if main is None or p.version.language in (main, None))
    return replace(plan, versions=kept, references=tuple(r for r in plan.references
                                                          if any(p.version.id == r for p in kept))), main


def judge_story(plan: StoryPlan) -> Story:
    """Align and judge one story."""
    found_lineages = story_lineages(plan)
    judged, _ = in_language(plan)
    identities, seen = story_identities(judged.versions, judged.references)
    judged = unify_speakers(judged, identities)
    groups = align(judged, identities)
    faithful = faithful_copies(judged)
    translated = len(judged.versions) < len(plan.versions)
    context = _Context(plan.id, judged.references, lineage_index(found_lineages), seen, identities, _sources(groups),
                       translated, faithful)
    findings: list[Finding] = []
    for group in groups:
        trusted = {r.version: r.quote for r in group.renderings if r.status == "reference" and r.quote}
        for rendering in group.renderings:
            findings.extend(_quote_findings(context, group, rendering, trusted))
    findings, invented = _one_per_invented_speaker(findings)
    findings.extend(pronoun_findings(plan.id, groups, {p.version.id: p.version.text for p in judged.versions},
                                     judged.references))
    findings.extend(disagreement_findings(plan.id, groups, identities))
    facts, drift_findings = analyse(judged, context.lineage_of, faithful, invented)
    findings.extend(drift_findings)
    order = {p.version.id: i for i, p in enumerate(plan.versions)}
    findings = _unique_ids(sorted(findings, key=lambda f: (
        order[f.version], SEVERITY_ORDER[f.severity], f.kind, f.version_text or f.reference_text)))
    quotes_of = {p.version.id: p.quotes for p in judged.versions}
    first_reference = plan.versions[0].version
    summaries = tuple(
        VersionSummary(p.version, "reference" if p.version.id in plan.references else "version",
                       round(text_similarity(first_reference.text, p.version.text), 2),
                       quotes_of.get(p.version.id, p.quotes))
        for p in plan.versions
    )
    return Story(plan.id, plan.title, plan.references, plan.reason, summaries, groups, tuple(findings), plan.notes,
                 facts, lineages=found_lineages)


def _one_per_invented_speaker(findings: list[Finding]) -> tuple[list[Finding], dict[str, frozenset[str]]]:
    """One unsupported_quote per speaker that only one version quotes: a speaker no other source
    knows (an expert an AI rewrite made up) is one thing to check, however many quotes they get.
    Also, per version, those speakers."""
    counts: dict[tuple[str, str], int] = {}
    for finding in findings:
        if finding.kind == "unsupported_quote" and finding.speaker:
            counts[(finding.version, finding.speaker)] = counts.get((finding.version, finding.speaker), 0) + 1
    kept, seen = [], set()
    for finding in findings:
        key = (finding.version, finding.speaker or "")
        if finding.kind == "unsupported_quote" and key in counts:
            if key in seen:
                continue
            seen.add(key)
            if counts[key] > 1:
                finding = replace(finding, explanation=f"{finding.explanation} (the first of {counts[key]} such "
                                                       f"quotes of {finding.speaker} in this version)")
        kept.append(finding)
    invented: dict[str, set[str]] = {}
    for version, speaker in counts:
        invented.setdefault(version, set()).add(speaker)
    return kept, {version: frozenset(names) for version, names in invented.items()}


def _unique_ids(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    seen: dict[str, int] = {}
    unique = []
    for finding in findings:
        count = seen.get(finding.id, 0) + 1
        seen[finding.id] = count
        unique.append(finding if count == 1 else replace(finding, id=f"{finding.id}-{count}"))
    return tuple(unique)
