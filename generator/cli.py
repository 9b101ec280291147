"""Command-line interface: a thin layer over the pipeline.

Data goes to stdout, progress to stderr; an expected failure is one line
``Error: <file>: <message>`` and exit code 1, never a traceback.
"""

from __future__ import annotations

import functools
import gc
import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from generator import __version__
from generator.evaluate import evaluate
from generator.inputs.problems import SeedError, problem_line
from generator.model import Corpus, Problem
from generator.review.check import check_corpus, check_line, github_annotation, summary
from generator.runtime.cache import CACHE_DIR
from generator.runtime.dask_pool import SchedulerError
from generator.runtime.engine import collect_less
from generator.runtime.pages import render_seeds
from generator.runtime.parallel import RunOptions, default_jobs, run_folder
from generator.runtime.stream import StoryStream
from generator.site.lock import LockError, build_lock
from generator.site.manifest import (
    forget_manifest,
    manifest_of,
    manifest_path,
    record_manifest,
    update_pages,
)
from generator.site.mkdocs import OutDirError, SiteBuildError, check_out_dir, prepare_out_dir, publish
from generator.site.report import (
    json_line,
    jsonl_header,
    problem_report,
    story_report,
    to_json,
    to_text,
    unrelated_report,
)
from generator.site.repository import read_repository
from generator.site.write import WriteError

_SEEDS = click.option("--seeds", "seeds", type=click.Path(path_type=Path, file_okay=False), default=Path("seeds"),
                      show_default=True, help="Folder of story folders and loose article files.")
_STRICT = click.option("--strict", is_flag=True,
                       help="Fail (exit 1) on any problem with the seeds, warnings included, before writing anything.")


def _run_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add --jobs, --scheduler, --cache-dir, --no-cache and --quiet, given to ``command`` as one ``run`` argument."""

    @functools.wraps(command)
    def with_options(*args: object, jobs: int | None, scheduler: str | None, cache_dir: Path | None,
                     no_cache: bool, quiet: bool, **kwargs: object) -> None:
        seeds = kwargs.get("seeds")
        # `build --out` promises to leave the repository as it was: no cache there unless asked for.
        next_to_seeds = (seeds.parent if isinstance(seeds, Path) else Path(".")) / CACHE_DIR
        default_cache = None if kwargs.get("out") else next_to_seeds
        run = RunOptions(jobs or default_jobs(), None if no_cache else cache_dir or default_cache, quiet,
                         short_lived=True, scheduler=scheduler or None)
        thresholds = gc.get_threshold()
        collect_less()
        try:
            command(*args, run=run, **kwargs)
        except SchedulerError as error:
            raise click.ClickException(str(error)) from None
        finally:
            gc.unfreeze()  # the command is over: a caller in the same process gets its collector back
            gc.set_threshold(*thresholds)

    options = [
        click.option("--jobs", "jobs", type=click.IntRange(min=1), default=None,
                     help="Processes judging stories at once  [default: one per core]"),
        click.option("--scheduler", "scheduler", metavar="ADDRESS", envvar="DASK_SCHEDULER_ADDRESS", default=None,
                     help="Judge the stories on the workers of this Dask scheduler (tcp://host:8786) instead of "
                          "--jobs local processes; the same output  [env: DASK_SCHEDULER_ADDRESS]"),
        click.option("--cache-dir", "cache_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                     help=f"Keep each story's result here and judge again only what changed  "
                          f"[default: {CACHE_DIR} next to --seeds; none with build --out]"),
        click.option("--no-cache", is_flag=True, help="Judge every story again, reading and writing no cache."),
        click.option("--quiet", is_flag=True,
                     help="No progress bar on stderr (there is none when it is not a terminal)."),
    ]
    for option in reversed(options):
        with_options = option(with_options)
    return with_options


def _judge(seeds: Path, strict: bool, run: RunOptions | None = None) -> Corpus:
    """The judged corpus; its problems printed on stderr, one per line, and
    with ``strict`` any problem ends the command."""
    run = run or RunOptions()
    try:
        corpus = run_folder(seeds, run.jobs, run.cache_dir, run.quiet, run.short_lived, run.scheduler)
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
@click.option("--format", "output_format", type=click.Choice(["json", "jsonl", "text"]), default="json",
              show_default=True,
              help="JSON report (the documented contract), the same as JSON Lines written story by story as "
                   "the stories are judged (one record a line), or a readable summary.")
@_STRICT
@_run_options
def report(seeds: Path, output_format: str, strict: bool, run: RunOptions) -> None:
    """Print the report of every story under --seeds on stdout.

    Problems with the seeds are printed on stderr and listed in the report;
    the other stories are reported all the same, unless --strict.

    With --format jsonl the first line is {"report_version": 1}, then one
    {"story": ...} line per story, in story order, written as soon as it is
    judged (so memory stays flat with story folders), then one {"unrelated":
    ...} line per file set apart and one {"problem": ...} line per problem.
    Each entry is the one the JSON document lists.
    """
    if output_format == "jsonl":
        if strict:
            raise click.UsageError("--strict must see every problem before writing anything, and --format jsonl "
                                   "writes as it goes: run `check` first, or use --format json")
        _stream_report(seeds, run)
        return
    corpus = _judge(seeds, strict, run)
    click.echo(to_json(corpus) if output_format == "json" else to_text(corpus), nl=False)


def _stream_report(seeds: Path, run: RunOptions) -> None:
    """The JSON Lines report, each story written as soon as it is judged; problems on stderr at the end."""
    stream = StoryStream(seeds, run)
    try:
        stories = stream.stories()
        first = next(stories, None)  # a seeds folder that is not a folder fails before anything is written
    except SeedError as error:
        raise click.ClickException(str(error)) from None
    click.echo(jsonl_header(), nl=False)
    if first is not None:
        click.echo(json_line("story", story_report(first)), nl=False)  # each line out as soon as it is made
        for story in stories:
            click.echo(json_line("story", story_report(story)), nl=False)
    for item in stream.unrelated:
        click.echo(json_line("unrelated", unrelated_report(item)), nl=False)
    for found in stream.problems:
        click.echo(json_line("problem", problem_report(found)), nl=False)
    _print_problems(stream.problems, strict=False)


@cli.command()
@_SEEDS
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write DIR/docs and DIR/site instead of the repository's docs/ and site/.")
@click.option("--pages-only", is_flag=True, help="Write the Markdown pages but do not run MkDocs.")
@_STRICT
@_run_options
def build(seeds: Path, out: Path | None, pages_only: bool, strict: bool, run: RunOptions) -> None:
    """Generate the story pages and build the site with MkDocs.

    With no --out: seeds/ -> docs/stories/ -> site/, run from the repository
    root.  With --out DIR: DIR/docs and DIR/site, the repository untouched.
    The pages and the site are made aside and swapped in at the end, so an
    interrupted or failed build leaves the previous ones as they were.  One
    build at a time writes to a folder; a second one stops with an error.
    """
    project = Path.cwd()
    if not (project / "mkdocs.yml").is_file():
        raise click.ClickException(f"{project / 'mkdocs.yml'}: not found; run from the repository root")
    try:
        if out:
            check_out_dir(project, out)  # before the lock file is made in it
        with build_lock(out or project):
            _build(project, seeds, out, pages_only, strict, run)
    except (LockError, OutDirError) as error:
        raise click.ClickException(str(error)) from None


def _build(project: Path, seeds: Path, out: Path | None, pages_only: bool, strict: bool, run: RunOptions) -> None:
    try:
        rendered = render_seeds(seeds, run, read_repository(project / "mkdocs.yml"))
    except SeedError as error:
        raise click.ClickException(str(error)) from None
    _print_problems(rendered.problems, strict)
    click.echo(f"Judged {len(rendered.stories)} stories, {rendered.versions} versions, "
               f"{rendered.findings} findings", err=True)
    previous_handler = _interrupt_on_terminate()
    try:
        target = prepare_out_dir(project, out) if out else project
        stories_dir = target / "docs" / "stories"
        manifest = manifest_path(run.cache_dir, target / "docs") if run.cache_dir is not None else None
        if pages_only:
            update = update_pages(target / "docs", rendered, manifest)
            unchanged = "" if update.replaced else "; the others were unchanged"
            click.echo(f"Wrote {update.written} files and deleted {update.deleted} in {stories_dir}{unchanged}",
                       err=True)
            return
        pages = rendered.all_pages()
        if manifest is not None:
            forget_manifest(manifest)  # a build that fails or is killed leaves none behind
        publish(target, pages)
        if manifest is not None:
            record_manifest(manifest, lambda: manifest_of(pages, rendered, target / "docs"))
        click.echo(f"Wrote {len(pages)} files to {stories_dir}", err=True)
        click.echo(f"Built the site in {target / 'site'}", err=True)
    except (WriteError, SiteBuildError, OutDirError, OSError) as error:
        raise click.ClickException(str(error)) from None
    finally:
        _restore_terminate(previous_handler)


@cli.command()
@_SEEDS
def check(seeds: Path) -> None:
    """Check the seeds and their corrections files; exit 1 on any problem.

    Prints one line per problem on stdout, as file:line: field: message
    (warnings included), then `Error: N problems` on stderr; when all is well,
    one summary line.  A verdict must name a finding of the current report:
    take ids from the story page or `python -m generator report`.

    The generated pages (docs/stories/) are not committed in this repository:
    the site is rebuilt from seeds/ on every build and every push to main, so
    there are no committed pages that could go stale.
    """
    try:
        result = check_corpus(run_folder(seeds))
    except SeedError as error:
        raise click.ClickException(str(error)) from None
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for found in result.problems:
        click.echo(check_line(found))
        if annotate:
            click.echo(github_annotation(found))
    if result.problems:
        number = len(result.problems)
        raise click.ClickException(f"{number} problem{'' if number == 1 else 's'}")
    click.echo(summary(result))


@cli.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--story", "story", required=True, metavar="SLUG",
              help="Story folder under --seeds to import into (created if needed; lowercase letters, digits, "
                   "hyphens).")
@_SEEDS
@click.option("--timeout", "timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds to wait for a server to connect or send anything (the whole page must arrive "
                   "within four times this).")
def import_pages(sources: tuple[str, ...], story: str, seeds: Path, timeout: float) -> None:
    """Import web pages as versions of a story, with their metadata.

    Each SOURCE is an http(s) address, a saved .html or .htm page, or an
    archived copy (https://web.archive.org/web/<stamp>/<address>).  Each
    becomes one file in --seeds/SLUG/, named from the outlet and the
    headline, with the article's text (menus, share bars and related links
    left out) and front matter: title, outlet, author, published, url,
    archived, retrieved, language and the SHA-256 of the bytes read.

    A page already imported is not written again; the same page with other
    words becomes a revision, named with the day it was read.  No file is
    ever replaced.  The command is the only one that uses the network: pages
    over 10 MB, more than 5 redirects, and anything but HTML are refused.
    A source that fails is one line on stderr and changes nothing; the others
    are imported all the same, and the command then exits 1.  The files
    written are printed on stdout.
    """
    # Imported here, not at the top: the other commands never load the network
    # code or the extraction libraries (a third of a second to import).
    from generator.inputs.fetch import FetchLimits
    from generator.inputs.import_page import import_sources, story_problem

    problem = story_problem(story, seeds)
    if problem:
        raise click.ClickException(problem)
    failed = 0
    for imported in import_sources(sources, seeds, story, FetchLimits(timeout=timeout)):
        for note in imported.notes:
            click.echo(note, err=True)
        click.echo(imported.message, err=True)
        if imported.outcome == "failed":
            failed += 1
        elif imported.outcome in ("imported", "revision") and imported.path is not None:
            click.echo(str(imported.path))
    if failed:
        raise click.ClickException(f"{failed} of {len(sources)} source{'s' if len(sources) != 1 else ''} "
                                   "not imported (see above)")


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
