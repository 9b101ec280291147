"""Judging on a Dask distributed cluster (``--scheduler``): a LocalCluster of two worker processes
on 127.0.0.1, no network beyond it.  The output is byte for byte that of ``--jobs 1``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks import synth
from generator.cli import cli
from generator.runtime.dask_pool import DaskPool, SchedulerError

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a fresh local cluster: two worker processes of one thread, on 127.0.0.1 only."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folders = synth.write_corpus(tmp_path_factory.mktemp("folders"), stories=4, versions=3, seed=8)
    loose = synth.write_corpus(tmp_path_factory.mktemp("loose"), stories=4, versions=3, seed=8, loose=True)
    return {"folders": folders, "loose": loose, "seeds": ROOT / "seeds"}


def _generator(*arguments: str, env: dict[str, str] | None = None) -> str:
    """What the command line prints on stdout, run here (the client); the workers are the cluster's."""
    result = CliRunner().invoke(cli, list(arguments), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_scheduler_address_is_on_this_machine(scheduler: str) -> None:
    assert scheduler.startswith("tcp://127.0.0.1:")


@pytest.mark.parametrize(("which", "output"), [("folders", "json"), ("loose", "json"), ("seeds", "json"),
                                               ("folders", "jsonl"), ("loose", "jsonl")])
def test_report_on_the_cluster_is_byte_identical_to_one_process(scheduler: str, corpora: dict[str, Path],
                                                                which: str, output: str) -> None:
    seeds = str(corpora[which])
    alone = _generator("report", "--seeds", seeds, "--format", output, "--jobs", "1", "--no-cache")
    on_cluster = _generator("report", "--seeds", seeds, "--format", output, "--scheduler", scheduler, "--no-cache")
    assert on_cluster == alone and alone


def test_the_scheduler_may_come_from_the_environment_and_the_cache_is_the_clients(
        scheduler: str, corpora: dict[str, Path], tmp_path: Path) -> None:
    seeds = str(corpora["folders"])
    alone = _generator("report", "--seeds", seeds, "--jobs", "1", "--no-cache")
    cache = tmp_path / "cache"
    first = _generator("report", "--seeds", seeds, "--cache-dir", str(cache), env={"DASK_SCHEDULER_ADDRESS": scheduler})
    assert first == alone
    assert len(list(cache.rglob("judged-*.pickle"))) == 4  # written by the client, as results came back
    assert _generator("report", "--seeds", seeds, "--cache-dir", str(cache), "--jobs", "1") == alone


def test_build_pages_on_the_cluster_are_the_pages_of_one_process(scheduler: str, corpora: dict[str, Path],
                                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = str(corpora["loose"])
    monkeypatch.chdir(ROOT)  # build runs from the repository root (its mkdocs.yml)
    for name, options in (("alone", ["--jobs", "1"]), ("cluster", ["--scheduler", scheduler])):
        _generator("build", "--seeds", seeds, "--out", str(tmp_path / name), "--pages-only", "--no-cache", *options)
    alone, cluster = (tmp_path / name / "docs" / "stories" for name in ("alone", "cluster"))
    files = sorted(path.relative_to(alone) for path in alone.rglob("*") if path.is_file())
    assert files and files == sorted(path.relative_to(cluster) for path in cluster.rglob("*") if path.is_file())
    assert all((alone / name).read_bytes() == (cluster / name).read_bytes() for name in files)


def test_a_scheduler_that_does_not_answer_is_a_readable_error() -> None:
    with pytest.raises(SchedulerError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        DaskPool("tcp://127.0.0.1:9", timeout=1)


def test_the_command_line_says_so_in_one_line(corpora: dict[str, Path]) -> None:
    # --no-cache: with every story cached (as after `make site`) there is nothing to send, and the
    # scheduler is never contacted.
    result = subprocess.run([sys.executable, "-m", "generator", "report", "--seeds", str(corpora["seeds"]),
                             "--scheduler", "tcp://127.0.0.1:9", "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}, timeout=120)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "Traceback" not in result.stderr


def test_loose_files_grouped_by_indexes_built_on_the_cluster(scheduler: str,
                                                             many_loose_files: tuple[Path, str]) -> None:
    # Past the exhaustive limit, the candidate indexes of grouping are built on the cluster's workers.
    seeds, alone = many_loose_files
    on_cluster = _generator("report", "--seeds", str(seeds), "--scheduler", scheduler, "--no-cache")
    assert on_cluster == alone and '"stories": [' in alone
