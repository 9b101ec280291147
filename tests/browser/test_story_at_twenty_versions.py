"""The story page of an invented story in twenty versions and three lineages, in a real
browser (system Chromium over 127.0.0.1): the quote tracker fits 1280 px without sideways
scrolling, the page stays within the height the redesign set, axe finds nothing, a phone
gets a stacked tracker and no sideways scrolling, the provenance map is an inline SVG with
a text alternative, and links into the folded findings open their fold.

The height bound: the same story was 17,827 px tall at 1280 px before the redesign and
5,714 px after it (docs/benchmarks.md); the bound allows some room for fonts and wording
and stays at a third of the old height.
"""

from __future__ import annotations

import re

import pytest
import twenty_versions
from conftest import Served, Watch, open_page

STORY = f"stories/{twenty_versions.STORY}/"

HEIGHT_BEFORE = 17_827
"""Height of this story's page at 1280 px before the redesign, measured in Chromium."""

HEIGHT_BOUND = HEIGHT_BEFORE // 3
"""The page must be at most a third as tall now."""

_OPEN_FOLDS = "document.querySelectorAll('article details').forEach(d => { d.open = true; })"


def test_the_tracker_fits_1280_px_without_sideways_scroll(page: object, twenty_site: Served) -> None:
    page.goto(twenty_site.url(STORY))  # type: ignore[attr-defined]
    sizes = page.evaluate(  # type: ignore[attr-defined]
        """() => { const frame = document.querySelector('.vb-tracker');
        const table = frame.querySelector('table');
        const headers = [...table.querySelectorAll('th.vb-tracker__version')].map(th => th.getBoundingClientRect());
        const article = document.querySelector('article').getBoundingClientRect();
        return {frame: [frame.scrollWidth, frame.clientWidth], document: [document.documentElement.scrollWidth, innerWidth],
                columns: headers.length, right: Math.max(...headers.map(r => r.right)), article: article.right,
                narrowest: Math.min(...headers.map(r => r.width)), rows: table.tBodies[0].rows.length}; }"""
    )
    assert sizes["columns"] == 20 and sizes["rows"] >= 10
    assert sizes["frame"][0] <= sizes["frame"][1], f"the tracker scrolls sideways: {sizes}"
    assert sizes["document"][0] <= sizes["document"][1]
    assert sizes["right"] <= sizes["article"] + 1, sizes
    assert sizes["narrowest"] >= 14, "a version column too narrow for its symbol"
    # Each cell says its status in a tooltip and, for screen readers, in words.
    cell = page.locator(".vb-tracker tbody tr").first.locator("td").first  # type: ignore[attr-defined]
    assert cell.get_attribute("title") == f"A1 {twenty_versions.REFERENCE}: reference"
    assert cell.locator(".vb-sr").text_content() == "reference"
    assert cell.locator("[aria-hidden=true]").text_content() == "★"


def test_the_quote_column_stays_in_view_when_the_tracker_scrolls(browser: object, twenty_site: Served) -> None:
    # Between a phone and a desktop (a narrow window with the side bars shown) the tracker
    # may scroll inside its frame: the quote column is sticky.
    watch = Watch()
    page = open_page(browser, watch, width=800)
    page.goto(twenty_site.url(STORY))  # type: ignore[attr-defined]
    position = page.evaluate(  # type: ignore[attr-defined]
        "getComputedStyle(document.querySelector('.vb-tracker tbody th')).position"
    )
    page.context.close()  # type: ignore[attr-defined]
    assert position == "sticky"


def test_the_page_is_at_most_a_third_of_its_old_height(page: object, twenty_site: Served) -> None:
    page.goto(twenty_site.url(STORY), wait_until="networkidle")  # type: ignore[attr-defined]
    height = page.evaluate("document.documentElement.scrollHeight")  # type: ignore[attr-defined]
    assert height <= HEIGHT_BOUND, f"the story page is {height} px tall at 1280 px (bound {HEIGHT_BOUND})"
    # Every finding is still on the page, in the folds.
    assert page.locator("article li[id^='f-']").count() > 90  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations(browser: object, twenty_site: Served, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    watch = Watch()
    page = open_page(browser, watch, width=width, height=900)
    page.goto(twenty_site.url(STORY))  # type: ignore[attr-defined]
    # With every fold open axe checks the folded lists and tables too (and the summaries as they were).
    page.evaluate(_OPEN_FOLDS)  # type: ignore[attr-defined]
    results = Axe().run(page)
    page.context.close()  # type: ignore[attr-defined]
    violations = [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert results.response["passes"], "axe ran no checks"
    assert violations == []
    assert watch.foreign_requests() == []


def test_a_phone_gets_a_stacked_tracker_and_no_sideways_scroll(browser: object, twenty_site: Served) -> None:
    watch = Watch()
    page = open_page(browser, watch, width=390, height=844)
    page.goto(twenty_site.url(STORY))  # type: ignore[attr-defined]
    layout = page.evaluate(  # type: ignore[attr-defined]
        """() => { const frame = document.querySelector('.vb-tracker');
        const rows = [...frame.querySelectorAll('tbody tr')];
        const chips = rows.map(row => [...row.querySelectorAll('td')].map(td => td.getBoundingClientRect()));
        const codes = rows.map(row => [...row.querySelectorAll('.vb-cell__code')].filter(c => c.offsetWidth > 0).length);
        const quote = rows[0].querySelector('th a').getBoundingClientRect();
        return {document: [document.documentElement.scrollWidth, innerWidth], frame: [frame.scrollWidth, frame.clientWidth],
                header: getComputedStyle(frame.querySelector('thead')).display, codes,
                outside: chips.flat().filter(r => r.left < 0 || r.right > innerWidth).length,
                quote: [quote.left, quote.right, quote.height]}; }"""
    )
    page.context.close()  # type: ignore[attr-defined]
    assert layout["document"][0] <= layout["document"][1], layout["document"]
    assert layout["frame"][0] <= layout["frame"][1], "the stacked tracker scrolls sideways"
    assert layout["header"] == "none"
    # Each quote over its twenty chips, each chip showing its version's code, all on screen.
    assert set(layout["codes"]) == {20}
    assert layout["outside"] == 0
    assert layout["quote"][0] >= 0 and layout["quote"][1] <= 390 and layout["quote"][2] >= 12
    assert watch.foreign_requests() == []


def test_the_provenance_map_is_an_inline_svg_with_a_text_alternative(page: object, twenty_site: Served) -> None:
    page.goto(twenty_site.url(STORY))  # type: ignore[attr-defined]
    drawing = page.get_by_role("img", name=re.compile(r"^Who copied whom: 20 versions in 3 lineages$"))  # type: ignore[attr-defined]
    assert drawing.count() == 1 and drawing.is_visible()
    assert drawing.evaluate("e => e.tagName.toLowerCase() + ' ' + e.closest('article').contains(e)") == "svg true"
    description = drawing.locator("desc").text_content()
    assert description.startswith(f"Lineage A, 7 versions from A1 {twenty_versions.REFERENCE}:")
    assert drawing.locator("g.vb-map__node").count() == 20
    assert drawing.locator("g.vb-map__edge path").count() == 17
    # The same in words: every copy with its source, linked to the version pages.
    fold = page.locator("details", has_text="The map in words")  # type: ignore[attr-defined]
    fold.locator("summary").click()
    words = fold.inner_text()
    assert words.count(" copied from ") == 17
    assert fold.locator("a[href*='versions/']").count() >= 20
    # Drawn at build time: the page loads no script but the theme's.
    scripts = page.evaluate("[...document.scripts].map(s => s.src).filter(Boolean)")  # type: ignore[attr-defined]
    assert all("/assets/javascripts/" in src for src in scripts), scripts


def test_the_findings_chart_has_its_numbers_beside_it(page: object, twenty_site: Served) -> None:
    page.goto(twenty_site.url(STORY))  # type: ignore[attr-defined]
    chart = page.get_by_role("img", name=re.compile(r"^Findings by version and kind: \d+ findings in 20 versions$"))  # type: ignore[attr-defined]
    assert chart.is_visible()
    fold = page.locator("details", has_text="The chart's numbers, as a table")  # type: ignore[attr-defined]
    fold.locator("summary").click()
    rows = fold.locator("tbody tr")
    assert rows.count() == 20
    assert chart.locator("rect.vb-chart__bar").count() >= 20


def test_a_link_into_the_folded_findings_opens_the_fold(page: object, twenty_site: Served) -> None:
    page.goto(twenty_site.url(STORY))  # type: ignore[attr-defined]
    link = page.locator("article .vb-qblock a[href^='#f-']").first  # type: ignore[attr-defined]
    target = link.get_attribute("href")
    finding = page.locator(f"li{target}")  # type: ignore[attr-defined]
    assert not finding.is_visible()
    link.click()
    finding.wait_for(state="visible", timeout=5_000)
    # Arriving from another page (the home page, the findings index, a feed) opens it too.
    page.goto(twenty_site.url("stories/"))  # type: ignore[attr-defined]
    page.goto(twenty_site.url(STORY + target))  # type: ignore[attr-defined]
    page.locator(f"li{target}").wait_for(state="visible", timeout=5_000)  # type: ignore[attr-defined]


def test_no_request_leaves_the_site(browser: object, twenty_site: Served) -> None:
    watch = Watch()
    page = open_page(browser, watch)
    page.goto(twenty_site.url(STORY), wait_until="networkidle")  # type: ignore[attr-defined]
    page.evaluate(_OPEN_FOLDS)  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]
    assert watch.requests and watch.foreign_requests() == []
    assert watch.errors == []
