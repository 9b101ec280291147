"""The real thing: the fixture and hostile corpora built with `mkdocs build --strict`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from render_hostile import HOSTILE_STRINGS, hostile_corpus
from render_html import dangerous_attributes, normalise, parse_page, resolve_link
from render_sample import COPY_ID, REFERENCE_ID, STARMER_GROUP, STORY_ID, UNRELATED_ID, sample_corpus

from generator.model import Corpus
from generator.site.mkdocs import build_site, prepare_out_dir
from generator.site.render import render_site
from generator.site.render.escape import clean_text
from generator.site.render.paths import SiteMap, build_site_map
from generator.site.write import write_generated

ROOT = Path(__file__).resolve().parents[3]


def build(corpus: Corpus, out_dir: Path) -> Path:
    """Build the repository's site with ``corpus`` as the generated pages; return the site folder."""
    out = prepare_out_dir(ROOT, out_dir)
    write_generated(render_site(corpus), out / "docs")
    build_site(out)
    return out / "site"


def built_page(site_dir: Path, markdown_path: str) -> Path:
    """The HTML file MkDocs makes from a page path relative to docs/ (directory URLs)."""
    stem = markdown_path.removesuffix(".md")
    if stem.endswith("index"):
        stem = stem.removesuffix("index").rstrip("/")
    return site_dir / stem / "index.html" if stem else site_dir / "index.html"


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(sample_corpus(), tmp_path_factory.mktemp("sample") / "out")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(hostile_corpus(), tmp_path_factory.mktemp("hostile") / "out")


# The fixture site ---------------------------------------------------------------------------


def test_quote_card_strikes_out_removed_words_and_marks_added_ones(sample_site: Path) -> None:
    card = built_page(sample_site, f"stories/{STORY_ID}/quotes/{STARMER_GROUP}.md")
    source = card.read_text(encoding="utf-8")
    assert re.search(r'<del class="critic">step change</del>\s+<ins class="critic">shift</ins>', source)
    parts = parse_page(card)
    assert "removed: step change; added: shift" in parts.visible


def test_story_page_has_the_tracker_table(sample_site: Path) -> None:
    source = built_page(sample_site, f"stories/{STORY_ID}/index.md").read_text(encoding="utf-8")
    [tracker] = re.findall(r'<table class="vb-tracker__table">.*?</table>', source, re.DOTALL)
    # The version columns are headed by their place in the lineage, their ids for screen readers.
    assert '<span class="vb-sr">gov&#45;statement</span>' in tracker
    assert '<span class="vb-sr">aggregator&#45;copy</span>' in tracker
    assert tracker.count("<tr>") == 5  # lineages, versions, three quotes
    assert "vb-cell--altered" in tracker and "vb-cell--unsupported" in tracker
    assert '<span class="vb-sr">altered</span>' in tracker


def test_every_link_resolves_to_a_built_file_and_anchor(sample_site: Path) -> None:
    checked = 0
    # 404.html is served from any depth, so the theme gives it root-absolute links.
    for page in [page for page in html_pages(sample_site) if page.name != "404.html"]:
        for tag, attributes in parse_page(page).tags:
            if tag != "a" or "href" not in attributes:
                continue
            target = resolve_link(sample_site, page, attributes["href"])
            if target is None:
                continue
            path, fragment = target
            assert path.is_file(), f"{page}: {attributes['href']} -> {path}"
            if fragment:
                assert fragment in parse_page(path).ids, f"{page}: {attributes['href']}"
            checked += 1
    assert checked > 50


def links_from(site_dir: Path, markdown_path: str) -> set[Path]:
    page = built_page(site_dir, markdown_path)
    targets = set()
    for tag, attributes in parse_page(page).tags:
        if tag == "a" and "href" in attributes:
            target = resolve_link(site_dir, page, attributes["href"])
            if target is not None:
                targets.add(target[0])
    return targets


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("index.md", f"stories/{STORY_ID}/index.md"),
        ("stories/index.md", f"stories/{STORY_ID}/index.md"),
        ("stories/index.md", f"stories/unrelated/{UNRELATED_ID}.md"),
        (f"stories/{STORY_ID}/index.md", f"stories/{STORY_ID}/quotes/{STARMER_GROUP}.md"),
        (f"stories/{STORY_ID}/index.md", f"stories/{STORY_ID}/versions/{COPY_ID}.md"),
        (f"stories/{STORY_ID}/quotes/{STARMER_GROUP}.md", f"stories/{STORY_ID}/versions/{REFERENCE_ID}.md"),
        (f"stories/{STORY_ID}/quotes/{STARMER_GROUP}.md", f"stories/{STORY_ID}/index.md"),
        (f"stories/{STORY_ID}/versions/{COPY_ID}.md", f"stories/{STORY_ID}/quotes/{STARMER_GROUP}.md"),
        (f"stories/{STORY_ID}/versions/{COPY_ID}.md", f"stories/{STORY_ID}/index.md"),
    ],
)
def test_pages_link_to_each_other(sample_site: Path, source: str, target: str) -> None:
    assert built_page(sample_site, target).resolve() in links_from(sample_site, source)


def test_home_page_includes_the_story_list_and_the_fragment_is_not_a_page(sample_site: Path) -> None:
    home = parse_page(sample_site / "index.html")
    assert (
        "UK–US Technology Prosperity Deal 2 versions · 3 quotes tracked · 1 altered · "
        "0 misattributions · 1 factual drift Most serious: high severity, altered quote in "
        "aggregator-copy: 'step change' became 'shift'" in home.visible
    )
    assert not (sample_site / "stories" / "_home").exists()
    assert not list(sample_site.rglob(".generated"))


def test_data_files_are_copied_into_the_site(sample_site: Path) -> None:
    story_dir = sample_site / "stories" / STORY_ID
    assert (story_dir / "report.json").read_text(encoding="utf-8").startswith("{")
    assert (story_dir / "findings.csv").read_text(encoding="utf-8").startswith("id,kind,severity,")
    assert (story_dir / "feed.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert (sample_site / "stories" / "feed.xml").is_file()


def test_findings_index_lists_tagged_pages(sample_site: Path) -> None:
    index = parse_page(sample_site / "stories" / "findings" / "index.html")
    # The tags plugin's listing: one section per tag, linking the tagged pages.
    assert "altered quote" in index.content and "high severity" in index.content
    assert "UK–US Technology Prosperity Deal" in index.content
    story = parse_page(built_page(sample_site, f"stories/{STORY_ID}/index.md"))
    tag_links = [attrs.get("href", "") for tag, attrs in story.tags if tag == "a" and "md-tag" in attrs.get("class", "")]
    assert any("findings/#" in href for href in tag_links)


def test_version_page_highlights_quotes_and_lists_removed_lines(sample_site: Path) -> None:
    page = built_page(sample_site, f"stories/{STORY_ID}/versions/{COPY_ID}.md")
    source = page.read_text(encoding="utf-8")
    assert re.search(r'<a class="vb-quote" href="[^"]*keir-starmer[^"]*" title="altered: open the quote card">', source)
    assert "“Share this article”: sharing buttons" in parse_page(page).visible


# The hostile site ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_map() -> SiteMap:
    return build_site_map(hostile_corpus())


def test_hostile_site_has_only_the_theme_scripts(sample_site: Path, hostile_site: Path) -> None:
    theme_scripts = parse_page(sample_site / "index.html").scripts
    assert len(theme_scripts) >= 1
    for page in html_pages(hostile_site):
        assert parse_page(page).scripts == theme_scripts, page


def test_hostile_site_has_no_event_handlers_or_script_links(hostile_site: Path) -> None:
    pages = html_pages(hostile_site)
    assert len(pages) > 4 * len(HOSTILE_STRINGS)
    for page in pages:
        assert dangerous_attributes(parse_page(page)) == [], page


def test_hostile_site_uses_no_element_the_clean_site_does_not(sample_site: Path, hostile_site: Path) -> None:
    def tag_names(site_dir: Path) -> set[str]:
        return {tag for page in html_pages(site_dir) for tag, _ in parse_page(page).tags}

    assert tag_names(hostile_site) <= tag_names(sample_site)


def test_hostile_search_index_holds_no_markup(hostile_site: Path) -> None:
    index = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for markup in ("<script", "<img", "<svg", "<iframe", "<style", "<div markdown"):
        assert markup not in index


def hostile_pages(site_map: SiteMap, corpus: Corpus, number: int) -> dict[str, str]:
    story, unrelated = corpus.stories[number], corpus.unrelated[number]
    copy_id = story.versions[1].version.id
    return {
        "story": site_map.story_page(story.id),
        "version": site_map.version_page(story.id, copy_id),
        "card": site_map.quote_page(story.id, story.groups[0].id),
        "unrelated": site_map.unrelated_page(unrelated.version.id),
    }


def in_context(template: str, hostile: str) -> str:
    """What a reader should see where ``template`` puts the hostile string."""
    return normalise(clean_text(template.format(hostile)))


@pytest.mark.parametrize("number", range(len(HOSTILE_STRINGS)))
def test_hostile_text_is_shown_literally(hostile_site: Path, hostile_map: SiteMap, number: int) -> None:
    hostile = HOSTILE_STRINGS[number]
    cleaned = normalise(clean_text(hostile))
    pages = hostile_pages(hostile_map, hostile_corpus(), number)
    parsed = {kind: parse_page(built_page(hostile_site, path)) for kind, path in pages.items()}
    expectations = {
        "story": [f"Why these references: {cleaned or 'no reason was recorded'}",
                  f"Notes: {cleaned}" if cleaned else "This story has",
                  f"is closest to the source ({cleaned or 'no reason was recorded'})."],
        "version": [in_context("Intro {} end.", hostile), in_context("She said “{}” today.", hostile)],
        "card": [f"Speaker: {cleaned or 'Unattributed'}"],
        "unrelated": [f"Set apart because: {cleaned or 'no reason was recorded'}",
                      in_context("Intro {} end.", hostile)],
    }
    for kind, expected_texts in expectations.items():
        for expected in expected_texts:
            assert expected in parsed[kind].content, (kind, expected, parsed[kind].content[:3000])
        assert parsed[kind].title.startswith(cleaned), (kind, parsed[kind].title)
    card_source = built_page(hostile_site, pages["card"]).read_text(encoding="utf-8")
    # Only the diff Verbatim renders turns into <del>/<ins>: the hostile text never does.
    assert card_source.count("<del") == card_source.count("<ins") == (1 if cleaned else 0)
    assert "<mark" not in card_source


def test_an_empty_corpus_builds_too(tmp_path: Path) -> None:
    site_dir = build(Corpus(stories=()), tmp_path / "out")
    assert "No stories yet." in parse_page(site_dir / "index.html").content
    assert "Every file belongs to a story." in parse_page(site_dir / "stories" / "index.html").content
