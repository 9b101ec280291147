"""From import to site: three pages imported from a local server into a new story of a copy
of seeds/, then the real build, as `make site` runs it.  The story's page shows the versions'
outlets, dates and readable ids, and its quotes compared."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from local_web import serve

ROOT = Path(__file__).resolve().parent.parent
STORY = "gullrock-ferry-fares"
VERSIONS = {
    "gullrock-gazette-ferry-fares-rise-third-harbour": ("The Gullrock Gazette", "2025-03-04"),
    "northwind-courier-gullrock-ferry-passengers-face-33": ("Northwind Courier", "2025-03-05"),
    "island-digest-ferry-fares-rise-third": ("Island Digest", "2025-03-05"),
}


def _generator(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=300, check=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("import-site")
    seeds = work / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    web_server = serve()
    web = next(web_server)
    try:
        sources = [web.fixture("/news/ferry-fares-rise", "gazette.html"),
                   web.fixture("/amp/2025/03/05/gullrock-ferry-fare-rise", "courier-amp.html"),
                   web.fixture("/ferry-fares-to-rise-by-a-third", "digest.html")]
        imported = _generator("import", *sources, "--story", STORY, "--seeds", str(seeds))
    finally:
        web_server.close()
    build = _generator("build", "--seeds", str(seeds), "--out", str(work / "out"))
    report = _generator("report", "--seeds", str(seeds), "--no-cache")
    return {"imported": imported, "build": build, "report": report, "seeds": seeds, "out": work / "out"}


def _text(markup: str) -> str:
    """What a reader sees: tags dropped, character references decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _story_page(built: dict[str, object]) -> str:
    out = built["out"]
    assert isinstance(out, Path)
    return (out / "site" / "stories" / STORY / "index.html").read_text(encoding="utf-8")


def test_the_three_pages_are_imported_and_the_site_is_built(built: dict[str, object]) -> None:
    imported, build = built["imported"], built["build"]
    assert isinstance(imported, subprocess.CompletedProcess) and isinstance(build, subprocess.CompletedProcess)
    assert imported.returncode == 0, imported.stderr
    assert [Path(line).stem for line in imported.stdout.splitlines()] == list(VERSIONS)
    assert build.returncode == 0, build.stderr


def test_the_story_page_shows_each_version_with_its_outlet_date_and_id(built: dict[str, object]) -> None:
    page = _story_page(built)
    versions_table = page[page.index('id="versions"'):page.index('id="quote-tracker"')]
    rows = [_text(row) for row in re.findall(r"<tr>(.*?)</tr>", versions_table, re.DOTALL)][1:]
    assert len(rows) == len(VERSIONS)
    for version_id, (outlet, published) in VERSIONS.items():
        [row] = [row for row in rows if row.startswith(f"{version_id} ")]
        assert row.startswith(f"{version_id} {outlet} not stated {published} ")
    assert "unknown" not in _text(versions_table)


def test_the_quotes_are_compared_across_the_imported_versions(built: dict[str, object]) -> None:
    report = built["report"]
    assert isinstance(report, subprocess.CompletedProcess) and report.returncode == 0, report.stderr
    [story] = [s for s in json.loads(report.stdout)["stories"] if s["id"] == STORY]
    assert {v["id"]: v["outlet"] for v in story["versions"]} == {k: v[0] for k, v in VERSIONS.items()}
    varrow = [q for q in story["quotes"] if q["speaker"] == "Ilse Varrow"
              and any("We have held prices" in r["text"] for r in q["renderings"])]
    assert varrow and len(varrow[0]["renderings"]) == 3
    altered = [f for f in story["findings"] if f["kind"] == "altered_quote"
               and f["version"] == "northwind-courier-gullrock-ferry-passengers-face-33"]
    assert any("any more" in f["version_text"] for f in altered)
    page = _story_page(built)
    assert "altered" in _text(page) and "Quote tracker" in _text(page)


def test_a_quote_card_strikes_and_inserts_the_changed_words(built: dict[str, object]) -> None:
    out = built["out"]
    assert isinstance(out, Path)
    cards = (out / "site" / "stories" / STORY / "quotes").glob("ilse-varrow-we-have-held-prices*/index.html")
    [card] = [path.read_text(encoding="utf-8") for path in cards]
    assert re.search(r"<del[^>]*>\s*longer\s*</del>", card) and re.search(r"<ins[^>]*>\s*more\b", card)


def test_a_version_page_shows_where_the_page_was_read(built: dict[str, object]) -> None:
    out = built["out"]
    assert isinstance(out, Path)
    page = _text((out / "site" / "stories" / STORY / "versions" / "gullrock-gazette-ferry-fares-rise-third-harbour"
                  / "index.html").read_text(encoding="utf-8"))
    assert "Outlet: The Gullrock Gazette" in page and "Author: Maren Tollis" in page
    assert re.search(r"Found at: http://127\.0\.0\.1:\d+/news/ferry-fares-rise", page)
    assert re.search(r"SHA-256 of the page read: [0-9a-f]{64}", page)
