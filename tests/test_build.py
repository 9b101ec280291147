"""`python -m generator build --out DIR`: the real MkDocs Material build of the seed story.

The built HTML must show the seed story's changed quotes struck out and
inserted, and the repository must be left exactly as it was.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORY = "us-uk-tech-prosperity-deal"


def _snapshot(root: Path) -> dict[str, str]:
    """Hash of every file under the repository, outside caches and the venv."""
    skipped = {".git", ".venv", ".pytest_cache", ".hypothesis", "__pycache__"}
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not skipped & set(path.relative_to(root).parts):
            found[str(path.relative_to(root))] = hashlib.sha1(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess, dict[str, str], dict[str, str]]:
    out = tmp_path_factory.mktemp("build") / "out"
    before = _snapshot(ROOT)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--seeds", "seeds", "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    return out, result, before, _snapshot(ROOT)


def _page(out: Path, *parts: str) -> str:
    return (out / "site" / "stories" / STORY / Path(*parts) / "index.html").read_text(encoding="utf-8")


def _text(markup: str) -> str:
    """What a reader sees: tags dropped, character references decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_build_succeeds_and_reports_progress_on_stderr(built):
    out, result, _, _ = built
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "Built the site" in result.stderr
    assert (out / "site" / "index.html").is_file()


def test_build_out_leaves_the_repository_untouched(built):
    _, result, before, after = built
    assert result.returncode == 0
    assert after == before


def test_starmer_card_strikes_step_change_and_inserts_shift(built):
    out = built[0]
    page = _page(out, "quotes", "keir-starmer-this-tech-prosperity-deal-marks")
    assert re.search(r"<del[^>]*>\s*step change\s*</del>", page)
    assert re.search(r"<ins[^>]*>\s*shift\s*</ins>", page)
    assert "'step change' became 'shift'" in _text(page)


@pytest.mark.parametrize("slug, removed, added", [
    ("liz-kendall-transform-lives-across-britain", "across", "in"),
    ("liz-kendall-vote-of-confidence-in-britain", "booming", "burgeoning"),
])
def test_kendall_cards_show_their_changes(built, slug, removed, added):
    page = _page(built[0], "quotes", slug)
    assert re.search(rf"<del[^>]*>\s*{removed}\s*</del>", page)
    assert re.search(rf"<ins[^>]*>\s*{added}\s*</ins>", page)


def test_story_page_has_versions_table_and_quote_tracker(built):
    text = _text(_page(built[0]))
    for version in ("002_2cadaaff3c52af65", "001_6d553ff9bfcf2398", "003_b72a2944a81ec269", "000_a0a61f85ce8767e2"):
        assert version in text
    assert "Quote tracker" in text
    assert "altered" in text and "reference" in text and "omitted" in text


def test_version_page_highlights_its_quotes_and_lists_removed_furniture(built):
    page = _page(built[0], "versions", "002-2cadaaff3c52af65")
    text = _text(page)
    assert "Share Save" in text and "photo credit" in text
    assert page.count("quotes/keir-starmer-this-tech-prosperity-deal-marks/") >= 1


def test_unrelated_article_is_listed_with_its_reason(built):
    text = _text((built[0] / "site" / "stories" / "index.html").read_text(encoding="utf-8"))
    assert "004_ea2e96b37d5e3068" in text
    assert "belongs to no story" in text


def test_methodology_page_is_built(built):
    page = (built[0] / "site" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "comparison keys" in _text(page)
