"""One build at a time per output folder: a second build stops with an error,
a killed build leaves no stale lock, and the lock file never lands where the
generator does not write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.site.lock import LOCK_NAME, LockError, build_lock
from generator.site.mkdocs import prepare_out_dir

ROOT = Path(__file__).resolve().parents[2]

FERRY = '"The bridge opens in June," said Mara Quill.\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the site project with one small story, as the working folder."""
    project = prepare_out_dir(ROOT, tmp_path / "project")
    (project / "seeds" / "ferry").mkdir(parents=True)
    (project / "seeds" / "ferry" / "a.txt").write_text(FERRY, encoding="utf-8")
    (project / "seeds" / "ferry" / "b.txt").write_text(FERRY.replace("June", "July"), encoding="utf-8")
    monkeypatch.chdir(project)
    return project


def _pages_only(*extra: str) -> object:
    return CliRunner().invoke(cli, ["build", "--pages-only", "--jobs", "1", "--quiet", *extra])


def test_a_second_build_stops_while_one_holds_the_folder(project: Path) -> None:
    with build_lock(project):
        held = _pages_only()
        assert held.exit_code == 1
        assert "another build is writing to" in held.stderr
        assert f"(process {os.getpid()})" in held.stderr
        assert not (project / "docs" / "stories").exists()
    done = _pages_only()
    assert done.exit_code == 0, done.stderr
    assert (project / "docs" / "stories" / "ferry" / "index.md").is_file()


def test_the_lock_is_held_for_the_block_only(tmp_path: Path) -> None:
    with build_lock(tmp_path), pytest.raises(LockError), build_lock(tmp_path):
        pass
    with build_lock(tmp_path):
        pass  # released by the first block, free again


def test_a_killed_build_leaves_no_stale_lock(project: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import sys, time; from pathlib import Path; from generator.site.lock import build_lock\n"
                                "with build_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)"),
         str(project)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert _pages_only().exit_code == 1
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    deadline = time.monotonic() + 10
    result = _pages_only()
    while result.exit_code != 0 and time.monotonic() < deadline:  # the kernel drops the lock with the process
        time.sleep(0.1)
        result = _pages_only()
    assert result.exit_code == 0, result.stderr


def test_out_folder_with_only_the_lock_file_is_still_usable(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    first = _pages_only("--out", str(out))
    assert first.exit_code == 0, first.stderr
    assert (out / LOCK_NAME).is_file() and (out / "docs" / "stories" / "ferry" / "index.md").is_file()
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / LOCK_NAME).write_text("", encoding="utf-8")
    assert _pages_only("--out", str(fresh)).exit_code == 0


def test_no_lock_file_is_made_in_a_refused_out_folder(project: Path) -> None:
    inside = project / "docs" / "elsewhere"
    refused = _pages_only("--out", str(inside))
    assert refused.exit_code == 1
    assert "must not be inside" in refused.stderr
    assert not inside.exists()
