"""Verdicts on the built site: shown on their finding and on the corrections log, ClaimReview
JSON-LD from the template (never breaking out of its script element), "Suggest a correction"
and "Edit this page" pointing at the files a contributor edits."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from render_sample import COPY_ID, REFERENCE_ID, STARMER_GROUP, STORY_ID, sample_corpus

from generator.model import Corpus, Finding, LogEntry, Source, Verdict
from generator.site.mkdocs import build_site, prepare_out_dir
from generator.site.render import render_site
from generator.site.render.paths import CORRECTIONS_LOG, build_site_map, served_link
from generator.site.render.verdicts import safe_url
from generator.site.repository import Repository
from generator.site.write import write_generated

ROOT = Path(__file__).resolve().parents[3]
REPOSITORY = Repository("https://github.com/acme/verbatim")
ALTERED = f"{STORY_ID}/{COPY_ID}/altered_quote/step-change-shift"
DATE_DRIFT = f"{STORY_ID}/{COPY_ID}/date_drift/september-october"
HOSTILE_NOTE = ("</script><script>alert('note')</script> <!-- & \"quoted\" {--critic--} "
                "<img src=x onerror=alert(1)> ]]> \u2028 end")
STORY_PAGE = f"stories/{STORY_ID}/index.html"


def _verdicts() -> dict[str, Verdict]:
    return {
        ALTERED: Verdict(
            finding=ALTERED, verdict="confirmed-misquote", note=HOSTILE_NOTE,
            sources=(
                Source(url="https://www.gov.uk/government/news/example", title="The statement",
                       archived="https://web.archive.org/web/2025/https://www.gov.uk/government/news/example",
                       retrieved="2025-12-17"),
                Source(url="javascript:alert('source')", title="A hostile source"),
                Source(seed=f"seeds/{STORY_ID}/{REFERENCE_ID}.md"),
            ),
            reviewer="a-reviewer", date="2025-12-18", path=f"seeds/{STORY_ID}/corrections.yml", line=2),
        DATE_DRIFT: Verdict(
            finding=DATE_DRIFT, verdict="false-alarm", note="The copy is right: it was October.",
            sources=(Source(url="https://example.org/october"),), reviewer="<b>not-a-handle</b>",
            date="2025-12-19", severity="low"),
    }


def reviewed_corpus() -> Corpus:
    """The render sample with two verdicts (one with a hostile note) and a corrections log."""
    corpus = sample_corpus()
    verdicts = _verdicts()
    story = corpus.stories[0]
    findings = tuple(replace(f, verdict=verdicts.get(f.id)) for f in story.findings)
    log = (LogEntry("2025-12-19", "Withdrew the date drift: the copy is right.", "material"),
           LogEntry("2025-12-18", "Confirmed the altered Starmer quote </script>.", "minor"))
    return replace(corpus, stories=(replace(story, findings=findings, corrections_log=log),))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = prepare_out_dir(ROOT, tmp_path_factory.mktemp("verdicts") / "out")
    write_generated(render_site(reviewed_corpus(), REPOSITORY), out / "docs")
    previous = os.environ.get("VERBATIM_REPOSITORY")
    os.environ["VERBATIM_REPOSITORY"] = REPOSITORY.url
    try:
        build_site(out)
    finally:
        if previous is None:
            os.environ.pop("VERBATIM_REPOSITORY", None)
        else:
            os.environ["VERBATIM_REPOSITORY"] = previous
    yield out / "site"


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.DOTALL)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def _item(html: str, anchor: str) -> str:
    start = html.index(f'<li id="{anchor}"')
    return html[start:html.index("</li>", start)]


def _anchor(finding_id: str) -> str:
    anchor = build_site_map(reviewed_corpus()).finding_anchor(STORY_ID, finding_id)
    assert anchor is not None
    return anchor


def _article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def test_the_verdict_shows_on_its_finding_next_to_the_automatic_judgement(site: Path) -> None:
    item = _item(_html(site, STORY_PAGE), _anchor(ALTERED))
    assert "Confirmed misquote" in item and "vb-verdict--confirmed-misquote" in item
    assert '<a href="https://github.com/a-reviewer">&#64;a-reviewer</a>' in item and "2025&#45;12&#45;18" in item
    assert "&#39;step change&#39; became &#39;shift&#39;" in item  # the automatic explanation stays
    assert '<a href="https://www.gov.uk/government/news/example">The statement</a>' in item
    assert "archived copy" in item and "retrieved 2025&#45;12&#45;17" in item
    assert f'href="versions/{REFERENCE_ID}/"' in item


def test_a_severity_override_keeps_the_automatic_severity_visible(site: Path) -> None:
    item = _item(_html(site, STORY_PAGE), _anchor(DATE_DRIFT))
    assert item.index("vb-severity--low") < item.index("date drift")
    assert "Severity set to" in item and "the automatic judgement was" in item and "vb-severity--medium" in item


def test_hostile_verdict_text_is_inert(site: Path) -> None:
    for page in (STORY_PAGE, "stories/corrections/index.html"):
        html = _html(site, page)
        assert "javascript:" not in html.replace("A hostile source", "")
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>not-a-handle" not in html
        assert html.count("<script") == _html(site, "about/index.html").count("<script") + 1


@pytest.mark.parametrize("page", [STORY_PAGE, "stories/corrections/index.html"])
def test_claim_review_json_ld_parses_and_keeps_the_hostile_note_inside(site: Path, page: str) -> None:
    html = _html(site, page)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.DOTALL).group(1)
    assert "<" not in block and ">" not in block
    reviews = {review["identifier"]: review for review in _json_ld(html)}
    assert set(reviews) == {ALTERED, DATE_DRIFT}
    review = reviews[ALTERED]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["reviewBody"] == " ".join(HOSTILE_NOTE.split())
    assert review["reviewRating"]["alternateName"] == "Confirmed misquote"
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["itemReviewed"]["author"]["name"] == "Keir Starmer"
    assert review["itemReviewed"]["appearance"]["publisher"]["name"] == "Tech News Daily"
    assert review["url"].endswith(f"#{_anchor(ALTERED)}")
    assert "url" not in reviews[DATE_DRIFT]["author"]  # no profile link for an odd handle


def test_json_ld_urls_resolve_to_the_finding(site: Path) -> None:
    for page in (STORY_PAGE, "stories/corrections/index.html"):
        for review in _json_ld(_html(site, page)):
            path, _, anchor = review["url"].partition("#")
            target = (site / page).parent / path / "index.html" if path else site / page
            assert f'id="{anchor}"' in target.resolve().read_text(encoding="utf-8")


def test_the_corrections_log_lists_every_verdict_and_entry(site: Path) -> None:
    html = _article(_html(site, "stories/corrections/index.html"))
    assert html.index("False alarm") < html.index("Confirmed misquote")  # newest first
    assert "2 verdicts, 2 logged corrections" in html
    assert "Withdrew the date drift" in html and "Confirmed the altered Starmer quote &#60;&#47;script&#62;" in html
    assert f'href="../{STORY_ID}/#{_anchor(ALTERED)}"' in html
    assert 'href="stories/corrections/"' in _html(site, "index.html")  # in the nav


def test_a_material_correction_is_noted_above_the_findings(site: Path) -> None:
    html = _article(_html(site, STORY_PAGE))
    note = html.index("Correction, 2025-12-19")
    assert html.index('id="findings"') < note < html.index(f'id="{_anchor(ALTERED)}"')
    assert "Corrections log" in html


def test_every_finding_links_to_the_correction_form(site: Path) -> None:
    html = _html(site, STORY_PAGE)
    links = re.findall(r'href="(https://github\.com/acme/verbatim/issues/new\?[^"]*)"', html)
    assert len(links) == len(sample_corpus().stories[0].findings)
    assert all("template=request-correction.yml" in link for link in links)
    assert any("finding=" + ALTERED.replace("/", "%2F") in link for link in links)


def _edit_target(html: str) -> str | None:
    found = re.search(r'<a href="([^"]*)" title="Edit the source of this page on GitHub"', html)
    return found.group(1) if found else None


@pytest.mark.parametrize(("page", "source"), [
    (STORY_PAGE, f"seeds/{STORY_ID}/corrections.yml"),
    (f"stories/{STORY_ID}/quotes/{STARMER_GROUP}/index.html", f"seeds/{STORY_ID}/corrections.yml"),
    (f"stories/{STORY_ID}/versions/{COPY_ID}/index.html", f"seeds/{STORY_ID}/{COPY_ID}.txt"),
    ("methodology/index.html", "docs/methodology.md"),
    ("stories/findings/index.html", None),
    ("stories/corrections/index.html", None),
    ("stories/index.html", None),
])
def test_edit_this_page_opens_the_source_file_never_a_generated_page(site: Path, page: str,
                                                                     source: str | None) -> None:
    expected = f"{REPOSITORY.url}/edit/main/{source}" if source else None
    assert _edit_target(_html(site, page)) == expected


def test_without_a_repository_there_are_no_github_links() -> None:
    pages = render_site(reviewed_corpus())
    assert "issues/new" not in pages[f"stories/{STORY_ID}/index.md"]
    assert "/edit/" not in pages[CORRECTIONS_LOG]
    assert "Suggest a correction” link" not in pages[f"stories/{STORY_ID}/index.md"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://example.org/a)b](javascript:x)",
                                 "https://example.org/<script>", "https://example.org/{--x--}", None, ""])
def test_unsafe_addresses_are_never_linked(url: str | None) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(("here", "there", "anchor", "expected"), [
    ("stories/s/index.md", "stories/s/index.md", "f-x", "#f-x"),
    ("stories/corrections.md", "stories/s/index.md", "f-x", "../s/#f-x"),
    ("stories/s/quotes/q.md", "stories/s/index.md", None, "../../"),
])
def test_served_links_follow_directory_urls(here: str, there: str, anchor: str | None, expected: str) -> None:
    assert served_link(here, there, anchor) == expected


def test_findings_keep_their_automatic_severity_in_the_data() -> None:
    corpus = reviewed_corpus()
    finding: Finding = next(f for f in corpus.stories[0].findings if f.id == DATE_DRIFT)
    assert finding.severity == "medium" and finding.verdict and finding.verdict.severity == "low"


ZENSICAL = Path(os.environ.get("VERBATIM_ZENSICAL", ROOT / ".venv-zensical" / "bin" / "zensical"))


def test_zensical_builds_the_verdicts_with_safe_json_ld(tmp_path: Path) -> None:
    if not ZENSICAL.is_file():
        pytest.skip(f"{ZENSICAL} is missing: `make test` creates .venv-zensical with Zensical 0.0.73")
    out = prepare_out_dir(ROOT, tmp_path / "out")
    write_generated(render_site(reviewed_corpus(), REPOSITORY), out / "docs")
    result = subprocess.run([str(ZENSICAL), "build", "--strict", "--config-file", "mkdocs.yml"], cwd=out,
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "VERBATIM_REPOSITORY": REPOSITORY.url})
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / "site" / STORY_PAGE).read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    reviews = {review["identifier"]: review for review in _json_ld(html)}
    assert reviews[ALTERED]["reviewBody"] == " ".join(HOSTILE_NOTE.split())
    assert "Confirmed misquote" in _article(html)
