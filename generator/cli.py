"""Command-line interface: a thin layer over the pipeline.

Data goes to stdout, progress to stderr; an expected failure is one line
``Error: <file>: <message>`` and exit code 1, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .model import Corpus
from .pipeline import run_folder
from .render import render_site
from .report import to_json, to_text
from .schema import SeedError
from .site import OutDirError, SiteBuildError, build_site, prepare_out_dir
from .write import WriteError, write_generated

_SEEDS = click.option("--seeds", "seeds", type=click.Path(path_type=Path, file_okay=False), default=Path("seeds"),
                      show_default=True, help="Folder of story folders and loose article files.")


def _judge(seeds: Path) -> Corpus:
    try:
        return run_folder(seeds)
    except SeedError as error:
        raise click.ClickException(str(error)) from None


@click.group()
@click.version_option(__version__, prog_name="verbatim")
def cli() -> None:
    """Verbatim: line up the quotes of a story's versions and publish what changed."""


@cli.command()
@_SEEDS
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="JSON report (the documented contract) or a readable summary.")
def report(seeds: Path, output_format: str) -> None:
    """Print the report of every story under --seeds on stdout."""
    corpus = _judge(seeds)
    click.echo(to_json(corpus) if output_format == "json" else to_text(corpus), nl=False)


@cli.command()
@_SEEDS
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write DIR/docs and DIR/site instead of the repository's docs/ and site/.")
@click.option("--pages-only", is_flag=True, help="Write the Markdown pages but do not run MkDocs.")
def build(seeds: Path, out: Path | None, pages_only: bool) -> None:
    """Generate the story pages and build the site with MkDocs.

    With no --out: seeds/ -> docs/stories/ -> site/, run from the repository
    root.  With --out DIR: DIR/docs and DIR/site, the repository untouched.
    """
    project = Path.cwd()
    if not (project / "mkdocs.yml").is_file():
        raise click.ClickException(f"{project / 'mkdocs.yml'}: not found; run from the repository root")
    corpus = _judge(seeds)
    click.echo(f"Judged {len(corpus.stories)} stories, "
               f"{sum(len(s.versions) for s in corpus.stories)} versions, "
               f"{sum(len(s.findings) for s in corpus.stories)} findings", err=True)
    pages = render_site(corpus)
    try:
        target = prepare_out_dir(project, out) if out else project
        write_generated(pages, target / "docs")
        click.echo(f"Wrote {len(pages)} pages to {target / 'docs' / 'stories'}", err=True)
        if not pages_only:
            build_site(target, target / "site")
            click.echo(f"Built the site in {target / 'site'}", err=True)
    except (WriteError, SiteBuildError, OutDirError, OSError) as error:
        raise click.ClickException(str(error)) from None
