"""Shared pytest set-up: the ``--update-golden`` option and the project root on ``sys.path``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lets `pytest` run from a checkout without `pip install -e .` first.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing with them.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def local_web() -> Iterator[object]:
    """A real HTTP server on 127.0.0.1 (see tests/local_web.py), stopped after the test."""
    from local_web import serve

    yield from serve()


@pytest.fixture(scope="session")
def many_loose_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Loose files past the exhaustive limit (grouping takes its candidates from LSH indexes), and
    their JSON report as one process makes it: what every other way of running must print."""
    import subprocess

    from benchmarks import synth

    seeds = synth.write_corpus(tmp_path_factory.mktemp("many-loose"), stories=41, versions=5, seed=8, loose=True)
    done = subprocess.run([sys.executable, "-m", "generator", "report", "--seeds", str(seeds), "--jobs", "1",
                           "--no-cache", "--quiet"], check=True, capture_output=True, text=True, cwd=ROOT)
    return seeds, done.stdout
