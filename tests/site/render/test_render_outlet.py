"""Who published a version: the front matter's outlet, else the host of its address (never
"unknown" when the file says more); an imported version's archive address and digest shown."""

from __future__ import annotations

import dataclasses

import pytest
from render_sample import COPY_ID, STORY_ID, sample_corpus

from generator.model import Corpus, VersionMeta, web_host
from generator.site.render import render_site

STORY_PAGE = f"stories/{STORY_ID}/index.md"
COPY_PAGE = f"stories/{STORY_ID}/versions/{COPY_ID}.md"


def _with_copy_meta(meta: VersionMeta) -> Corpus:
    corpus = sample_corpus()
    story = corpus.stories[0]
    versions = tuple(
        dataclasses.replace(summary, version=dataclasses.replace(summary.version, meta=meta))
        if summary.version.id == COPY_ID else summary
        for summary in story.versions
    )
    return dataclasses.replace(corpus, stories=(dataclasses.replace(story, versions=versions),))


def _copy_row(pages: dict[str, str]) -> str:
    return next(line for line in pages[STORY_PAGE].splitlines() if line.startswith(f"| [aggregator&#45;copy]"))


def test_without_an_outlet_the_host_of_the_address_is_shown() -> None:
    pages = render_site(_with_copy_meta(VersionMeta(url="https://www.tech-news-daily.example/uk-us-deal")))
    assert "| tech&#45;news&#45;daily&#46;example |" in _copy_row(pages)
    assert "**Outlet:** tech&#45;news&#45;daily&#46;example (from its address)" in pages[COPY_PAGE]


def test_the_front_matter_outlet_comes_first() -> None:
    pages = render_site(_with_copy_meta(VersionMeta(outlet="Tech News Daily",
                                                    url="https://www.tech-news-daily.example/uk-us-deal")))
    assert "| Tech News Daily |" in _copy_row(pages)
    assert "**Outlet:** Tech News Daily\n" in pages[COPY_PAGE]


def test_with_nothing_to_go_on_the_outlet_is_unknown() -> None:
    pages = render_site(_with_copy_meta(VersionMeta()))
    assert "| unknown |" in _copy_row(pages)
    assert "**Outlet:**" not in pages[COPY_PAGE]


def test_an_imported_version_shows_its_archived_copy_and_digest_as_text() -> None:
    digest = "9f" * 32
    pages = render_site(_with_copy_meta(VersionMeta(
        url="https://tech-news-daily.example/a",
        archived="https://web.archive.org/web/20250306101500/https://tech-news-daily.example/a", sha256=digest)))
    assert ("**Archived copy:** https&#58;&#47;&#47;web&#46;archive&#46;org&#47;web&#47;20250306101500&#47;"
            "https&#58;&#47;&#47;tech&#45;news&#45;daily&#46;example&#47;a") in pages[COPY_PAGE]
    assert f"**SHA-256 of the page read:** {digest}" in pages[COPY_PAGE]


@pytest.mark.parametrize("url, host", [
    ("https://www.bbc.co.uk/news/technology-1", "bbc.co.uk"),
    ("http://User@Gullrock-Gazette.EXAMPLE:8080/a?b#c", "gullrock-gazette.example"),
    ("https://www.example/", "www.example"),  # nothing would be left of the name
    ("https://[2001:db8::1]/page", "[2001:db8::1]"),
    ("ftp://files.example/a", None),
    ("not an address", None),
    (None, None),
])
def test_web_host(url: str | None, host: str | None) -> None:
    assert web_host(url) == host
