"""The words and symbols the pages use for statuses, severities and finding kinds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import VersionMeta, web_host


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
    "consensus": StatusLabel(
        "◎", "agreed", "no trusted rendering has these words; the wording most versions agree on"
    ),
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


KIND_ORDER: tuple[str, ...] = (
    "misattributed_quote",
    "altered_quote",
    "extended_quote",
    "truncated_quote",
    "number_drift",
    "date_drift",
    "name_drift",
    "title_drift",
    "unsupported_quote",
    "unsupported_claim",
    "omitted_quote",
)
"""Finding kinds, the one that misleads a reader most first (ties in severity
are broken by this order when picking a story's most serious finding)."""

FACT_DRIFT_KINDS = frozenset({"number_drift", "date_drift", "title_drift", "name_drift"})
"""Finding kinds counted as factual drift in a story's headline numbers."""

ALTERED_STATUSES = frozenset({"altered", "truncated", "extended", "misattributed"})
"""Rendering statuses that change what a quote says or who said it."""


def severity_tag(severity: str) -> str:
    """The tag of a severity ("high severity")."""
    return f"{severity if severity in SEVERITY_ORDER else 'unrated'} severity"


TAG_VOCABULARY: tuple[str, ...] = tuple(FINDING_KIND_WORDS[kind] for kind in KIND_ORDER) + tuple(
    severity_tag(level) for level in (*SEVERITY_ORDER, "unrated")
)
"""Every tag a page may carry: finding kinds and severities in words.  Tags are
written into front matter raw by the theme, so only these fixed strings (letters
and spaces) are ever used; mkdocs.yml lists the same set as ``tags_allowed``."""


def kind_tag(kind: str) -> str | None:
    """The tag of a finding kind, None for a kind outside the vocabulary."""
    return FINDING_KIND_WORDS.get(kind)


def finding_rank(severity: str, kind: str) -> tuple[int, int]:
    """Sort key putting the most serious finding first."""
    level = SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
    order = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
    return level, order


@dataclass(frozen=True)
class FactLabel:
    """How a fact's status is shown in a facts table."""

    symbol: str
    """A glyph that tells statuses apart at a glance (never the only cue)."""
    word: str
    """The status in words."""
    meaning: str
    """One line for the legend."""


FACT_LABELS: dict[str, FactLabel] = {
    "reference": FactLabel("★", "reference", "as the trusted reference states it"),
    "same": FactLabel("✓", "same", "the same as the reference"),
    "drift": FactLabel("≠", "drift", "differs from the reference"),
    "added": FactLabel("+", "added", "stated here but in no trusted reference"),
    "missing": FactLabel("—", "not stated", "this version does not state it"),
}
"""Every fact status, in legend order."""


def fact_badge(status: str) -> str:
    """Inline HTML for a fact status: symbol and word, with a class for colour."""
    label = FACT_LABELS.get(status, FactLabel("·", "unknown", ""))
    css = status if status in FACT_LABELS else "unknown"
    return (
        f'<span class="vb-fact vb-fact--{css}">'
        f'<span aria-hidden="true">{label.symbol}</span> {label.word}</span>'
    )


def newest_first(date: str) -> tuple[int, ...]:
    """Sort key putting ISO dates and timestamps in descending order (any text sorts, none raises)."""
    return tuple(-ord(char) for char in date)


def outlet_of(meta: VersionMeta) -> str | None:
    """Who published a version: its front matter's outlet, else the host of its
    address (a file that gives a ``url`` says more than "unknown")."""
    return meta.outlet or web_host(meta.url)
