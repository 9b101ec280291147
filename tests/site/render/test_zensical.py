"""The same mkdocs.yml builds with Zensical 0.0.73, the successor engine.

Zensical lives in its own venv (``.venv-zensical``, made by ``make test`` from
requirements-zensical.lock); set ``VERBATIM_ZENSICAL`` to another ``zensical``
executable to use that instead.  Zensical ignores MkDocs plugins such as
``tags``: the pages must still build and the findings index must still read.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from render_sample import STARMER_GROUP, STORY_ID, sample_corpus

from generator.site.mkdocs import prepare_out_dir
from generator.site.render import render_site
from generator.site.write import write_generated

ROOT = Path(__file__).resolve().parents[3]
ZENSICAL = Path(os.environ.get("VERBATIM_ZENSICAL", ROOT / ".venv-zensical" / "bin" / "zensical"))


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ZENSICAL.is_file():
        pytest.skip(f"{ZENSICAL} is missing: `make test` creates .venv-zensical with Zensical 0.0.73")
    out = prepare_out_dir(ROOT, tmp_path_factory.mktemp("zensical") / "out")
    write_generated(render_site(sample_corpus()), out / "docs")
    result = subprocess.run(
        [str(ZENSICAL), "build", "--strict", "--config-file", "mkdocs.yml"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "site"


def test_zensical_is_the_pinned_version() -> None:
    if not ZENSICAL.is_file():
        pytest.skip(f"{ZENSICAL} is missing")
    lock = (ROOT / "requirements-zensical.lock").read_text(encoding="utf-8")
    assert "zensical==0.0.73" in lock.splitlines()
    result = subprocess.run([str(ZENSICAL), "--version"], capture_output=True, text=True, check=False)
    assert "0.0.73" in result.stdout + result.stderr


def test_zensical_builds_every_page(zensical_site: Path) -> None:
    story = zensical_site / "stories" / STORY_ID
    for page in (
        zensical_site / "index.html",
        zensical_site / "about" / "index.html",
        zensical_site / "stories" / "findings" / "index.html",
        zensical_site / "stories" / "people" / "index.html",
        story / "index.html",
        story / "quotes" / STARMER_GROUP / "index.html",
    ):
        assert page.is_file(), page
    for data in ("report.json", "findings.csv", "feed.xml"):
        assert (story / data).is_file(), data


def test_zensical_pages_show_the_diff_and_the_findings_index(zensical_site: Path) -> None:
    card = (zensical_site / "stories" / STORY_ID / "quotes" / STARMER_GROUP / "index.html").read_text(encoding="utf-8")
    assert '<del class="critic">step change</del>' in card
    assert '<ins class="critic">shift</ins>' in card
    index = (zensical_site / "stories" / "findings" / "index.html").read_text(encoding="utf-8")
    # Without the tags listing, the generated tables still carry the index.
    assert "altered quote" in index and "UK–US Technology Prosperity Deal" in index
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert "Most serious" in home
