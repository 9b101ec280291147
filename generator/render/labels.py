"""The words and symbols the pages use for statuses, severities and finding kinds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class StatusLabel:
    """How a rendering status is shown."""

    symbol: str
    """A glyph that tells statuses apart at a glance (never the only cue)."""
    word: str
    """The status in words."""
    meaning: str
    """One line for the legend."""


STATUS_LABELS: dict[str, StatusLabel] = {
    "reference": StatusLabel(
        "★", "reference", "the trusted rendering the others are compared with"
    ),
    "verbatim": StatusLabel("✓", "verbatim", "the same words as the trusted rendering"),
    "cosmetic": StatusLabel(
        "≈", "cosmetic", "differs only in quotation marks, spelling variants, case or spacing"
    ),
    "partial": StatusLabel("◐", "partial", "quotes part of the trusted rendering, openly"),
    "altered": StatusLabel("✎", "altered", "words inside the quotation marks were changed"),
    "truncated": StatusLabel(
        "✂", "truncated", "stops short of the trusted rendering without an ellipsis"
    ),
    "extended": StatusLabel("⊕", "extended", "carries words the trusted rendering does not have"),
    "misattributed": StatusLabel("⇄", "misattributed", "the words are given to someone else"),
    "unsupported": StatusLabel("?", "unsupported", "no trusted rendering has these words"),
    "omitted": StatusLabel("—", "omitted", "this version leaves the quote out"),
}
"""Every rendering status, in legend order."""

UNKNOWN_STATUS = StatusLabel("·", "unknown", "a status this version of Verbatim does not know")

SEVERITY_ORDER: tuple[str, ...] = ("high", "medium", "low")
"""Severities, most serious first."""

FINDING_KIND_WORDS: dict[str, str] = {
    "altered_quote": "altered quote",
    "truncated_quote": "truncated quote",
    "extended_quote": "extended quote",
    "misattributed_quote": "misattributed quote",
    "unsupported_quote": "unsupported quote",
    "omitted_quote": "omitted quote",
    "number_drift": "number drift",
    "date_drift": "date drift",
    "title_drift": "title drift",
    "name_drift": "name drift",
    "unsupported_claim": "unsupported claim",
}


def status_label(status: str) -> StatusLabel:
    """Label of a rendering status (a fallback for statuses added later)."""
    return STATUS_LABELS.get(status, UNKNOWN_STATUS)


def status_badge(status: str) -> str:
    """Inline HTML for a status: symbol and word, with a class for colour."""
    label = status_label(status)
    return (
        f'<span class="vb-status vb-status--{label.word}">'
        f'<span aria-hidden="true">{label.symbol}</span> {label.word}</span>'
    )


def severity_badge(severity: str) -> str:
    """Inline HTML for a severity, with a class for colour."""
    word = severity if severity in SEVERITY_ORDER else "unknown"
    return f'<span class="vb-severity vb-severity--{word}">{word}</span>'


def kind_words(kind: str) -> str:
    """A finding kind in words (unknown kinds are shown with spaces for underscores)."""
    return FINDING_KIND_WORDS.get(kind, "".join(c if c.isalnum() else " " for c in kind))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 version``, ``2 versions``."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"


def percentage(value: float) -> str:
    """A 0..1 value as a whole percentage, clamped to 0..100."""
    return f"{round(max(0.0, min(1.0, value)) * 100)}%"


def severity_summary(severities: Sequence[str]) -> str:
    """``2 high, 1 low`` for a list of finding severities; ``none`` when empty."""
    counts = Counter(severities)
    parts = [f"{counts[level]} {level}" for level in SEVERITY_ORDER if counts[level]]
    others = sum(count for level, count in counts.items() if level not in SEVERITY_ORDER)
    if others:
        parts.append(f"{others} unrated")
    return ", ".join(parts) if parts else "none"
