"""The story page at twenty versions: lineage order and codes, the quote tracker, findings
grouped by quote, the provenance map and the findings chart.

Most tests render the invented twenty-version story of tests/fixtures/twenty_versions.py,
judged by the real pipeline; a few build small stories by hand for the edge cases.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest
from render_hostile import HOSTILE_STRINGS, hostile_corpus
from render_sample import STORY_ID, sample_corpus

from generator.model import Corpus, Descent, Lineage, Story
from generator.runtime.parallel import run_folder
from generator.site.render import render_site
from generator.site.render.chart import chart_section
from generator.site.render.grouped_findings import departures
from generator.site.render.lineages import UNGROUPED_REASON, lineage_letter, version_order
from generator.site.render.map_layout import NODE_HEIGHT, NODE_WIDTH, MapLayout, layout
from generator.site.render.paths import build_site_map
from generator.site.render.provenance import change_band, provenance_svg
from generator.site.render.tracker import tracker_table

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures"))
import twenty_versions  # noqa: E402 - the fixture lives outside the test folders

TWENTY_PAGE = f"stories/{twenty_versions.STORY}/index.md"


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The twenty-version story, judged."""
    return run_folder(twenty_versions.write_story(tmp_path_factory.mktemp("twenty") / "seeds"))


@pytest.fixture(scope="module")
def twenty_story(twenty: Corpus) -> Story:
    [story] = twenty.stories
    return story


@pytest.fixture(scope="module")
def twenty_page(twenty: Corpus) -> str:
    return render_site(twenty)[TWENTY_PAGE]


# Lineage order and codes ---------------------------------------------------------------------


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"),
                                                (702, "AAA")])
def test_lineage_letters_are_spreadsheet_columns(index: int, letters: str) -> None:
    assert lineage_letter(index) == letters


def test_the_fixture_has_twenty_versions_in_three_lineages(twenty_story: Story) -> None:
    assert len(twenty_story.versions) == 20
    sizes = sorted(len(lineage.members) for lineage in twenty_story.lineages)
    assert sizes == [6, 7, 7]
    assert len(twenty_story.groups) >= 10


def test_versions_are_ordered_lineage_by_lineage(twenty_story: Story) -> None:
    order = version_order(twenty_story)
    assert order.versions == tuple(m for lineage in twenty_story.lineages for m in lineage.members)
    assert sorted(order.versions) == sorted(s.version.id for s in twenty_story.versions)
    assert order.codes[twenty_versions.REFERENCE] == "A1"
    assert [lineage.letter for lineage in order.lineages] == ["A", "B", "C"]
    first = twenty_story.lineages[1]
    assert [order.codes[m] for m in first.members] == [f"B{n}" for n in range(1, len(first.members) + 1)]


def test_a_version_in_no_lineage_stands_alone_and_unknown_or_repeated_ids_are_dropped(twenty_story: Story) -> None:
    ids = [s.version.id for s in twenty_story.versions]
    odd = (Lineage(ids[0], (ids[0], "no-such-version", ids[1]), "given",
                   (Descent(ids[1], ids[0], 0.9), Descent(ids[1], "no-such-version", 0.9))),
           Lineage(ids[1], (ids[1], ids[2]), "again"))
    order = version_order(dataclasses.replace(twenty_story, lineages=odd))
    assert order.lineages[0].members == (ids[0], ids[1])
    assert order.lineages[0].descent == (Descent(ids[1], ids[0], 0.9),)
    assert order.lineages[1].members == (ids[2],)
    assert [lineage.reason for lineage in order.lineages[2:]] == [UNGROUPED_REASON] * (len(ids) - 3)
    assert sorted(order.versions) == sorted(ids)


# The quote tracker --------------------------------------------------------------------------


def test_the_tracker_has_a_row_per_quote_and_a_cell_per_version_in_lineage_order(twenty: Corpus,
                                                                                    twenty_story: Story) -> None:
    order = version_order(twenty_story)
    site = build_site_map(twenty)
    html = tracker_table(twenty_story, order, site, site.story_page(twenty_story.id))
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    assert len(rows) == 2 + len(twenty_story.groups)
    version_headers = re.findall(r'<span class="vb-sr">([^<]*)</span></a></th>', rows[1])
    assert version_headers == [v.replace("-", "&#45;") for v in order.versions]
    for row, group in zip(rows[2:], twenty_story.groups):
        cells = re.findall(r'<td class="vb-cell vb-cell--([a-z]+)[^"]*" title="([^"]*)">', row)
        assert len(cells) == 20
        statuses = {r.version: r.status for r in group.renderings}
        for (word, title), version in zip(cells, order.versions):
            expected = {"consensus": "agreed"}.get(statuses.get(version, "omitted"), statuses.get(version, "omitted"))
            assert word == expected
            assert title == f"{order.codes[version]} {version}: {expected}".replace("-", "&#45;").replace(":", "&#58;")
        # The status in words for screen readers, in every cell.
        assert row.count('<span class="vb-sr">') == 20


def test_the_tracker_marks_where_each_lineage_starts(twenty: Corpus, twenty_story: Story) -> None:
    order = version_order(twenty_story)
    site = build_site_map(twenty)
    html = tracker_table(twenty_story, order, site, site.story_page(twenty_story.id))
    first_row = re.findall(r"<tr>(.*?)</tr>", html)[2]
    starts = [index for index, cell in enumerate(re.findall(r"<td [^>]*>", first_row)) if "vb-tracker__first" in cell]
    assert starts == [0, 7, 13]
    assert html.count('scope="colgroup"') == 3 and 'colspan="7"' in html and 'colspan="6"' in html


def test_tracker_links_are_written_as_the_site_serves_them(twenty_page: str, twenty_story: Story) -> None:
    tracker = twenty_page[twenty_page.index('<div class="vb-tracker">'):twenty_page.index("</table>")]
    hrefs = re.findall(r'href="([^"]*)"', tracker)
    assert len(hrefs) == 20 + len(twenty_story.groups)  # each version's page, each quote's card
    assert all(href.endswith("/") and ".md" not in href for href in hrefs)


# Findings grouped by quote ------------------------------------------------------------------


def test_a_change_copied_into_several_versions_is_one_item(twenty_story: Story) -> None:
    order = version_order(twenty_story)
    altered = [f for f in twenty_story.findings if f.kind == "altered_quote" and "prove" in f.version_text]
    assert {f.version for f in altered} == {"ledgerline", "brisk-news-hub"}
    [together] = departures(altered, order)
    assert [f.version for f in together.findings] == ["ledgerline", "brisk-news-hub"]


def test_findings_by_quote_show_trusted_words_and_the_diff_once(twenty_page: str, twenty_story: Story) -> None:
    by_quote = twenty_page.split("### By quote")[1].split("### Facts and claims")[0]
    with_findings = {f.group for f in twenty_story.findings} & {g.id for g in twenty_story.groups}
    assert by_quote.count('<div class="vb-qblock" markdown="1">') == len(with_findings) >= 10
    block = next(b for b in by_quote.split('<div class="vb-qblock"') if "tell us we were too slow" in b)
    assert "<small>(trusted, in calder&#45;courier)</small>" in block
    assert block.count("{--tell us--} {++prove++}") == 1
    assert "in 2 versions ([A6 ledgerline](#f-" in block


def test_many_versions_are_named_by_code_and_runs_by_range(twenty_page: str) -> None:
    by_quote = twenty_page.split("### By quote")[1].split("### Facts and claims")[0]
    omitted = re.search(r"If the costs rise.*?left out by 14 versions \(([^\n]*)\)\n", by_quote, re.DOTALL)
    assert omitted is not None
    listed = omitted.group(1)
    assert "B1–B6" in listed and "C1–C7" in listed
    assert '<span class="vb-sr"> (harbour&#45;radio, ' in listed


def test_every_finding_link_on_the_story_page_has_its_anchor(twenty_page: str, twenty_story: Story) -> None:
    anchors = set(re.findall(r"\{: #(f-[a-z0-9-]+) \}", twenty_page))
    assert len(anchors) == len(twenty_story.findings)
    linked = set(re.findall(r"\(#(f-[a-z0-9-]+)\)", twenty_page)) | set(re.findall(r'href="#(f-[a-z0-9-]+)"', twenty_page))
    assert linked and linked <= anchors


def test_each_version_s_findings_are_folded_with_their_anchor(twenty_page: str, twenty_story: Story) -> None:
    by_version = twenty_page.split("### Version by version")[1].split("## Download the data")[0]
    folds = re.findall(r'^\?\?\? note "([A-C][0-9] [a-z0-9-]+): ', by_version, re.MULTILINE)
    with_findings = {f.version for f in twenty_story.findings}
    assert len(folds) == len(with_findings)
    order = version_order(twenty_story)
    assert [fold.split()[1] for fold in folds] == [v for v in order.versions if v in with_findings]
    assert by_version.count("{: #findings-") == len(with_findings)


# The provenance map -------------------------------------------------------------------------


def _boxes_overlap(drawing: MapLayout) -> bool:
    boxes = list(drawing.nodes.values())
    for index, one in enumerate(boxes):
        for other in boxes[index + 1:]:
            if abs(one.x - other.x) < NODE_WIDTH and abs(one.y - other.y) < NODE_HEIGHT:
                return True
    return False


def test_the_map_places_every_version_without_overlap_copies_right_of_their_source(twenty_story: Story) -> None:
    order = version_order(twenty_story)
    drawing = layout(order.lineages)
    assert set(drawing.nodes) == set(order.versions)
    assert not _boxes_overlap(drawing)
    for placed in drawing.nodes.values():
        assert 0 <= placed.x and placed.x + NODE_WIDTH <= drawing.width
        assert 0 <= placed.y and placed.y + NODE_HEIGHT <= drawing.height
    assert len(drawing.links) == 20 - 3
    for link in drawing.links:
        assert drawing.nodes[link.child].x > drawing.nodes[link.parent].x


def test_the_map_survives_loops_long_chains_and_lone_versions() -> None:
    from generator.site.render.lineages import LineageView

    chain = tuple(f"v{n}" for n in range(1500))
    descent = tuple(Descent(chain[n + 1], chain[n], 0.99) for n in range(len(chain) - 1))
    loop = (Descent("a", "b", 0.9), Descent("b", "c", 0.9), Descent("c", "b", 0.9))
    views = (LineageView("A", chain, "", descent), LineageView("B", ("a", "b", "c"), "", loop),
             *(LineageView(lineage_letter(n), (f"alone{n}",), "", ()) for n in range(2, 9)))
    drawing = layout(views)
    assert len(drawing.nodes) == 1500 + 3 + 7
    assert not _boxes_overlap(drawing)
    drawn = {(link.child, link.parent) for link in drawing.links}
    # The edge into the source and the one closing the loop are left out; each copy has one source.
    assert ("a", "b") not in drawn and ("c", "b") not in drawn and ("b", "c") in drawn
    assert len({child for child, _ in drawn}) == len(drawn)
    assert drawing.nodes["v1499"].x > drawing.nodes["v0"].x


def test_the_map_svg_says_who_copied_whom_in_its_title_and_description(twenty_story: Story) -> None:
    order = version_order(twenty_story)
    svg = provenance_svg(twenty_story, order, layout(order.lineages))
    assert '<title id="vb-map-title">Who copied whom&#58; 20 versions in 3 lineages</title>' in svg
    desc = re.search(r'<desc id="vb-map-desc">([^<]*)</desc>', svg)
    assert desc is not None and "Lineage A, 7 versions from A1 calder&#45;courier" in desc.group(1)
    assert svg.count("<path ") == 17
    assert "\n\n" not in svg  # one raw HTML block for Markdown
    assert "vb-map__node--reference" in svg and "★ A1 calder&#45;cour" in svg


@pytest.mark.parametrize(("shared", "band"), [(1.0, "copy"), (0.96, "copy"), (0.95, "copy"), (0.9, "edited"),
                                               (0.7, "edited"), (0.69, "rewritten"), (0.0, "rewritten")])
def test_lines_are_banded_by_how_much_the_copy_changed(shared: float, band: str) -> None:
    assert change_band(shared).name == band


def test_the_map_in_words_lists_every_copy_with_its_source(twenty_page: str, twenty_story: Story) -> None:
    words = twenty_page.split('??? note "The map in words"')[1].split("## Quote tracker")[0]
    assert words.count(" copied from ") == 17
    assert "**Lineage A**, 7 versions: [A1 calder&#45;courier](versions/calder-courier.md) is closest to the source" in words


# The findings chart -------------------------------------------------------------------------


def test_the_chart_has_a_bar_per_version_and_a_table_with_the_same_numbers(twenty_story: Story) -> None:
    order = version_order(twenty_story)
    section = chart_section(twenty_story, order)
    labels = re.findall(r'class="vb-chart__label">([^<]*)</text>', section)
    assert [label.split()[0] for label in labels] == [order.codes[v] for v in order.versions]
    table_rows = re.findall(r"^    \| ([A-C][0-9]+) [^|]*\|(.*)\|$", section, re.MULTILINE)
    assert len(table_rows) == 20
    for code, cells in table_rows:
        version = next(v for v, c in order.codes.items() if c == code)
        total = int(cells.split("|")[-1])
        assert total == sum(1 for f in twenty_story.findings if f.version == version)
    assert "<title>A4 tidewatch&#58; 1 altered quote</title>" in section


def test_a_story_without_findings_has_no_chart() -> None:
    story = dataclasses.replace(sample_corpus().stories[0], findings=())
    assert chart_section(story, version_order(story)) == ""


# Hostile text ----------------------------------------------------------------------------------


@pytest.mark.parametrize("number", range(len(HOSTILE_STRINGS)))
def test_hostile_ids_stay_text_in_the_drawings_and_the_tracker(number: int) -> None:
    corpus = hostile_corpus()
    page = render_site(corpus)[build_site_map(corpus).story_page(corpus.stories[number].id)]
    raw = "".join(re.findall(r'<div class="vb-(?:map|chart|tracker)"[^>]*>.*?</div>', page, re.DOTALL))
    assert raw.count("<svg") == 2
    # Corpus text never brings markup of its own into the raw HTML blocks.
    tags = set(re.findall(r"<([a-z]+)", raw))
    assert tags <= {"div", "svg", "title", "desc", "text", "g", "rect", "path", "table", "caption", "thead",
                    "tbody", "tr", "th", "td", "span", "a"}
    assert not re.search(r"\son[a-z]+=", raw)
    assert "javascript:" not in raw


def test_the_sample_story_page_keeps_its_sections() -> None:
    page = render_site(sample_corpus())[f"stories/{STORY_ID}/index.md"]
    headings = re.findall(r"^(##+ [^\n]*)$", page, re.MULTILINE)
    assert headings == ["## Versions", "## Who copied whom", "## Quote tracker", "## Facts", "## Findings",
                        "### By version and kind", "### By quote", "### Facts and claims", "### Version by version",
                        "## Download the data", "## Correct this page"]
