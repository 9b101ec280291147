"""The provenance map: who copied whom, drawn at build time as an inline SVG.

Versions are boxes, each copy is joined to the version it was copied from, and
each line is coloured, dashed and labelled by how much the copy changed (1 -
the share of its narration its source holds).  No script and no third-party
host: the drawing is part of the page.  Its name and description are in its
``<title>`` and ``<desc>``, and a list under it says the same in words, with
links to the versions.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Descent, Story

from .escape import id_text, markdown_text
from .labels import outlet_of, plural
from .lineages import LineageView, VersionOrder
from .map_layout import COLUMN_GAP, NODE_HEIGHT, NODE_WIDTH, Link, MapLayout, layout, parents
from .markdown import bullets, folded, link, page
from .paths import SiteMap, relative_link
from .svg import frame, shorten, svg_open, text_element, tooltip

LABEL_CHARACTERS = 17
"""Characters of a version id shown in its box (the whole id is in its tooltip and the list);
a trusted reference, in bold after a star, shows three fewer."""


@dataclass(frozen=True)
class ChangeBand:
    """How much a copy changed, in words and in the drawing's line style."""

    name: str
    """CSS modifier (``copy``, ``edited``, ``rewritten``)."""
    most: float
    """The largest change (0 to 1) in the band."""
    words: str
    """The band in words, for the legend."""


CHANGE_BANDS: tuple[ChangeBand, ...] = (
    ChangeBand("copy", 0.05, "copied: 5% or less of the narration changed"),
    ChangeBand("edited", 0.30, "edited: up to 30% changed"),
    ChangeBand("rewritten", 1.0, "rewritten: more than 30% changed"),
)
"""The bands, least changed first; solid, dashed and dotted lines in the drawing."""


def change_of(shared: float) -> float:
    """How much a copy changed from its source, 0 to 1."""
    return max(0.0, min(1.0, 1.0 - shared))


def change_band(shared: float) -> ChangeBand:
    """The band of a copy sharing ``shared`` of its narration with its source."""
    changed = change_of(shared)
    return next(band for band in CHANGE_BANDS if changed <= band.most + 1e-9)


def changed_words(shared: float) -> str:
    """``19% changed``."""
    return f"{round(change_of(shared) * 100)}% changed"


def provenance_section(story: Story, order: VersionOrder, site: SiteMap, here: str) -> str:
    """The map, its legend and the same in words (folded); '' for a story without versions."""
    if not order.versions:
        return ""
    drawing = layout(order.lineages)
    intro = (
        "Which version was copied from which, by the narration they share: each lineage starts on "
        "the left from the version closest to the source."
    )
    return page(
        intro,
        provenance_svg(story, order, drawing),
        _legend() if drawing.links else "",
        folded("The map in words", provenance_words(story, order, site, here)),
    ).rstrip("\n")


def _summary(story: Story, order: VersionOrder) -> str:
    """``20 versions in 3 lineages``, ``4 versions: 2 in 1 lineage, 2 standing alone``."""
    lineages = [lineage for lineage in order.lineages if len(lineage.members) > 1]
    alone = len(order.lineages) - len(lineages)
    versions = plural(len(order.versions), "version")
    if not lineages:
        return f"{versions}, each standing alone"
    grouped = f"in {plural(len(lineages), 'lineage')}"
    if not alone:
        return f"{versions} {grouped}"
    return f"{versions}: {len(order.versions) - alone} {grouped}, {alone} standing alone"


def _description(order: VersionOrder) -> str:
    sentences = []
    for lineage in order.lineages:
        if len(lineage.members) == 1:
            sentences.append(f"{order.codes[lineage.root]} {lineage.root} stands alone.")
            continue
        copies = [f"{order.codes[d.child]} from {order.codes[d.parent]}, {changed_words(d.shared)}"
                  for d in _drawn(lineage)]
        sentences.append(f"Lineage {lineage.letter}, {len(lineage.members)} versions from "
                         f"{order.codes[lineage.root]} {lineage.root}: " + "; ".join(copies) + ".")
    return " ".join(sentences)


def _drawn(lineage: LineageView) -> list[Descent]:
    kept = parents(lineage)
    return [d for d in lineage.descent if kept.get(d.child) == d.parent and d.child in kept]


def provenance_svg(story: Story, order: VersionOrder, drawing: MapLayout) -> str:
    """The drawing as one block of HTML with no blank line (Markdown keeps it whole)."""
    references = set(story.references)
    outlets = {summary.version.id: outlet_of(summary.version.meta) for summary in story.versions}
    parts = [frame("vb-map", "Provenance map"),
             svg_open("vb-map__svg", drawing.width, drawing.height, "vb-map",
                      f"Who copied whom: {_summary(story, order)}", _description(order))]
    by_letter = {lineage.letter: lineage for lineage in order.lineages}
    for band in drawing.bands:
        if len(band.letters) == 1 and len(by_letter[band.letters[0]].members) > 1:
            lineage = by_letter[band.letters[0]]
            label = f"Lineage {lineage.letter}: {plural(len(lineage.members), 'version')} from {lineage.root}"
        else:
            label = "Standing alone: no other version shares enough narration with these"
        parts.append(text_element(drawing.nodes[band.members[0]].x, band.top + 14,
                                  shorten(label, 90), "vb-map__band"))
    parts.extend(_edge(link_, drawing, order) for link_ in drawing.links)
    for version_id in order.versions:
        placed = drawing.nodes.get(version_id)
        if placed is None:
            continue
        reference = version_id in references
        outlet = outlets.get(version_id)
        tip = f"{order.codes[version_id]} {version_id}" + (f" ({outlet})" if outlet else "")
        if reference:
            tip += ", a trusted reference"
        css = "vb-map__node vb-map__node--reference" if reference else "vb-map__node"
        shown = shorten(version_id, LABEL_CHARACTERS - 3 if reference else LABEL_CHARACTERS)
        label = f"{'★ ' if reference else ''}{order.codes[version_id]} {shown}"
        parts.append(
            f'<g class="{css}">{tooltip(tip)}'
            f'<rect x="{placed.x}" y="{placed.y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="4"/>'
            + text_element(placed.x + 6, placed.y + 16, label, "vb-map__label") + "</g>"
        )
    parts += ["</svg>", "</div>"]
    return "\n".join(parts)


def _edge(edge: Link, drawing: MapLayout, order: VersionOrder) -> str:
    source, copy = drawing.nodes[edge.parent], drawing.nodes[edge.child]
    start_x, start_y = source.x + NODE_WIDTH, source.y + NODE_HEIGHT // 2
    end_x, end_y = copy.x, copy.y + NODE_HEIGHT // 2
    # The line bends in the first part of the gap and runs straight into the copy, under its label.
    bend = start_x + COLUMN_GAP * 2 // 5 if end_x > start_x else start_x
    path = (f"M{start_x} {start_y} C{start_x + 14} {start_y} {bend - 14} {end_y} {bend} {end_y} "
            f"L{end_x} {end_y}")
    band = change_band(edge.shared)
    tip = (f"{order.codes[edge.child]} {edge.child} copied from {order.codes[edge.parent]} {edge.parent}: "
           f"{changed_words(edge.shared)}")
    percent = f"{round(change_of(edge.shared) * 100)}%"
    return (f'<g class="vb-map__edge vb-map__edge--{band.name}">{tooltip(tip)}<path d="{path}"/>'
            + text_element(end_x - 4, end_y - 4, percent, "vb-map__change", anchor="end") + "</g>")


def _legend() -> str:
    items = " ".join(
        f'<span class="vb-map__key vb-map__edge--{band.name}"><span class="vb-map__swatch" aria-hidden="true">'
        f"</span> {band.words}</span>"
        for band in CHANGE_BANDS
    )
    return ('<p class="vb-map__legend">The number on a line is the share of the copy\'s narration that '
            f"differs from its source; ★ marks a trusted reference. <strong>Lines:</strong> {items}</p>")


def provenance_words(story: Story, order: VersionOrder, site: SiteMap, here: str) -> str:
    """The map as nested lists: each lineage, its source and why, and each copy with its source."""
    def name(version_id: str) -> str:
        label = f"{order.codes[version_id]} {id_text(version_id)}"
        if (story.id, version_id) in site.versions:
            return link(label, relative_link(here, site.version_page(story.id, version_id)))
        return label

    items = []
    for lineage in order.lineages:
        reason = markdown_text(lineage.reason) or "no reason was recorded"
        if len(lineage.members) == 1:
            items.append(f"{name(lineage.root)} stands alone: {reason}.")
            continue
        copies = [f"{name(d.child)} copied from {name(d.parent)}, {changed_words(d.shared)}"
                  for d in _drawn(lineage)]
        drawn = {d.child for d in _drawn(lineage)}
        copies += [f"{name(member)}, in this lineage (no single source found)"
                   for member in lineage.members[1:] if member not in drawn]
        head = (f"**Lineage {lineage.letter}**, {plural(len(lineage.members), 'version')}: "
                f"{name(lineage.root)} is closest to the source ({reason}).")
        items.append(head + "\n" + "\n".join(f"    - {copy}" for copy in copies))
    return bullets(items)
