"""The evaluation gate: score the findings on annotated corpora against pinned floors.

A corpus (``tests/eval/``, ``tests/eval-realistic/``, ``tests/eval-dev/``, ``tests/eval-dev2/``, ``tests/eval-holdout/``)
holds one folder per case; each is a seeds tree for one story plus
``expected.yml``, which names the finding kinds the case is annotated for,
every finding of those kinds the generator should report (``expect``, some
marked ``severity: high``), findings it must not report (``forbid``) and
debatable ones it may report below high severity (``tolerate``).
Scoring (:mod:`.scoring`) is pure; the files are read by :mod:`.annotations`
and the command (:mod:`.command`) runs the pipeline.
"""

from __future__ import annotations

from .annotations import EXPECTED_FILE, FLOORS_FILE, EvaluationError, case_dirs, load_annotations, load_floors
from .command import CORPORA, case_findings, evaluate, evaluate_case, evaluate_corpus
from .scoring import (
    FINDING_KINDS,
    HIGH,
    OVERALL,
    Annotation,
    CaseAnnotations,
    CaseResult,
    EvaluationResult,
    Floor,
    LineageScore,
    Miss,
    Score,
    SeverityScore,
    Shortfall,
    combine,
    matches,
    score_case,
    score_lineages,
    score_parents,
    shortfalls,
)
from .table import details, high_line, score_table

__all__ = [
    "CORPORA", "EXPECTED_FILE", "FINDING_KINDS", "FLOORS_FILE", "HIGH", "OVERALL", "Annotation", "CaseAnnotations",
    "CaseResult", "EvaluationError", "EvaluationResult", "Floor", "LineageScore", "Miss", "Score", "SeverityScore", "Shortfall",
    "case_dirs", "case_findings", "combine", "details", "evaluate", "evaluate_case", "evaluate_corpus", "high_line",
    "load_annotations", "load_floors", "matches", "score_case", "score_lineages", "score_parents", "score_table", "shortfalls",
]
