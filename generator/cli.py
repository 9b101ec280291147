"""Command-line interface: a thin layer over the pipeline.

Data goes to stdout, progress to stderr; an expected failure is one line
``Error: <file>: <message>`` and exit code 1, never a traceback.
"""

from __future__ import annotations

import signal
from collections.abc import Sequence
from pathlib import Path

import click

from . import __version__
from .evaluate import evaluate
from .model import Corpus, Problem
from .pipeline import render_pages, run_folder
from .report import to_json, to_text
from .schema import SeedError, problem_line
from .site import OutDirError, SiteBuildError, prepare_out_dir, publish
from .write import WriteError

_SEEDS = click.option("--seeds", "seeds", type=click.Path(path_type=Path, file_okay=False), default=Path("seeds"),
                      show_default=True, help="Folder of story folders and loose article files.")
_STRICT = click.option("--strict", is_flag=True,
                       help="Fail (exit 1) on any problem with the seeds, warnings included, before writing anything.")


def _judge(seeds: Path, strict: bool) -> Corpus:
    """The judged corpus; its problems printed on stderr, one per line, and
    with ``strict`` any problem ends the command."""
    try:
        corpus = run_folder(seeds)
    except SeedError as error:
        raise click.ClickException(str(error)) from None
    _print_problems(corpus.problems, strict)
    return corpus


def _print_problems(problems: Sequence[Problem], strict: bool) -> None:
    for found in problems:
        click.echo(problem_line(found), err=True)
    if strict and problems:
        count = len(problems)
        raise click.ClickException(f"{count} problem{'s' if count != 1 else ''} (see above)")


@click.group()
@click.version_option(__version__, prog_name="verbatim")
def cli() -> None:
    """Verbatim: line up the quotes of a story's versions and publish what changed."""


@cli.command()
@_SEEDS
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="JSON report (the documented contract) or a readable summary.")
@_STRICT
def report(seeds: Path, output_format: str, strict: bool) -> None:
    """Print the report of every story under --seeds on stdout.

    Problems with the seeds are printed on stderr and listed in the report;
    the other stories are reported all the same, unless --strict.
    """
    corpus = _judge(seeds, strict)
    click.echo(to_json(corpus) if output_format == "json" else to_text(corpus), nl=False)


@cli.command()
@_SEEDS
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write DIR/docs and DIR/site instead of the repository's docs/ and site/.")
@click.option("--pages-only", is_flag=True, help="Write the Markdown pages but do not run MkDocs.")
@_STRICT
def build(seeds: Path, out: Path | None, pages_only: bool, strict: bool) -> None:
    """Generate the story pages and build the site with MkDocs.

    With no --out: seeds/ -> docs/stories/ -> site/, run from the repository
    root.  With --out DIR: DIR/docs and DIR/site, the repository untouched.
    The pages and the site are made aside and swapped in at the end, so an
    interrupted or failed build leaves the previous ones as they were.
    """
    project = Path.cwd()
    if not (project / "mkdocs.yml").is_file():
        raise click.ClickException(f"{project / 'mkdocs.yml'}: not found; run from the repository root")
    corpus = _judge(seeds, strict)
    click.echo(f"Judged {len(corpus.stories)} stories, "
               f"{sum(len(s.versions) for s in corpus.stories)} versions, "
               f"{sum(len(s.findings) for s in corpus.stories)} findings", err=True)
    pages, shown = render_pages(corpus)
    _print_problems([found for found in shown.problems if found not in set(corpus.problems)], strict)
    previous_handler = _interrupt_on_terminate()
    try:
        target = prepare_out_dir(project, out) if out else project
        publish(target, pages, build=not pages_only)
        click.echo(f"Wrote {len(pages)} pages to {target / 'docs' / 'stories'}", err=True)
        if not pages_only:
            click.echo(f"Built the site in {target / 'site'}", err=True)
    except (WriteError, SiteBuildError, OutDirError, OSError) as error:
        raise click.ClickException(str(error)) from None
    finally:
        _restore_terminate(previous_handler)


def _interrupt_on_terminate() -> object:
    """Make SIGTERM interrupt like Ctrl-C, so the staging folder is cleaned up
    and MkDocs stopped; returns the handler to restore (None off the main thread)."""
    try:
        return signal.signal(signal.SIGTERM, signal.default_int_handler)
    except ValueError:
        return None


def _restore_terminate(previous: object) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]


cli.add_command(evaluate)
