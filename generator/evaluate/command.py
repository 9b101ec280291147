"""``python -m generator evaluate``: run the pipeline on annotated corpora and score them against their floors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from generator.inputs.problems import SeedError
from generator.model import Finding
from generator.runtime.parallel import run_folder

from .annotations import FLOORS_FILE, EvaluationError, case_dirs, load_annotations, load_floors
from .scoring import CaseResult, EvaluationResult, combine, score_case, score_lineages, score_parents, shortfalls
from .table import details, score_table

CORPORA = (Path("tests/eval"), Path("tests/eval-realistic"), Path("tests/eval-dev"), Path("tests/eval-dev2"),
           Path("tests/eval-holdout"))
"""The corpora scored by default, each against its own floors: the one the detectors were tuned on,
the two blind ones whose failures are read to find classes of error (realistic, then dev, added
later), and the held-out one whose failures are not read."""


def case_findings(case_dir: Path) -> tuple[Finding, ...]:
    """Run the pipeline on one case folder and return every finding of its stories."""
    corpus = run_folder(case_dir)
    return tuple(finding for story in corpus.stories for finding in story.findings)


def evaluate_case(case_dir: Path) -> CaseResult:
    """Run the pipeline on one case and score its findings and, where annotated, its lineages."""
    annotations = load_annotations(case_dir)
    corpus = run_folder(case_dir)
    result = score_case(annotations, (finding for story in corpus.stories for finding in story.findings))
    if not annotations.lineages:
        return result
    found = [lineage.members for story in corpus.stories for lineage in story.lineages]
    parents = {edge.child: edge.parent for story in corpus.stories for lineage in story.lineages
               for edge in lineage.descent}
    return replace(result, lineage=score_lineages(annotations.lineages, found)
                   + score_parents(annotations.parents, parents))


def evaluate_corpus(root: Path) -> EvaluationResult:
    """Run the pipeline on every case under ``root`` and score the lot."""
    return combine(evaluate_case(case_dir) for case_dir in case_dirs(root))


@click.command()
@click.option("--corpus", "corpora", type=click.Path(path_type=Path, file_okay=False), multiple=True,
              default=CORPORA, show_default=True,
              help="Folder of annotated cases (<case>/story/ plus <case>/expected.yml); repeat for several, "
                   "each scored on its own.")
@click.option("--floors", "floors_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="YAML file of precision and recall floors per kind, overall and for high findings, "
                   "for every corpus  [default: CORPUS/floors.yml]")
@click.option("--details", "show_details", is_flag=True,
              help="Also list every false positive and false negative with its case, version and severity.")
def evaluate(corpora: tuple[Path, ...], floors_path: Path | None, show_details: bool) -> None:
    """Score the findings on annotated corpora against pinned floors.

    Prints, for each corpus, precision and recall per finding kind and
    overall, then the high-severity findings' precision and recall on a line
    of their own, on stdout; exits with status 1 when any score of any corpus
    is below its floor.
    """
    below_all = []
    for number, corpus in enumerate(corpora):
        try:
            cases = case_dirs(corpus)
            floors = load_floors(floors_path or corpus / FLOORS_FILE)
            results = []
            for case_dir in cases:
                click.echo(f"Evaluating {corpus.name}/{case_dir.name}", err=True)
                results.append(evaluate_case(case_dir))
        except (EvaluationError, SeedError) as error:
            raise click.ClickException(str(error)) from None
        result = combine(results)
        if number:
            click.echo()
        click.echo(f"{corpus} ({len(cases)} case{'' if len(cases) == 1 else 's'})")
        click.echo(score_table(result, floors), nl=False)
        if show_details:
            click.echo()
            click.echo(details(result), nl=False)
        below_all += [(corpus, shortfall) for shortfall in shortfalls(result, floors)]
    if below_all:
        listed = ", ".join(f"{corpus.name}: {s.kind} {s.measure} {s.value:.2f} < {s.floor:.2f}"
                           for corpus, s in below_all)
        raise click.ClickException(f"{len(below_all)} score(s) below their floors: {listed}")
