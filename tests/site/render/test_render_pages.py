"""Rendered pages: golden files byte for byte, determinism, and the page set."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from render_sample import (
    COPY_ID,
    KENDALL_GROUP,
    REFERENCE_ID,
    STARMER_GROUP,
    STORY_ID,
    UNRELATED_ID,
    sample_corpus,
)

from generator.model import Corpus, Quote
from generator.site.render import GENERATED_DIR, render_site
from generator.site.render.escape import markdown_text

GOLDEN_DIR = Path(__file__).parent / "golden"

EXPECTED_PAGES = {
    "stories/_home.md",
    "stories/index.md",
    "stories/findings.md",
    "stories/corrections.md",
    "stories/feed.xml",
    "stories/people/index.md",
    "stories/people/a-spokesperson.md",
    "stories/people/keir-starmer.md",
    "stories/people/liz-kendall.md",
    f"stories/{STORY_ID}/report.json",
    f"stories/{STORY_ID}/findings.csv",
    f"stories/{STORY_ID}/feed.xml",
    f"stories/{STORY_ID}/index.md",
    f"stories/{STORY_ID}/versions/{REFERENCE_ID}.md",
    f"stories/{STORY_ID}/versions/{COPY_ID}.md",
    f"stories/{STORY_ID}/quotes/{STARMER_GROUP}.md",
    f"stories/{STORY_ID}/quotes/{KENDALL_GROUP}.md",
    f"stories/{STORY_ID}/quotes/spokesperson-going-well.md",
    f"stories/unrelated/{UNRELATED_ID}.md",
}

PAGES = render_site(sample_corpus())


def golden_files() -> set[str]:
    return {path.relative_to(GOLDEN_DIR).as_posix() for path in GOLDEN_DIR.rglob("*") if path.is_file()}


def test_render_site_makes_exactly_the_expected_pages() -> None:
    assert set(PAGES) == EXPECTED_PAGES
    assert all(path.startswith(f"{GENERATED_DIR}/") for path in PAGES)


def test_golden_files_match_the_page_set(update_golden: bool) -> None:
    if update_golden:
        for stale in golden_files() - set(PAGES):
            (GOLDEN_DIR / stale).unlink()
    assert golden_files() == set(PAGES) or update_golden


@pytest.mark.parametrize("path", sorted(EXPECTED_PAGES))
def test_page_matches_its_golden_file(path: str, update_golden: bool) -> None:
    golden = GOLDEN_DIR / path
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(PAGES[path].encode("utf-8"))
    assert PAGES[path].encode("utf-8") == golden.read_bytes()


def test_rendering_twice_gives_identical_pages() -> None:
    first, second = render_site(sample_corpus()), render_site(sample_corpus())
    assert first == second
    assert list(first) == sorted(first)


def test_page_paths_do_not_depend_on_story_order() -> None:
    corpus = sample_corpus()
    other = dataclasses.replace(corpus.stories[0], id="another-story", title="Another story")
    forwards = render_site(Corpus(stories=(corpus.stories[0], other), unrelated=corpus.unrelated))
    backwards = render_site(Corpus(stories=(other, corpus.stories[0]), unrelated=corpus.unrelated))
    assert set(forwards) == set(backwards)
    assert forwards[f"stories/{STORY_ID}/index.md"] == backwards[f"stories/{STORY_ID}/index.md"]


def test_every_page_but_the_home_fragment_has_a_front_matter_title() -> None:
    for path, text in PAGES.items():
        if not path.endswith(".md"):
            continue
        if path == "stories/_home.md":
            assert not text.startswith("---")
        else:
            assert text.startswith("---\ntitle: "), path
        assert text.endswith("\n") and not text.endswith("\n\n"), path


def test_story_page_summarises_the_story() -> None:
    story_page = PAGES[f"stories/{STORY_ID}/index.md"]
    assert (
        "We compared 2 versions of this story with the trusted reference, gov&#45;statement (GOV&#46;UK). "
        "Of the 3 quotes we tracked, 1 is reworded, cut short, extended or given to someone else in "
        "at least one version." in story_page
    )
    assert "In all, 5 findings: 1 high, 3 medium, 1 low." in story_page
    assert "**Most serious:** [high severity, altered quote](#f-" in story_page
    assert '<th scope="row" class="vb-tracker__quote">' in story_page
    assert '<span class="vb-sr">gov&#45;statement</span>' in story_page
    assert '<span class="vb-sr">altered</span>' in story_page and '<span class="vb-sr">omitted</span>' in story_page


def test_quote_card_shows_the_word_diff_as_critic_markup() -> None:
    card = PAGES[f"stories/{STORY_ID}/quotes/{STARMER_GROUP}.md"]
    assert "generational {--step change--} {++shift++} in our relationship" in card
    assert "Changes: removed&#58; step change; added&#58; shift." in card
    assert "He (Keir Starmer), via pronoun" in card


def test_quote_without_trusted_rendering_says_so() -> None:
    card = PAGES[f"stories/{STORY_ID}/quotes/spokesperson-going-well.md"]
    assert "No trusted version has this quote" in card


def test_version_page_links_each_quote_to_its_card() -> None:
    page = PAGES[f"stories/{STORY_ID}/versions/{COPY_ID}.md"]
    assert f"](../quotes/{STARMER_GROUP}.md \"altered: open the quote card\"){{ .vb-quote }}" in page
    assert "“Share this article”: sharing buttons" in page
    assert markdown_text(f"seeds/{STORY_ID}/{COPY_ID}.txt") in page


def with_copy_quotes(*quotes: Quote, text: str | None = None) -> str:
    """The copy's version page after replacing its quotes (and optionally its text)."""
    corpus = sample_corpus()
    story = corpus.stories[0]
    copy = story.versions[1]
    version = dataclasses.replace(copy.version, text=text or copy.version.text)
    summaries = (story.versions[0], dataclasses.replace(copy, version=version, quotes=quotes))
    story = dataclasses.replace(story, versions=summaries)
    pages = render_site(Corpus(stories=(story,), unrelated=corpus.unrelated))
    return pages[f"stories/{STORY_ID}/versions/{COPY_ID}.md"]


def loose_quote(number: int, start: int, end: int, text: str) -> Quote:
    return Quote(id=f"{COPY_ID}:q{number}", version=COPY_ID, start=start, end=end,
                 text=text[max(start, 0):end], form="scare", sentence="")


def test_a_quote_in_no_group_is_marked_but_not_linked() -> None:
    text = "He called it “historic” twice."
    start = text.index("historic")
    page = with_copy_quotes(loose_quote(9, start, start + 8, text), text=text)
    assert 'He called it “<mark class="vb-quote" title="quote not lined up">historic</mark>” twice&#46;' in page


def test_a_quote_across_paragraphs_is_highlighted_in_each() -> None:
    text = "First “one\n\ntwo” end."
    quote = loose_quote(9, text.index("one"), text.index("two") + 3, text)
    page = with_copy_quotes(quote, text=text)
    assert 'First “<mark class="vb-quote" title="quote not lined up">one</mark>' in page
    assert '<mark class="vb-quote" title="quote not lined up">two</mark>” end&#46;' in page


def test_overlapping_and_out_of_range_quotes_never_repeat_or_lose_text() -> None:
    text = "abc def ghi"
    quotes = (loose_quote(8, 0, 7, text), loose_quote(9, 4, 11, text), loose_quote(10, -5, 500, text))
    page = with_copy_quotes(*quotes, text=text)
    body = page.split("## Text\n\n", 1)[1].split("\n\n", 1)[0]
    visible = re.sub(r"<[^>]+>", "", body)
    assert visible == "abc def ghi"
