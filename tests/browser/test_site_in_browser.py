"""The built site in a real browser (system Chromium over 127.0.0.1): the diff
is visible and right, search finds a speaker, pages link to each other, no
third-party requests, axe finds no violations, the keyboard reaches the links,
phones get no sideways scrolling, and hostile input stays inert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Served, Watch, open_page
from hostile_seeds import PWN, VISIBLE_MARKERS

STORY = "stories/us-uk-tech-prosperity-deal/"
STARMER_CARD = f"{STORY}quotes/keir-starmer-this-tech-prosperity-deal-marks/"
TRANSLATION = f"{STORY}versions/003-b72a2944a81ec269/"
PEOPLE = "stories/people/"
PERSON = "stories/people/keir-starmer/"

AXE_PAGES = {
    "home": "",
    "story": STORY,
    "quote card": STARMER_CARD,
    "version": TRANSLATION,
    "people": PEOPLE,
    "person": PERSON,
    "findings": "stories/findings/",
    "corrections log": "stories/corrections/",
    "about": "about/",
}
"""The pages axe checks, by what they are."""


def test_starmer_card_strikes_step_change_and_inserts_shift(page: object, seed_site: Served) -> None:
    page.goto(seed_site.url(STARMER_CARD))  # type: ignore[attr-defined]
    section = page.locator("h3#v-003-b72a2944a81ec269 ~ p.vb-diff").first  # type: ignore[attr-defined]
    removed = section.locator("del.critic", has_text=re.compile(r"^step change$"))
    added = section.locator("ins.critic", has_text=re.compile(r"^shift$"))
    assert removed.is_visible() and added.is_visible()
    assert "line-through" in removed.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in added.evaluate("e => getComputedStyle(e).textDecorationLine")
    # Struck words come before the inserted ones, in reading order.
    text = section.inner_text()
    assert text.index("step change") < text.index("shift")
    # Screen readers get the same change in words.
    assert "removed: step change; added: shift" in section.locator(".vb-sr").text_content()


def test_search_finds_a_speaker(page: object, seed_site: Served) -> None:
    page.goto(seed_site.url())  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.press_sequentially("Kendall", delay=20)
    result = page.locator(".md-search-result__item", has_text="Kendall").first  # type: ignore[attr-defined]
    result.wait_for(state="visible", timeout=10_000)
    assert "Kendall" in result.inner_text()


def test_story_quote_and_version_pages_link_to_each_other(page: object, seed_site: Served) -> None:
    page.goto(seed_site.url())  # type: ignore[attr-defined]
    page.get_by_role("link", name="Downing Street insists US-UK tech deal talks are still live").first.click()  # type: ignore[attr-defined]
    assert page.url == seed_site.url(STORY)  # type: ignore[attr-defined]
    page.locator("table a[href*='keir-starmer-this-tech-prosperity-deal-marks']").first.click()  # type: ignore[attr-defined]
    assert page.url == seed_site.url(STARMER_CARD)  # type: ignore[attr-defined]
    page.locator("article a[href*='versions/003-b72a2944a81ec269']").first.click()  # type: ignore[attr-defined]
    assert page.url == seed_site.url(TRANSLATION)  # type: ignore[attr-defined]
    page.locator("a.vb-quote[href*='keir-starmer-this-tech-prosperity-deal-marks']").first.click()  # type: ignore[attr-defined]
    assert page.url == seed_site.url(STARMER_CARD)  # type: ignore[attr-defined]
    page.locator("article a[href$='../../']", has_text="Downing Street").first.click()  # type: ignore[attr-defined]
    assert page.url == seed_site.url(STORY)  # type: ignore[attr-defined]


def test_story_page_offers_its_data_files(page: object, seed_site: Served) -> None:
    page.goto(seed_site.url(STORY))  # type: ignore[attr-defined]
    for name, start in (("JSON report", "{"), ("CSV of findings", "id,kind,"), ("Atom feed of findings", "<?xml")):
        href = page.get_by_role("link", name=name).get_attribute("href")  # type: ignore[attr-defined]
        response = page.request.get(seed_site.url(STORY + href))  # type: ignore[attr-defined]
        assert response.ok and response.text().startswith(start), name


def test_no_page_requests_another_host(browser: object, seed_site: Served) -> None:
    watch = Watch()
    page = open_page(browser, watch)
    for path in [*AXE_PAGES.values(), "stories/", "methodology/", "corrections-policy/"]:
        page.goto(seed_site.url(path), wait_until="networkidle")  # type: ignore[attr-defined]
    # The search index and worker are fetched too, from the site itself.
    page.locator("input.md-search__input").click()  # type: ignore[attr-defined]
    page.locator("input.md-search__input").press_sequentially("Starmer")  # type: ignore[attr-defined]
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]
    assert len(watch.requests) > 20
    assert any("search" in url for url in watch.requests)
    assert watch.foreign_requests() == []


@pytest.mark.parametrize("name", sorted(AXE_PAGES))
def test_axe_finds_no_violations(page: object, seed_site: Served, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(seed_site.url(AXE_PAGES[name]))  # type: ignore[attr-defined]
    results = Axe().run(page)
    violations = [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert results.response["passes"], "axe ran no checks"
    assert violations == []


def test_keyboard_reaches_the_quote_links_with_visible_focus(page: object, seed_site: Served) -> None:
    page.goto(seed_site.url(STORY))  # type: ignore[attr-defined]
    reached = None
    for _ in range(120):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")  # type: ignore[attr-defined]
        if "quotes/" in href:
            reached = href
            break
    assert reached, "Tab never reached a quote card link"
    outline = page.evaluate(  # type: ignore[attr-defined]
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert outline[0] != "none" and outline[1] != "0px"
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/quotes/"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", [STORY, TRANSLATION, STARMER_CARD, ""])
def test_phone_width_has_no_sideways_scroll(browser: object, seed_site: Served, tmp_path: Path, path: str) -> None:
    watch = Watch()
    page = open_page(browser, watch, width=375, height=812)
    page.goto(seed_site.url(path))  # type: ignore[attr-defined]
    shot = tmp_path / "phone.png"
    page.screenshot(path=str(shot), full_page=True)  # type: ignore[attr-defined]
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")  # type: ignore[attr-defined]
    # Wide tables scroll inside their own wrapper instead of widening the page; the quote
    # tracker is stacked into one block per quote instead, and does not scroll at all.
    wrappers = page.evaluate(  # type: ignore[attr-defined]
        "[...document.querySelectorAll('article table')].map(t => {"
        " if (t.classList.contains('vb-tracker__table')) { const s = t.closest('.vb-tracker');"
        "   return ['auto', s.scrollWidth <= s.clientWidth && s.clientWidth <= innerWidth]; }"
        " const w = t.closest('.md-typeset__scrollwrap');"
        " return w ? [getComputedStyle(w).overflowX, w.clientWidth <= innerWidth] : ['none', false]; })"
    )
    page.context.close()  # type: ignore[attr-defined]
    assert shot.stat().st_size > 10_000
    assert widths[0] <= widths[1], f"document is {widths[0]} px wide in a {widths[1]} px window"
    assert all(wrapper == ["auto", True] for wrapper in wrappers), wrappers
    assert watch.foreign_requests() == []


def test_hostile_input_stays_inert_on_every_page(browser: object, hostile_site: Served) -> None:
    pages = sorted(hostile_site.root.rglob("*.html"))
    assert len(pages) > 10
    watch = Watch()
    page = open_page(browser, watch)
    shown = ""
    for built in pages:
        path = built.relative_to(hostile_site.root).as_posix()
        page.goto(hostile_site.url(path))  # type: ignore[attr-defined]
        page.mouse.move(200, 300)  # type: ignore[attr-defined]
        assert page.evaluate("typeof window.__pwned") == "undefined", path  # type: ignore[attr-defined]
        shown += page.inner_text("body")  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]
    assert watch.dialogs == []
    assert watch.errors == []
    assert watch.foreign_requests() == []
    for marker in VISIBLE_MARKERS:
        assert marker in shown
    assert PWN in shown
