"""Golden files for the whole pipeline on the seed story: the JSON report and every page.

A change in extraction, attribution, alignment, judging or rendering shows up
here as a readable diff of Markdown and JSON.  After checking that the change
is wanted, rewrite them with ``pytest --update-golden``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.runtime.parallel import run_folder
from generator.site.render import render_site
from generator.site.report import to_json

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "seed"

CORPUS = run_folder(ROOT / "seeds")
OUTPUTS = {"report.json": to_json(CORPUS), **{f"pages/{p}": text for p, text in render_site(CORPUS).items()}}


def _golden_files() -> set[str]:
    return {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}


def test_golden_files_cover_exactly_the_outputs(update_golden: bool) -> None:
    if update_golden:
        for stale in _golden_files() - set(OUTPUTS):
            (GOLDEN / stale).unlink()
    assert _golden_files() == set(OUTPUTS) or update_golden


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_matches_golden_file(name: str, update_golden: bool) -> None:
    golden = GOLDEN / name
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(OUTPUTS[name].encode("utf-8"))
    assert OUTPUTS[name].encode("utf-8") == golden.read_bytes(), f"{name} changed; see the module docstring"
