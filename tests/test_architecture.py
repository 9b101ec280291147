"""The layers of docs/architecture.md hold: import-linter keeps the contracts in pyproject.toml,
and a change that imports upwards fails with a message naming both modules."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

LAYERS = ("inputs", "analysis", "review", "site", "runtime")
"""The subpackages of generator/, one per layer (bottom to top, the pipeline in between)."""


def _lint(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=project, env=env, capture_output=True,
                          text=True, check=False, timeout=300)


def _copy_project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_every_contract_is_kept() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_layers_naming_both_modules(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    extract = project / "generator" / "analysis" / "extract.py"
    extract.write_text(extract.read_text().replace(
        "from __future__ import annotations\n",
        "from __future__ import annotations\n\nfrom generator.runtime import cache  # noqa: F401\n", 1))
    result = _lint(project)
    assert result.returncode != 0
    assert "generator.analysis is not allowed to import generator.runtime" in result.stdout
    assert "generator.analysis.extract -> generator.runtime.cache" in result.stdout


def test_file_access_in_analysis_breaks_its_purity(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    compare = project / "generator" / "analysis" / "compare.py"
    compare.write_text(compare.read_text().replace(
        "from __future__ import annotations\n", "from __future__ import annotations\n\nimport pathlib  # noqa: F401\n", 1))
    result = _lint(project)
    assert result.returncode != 0
    assert "generator.analysis is not allowed to import pathlib" in result.stdout


def test_the_top_level_shows_the_layers() -> None:
    entries = sorted(p.name for p in (ROOT / "generator").iterdir() if p.name != "__pycache__")
    assert len(entries) <= 12, entries
    for layer in LAYERS:
        assert (ROOT / "generator" / layer / "__init__.py").is_file()
    assert {"model.py", "pipeline.py", "cli.py"} <= set(entries)


def test_reaching_the_network_outside_inputs_breaks_its_contract(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    report = project / "generator" / "site" / "report.py"
    report.write_text(report.read_text().replace(
        "from __future__ import annotations\n",
        "from __future__ import annotations\n\nfrom generator.inputs import fetch  # noqa: F401\n", 1))
    result = _lint(project)
    assert result.returncode != 0
    assert "Only inputs reaches the network or parses HTML BROKEN" in result.stdout
    assert "generator.site is not allowed to import http" in result.stdout
    assert "generator.site.report -> generator.inputs.fetch" in result.stdout


def test_only_the_import_command_loads_the_network_and_extraction_code(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("The harbour board said fares would rise by a third.\n")
    script = (
        "import sys\n"
        "from generator.cli import cli\n"
        f"cli(['report', '--seeds', {str(seeds)!r}, '--jobs', '1', '--no-cache'], standalone_mode=False)\n"
        f"cli(['check', '--seeds', {str(seeds)!r}], standalone_mode=False)\n"
        "print(sorted(m for m in ('generator.inputs.fetch', 'generator.inputs.import_page', 'trafilatura',\n"
        "                         'htmldate', 'ftfy', 'lxml', 'http.client') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
