"""The quote tracker: one row per quote, one narrow column per version.

Written as an HTML table (Markdown tables cannot group columns or carry
classes and titles): each cell is a status symbol with the status in words for
screen readers and in a tooltip, the columns are grouped by lineage under the
lineage's letter and headed by the member's place in it, and the quote column
stays in view when the table scrolls.  On a phone the stylesheet stacks each
row into its quote and a wrapped run of ``A1 ✓`` chips (see verbatim.css).

Every piece of corpus text goes through :func:`markdown_text` (numeric
character references, which HTML reads as the characters themselves and
Markdown leaves alone); links point at generated slugs only, written as the
built site serves them (MkDocs rewrites links in Markdown, not in raw HTML).
"""

from __future__ import annotations

from generator.model import QuoteGroup, Story

from .escape import id_text, markdown_text
from .groups import group_label
from .labels import STATUS_LABELS, outlet_of, plural, status_label
from .lineages import LineageView, VersionOrder
from .markdown import page
from .paths import SiteMap, served_link


def tracker_section(story: Story, order: VersionOrder, site: SiteMap, here: str) -> str:
    """The tracker with its introduction and legend ('' for a story without quotes)."""
    if not story.groups:
        return "No quotes were found in this story."
    intro = (
        "One row per quote, one column per version, by lineage (the letter) from the version closest "
        "to the source. Open a quote to compare its words."
    )
    return page(intro, tracker_table(story, order, site, here), legend()).rstrip("\n")


def tracker_table(story: Story, order: VersionOrder, site: SiteMap, here: str) -> str:
    """The tracker as one block of HTML (no blank line inside, so Markdown keeps it whole)."""
    lines = ['<div class="vb-tracker">', '<table class="vb-tracker__table">',
             f'<caption class="vb-sr">Quote tracker: {plural(len(story.groups), "quote")} '
             f'across {plural(len(order.versions), "version")}</caption>',
             "<thead>", _lineage_row(order), _version_row(story, order, site, here), "</thead>", "<tbody>"]
    lines += [_quote_row(story, group, order, site, here) for group in story.groups]
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def _lineage_row(order: VersionOrder) -> str:
    cells = ['<th scope="col" rowspan="2" class="vb-tracker__quote">Quote</th>']
    for lineage in order.lineages:
        title = markdown_text(_lineage_title(lineage))
        cells.append(
            f'<th scope="colgroup" colspan="{len(lineage.members)}" class="vb-tracker__lineage vb-tracker__first" '
            f'title="{title}"><span aria-hidden="true">{lineage.letter}</span>'
            f'<span class="vb-sr">lineage {lineage.letter}</span></th>'
        )
    return "<tr>" + "".join(cells) + "</tr>"


def _lineage_title(lineage: LineageView) -> str:
    size = len(lineage.members)
    if size == 1:
        return f"Lineage {lineage.letter}: {lineage.root} alone"
    return f"Lineage {lineage.letter}: {size} versions, from {lineage.root}"


def _version_row(story: Story, order: VersionOrder, site: SiteMap, here: str) -> str:
    outlets = {summary.version.id: outlet_of(summary.version.meta) for summary in story.versions}
    cells = []
    for lineage in order.lineages:
        for place, version_id in enumerate(lineage.members, 1):
            outlet = outlets.get(version_id)
            title = markdown_text(f"{order.codes[version_id]} {version_id}" + (f" ({outlet})" if outlet else ""))
            label = f'<span aria-hidden="true">{place}</span><span class="vb-sr">{id_text(version_id)}</span>'
            if (story.id, version_id) in site.versions:
                label = f'<a href="{served_link(here, site.version_page(story.id, version_id))}">{label}</a>'
            first = " vb-tracker__first" if place == 1 else ""
            cells.append(f'<th scope="col" class="vb-tracker__version{first}" title="{title}">{label}</th>')
    return "<tr>" + "".join(cells) + "</tr>"


def _quote_row(story: Story, group: QuoteGroup, order: VersionOrder, site: SiteMap, here: str) -> str:
    label = markdown_text(group_label(group))
    if (story.id, group.id) in site.groups:
        label = f'<a href="{served_link(here, site.quote_page(story.id, group.id))}">{label}</a>'
    cells = [f'<th scope="row" class="vb-tracker__quote">{label}</th>']
    statuses = {rendering.version: rendering.status for rendering in group.renderings}
    for lineage in order.lineages:
        for place, version_id in enumerate(lineage.members, 1):
            cells.append(_cell(order.codes[version_id], version_id, statuses.get(version_id, "omitted"), place == 1))
    return "<tr>" + "".join(cells) + "</tr>"


def _cell(code: str, version_id: str, status: str, first: bool) -> str:
    label = status_label(status)
    title = markdown_text(f"{code} {version_id}: {label.word}")
    css = f"vb-cell vb-cell--{label.word}" + (" vb-tracker__first" if first else "")
    return (f'<td class="{css}" title="{title}"><span class="vb-cell__code">{code}</span>'
            f'<span class="vb-cell__symbol" aria-hidden="true">{label.symbol}</span>'
            f'<span class="vb-sr">{label.word}</span></td>')


def legend() -> str:
    """Every symbol with its word on one wrapped line, and what each means, folded."""
    compact = " ".join(
        f'<span class="vb-legend__item vb-cell--{label.word}"><span aria-hidden="true">{label.symbol}</span> '
        f"{label.word}</span>"
        for label in STATUS_LABELS.values()
    )
    meanings = "\n".join(f"    - {label.symbol} **{label.word}**: {label.meaning}" for label in STATUS_LABELS.values())
    return (f'<p class="vb-legend"><strong>Legend:</strong> {compact}</p>\n\n'
            f'??? note "What each status means"\n\n{meanings}')
