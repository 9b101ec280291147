"""The evaluation gate: score the findings on an annotated corpus against pinned floors.

A corpus (``tests/eval/``) holds one folder per case; each is a seeds tree for
one story plus ``expected.yml``, which names the finding kinds the case is
annotated for, every finding of those kinds the generator should report
(``expect``) and findings it must not report (``forbid``).  Scoring is pure;
only :func:`evaluate_corpus` and the loaders read files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import click
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.inputs.problems import SeedError
from generator.model import Finding, FindingKind
from generator.runtime.parallel import run_folder

FINDING_KINDS: tuple[str, ...] = get_args(FindingKind)
"""Every finding kind, in the order of the design notes (the table's row order)."""

EXPECTED_FILE = "expected.yml"
"""Annotation file of a case folder."""

FLOORS_FILE = "floors.yml"
"""Default floors file, inside the corpus folder."""

OVERALL = "overall"
"""Row name of the totals over every kind."""


class EvaluationError(Exception):
    """A corpus, annotation or floors file that cannot be used; the message names the file."""


# --- records -----------------------------------------------------------------


@dataclass(frozen=True)
class Annotation:
    """One finding an annotator expects or forbids."""

    version: str
    """Version id (file name without extension) the finding stands in."""
    kind: str
    """Finding kind."""
    text: str
    """Words that must appear, ignoring case, in the finding's version_text,
    explanation or reference_text."""


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
    """Findings that must not be reported (any kind)."""
    notes: str = ""
    """Why the annotations are what they are."""


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


@dataclass(frozen=True)
class EvaluationResult:
    """The scoring of a whole corpus."""

    cases: tuple[CaseResult, ...]
    """Per case, by case name."""
    scores: tuple[Score, ...]
    """Per kind, summed over the cases, in kind order (evaluated or forbidden kinds only)."""
    overall: Score
    """Summed over every kind."""

    def score(self, kind: str) -> Score:
        """The score of ``kind`` (all zeros when no case counts it)."""
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
    """Lowest acceptable scores of one kind."""

    kind: str
    """Finding kind."""
    precision: float
    """Lowest acceptable precision."""
    recall: float
    """Lowest acceptable recall."""


@dataclass(frozen=True)
class Shortfall:
    """A score below its floor."""

    kind: str
    """Finding kind."""
    measure: str
    """``precision`` or ``recall``."""
    value: float
    """The score measured."""
    floor: float
    """The floor it fell below."""


# --- matching and scoring (pure) ---------------------------------------------

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
    """Count TP, FP and FN per kind for one case.

    Findings of the evaluated kinds are matched one to one with ``expect``;
    the unmatched ones are false positives, the unmatched expected entries
    false negatives.  A finding of a kind the case does not evaluate counts
    only when it hits a ``forbid`` entry (then as a false positive); a finding
    matched to an expected entry is never a false positive.
    """
    evaluated = set(annotations.evaluates)
    produced = sorted((f for f in findings if f.kind in evaluated or _forbidden_by(f, annotations.forbid)),
                      key=_finding_order)
    matching = _max_matching(produced, annotations.expect)
    matched = set(matching.values())
    counts: dict[str, Score] = {}

    def add(kind: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        counts[kind] = counts.get(kind, Score(kind)) + Score(kind, tp, fp, fn)

    false_positives: list[Miss] = []
    false_negatives: list[Miss] = []
    for index, finding in enumerate(produced):
        if index in matched:
            add(finding.kind, tp=1)
            continue
        add(finding.kind, fp=1)
        hit = _forbidden_by(finding, annotations.forbid)
        note = f"forbidden ({hit.text!r}); {finding.explanation}" if hit else finding.explanation
        false_positives.append(Miss(annotations.case, finding.version, finding.kind, finding.version_text, note))
    for index, entry in enumerate(annotations.expect):
        if index not in matching:
            add(entry.kind, fn=1)
            false_negatives.append(Miss(annotations.case, entry.version, entry.kind, entry.text))
    return CaseResult(annotations.case, _in_kind_order(counts.values()),
                      tuple(sorted(false_positives, key=_miss_order)), tuple(sorted(false_negatives, key=_miss_order)))


def combine(cases: Iterable[CaseResult]) -> EvaluationResult:
    """Sum case results per kind and overall."""
    ordered = tuple(sorted(cases, key=lambda case: case.case))
    totals: dict[str, Score] = {}
    for case in ordered:
        for score in case.scores:
            totals[score.kind] = totals.get(score.kind, Score(score.kind)) + score
    overall = Score(OVERALL)
    for score in totals.values():
        overall = overall + Score(OVERALL, score.tp, score.fp, score.fn)
    return EvaluationResult(ordered, _in_kind_order(totals.values()), overall)


def shortfalls(result: EvaluationResult, floors: Iterable[Floor]) -> tuple[Shortfall, ...]:
    """Every score below its floor, in kind order."""
    found = []
    for floor in sorted(floors, key=lambda f: _kind_rank(f.kind)):
        score = result.score(floor.kind)
        for measure, value, limit in (("precision", score.precision, floor.precision),
                                      ("recall", score.recall, floor.recall)):
            if value < limit:
                found.append(Shortfall(floor.kind, measure, value, limit))
    return tuple(found)


def _forbidden_by(finding: Finding, forbid: Iterable[Annotation]) -> Annotation | None:
    return next((entry for entry in forbid if matches(finding, entry)), None)


def _kind_rank(kind: str) -> tuple[int, str]:
    return (FINDING_KINDS.index(kind) if kind in FINDING_KINDS else len(FINDING_KINDS), kind)


def _in_kind_order(scores: Iterable[Score]) -> tuple[Score, ...]:
    return tuple(sorted(scores, key=lambda s: _kind_rank(s.kind)))


def _finding_order(finding: Finding) -> tuple[str, tuple[int, str], str, str, str]:
    return (finding.version, _kind_rank(finding.kind), finding.version_text, finding.explanation, finding.id)


def _miss_order(miss: Miss) -> tuple[str, tuple[int, str], str, str]:
    return (miss.version, _kind_rank(miss.kind), miss.text, miss.note)


# --- files (the YAML boundary) -----------------------------------------------


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str = Field(min_length=1)
    kind: FindingKind
    text: str = Field(min_length=1)


class _Expected(BaseModel):
    model_config = ConfigDict(extra="forbid")
    evaluates: list[FindingKind] = Field(min_length=1)
    expect: list[_Entry] = []
    forbid: list[_Entry] = []
    notes: str = ""


class _FloorPair(BaseModel):
    model_config = ConfigDict(extra="forbid")
    precision: float = Field(ge=0.0, le=1.0)
    recall: float = Field(ge=0.0, le=1.0)


class _Floors(BaseModel):
    model_config = ConfigDict(extra="forbid")
    floors: dict[FindingKind, _FloorPair]


def _explained(path: Path, error: ValidationError) -> EvaluationError:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top)"
    return EvaluationError(f"{path}: {where}: {first['msg']}")


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EvaluationError(f"{path}: cannot read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise EvaluationError(f"{path}: not valid YAML: {' '.join(str(error).split())}") from None


def load_annotations(case_dir: Path) -> CaseAnnotations:
    """Read and validate ``<case_dir>/expected.yml``.

    An expect entry must name an evaluated kind, since only those are counted.
    """
    path = case_dir / EXPECTED_FILE
    try:
        data = _Expected.model_validate(_read_yaml(path))
    except ValidationError as error:
        raise _explained(path, error) from None
    for index, entry in enumerate(data.expect):
        if entry.kind not in data.evaluates:
            raise EvaluationError(f"{path}: expect.{index}.kind: {entry.kind!r} is not listed in evaluates")

    def annotation(entry: _Entry) -> Annotation:
        return Annotation(entry.version, entry.kind, entry.text)

    return CaseAnnotations(case_dir.name, tuple(data.evaluates), tuple(map(annotation, data.expect)),
                           tuple(map(annotation, data.forbid)), " ".join(data.notes.split()))


def load_floors(path: Path) -> tuple[Floor, ...]:
    """Read and validate a floors file, in kind order."""
    try:
        data = _Floors.model_validate(_read_yaml(path))
    except ValidationError as error:
        raise _explained(path, error) from None
    floors = (Floor(kind, pair.precision, pair.recall) for kind, pair in data.floors.items())
    return tuple(sorted(floors, key=lambda f: _kind_rank(f.kind)))


def case_dirs(root: Path) -> tuple[Path, ...]:
    """Case folders of a corpus (those holding ``expected.yml``), by name."""
    if not root.is_dir():
        raise EvaluationError(f"{root}: no such corpus folder")
    found = tuple(sorted((p for p in root.iterdir() if (p / EXPECTED_FILE).is_file()), key=lambda p: p.name))
    if not found:
        raise EvaluationError(f"{root}: no case folder with {EXPECTED_FILE}")
    return found


def case_findings(case_dir: Path) -> tuple[Finding, ...]:
    """Run the pipeline on one case folder and return every finding of its stories."""
    corpus = run_folder(case_dir)
    return tuple(finding for story in corpus.stories for finding in story.findings)


def evaluate_case(case_dir: Path) -> CaseResult:
    """Run the pipeline on one case and score it."""
    return score_case(load_annotations(case_dir), case_findings(case_dir))


def evaluate_corpus(root: Path) -> EvaluationResult:
    """Run the pipeline on every case under ``root`` and score the lot."""
    return combine(evaluate_case(case_dir) for case_dir in case_dirs(root))


# --- output ------------------------------------------------------------------

_COLUMNS = ("kind", "TP", "FP", "FN", "precision", "recall", "floor P/R", "status")


def _row(score: Score, floor: Floor | None) -> tuple[str, ...]:
    if floor is None:
        limits, status = "-", "-"
    else:
        limits = f"{floor.precision:.2f}/{floor.recall:.2f}"
        status = "OK" if score.precision >= floor.precision and score.recall >= floor.recall else "BELOW"
    return (score.kind, str(score.tp), str(score.fp), str(score.fn), f"{score.precision:.2f}",
            f"{score.recall:.2f}", limits, status)


def score_table(result: EvaluationResult, floors: Iterable[Floor]) -> str:
    """Plain-text table: one row per kind that has a floor or was counted, then the totals."""
    by_kind = {floor.kind: floor for floor in floors}
    kinds = sorted({score.kind for score in result.scores} | set(by_kind), key=_kind_rank)
    rows = [_COLUMNS] + [_row(result.score(kind), by_kind.get(kind)) for kind in kinds]
    rows.append(_row(result.overall, None))
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[i]) for i, cell in enumerate(row[1:-1], 1)]
        cells.append(row[-1].ljust(widths[-1]))
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def details(result: EvaluationResult) -> str:
    """Every false positive and false negative, one line each, with case and version."""
    lines = []
    for label, misses in (("FP", result.false_positives), ("FN", result.false_negatives)):
        for miss in misses:
            text = " ".join(miss.text.split())
            line = f"{label}  {miss.case}  {miss.version}  {miss.kind}  {text!r}"
            lines.append(f"{line}  -- {' '.join(miss.note.split())}" if miss.note else line)
    return "\n".join(lines) + "\n" if lines else "No false positives or false negatives.\n"


# --- command -----------------------------------------------------------------


@click.command()
@click.option("--corpus", "corpus", type=click.Path(path_type=Path, file_okay=False), default=Path("tests/eval"),
              show_default=True, help="Folder of annotated cases: <case>/story/ plus <case>/expected.yml.")
@click.option("--floors", "floors_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="YAML file of precision and recall floors per kind  [default: CORPUS/floors.yml]")
@click.option("--details", "show_details", is_flag=True,
              help="Also list every false positive and false negative with its case and version.")
def evaluate(corpus: Path, floors_path: Path | None, show_details: bool) -> None:
    """Score the findings on an annotated corpus against pinned floors.

    Prints precision and recall per finding kind on stdout and exits with
    status 1 when any score is below its floor.
    """
    try:
        cases = case_dirs(corpus)
        floors = load_floors(floors_path or corpus / FLOORS_FILE)
        results = []
        for case_dir in cases:
            click.echo(f"Evaluating {case_dir.name}", err=True)
            results.append(evaluate_case(case_dir))
    except (EvaluationError, SeedError) as error:
        raise click.ClickException(str(error)) from None
    result = combine(results)
    click.echo(score_table(result, floors), nl=False)
    if show_details:
        click.echo()
        click.echo(details(result), nl=False)
    below = shortfalls(result, floors)
    if below:
        listed = ", ".join(f"{s.kind} {s.measure} {s.value:.2f} < {s.floor:.2f}" for s in below)
        raise click.ClickException(f"{len(below)} score(s) below their floors: {listed}")
