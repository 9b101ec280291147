"""Scoring: produced findings matched with annotations, counted per kind, overall and for high severity.

Pure: no files are read here (see :mod:`generator.evaluate.annotations`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import get_args

from generator.model import Finding, FindingKind

FINDING_KINDS: tuple[str, ...] = get_args(FindingKind)
"""Every finding kind, in the order of the design notes (the table's row order)."""

OVERALL = "overall"
"""Row name of the totals over every kind."""

HIGH = "high"
"""Row name of the high-severity scores (the findings the home page headlines)."""


# --- records -----------------------------------------------------------------


@dataclass(frozen=True)
class Annotation:
    """One finding an annotator expects, forbids or tolerates."""

    version: str
    """Version id (file name without extension) the finding stands in."""
    kind: str
    """Finding kind."""
    text: str
    """Words that must appear, ignoring case, in the finding's version_text,
    explanation or reference_text."""
    severity: str | None = None
    """``high`` for an expected finding a reader must see first; None otherwise."""


@dataclass(frozen=True)
class CaseAnnotations:
    """Everything ``expected.yml`` says about one case."""

    case: str
    """Case folder name."""
    evaluates: tuple[str, ...]
    """Kinds the case is annotated for; ``expect`` is complete for these."""
    expect: tuple[Annotation, ...]
    """Every finding of the evaluated kinds the generator should report."""
    forbid: tuple[Annotation, ...]
    """Findings that must not be reported at any severity."""
    notes: str = ""
    """Why the annotations are what they are."""
    tolerate: tuple[Annotation, ...] = ()
    """Debatable findings: not counted at medium or low severity, a false positive at high."""
    lineages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Lineage name -> its versions, closest to the source first, as the writer knows them."""
    parents: dict[str, str] = field(default_factory=dict)
    """Version -> the version of the set it was copied or rewritten from."""
    languages: dict[str, str] = field(default_factory=dict)
    """Version -> ISO 639-1 code, for every version not in English."""


@dataclass(frozen=True)
class Miss:
    """A false positive or a false negative, for the ``--details`` listing."""

    case: str
    """Case folder name."""
    version: str
    """Version id."""
    kind: str
    """Finding kind."""
    text: str
    """The expected words (false negative) or the finding's version_text (false positive)."""
    note: str = ""
    """The finding's explanation, or the forbid entry it hit."""
    severity: str = ""
    """The finding's severity (false positive), or the annotated one (false negative)."""


@dataclass(frozen=True)
class Score:
    """True and false positives and negatives of one kind (or of all kinds)."""

    kind: str
    """Finding kind, or ``overall``."""
    tp: int = 0
    """Produced findings that match an expected one."""
    fp: int = 0
    """Produced findings that match no expected one, or hit a forbid entry."""
    fn: int = 0
    """Expected findings nothing produced matched."""

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was produced and nothing expected,
        0.0 when nothing was produced but something was expected."""
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when nothing was expected."""
        if self.tp + self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn)

    def __add__(self, other: Score) -> Score:
        return Score(self.kind, self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class SeverityScore:
    """How the high-severity findings fare: those the home page and the story summaries headline."""

    produced: int = 0
    """High findings counted (of an evaluated kind, or forbidden, or tolerated)."""
    true: int = 0
    """Of those, the ones that match an expected finding."""
    annotated: int = 0
    """Expected findings annotated ``severity: high``."""
    found: int = 0
    """Of those, the ones matched by a high finding."""

    @property
    def precision(self) -> float:
        """Share of high findings that are true; 1.0 when none was produced."""
        return self.true / self.produced if self.produced else 1.0

    @property
    def recall(self) -> float:
        """Share of the annotated high findings reported at high severity; 1.0 when none is annotated."""
        return self.found / self.annotated if self.annotated else 1.0

    def __add__(self, other: SeverityScore) -> SeverityScore:
        return SeverityScore(self.produced + other.produced, self.true + other.true,
                             self.annotated + other.annotated, self.found + other.found)


@dataclass(frozen=True)
class LineageScore:
    """How well versions were grouped into lineages, counted over pairs of versions."""

    together: int = 0
    """Pairs the generator puts in one lineage that the annotation does too."""
    wrongly_together: int = 0
    """Pairs the generator puts in one lineage that the annotation keeps apart."""
    wrongly_apart: int = 0
    """Pairs the annotation puts in one lineage that the generator keeps apart."""
    parents_right: int = 0
    """Annotated parents (who a version was copied from) the generator's descent names too."""
    parents_annotated: int = 0
    """Annotated parents of versions the generator places under some parent."""

    @property
    def parent_accuracy(self) -> float:
        """Share of the annotated parents the generator's descent names; 1.0 when none is annotated."""
        return self.parents_right / self.parents_annotated if self.parents_annotated else 1.0

    @property
    def precision(self) -> float:
        """Share of the generator's same-lineage pairs that are right; 1.0 when it pairs nothing."""
        pairs = self.together + self.wrongly_together
        return self.together / pairs if pairs else 1.0

    @property
    def recall(self) -> float:
        """Share of the annotated same-lineage pairs the generator finds; 1.0 when none is annotated."""
        pairs = self.together + self.wrongly_apart
        return self.together / pairs if pairs else 1.0

    def __add__(self, other: LineageScore) -> LineageScore:
        return LineageScore(self.together + other.together, self.wrongly_together + other.wrongly_together,
                            self.wrongly_apart + other.wrongly_apart, self.parents_right + other.parents_right,
                            self.parents_annotated + other.parents_annotated)


def score_parents(annotated: dict[str, str], found: dict[str, str]) -> LineageScore:
    """Who copied whom: each annotated parent of a version the generator places under a parent,
    right when the generator names the same one."""
    placed = [child for child in annotated if child in found]
    return LineageScore(parents_right=sum(found[child] == annotated[child] for child in placed),
                        parents_annotated=len(placed))


def score_lineages(annotated: dict[str, tuple[str, ...]], found: Iterable[Sequence[str]]) -> LineageScore:
    """Pairs of versions in one lineage, annotated against found (versions only in one of them are left out)."""
    truth = {version: name for name, members in annotated.items() for version in members}
    mine = {version: index for index, members in enumerate(found) for version in members}
    versions = sorted(set(truth) & set(mine))
    score = LineageScore()
    for index, first in enumerate(versions):
        for second in versions[index + 1:]:
            same, paired = truth[first] == truth[second], mine[first] == mine[second]
            score = score + LineageScore(int(same and paired), int(paired and not same), int(same and not paired))
    return score


@dataclass(frozen=True)
class CaseResult:
    """The scoring of one case."""

    case: str
    """Case folder name."""
    scores: tuple[Score, ...]
    """One score per kind that had anything to count, in kind order."""
    false_positives: tuple[Miss, ...]
    """Produced findings that should not have been, in version, kind, text order."""
    false_negatives: tuple[Miss, ...]
    """Expected findings that were not produced, in version, kind, text order."""
    high: SeverityScore = SeverityScore()
    """The high-severity findings of the case."""
    lineage: LineageScore = LineageScore()
    """How the case's versions were grouped into lineages (zeros when it annotates none)."""


@dataclass(frozen=True)
class EvaluationResult:
    """The scoring of a whole corpus."""

    cases: tuple[CaseResult, ...]
    """Per case, by case name."""
    scores: tuple[Score, ...]
    """Per kind, summed over the cases, in kind order (evaluated or forbidden kinds only)."""
    overall: Score
    """Summed over every kind."""
    high: SeverityScore = SeverityScore()
    """The high-severity findings, summed over the cases."""
    lineage: LineageScore = LineageScore()
    """Lineage grouping, summed over the cases."""

    def score(self, kind: str) -> Score:
        """The score of ``kind`` (all zeros when no case counts it); ``overall`` for the totals."""
        if kind == OVERALL:
            return self.overall
        return next((s for s in self.scores if s.kind == kind), Score(kind))

    @property
    def false_positives(self) -> tuple[Miss, ...]:
        """Every false positive, by case."""
        return tuple(miss for case in self.cases for miss in case.false_positives)

    @property
    def false_negatives(self) -> tuple[Miss, ...]:
        """Every false negative, by case."""
        return tuple(miss for case in self.cases for miss in case.false_negatives)


@dataclass(frozen=True)
class Floor:
    """Lowest acceptable scores of one kind, of the totals (``overall``) or of high findings (``high``)."""

    kind: str
    """Finding kind, ``overall`` or ``high``."""
    precision: float
    """Lowest acceptable precision."""
    recall: float
    """Lowest acceptable recall."""


@dataclass(frozen=True)
class Shortfall:
    """A score below its floor."""

    kind: str
    """Finding kind, ``overall`` or ``high``."""
    measure: str
    """``precision`` or ``recall``."""
    value: float
    """The score measured."""
    floor: float
    """The floor it fell below."""


# --- matching and scoring ----------------------------------------------------

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACES = re.compile(r"\s+")


def _folded(text: str) -> str:
    """Case, typographic quote marks and runs of whitespace ignored."""
    return _SPACES.sub(" ", text.translate(_QUOTE_MARKS)).casefold().strip()


def matches(finding: Finding, annotation: Annotation) -> bool:
    """True when ``finding`` is the one ``annotation`` describes: same version,
    same kind, and the annotated words in its version_text, explanation or
    reference_text (ignoring case)."""
    if finding.version != annotation.version or finding.kind != annotation.kind:
        return False
    wanted = _folded(annotation.text)
    return any(wanted in _folded(field) for field in (finding.version_text, finding.explanation,
                                                      finding.reference_text))


def _max_matching(findings: Sequence[Finding], expected: Sequence[Annotation]) -> dict[int, int]:
    """Pairs (expected index -> finding index) of a maximum matching where each
    finding matches at most one expected entry and the reverse.

    Kuhn's augmenting paths: a greedy first-fit could let a finding that fits
    two entries take the one another finding needed.  Inputs are visited in
    order, so the result is deterministic.
    """
    fits = [[i for i, finding in enumerate(findings) if matches(finding, entry)] for entry in expected]
    owner: dict[int, int] = {}

    def augment(entry: int, seen: set[int]) -> bool:
        for candidate in fits[entry]:
            if candidate in seen:
                continue
            seen.add(candidate)
            if candidate not in owner or augment(owner[candidate], seen):
                owner[candidate] = entry
                return True
        return False

    for entry in range(len(expected)):
        augment(entry, set())
    return {entry: finding for finding, entry in owner.items()}


def score_case(annotations: CaseAnnotations, findings: Iterable[Finding]) -> CaseResult:
    """Count TP, FP and FN per kind for one case, and the high-severity scores.

    Findings of the evaluated kinds are matched one to one with ``expect``;
    an unmatched one is a false positive, unless it fits a ``tolerate`` entry
    at medium or low severity (then it is not counted).  Unmatched expected
    entries are false negatives.  A finding of a kind the case does not
    evaluate counts only when it hits a ``forbid`` entry (then as a false
    positive) or a ``tolerate`` entry at high severity; a finding matched to an
    expected entry is never a false positive.
    """
    evaluated = set(annotations.evaluates)

    def counted(finding: Finding) -> bool:
        return (finding.kind in evaluated or _fits(finding, annotations.forbid) is not None
                or (finding.severity == HIGH and _fits(finding, annotations.tolerate) is not None))

    produced = sorted(filter(counted, findings), key=_finding_order)
    matching = _max_matching(produced, annotations.expect)
    matched = set(matching.values())
    counts: dict[str, Score] = {}

    def add(kind: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        counts[kind] = counts.get(kind, Score(kind)) + Score(kind, tp, fp, fn)

    false_positives: list[Miss] = []
    false_negatives: list[Miss] = []
    high = SeverityScore()
    for index, finding in enumerate(produced):
        is_high = finding.severity == HIGH
        if index in matched:
            add(finding.kind, tp=1)
            high = high + SeverityScore(produced=int(is_high), true=int(is_high))
            continue
        forbidden = _fits(finding, annotations.forbid)
        tolerated = _fits(finding, annotations.tolerate)
        if forbidden is None and tolerated is not None and not is_high:
            continue
        add(finding.kind, fp=1)
        high = high + SeverityScore(produced=int(is_high))
        if forbidden is not None:
            note = f"forbidden ({forbidden.text!r}); {finding.explanation}"
        elif tolerated is not None:
            note = f"tolerated only below high ({tolerated.text!r}); {finding.explanation}"
        else:
            note = finding.explanation
        false_positives.append(Miss(annotations.case, finding.version, finding.kind, finding.version_text, note,
                                    finding.severity))
    for index, entry in enumerate(annotations.expect):
        if entry.severity == HIGH:
            found = index in matching and produced[matching[index]].severity == HIGH
            high = high + SeverityScore(annotated=1, found=int(found))
        if index not in matching:
            add(entry.kind, fn=1)
            false_negatives.append(Miss(annotations.case, entry.version, entry.kind, entry.text,
                                        severity=entry.severity or ""))
    return CaseResult(annotations.case, _in_kind_order(counts.values()),
                      tuple(sorted(false_positives, key=_miss_order)), tuple(sorted(false_negatives, key=_miss_order)),
                      high)


def combine(cases: Iterable[CaseResult]) -> EvaluationResult:
    """Sum case results per kind, overall and for high severity."""
    ordered = tuple(sorted(cases, key=lambda case: case.case))
    totals: dict[str, Score] = {}
    high = SeverityScore()
    lineage = LineageScore()
    for case in ordered:
        high = high + case.high
        lineage = lineage + case.lineage
        for score in case.scores:
            totals[score.kind] = totals.get(score.kind, Score(score.kind)) + score
    overall = Score(OVERALL)
    for score in totals.values():
        overall = overall + Score(OVERALL, score.tp, score.fp, score.fn)
    return EvaluationResult(ordered, _in_kind_order(totals.values()), overall, high, lineage)


def shortfalls(result: EvaluationResult, floors: Iterable[Floor]) -> tuple[Shortfall, ...]:
    """Every score below its floor, in kind order (then overall, then high)."""
    found = []
    for floor in sorted(floors, key=lambda f: kind_rank(f.kind)):
        score: Score | SeverityScore = result.high if floor.kind == HIGH else result.score(floor.kind)
        for measure, value, limit in (("precision", score.precision, floor.precision),
                                      ("recall", score.recall, floor.recall)):
            if value < limit:
                found.append(Shortfall(floor.kind, measure, value, limit))
    return tuple(found)


def _fits(finding: Finding, entries: Iterable[Annotation]) -> Annotation | None:
    return next((entry for entry in entries if matches(finding, entry)), None)


def kind_rank(kind: str) -> tuple[int, str]:
    order = (*FINDING_KINDS, OVERALL, HIGH)
    return (order.index(kind) if kind in order else len(order), kind)


def _in_kind_order(scores: Iterable[Score]) -> tuple[Score, ...]:
    return tuple(sorted(scores, key=lambda s: kind_rank(s.kind)))


def _finding_order(finding: Finding) -> tuple[str, tuple[int, str], str, str, str]:
    return (finding.version, kind_rank(finding.kind), finding.version_text, finding.explanation, finding.id)


def _miss_order(miss: Miss) -> tuple[str, tuple[int, str], str, str]:
    return (miss.version, kind_rank(miss.kind), miss.text, miss.note)
