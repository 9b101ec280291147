"""The evaluation's output: a plain-text table per corpus, the high-severity line, every miss."""

from __future__ import annotations

from collections.abc import Iterable

from .scoring import HIGH, EvaluationResult, Floor, Score, SeverityScore, kind_rank

_COLUMNS = ("kind", "TP", "FP", "FN", "precision", "recall", "floor P/R", "status")


def _status(precision: float, recall: float, floor: Floor | None) -> tuple[str, str]:
    if floor is None:
        return "-", "-"
    limits = f"{floor.precision:.2f}/{floor.recall:.2f}"
    return limits, "OK" if precision >= floor.precision and recall >= floor.recall else "BELOW"


def _row(score: Score, floor: Floor | None) -> tuple[str, ...]:
    limits, status = _status(score.precision, score.recall, floor)
    return (score.kind, str(score.tp), str(score.fp), str(score.fn), f"{score.precision:.2f}",
            f"{score.recall:.2f}", limits, status)


def score_table(result: EvaluationResult, floors: Iterable[Floor]) -> str:
    """Plain-text table: one row per kind that has a floor or was counted, then the totals,
    then the high-severity scores on a line of their own."""
    by_kind = {floor.kind: floor for floor in floors}
    kinds = sorted(({score.kind for score in result.scores} | set(by_kind)) - {"overall", HIGH}, key=kind_rank)
    rows = [_COLUMNS] + [_row(result.score(kind), by_kind.get(kind)) for kind in kinds]
    rows.append(_row(result.overall, by_kind.get("overall")))
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[i]) for i, cell in enumerate(row[1:-1], 1)]
        cells.append(row[-1].ljust(widths[-1]))
        lines.append("  ".join(cells).rstrip())
    lines.append(high_line(result.high, by_kind.get(HIGH)))
    lineage = result.lineage
    if lineage.together + lineage.wrongly_together + lineage.wrongly_apart:
        lines.append(f"lineages: precision {lineage.precision:.2f}, recall {lineage.recall:.2f} "
                     f"(pairs of versions put in one lineage: {lineage.together} right, "
                     f"{lineage.wrongly_together} wrong, {lineage.wrongly_apart} missed)")
    if lineage.parents_annotated:
        lines.append(f"parents: {lineage.parent_accuracy:.2f} of annotated parents named by the descent "
                     f"({lineage.parents_right} of {lineage.parents_annotated})")
    return "\n".join(lines) + "\n"


def high_line(high: SeverityScore, floor: Floor | None) -> str:
    """``high severity: precision 0.90 (9 of 10 high findings true), recall ...``, with its floor."""
    limits, status = _status(high.precision, high.recall, floor)
    line = (f"high severity: precision {high.precision:.2f} ({high.true} of {high.produced} high findings true), "
            f"recall {high.recall:.2f} ({high.found} of {high.annotated} annotated high found at high)")
    return line if floor is None else f"{line}  floor {limits}  {status}"


def details(result: EvaluationResult) -> str:
    """Every false positive and false negative, one line each, with case, version and severity."""
    lines = []
    for label, misses in (("FP", result.false_positives), ("FN", result.false_negatives)):
        for miss in misses:
            text = " ".join(miss.text.split())
            severity = f" [{miss.severity}]" if miss.severity else ""
            line = f"{label}  {miss.case}  {miss.version}  {miss.kind}{severity}  {text!r}"
            lines.append(f"{line}  -- {' '.join(miss.note.split())}" if miss.note else line)
    return "\n".join(lines) + "\n" if lines else "No false positives or false negatives.\n"
