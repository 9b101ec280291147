"""A story's headline numbers and its most serious finding, as the home page
and the story page state them."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Finding, Story

from .labels import (
    ALTERED_STATUSES,
    FACT_DRIFT_KINDS,
    TAG_VOCABULARY,
    finding_rank,
    kind_tag,
    severity_tag,
)
from .verdicts import SETTLED, effective_severity


@dataclass(frozen=True)
class Headline:
    """The numbers a reader sees first."""

    versions: int
    """Versions compared."""
    quotes: int
    """Quotes tracked (quote groups)."""
    altered: int
    """Quotes whose words or speaker changed in at least one version."""
    misattributions: int
    """Misattributed-quote findings."""
    factual_drifts: int
    """Number, date, title and name drift findings."""
    findings: int
    """All findings."""
    worst: Finding | None
    """The most serious finding (severity, then kind, then version and id)."""


def headline(story: Story) -> Headline:
    """Count what the home page and the story summary report."""
    altered = sum(
        1
        for group in story.groups
        if any(rendering.status in ALTERED_STATUSES for rendering in group.renderings)
    )
    return Headline(
        versions=len(story.versions),
        quotes=len(story.groups),
        altered=altered,
        misattributions=sum(1 for f in story.findings if f.kind == "misattributed_quote"),
        factual_drifts=sum(1 for f in story.findings if f.kind in FACT_DRIFT_KINDS),
        findings=len(story.findings),
        worst=most_serious(story.findings),
    )


def most_serious(findings: tuple[Finding, ...]) -> Finding | None:
    """The finding to name first, by the reviewer's severity where one was set;
    None when there are none, or when reviewers found every one acceptable."""
    standing = [f for f in findings if not (f.verdict and f.verdict.verdict in SETTLED)]
    if not standing:
        return None
    return min(standing, key=lambda f: (*finding_rank(effective_severity(f), f.kind), f.version, f.id))


def story_tags(story: Story) -> list[str]:
    """Tags for a page carrying these findings: their kinds and severities, from
    the fixed vocabulary only, in vocabulary order."""
    return finding_tags(story.findings)


def finding_tags(findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    """Kind and severity tags of ``findings`` (fixed vocabulary, deterministic order)."""
    kinds = {tag for tag in (kind_tag(f.kind) for f in findings) if tag}
    severities = {severity_tag(f.severity) for f in findings}
    ordered_kinds = sorted(kinds, key=_vocabulary_index)
    return ordered_kinds + sorted(severities, key=_vocabulary_index)


def _vocabulary_index(tag: str) -> int:
    return TAG_VOCABULARY.index(tag) if tag in TAG_VOCABULARY else len(TAG_VOCABULARY)
