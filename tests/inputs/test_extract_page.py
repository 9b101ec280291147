"""Extraction of a web page's article and facts: trafilatura for the text, htmldate for the
date, ftfy for mojibake, on pages written for the tests (tests/fixtures/import/pages.yml)."""

from __future__ import annotations

import pytest
from local_web import FIXTURES
from stage_helpers import cases

from generator.inputs.extract_page import (
    MIN_WORDS,
    NO_ARTICLE_TEXT,
    NoArticleText,
    address_in_page,
    extract_page,
)


def _page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("case", cases("import/pages.yml"))
def test_page_facts(case: dict) -> None:
    page = extract_page(_page(case["file"]))
    assert (page.title, page.site_name, page.author, page.published, page.language) == (
        case["title"], case["site_name"], case["author"], case["published"], case["language"])


@pytest.mark.parametrize("case", cases("import/pages.yml"))
def test_article_paragraphs_are_kept_in_order_without_the_headline(case: dict) -> None:
    page = extract_page(_page(case["file"]))
    assert len(page.paragraphs) == case["paragraphs"], page.paragraphs
    assert page.paragraphs[0] == case["first"]
    text = "\n".join(page.paragraphs)
    for words in case["keeps"]:
        assert words in text


@pytest.mark.parametrize("case", cases("import/pages.yml"))
def test_page_furniture_is_left_behind(case: dict) -> None:
    text = "\n".join(extract_page(_page(case["file"])).paragraphs)
    for furniture in case["drops"]:
        assert furniture not in text, furniture


@pytest.mark.parametrize("case", cases("import/pages.yml"))
def test_mojibake_is_repaired_and_reported_and_nothing_else_is(case: dict) -> None:
    page = extract_page(_page(case["file"]))
    assert len(page.repairs) == case.get("repaired", 0), page.repairs


def test_a_repair_is_shown_as_whole_words() -> None:
    repairs = extract_page(_page("tarrow-mojibake.html")).repairs
    assert "'councilâ€™s' became 'council’s'" in repairs
    assert "'Â£2.4m.' became '£2.4m.'" in repairs


def test_curly_quotes_ligatures_and_wide_characters_are_kept_as_the_page_has_them() -> None:
    # ftfy would straighten these by default; a quote checker must see them as published.
    words = "“Fully ﬁnished by ２０２６,” said the engineer, ‘not a day later’. " * 8
    page = extract_page(f"<html><body><article><h1>Bridge</h1><p>{words}</p></article></body></html>")
    assert page.paragraphs == (words.strip(),)
    assert page.repairs == ()


@pytest.mark.parametrize("name", ["app-shell.html", "paywall.html"])
def test_a_page_without_article_text_is_refused(name: str) -> None:
    with pytest.raises(NoArticleText, match="paywall or built by JavaScript"):
        extract_page(_page(name))
    assert NO_ARTICLE_TEXT.startswith("the page has no article text")


def test_a_short_brief_is_still_an_article() -> None:
    words = " ".join(["The ferry ran late."] * (MIN_WORDS // 4 + 1))
    assert extract_page(f"<html><body><article><p>{words}</p></article></body></html>").words >= MIN_WORDS


def test_line_breaks_tables_lists_and_block_quotes_become_paragraphs() -> None:
    filler = "<p>" + "The harbour board met on Tuesday to discuss the fares. " * 4 + "</p>"
    page = extract_page(
        "<html><body><article><h1>Fares</h1>" + filler
        + "<blockquote><p>“It is a sad day,” wrote one islander.</p></blockquote>"
        + "<ul><li>Adults: £12</li><li>Children: £6</li></ul>"
        + "<table><tr><td>Adult single</td><td>£12</td></tr></table>"
        + "<p>Pier Road<br>Gullrock</p>" + filler + "</article></body></html>")
    assert page.paragraphs[1:6] == ("“It is a sad day,” wrote one islander.", "Adults: £12", "Children: £6",
                                    "Adult single | £12", "Pier Road Gullrock")


@pytest.mark.parametrize("html, address", [
    ("<!-- saved from url=(0040)https://gullrock-gazette.example/news/a -->\n<html></html>",
     "https://gullrock-gazette.example/news/a"),
    ("<html><!--\n Page saved with SingleFile \n url: https://northwind-courier.example/b \n saved date: Wed Mar 05 "
     "2025 -->\n</html>", "https://northwind-courier.example/b"),
    ('<html><head><link rel="canonical" href="https://tarrow-weekly.example/c"></head></html>',
     "https://tarrow-weekly.example/c"),
    ('<html><head><meta property="og:url" content="https://island-digest.example/d"></head></html>',
     "https://island-digest.example/d"),
    ('<html><head><link rel="canonical" href="/relative/only"></head></html>', None),
    ("<html><body>nothing</body></html>", None),
])
def test_the_address_a_saved_page_names(html: str, address: str | None) -> None:
    assert address_in_page(html) == address


@pytest.mark.parametrize("head, language", [
    ('<html lang="en_GB">', "en-GB"),
    ('<html xml:lang="fr">', "fr"),
    ('<html><head><meta http-equiv="Content-Language" content="de-AT">', "de-AT"),
    ('<html><head><meta property="og:locale" content="nl_BE">', "nl-BE"),
    ('<html lang="not a language!">', None),
])
def test_the_declared_language(head: str, language: str | None) -> None:
    body = "<p>" + "Words of an article that runs on for a while. " * 8 + "</p>"
    assert extract_page(f"{head}<body><article>{body}</article></body></html>").language == language
