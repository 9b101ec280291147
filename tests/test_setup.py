"""Checks on the project's set-up: pins, lock file, Makefile, CI script, README and workflow.

These guard the promise that `make site` and `make test` install the same packages on every machine
and that CI runs exactly what the README tells a newcomer to run.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")

RUNTIME_REQUIREMENTS: list[str] = PYPROJECT["project"]["dependencies"]
TEST_REQUIREMENTS: list[str] = PYPROJECT["project"]["optional-dependencies"]["test"]
ALL_REQUIREMENTS = RUNTIME_REQUIREMENTS + TEST_REQUIREMENTS

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!-]+)$")


def normalise(name: str) -> str:
    """Package name as pip compares it (PEP 503): case and runs of ``-_.`` do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock() -> dict[str, str]:
    """Map normalised package name to pinned version from requirements.lock."""
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        assert match, f"requirements.lock: not an exact pin: {line!r}"
        name = normalise(match["name"])
        assert name not in pins, f"requirements.lock: {name} pinned twice"
        pins[name] = match["version"]
    return pins


def run_make(*args: str) -> str:
    """Dry-run make in the repository root and return what it would run."""
    # When this suite itself runs under `make test`, the parent's flags must not leak in.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    result = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make not installed")


@pytest.mark.parametrize("requirement", ALL_REQUIREMENTS)
def test_dependency_is_pinned_exactly(requirement: str) -> None:
    assert PIN.match(requirement), f"{requirement!r} is not pinned with =="


@pytest.mark.parametrize("requirement", ALL_REQUIREMENTS)
def test_dependency_is_locked_at_the_same_version(requirement: str) -> None:
    match = PIN.match(requirement)
    assert match
    lock = read_lock()
    name = normalise(match["name"])
    assert name in lock, f"{name} is missing from requirements.lock"
    assert lock[name] == match["version"], f"{name}: pyproject {match['version']}, lock {lock[name]}"


def test_lock_holds_only_registry_packages() -> None:
    lock = read_lock()
    assert normalise(PYPROJECT["project"]["name"]) not in lock, "the project itself is in the lock"
    # Tools that pip, venv and the build backend bring must not be pinned by accident.
    assert {"pip", "setuptools", "wheel"}.isdisjoint(lock)
    assert len(lock) > len(ALL_REQUIREMENTS), "lock should hold the transitive set, not just direct pins"


@pytest.mark.parametrize("requirement", ALL_REQUIREMENTS)
def test_readme_says_what_each_dependency_is_for(requirement: str) -> None:
    name = PIN.match(requirement)["name"]  # type: ignore[index]
    assert re.search(rf"^\| {re.escape(name)}( \(test\))? \| \S", README, re.MULTILINE | re.IGNORECASE), (
        f"README dependency table has no row for {name}"
    )


def test_ci_script_runs_make_test_and_fails_on_error() -> None:
    script = ROOT / ".ci" / "run"
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    commands = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert "make test" in commands
    assert script.stat().st_mode & stat.S_IXUSR, ".ci/run is not executable"


@pytest.mark.parametrize("command", ["make site", "make test"])
def test_readme_gives_the_setup_commands(command: str) -> None:
    assert command in README


TARGET_COMMANDS = {
    "site": ".venv/bin/python -m generator build",
    "test": ".venv/bin/python -m pytest",
}


@needs_make
@pytest.mark.parametrize("target", sorted(TARGET_COMMANDS))
def test_make_target_runs_its_command_last(target: str) -> None:
    plan = run_make("-n", target).splitlines()
    assert plan[-1].startswith(TARGET_COMMANDS[target])


@needs_make
@pytest.mark.parametrize("changed", ["requirements.lock", "pyproject.toml"])
@pytest.mark.parametrize("target", sorted(TARGET_COMMANDS))
def test_make_reinstalls_before_running_when_pins_change(changed: str, target: str) -> None:
    # -W pretends the file was just modified, so the install stamp is out of date.
    plan = run_make("-n", "-W", changed, target).splitlines()
    install = plan.index(".venv/bin/python -m pip install -r requirements.lock")
    assert plan[install + 1] == ".venv/bin/python -m pip install --no-deps -e ."
    assert plan[-1].startswith(TARGET_COMMANDS[target])


@needs_make
def test_make_defaults_to_help() -> None:
    listed = run_make()
    for target in ("site", "test", "report", "clean"):
        assert re.search(rf"^\s+make {target}\s+\S", listed, re.MULTILINE), f"help does not list {target}"


@needs_make
def test_site_and_test_are_phony() -> None:
    database = run_make("-pn", "help")
    phony = next(line for line in database.splitlines() if line.startswith(".PHONY:"))
    assert {"site", "test", "report", "clean"} <= set(phony.split()[1:])


@pytest.mark.parametrize(
    "entry", [".venv/", "/site/", "docs/stories/", "__pycache__/", ".pytest_cache/", ".hypothesis/", "*.egg-info/", "build/"]
)
def test_gitignore_covers_generated_files(entry: str) -> None:
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert entry in lines


def test_workflow_runs_ci_script_read_only() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert {"push", "pull_request"} <= set(triggers)
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["test"]
    assert job["runs-on"] == "ubuntu-latest"
    steps = job["steps"]
    assert steps[0]["uses"] == "actions/checkout@v5"
    setup = next(step for step in steps if step.get("uses") == "actions/setup-python@v6")
    assert str(setup["with"]["python-version"]) == "3.11"
    assert steps[-1]["run"] == "bash .ci/run"
