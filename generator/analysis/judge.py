"""Judge stage: a story's quote groups turned into findings, with severity and evidence."""

from __future__ import annotations

from dataclasses import replace

from generator.model import DiffOp, Finding, Quote, QuoteGroup, Rendering, Story, VersionSummary

from .align import align
from .attribute import named_people
from .compare import describe
from .drift import analyse
from .group import Prepared, StoryPlan
from .ids import finding_id
from .normalize import key, keys
from .similarity import STOPWORDS, text_similarity
from .speaker_checks import disagreement_findings, pronoun_findings, wording_findings
from .speakers import Registry, parse_mention

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
_NEGATIONS = frozenset({"not", "no", "never", "none", "nor", "cannot", "can't", "won't", "don't", "isn't", "wasn't"})
# Pairs a rewrite swaps without changing the meaning much: counted as light changes.
_EQUIVALENT = ({"us", "united states", "america", "u.s"}, {"uk", "united kingdom", "britain"})


def unify_speakers(plan: StoryPlan) -> StoryPlan:
    """The plan with every speaker named the same way across all versions."""
    mentions = [parse_mention(q.speaker.as_written) for p in plan.versions for q in p.quotes
                if q.speaker and not q.speaker.via_pronoun]
    # Full names also come from narration ("Michael Kratsios, who served as ..."),
    # so a later "Kratsios said" is unified with them.
    mentions += [parse_mention(name) for p in plan.versions for name in named_people(p.version.text)]
    registry = Registry.build(mentions)

    def unified(quote: Quote) -> Quote:
        speaker = quote.speaker
        if speaker is None or speaker.kind != "person" or speaker.speaks_for:
            return quote
        if speaker.via_pronoun:
            return replace(quote, speaker=replace(speaker, canonical=registry.person(speaker.canonical)))
        canonical = registry.canonical(parse_mention(speaker.as_written))
        return replace(quote, speaker=replace(speaker, canonical=canonical.canonical))

    versions = tuple(Prepared(p.version, tuple(unified(q) for q in p.quotes)) for p in plan.versions)
    return replace(plan, versions=versions)


def _side(diff: tuple[DiffOp, ...], keep: str) -> str:
    return "".join(text for op, text in diff if op in ("=", keep))


def _alteration_severity(rendering: Rendering) -> str:
    removed = [k for op, text in rendering.diff if op == "-" for k in keys(text)]
    added = [k for op, text in rendering.diff if op == "+" for k in keys(text)]
    changed = set(removed) ^ set(added)
    if changed & _NEGATIONS or any(k[:1].isdigit() for k in changed):
        return "high"
    for family in _EQUIVALENT:
        if " ".join(removed) in family or set(removed) <= family:
            changed -= family | {w for phrase in family for w in phrase.split()}
    content = [k for k in changed if k not in STOPWORDS]
    if len(content) >= 3:
        return "high"
    return "medium" if content else "low"


def _quote_findings(story: str, group: QuoteGroup, rendering: Rendering, references: dict[str, Quote],
                    extensions: dict[str, str]) -> list[Finding]:
    quote = rendering.quote
    # The person whose words were changed; for unsupported quotes, whoever the version names.
    speaker = group.speaker if group.trusted else (quote.speaker.canonical if quote and quote.speaker else None)
    found: list[Finding] = []

    def add(kind: str, severity: str, explanation: str, reference_text: str, version_text: str,
            diff: tuple[DiffOp, ...] = (), reference_version: str | None = rendering.against) -> None:
        found.append(Finding(finding_id(story, rendering.version, kind, version_text or reference_text), kind,
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
    if rendering.status == "unsupported":
        severity = "low" if quote.form == "scare" or len(keys(quote.text)) <= 3 else "medium"
        explanation = f"no trusted version has the quoted words '{_shorten(quote.text)}'"
        elsewhere = extensions.get(quote.id)
        if elsewhere:
            severity, explanation = "low", explanation + f"; {elsewhere} has them too"
        if extensions.get("reference cut short"):
            explanation += " (the reference copy ends early, so they may come from its missing part)"
        add("unsupported_quote", severity, explanation, "", quote.text)
        return found
    trusted = references[rendering.against]
    reference_text = _side(rendering.diff, "-")
    if rendering.status == "misattributed":
        add("misattributed_quote", "high",
            f"gives the words to {quote.speaker.canonical}; the reference gives them to {trusted.speaker.canonical}",
            trusted.text, quote.text)
    unmarked = [change for change in rendering.changes if not change.marked]
    if unmarked:
        add("altered_quote", _alteration_severity(rendering), "; ".join(describe(c) for c in unmarked),
            reference_text, quote.text, rendering.diff)
    if rendering.extension:
        source = extensions.get(f"{quote.id}:source")
        explanation = f"adds '{rendering.extension}', which the reference does not have in this quote"
        if source:
            explanation += f" (the reference has these words from {source})"
        add("extended_quote", "high" if len(keys(rendering.extension)) >= 5 or source else "medium", explanation,
            reference_text, quote.text, rendering.diff)
    if rendering.status == "truncated":
        add("truncated_quote", "medium",
            f"presented as a whole quote but stops short, leaving out '{_shorten(rendering.cut)}'",
            trusted.text, quote.text, rendering.diff)
    return found


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def _sources(groups: tuple[QuoteGroup, ...]) -> dict[str, str]:
    """Notes that sharpen explanations: who else has an unsupported quote, and
    which trusted quote an extension's words were taken from."""
    notes: dict[str, str] = {}
    for group in groups:
        holders = [r for r in group.renderings if r.status == "unsupported" and r.quote]
        for rendering in holders:
            others = sorted({r.version for r in holders if r.version != rendering.version})
            if others:
                notes[rendering.quote.id] = ", ".join(others)
        for rendering in group.renderings:
            extra = rendering.extension if rendering.quote and group.trusted else ""
            if len(keys(extra)) < 3:
                continue
            extra_key = key(extra)
            for other in groups:
                if other is group or other.trusted is None:
                    continue
                if _shares_words(extra_key, key(other.trusted.text)):
                    notes[f"{rendering.quote.id}:source"] = f"{other.speaker or 'another speaker'}: '{other.trusted.text}'"
                    break
    return notes


def _shares_words(extra: str, other: str) -> bool:
    extra_words = [w for w in extra.split() if w not in STOPWORDS]
    other_words = set(other.split())
    return len(extra_words) >= 2 and sum(w in other_words for w in extra_words) / len(extra_words) >= 0.6


def judge_story(plan: StoryPlan) -> Story:
    """Align and judge one story."""
    plan = unify_speakers(plan)
    groups = align(plan)
    notes = _sources(groups)
    if plan.reference_cut_short:
        notes["reference cut short"] = "yes"
    findings: list[Finding] = []
    for group in groups:
        trusted = {r.version: r.quote for r in group.renderings if r.status == "reference" and r.quote}
        for rendering in group.renderings:
            findings.extend(_quote_findings(plan.id, group, rendering, trusted, notes))
    findings.extend(pronoun_findings(plan.id, groups, {p.version.id: p.version.text for p in plan.versions},
                                     plan.references))
    findings.extend(disagreement_findings(plan.id, groups))
    findings.extend(wording_findings(plan.id, groups))
    facts, drift_findings = analyse(plan)
    findings.extend(drift_findings)
    order = {p.version.id: i for i, p in enumerate(plan.versions)}
    findings = _unique_ids(sorted(findings, key=lambda f: (
        order[f.version], SEVERITY_ORDER[f.severity], f.kind, f.version_text or f.reference_text)))
    first_reference = plan.versions[0].version
    summaries = tuple(
        VersionSummary(p.version, "reference" if p.version.id in plan.references else "version",
                       round(text_similarity(first_reference.text, p.version.text), 2), p.quotes)
        for p in plan.versions
    )
    return Story(plan.id, plan.title, plan.references, plan.reason, summaries, groups, tuple(findings), plan.notes,
                 facts)


def _unique_ids(findings: list[Finding]) -> tuple[Finding, ...]:
    seen: dict[str, int] = {}
    unique = []
    for finding in findings:
        count = seen.get(finding.id, 0) + 1
        seen[finding.id] = count
        unique.append(finding if count == 1 else replace(finding, id=f"{finding.id}-{count}"))
    return tuple(unique)
