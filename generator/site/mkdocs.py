"""Building the static site with MkDocs, and preparing a separate output folder.

MkDocs runs in a subprocess with the current interpreter, so a build sees
exactly the packages the generator runs with and its logging never mixes with
ours.

Nothing the generator owns is changed in place.  :func:`publish` writes the
generated pages and builds the site in a hidden staging folder, then swaps
``docs/stories`` and ``site`` in with renames; :func:`build_site` alone also
builds into a hidden sibling of ``site`` and swaps it in.  A crash, Ctrl-C or
kill before the swap leaves the previous pages and site as they were; a
staging folder a killed run leaves behind is removed by the next run.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from .lock import LOCK_NAME
from .render.paths import GENERATED_DIR
from .write import (
    WriteError,
    check_replaceable,
    replace_folder,
    write_generated,
)
from .write_changes import process_alive

CONFIG_NAME = "mkdocs.yml"
OVERRIDES_DIR = "overrides"
DOCS_DIR = "docs"
SITE_DIR = "site"

OUT_MARKER = ".verbatim-out"
"""File that marks a folder made by :func:`prepare_out_dir`, so a later run
may refresh it; a non-empty folder without it is refused."""

MAX_REPORTED_LINES = 5
"""Warning or error lines quoted in a :class:`SiteBuildError`."""


class SiteBuildError(Exception):
    """``mkdocs build`` failed; the message quotes its first warnings or errors."""


class OutDirError(Exception):
    """The output folder cannot be used without risking someone else's files."""


STAGE_PREFIX = ".verbatim-build-"
"""Start of the name of :func:`publish`'s staging folder, inside the output folder."""

SITE_STAGE_PREFIX = ".verbatim-site-"
"""Start of the name of :func:`build_site`'s staging folder, next to the site folder."""

STAGE_OWNER = "owner.json"
"""File in a staging folder naming the process that made it and the folders to
put back should that process die between two renames."""


def build_site(project_dir: Path, site_dir: Path | None = None, strict: bool = True) -> None:
    """Run ``mkdocs build`` for ``project_dir/mkdocs.yml`` into ``site_dir``
    (default ``project_dir/site``); raise :class:`SiteBuildError` on failure.

    The site is built in a hidden sibling of ``site_dir`` and swapped in only
    once MkDocs has succeeded, so a failed or interrupted build leaves the
    previous site as it was."""
    config = project_dir / CONFIG_NAME
    if not config.is_file():
        raise SiteBuildError(f"{config}: no MkDocs configuration")
    final = (site_dir or project_dir / SITE_DIR).absolute()
    _check_site_dir(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    with staging(final.parent, SITE_STAGE_PREFIX, {"old-site": final}) as stage:
        _run_mkdocs(project_dir, config, stage / "site", strict)
        try:
            replace_folder(stage / "site", final, stage / "old-site")
        except WriteError as error:
            raise SiteBuildError(str(error)) from None


def _check_site_dir(site_dir: Path) -> None:
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        raise SiteBuildError(f"{site_dir}: exists and is not a folder; refusing to replace it")


def _run_mkdocs(project_dir: Path, config: Path, site_dir: Path, strict: bool) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config.resolve())]
    command += ["--site-dir", str(site_dir.resolve())]
    if strict:
        command.append("--strict")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        command,
        cwd=project_dir,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    if result.returncode != 0:
        raise SiteBuildError(_failure_message(result.stdout + result.stderr, result.returncode))


def publish(target_dir: Path, pages: Mapping[str, str], build: bool = True, strict: bool = True) -> None:
    """Replace ``target_dir/docs/stories`` with ``pages`` and, with ``build``,
    ``target_dir/site`` with a fresh MkDocs build of the result.

    Both are made in a staging copy of the project inside ``target_dir``
    (its mkdocs.yml, overrides and hand-written docs) and swapped in at the
    end, so until the build has succeeded nothing the reader sees changes.
    Raises :class:`WriteError`, :class:`SiteBuildError` or :class:`OutDirError`."""
    target = target_dir.absolute()
    stories, site = target / DOCS_DIR / GENERATED_DIR, target / SITE_DIR
    check_replaceable(stories)
    if build:
        _check_site_dir(site)
    with staging(target, STAGE_PREFIX, {"old-stories": stories, "old-site": site}) as stage:
        project = stage / "project"
        prepare_out_dir(target, project)
        write_generated(pages, project / DOCS_DIR)
        if build:
            build_site(project, project / SITE_DIR, strict)
        (target / DOCS_DIR).mkdir(exist_ok=True)
        replace_folder(project / DOCS_DIR / GENERATED_DIR, stories, stage / "old-stories")
        if build:
            try:
                replace_folder(project / SITE_DIR, site, stage / "old-site")
            except WriteError as error:
                raise SiteBuildError(str(error)) from None


@contextlib.contextmanager
def staging(parent: Path, prefix: str, parked: Mapping[str, Path]) -> Iterator[Path]:
    """A new hidden folder in ``parent``, removed on exit however the block ends.

    ``parked`` maps names inside the stage to the folders they stand for while
    a swap is under way; a later call puts any of them back whose folder is
    missing (its run was killed between two renames), then removes the stage."""
    _clear_stale_stages(parent, prefix)
    stage = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        owner = {"pid": os.getpid(), "parked": {name: str(path) for name, path in sorted(parked.items())}}
        (stage / STAGE_OWNER).write_text(json.dumps(owner), encoding="utf-8")
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _clear_stale_stages(parent: Path, prefix: str) -> None:
    if not parent.is_dir():
        return
    for stage in sorted(parent.iterdir()):
        if not stage.name.startswith(prefix) or stage.is_symlink() or not stage.is_dir():
            continue
        try:
            owner = json.loads((stage / STAGE_OWNER).read_text(encoding="utf-8"))
            pid, parked = int(owner["pid"]), dict(owner["parked"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not ours, or still being set up: leave it alone
        if process_alive(pid):
            continue
        for name, original in sorted(parked.items()):
            kept, folder = stage / name, Path(original)
            if kept.is_dir() and not folder.exists():
                kept.rename(folder)
        shutil.rmtree(stage, ignore_errors=True)


def _failure_message(output: str, returncode: int) -> str:
    lines = [line.rstrip() for line in output.splitlines() if line.strip()]
    problems = [line for line in lines if line.lstrip().startswith(("WARNING", "ERROR", "Error"))]
    quoted = problems[:MAX_REPORTED_LINES] or lines[-MAX_REPORTED_LINES:]
    detail = "\n".join(quoted) if quoted else "no output"
    return f"mkdocs build failed (exit {returncode}):\n{detail}"


def prepare_out_dir(repo_dir: Path, out_dir: Path) -> Path:
    """Copy mkdocs.yml, overrides/ and the hand-written docs into ``out_dir``.

    Everything in ``docs/`` except the generated subtree is copied, so that
    ``out_dir/docs`` plus ``out_dir/mkdocs.yml`` build to ``out_dir/site``
    once the generated pages are written there.  ``repo_dir`` is left
    untouched.  ``out_dir`` must be new, empty, or made by an earlier call
    (then its copies are refreshed); it must not overlap ``repo_dir``'s
    configuration or docs.
    """
    repo = repo_dir.resolve()
    out = out_dir.resolve()
    _check_out_dir(repo, out)
    out.mkdir(parents=True, exist_ok=True)
    marker_text = "Made by the Verbatim generator (build --out).\n"
    (out / OUT_MARKER).write_text(marker_text, encoding="utf-8")
    shutil.copyfile(repo / CONFIG_NAME, out / CONFIG_NAME)
    _mirror(repo / OVERRIDES_DIR, out / OVERRIDES_DIR, skip=())
    _mirror(repo / DOCS_DIR, out / DOCS_DIR, skip=(GENERATED_DIR,))
    return out_dir


def check_out_dir(repo_dir: Path, out_dir: Path) -> None:
    """Raise :class:`OutDirError` unless ``out_dir`` may be used by :func:`prepare_out_dir`."""
    _check_out_dir(repo_dir.resolve(), out_dir.resolve())


def _check_out_dir(repo: Path, out: Path) -> None:
    if out == repo or repo.is_relative_to(out):
        raise OutDirError(f"{out}: the output folder must not contain the project")
    for owned in (repo / DOCS_DIR, repo / OVERRIDES_DIR, repo / SITE_DIR):
        if out == owned or out.is_relative_to(owned):
            raise OutDirError(f"{out}: the output folder must not be inside {owned}")
    if out.exists() and not out.is_dir():
        raise OutDirError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(entry.name != LOCK_NAME for entry in out.iterdir()) and not (out / OUT_MARKER).is_file():
        raise OutDirError(f"{out}: not empty and not made by an earlier `build --out`")


def _mirror(source: Path, destination: Path, skip: tuple[str, ...]) -> None:
    """Make ``destination`` a copy of ``source``, leaving the top-level
    entries named in ``skip`` (and dot-entries) of ``destination`` alone."""
    if destination.exists():
        for entry in destination.iterdir():
            if entry.name in skip or entry.name.startswith("."):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    if not source.is_dir():
        return
    destination.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        if entry.name in skip or entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.copytree(entry, destination / entry.name, symlinks=False)
        else:
            shutil.copy2(entry, destination / entry.name)
