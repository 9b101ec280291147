"""Building the static site with MkDocs, and preparing a separate output folder.

MkDocs runs in a subprocess with the current interpreter, so a build sees
exactly the packages the generator runs with and its logging never mixes with
ours.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.render.paths import GENERATED_DIR

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


def build_site(project_dir: Path, site_dir: Path | None = None, strict: bool = True) -> None:
    """Run ``mkdocs build`` for ``project_dir/mkdocs.yml`` into ``site_dir``
    (default ``project_dir/site``); raise :class:`SiteBuildError` on failure."""
    config = project_dir / CONFIG_NAME
    if not config.is_file():
        raise SiteBuildError(f"{config}: no MkDocs configuration")
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config.resolve())]
    command += ["--site-dir", str((site_dir or project_dir / SITE_DIR).resolve())]
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


def _check_out_dir(repo: Path, out: Path) -> None:
    if out == repo or repo.is_relative_to(out):
        raise OutDirError(f"{out}: the output folder must not contain the project")
    for owned in (repo / DOCS_DIR, repo / OVERRIDES_DIR, repo / SITE_DIR):
        if out == owned or out.is_relative_to(owned):
            raise OutDirError(f"{out}: the output folder must not be inside {owned}")
    if out.exists() and not out.is_dir():
        raise OutDirError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / OUT_MARKER).is_file():
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
