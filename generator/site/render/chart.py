"""A small chart of a story's findings by version and kind: an inline SVG of stacked bars,
with the same numbers as a table for screen readers and anyone who prefers to read them.

Bars follow the story page's lineage order and codes, so a glance shows which lineage
carries the findings; each segment's tooltip gives its version, kind and count.  Colour
tells kinds apart in the drawing only: the legend names them in order and the table holds
every number.
"""

from __future__ import annotations

from collections import Counter

from generator.model import Story

from .escape import id_text
from .labels import KIND_ORDER, kind_words, plural
from .lineages import VersionOrder
from .markdown import folded, link, page, table
from .paths import SiteMap, relative_link
from .svg import frame, shorten, svg_open, text_element, tooltip

LABEL_WIDTH = 176
"""Room on the left for the version's code and id."""
BAR_SPACE = 460
"""Length of the longest bar."""
COUNT_SPACE = 36
"""Room after a bar for its total."""
ROW = 14
"""Height of one version's row."""
BAR = 10
"""Height of a bar."""
LABEL_CHARACTERS = 22
"""Characters of a version id shown before its bar."""


def chart_section(story: Story, order: VersionOrder, site: SiteMap | None = None, here: str = "") -> str:
    """The chart, its legend and its table (folded, each version linked to its page when ``site``
    is given); '' when the story has no findings."""
    if not story.findings or not order.versions:
        return ""
    counts = {version: Counter() for version in order.versions}
    for finding in story.findings:
        if finding.version in counts:
            counts[finding.version][finding.kind] += 1
    kinds = _kinds_present(story)
    return page(
        chart_svg(order, counts, kinds),
        _legend(kinds),
        folded("The chart's numbers, as a table", chart_table(story, order, counts, kinds, site, here)),
    ).rstrip("\n")


def _kinds_present(story: Story) -> list[str]:
    present = {finding.kind for finding in story.findings}
    known = [kind for kind in KIND_ORDER if kind in present]
    return known + sorted(present - set(known))


def _css_kind(kind: str) -> str:
    """A CSS modifier for a kind: the known kinds by name, any other as ``other``."""
    return kind.replace("_", "-") if kind in KIND_ORDER else "other"


def chart_svg(order: VersionOrder, counts: dict[str, Counter], kinds: list[str]) -> str:
    """The stacked bars as one block of HTML with no blank line."""
    most = max((sum(c.values()) for c in counts.values()), default=0) or 1
    total = sum(sum(c.values()) for c in counts.values())
    width = LABEL_WIDTH + BAR_SPACE + COUNT_SPACE
    height = ROW * len(order.versions) + 6
    busiest = sorted(order.versions, key=lambda v: (-sum(counts[v].values()), order.versions.index(v)))[:3]
    desc = "Most findings: " + "; ".join(
        f"{order.codes[v]} {v}, {sum(counts[v].values())}" for v in busiest) + ". The table below has every number."
    parts = [frame("vb-chart", "Findings chart"),
             svg_open("vb-chart__svg", width, height, "vb-chart",
                      f"Findings by version and kind: {plural(total, 'finding')} in "
                      f"{plural(len(order.versions), 'version')}", desc)]
    for row, version in enumerate(order.versions):
        top = 3 + row * ROW
        code = order.codes[version]
        parts.append(text_element(4, top + BAR, f"{code} {shorten(version, LABEL_CHARACTERS)}", "vb-chart__label"))
        x = LABEL_WIDTH
        for kind in kinds:
            count = counts[version][kind]
            if not count:
                continue
            length = max(2, round(count / most * BAR_SPACE))
            parts.append(f'<rect class="vb-chart__bar vb-kind--{_css_kind(kind)}" x="{x}" y="{top}" '
                         f'width="{length}" height="{BAR}">'
                         + tooltip(f"{code} {version}: {count} {kind_words(kind)}") + "</rect>")
            x += length
        parts.append(text_element(x + 5, top + BAR, str(sum(counts[version].values())), "vb-chart__count"))
    parts += ["</svg>", "</div>"]
    return "\n".join(parts)


def _legend(kinds: list[str]) -> str:
    items = " ".join(
        f'<span class="vb-chart__key"><span class="vb-chart__swatch vb-kind--{_css_kind(kind)}" '
        f'aria-hidden="true"></span> {kind_words(kind)}</span>' for kind in kinds)
    return f'<p class="vb-chart__legend"><strong>Kinds, left to right:</strong> {items}</p>'


def chart_table(story: Story, order: VersionOrder, counts: dict[str, Counter], kinds: list[str],
                site: SiteMap | None = None, here: str = "") -> str:
    """The chart's numbers: one row per version, one column per kind, and the total."""
    header = ["Version", *(kind_words(kind) for kind in kinds), "All"]
    rows = []
    for version in order.versions:
        label = f"{order.codes[version]} {id_text(version)}"
        if site is not None and (story.id, version) in site.versions:
            label = link(label, relative_link(here, site.version_page(story.id, version)))
        row = [label]
        row += [str(counts[version][kind]) for kind in kinds]
        row.append(str(sum(counts[version].values())))
        rows.append(row)
    return table(header, rows)
