"""Where the provenance map puts each version: a layered drawing computed in pure Python.

Each lineage is a tree (who copied whom), drawn left to right: the version closest to the
source on the left, each copy one column right of the version it was copied from, the
leaves of the tree one row each and a parent level with the middle of its children (a
tidy tree).  Lineages are stacked in bands, one under the other; versions that stand
alone share a last band, laid out in a grid.  Copies usually fan out (a wire report,
many syndications) far more than they chain, so a band grows downwards, not sideways.

Nothing here depends on anything but the lineages given: no external process, no
randomness, whole-number coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .lineages import LineageView

NODE_WIDTH = 150
"""Width of a version's box."""
NODE_HEIGHT = 24
"""Height of a version's box."""
COLUMN_GAP = 72
"""Room between a version and its copies: the edge bends in its first part and carries its label after."""
ROW_HEIGHT = 27
"""Distance between the tops of two boxes in one column."""
BAND_LABEL = 19
"""Room above a band for its label."""
BAND_GAP = 10
"""Room between two bands."""
MARGIN = 4
"""Room around the drawing."""
MIN_COLUMNS = 3
"""The narrowest drawing, in columns (so a story of lone versions still lays them in rows)."""


@dataclass(frozen=True)
class Placed:
    """A version's box."""

    version: str
    """Version id."""
    x: int
    """Left edge."""
    y: int
    """Top edge."""


@dataclass(frozen=True)
class Link:
    """An edge from the version copied to its copy."""

    child: str
    """The copy."""
    parent: str
    """The version it was copied from."""
    shared: float
    """Share of the copy's narration its parent holds, 0 to 1."""


@dataclass(frozen=True)
class BandBox:
    """One band of the drawing: a lineage, or the versions that stand alone."""

    letters: tuple[str, ...]
    """The lineages it shows (one, or every lone version's)."""
    top: int
    """Top of the band's label."""
    members: tuple[str, ...]
    """Versions in the band."""


@dataclass(frozen=True)
class MapLayout:
    """The whole drawing."""

    nodes: dict[str, Placed]
    """Version id -> its box."""
    links: tuple[Link, ...]
    """Who copied whom, in lineage order."""
    bands: tuple[BandBox, ...]
    """The bands, top to bottom."""
    width: int
    """Width of the drawing."""
    height: int
    """Height of the drawing."""


def _column_x(column: int) -> int:
    return MARGIN + column * (NODE_WIDTH + COLUMN_GAP)


def parents(lineage: LineageView) -> dict[str, str]:
    """Copy -> the version it was copied from, as the drawing shows it: the first edge of a
    copy counts, and an edge into the source or one that would close a loop is left out."""
    found: dict[str, str] = {}
    for descent in lineage.descent:
        if (descent.child in found or descent.child == lineage.root
                or _reaches(found, descent.parent, descent.child)):
            continue
        found[descent.child] = descent.parent
    return found


def _tree_rows(lineage: LineageView, parent: dict[str, str]) -> tuple[dict[str, int], dict[str, float]]:
    """Depth (column) and row of each member of one lineage, as a tidy tree."""
    members = lineage.members
    children: dict[str, list[str]] = {member: [] for member in members}
    for member in members:
        if member in parent:
            children[parent[member]].append(member)
    roots = [member for member in members if member not in parent]
    depth: dict[str, int] = {}
    row: dict[str, float] = {}
    next_row = 0
    for root in roots:
        # Iterative post-order, so a long chain of copies never hits the recursion limit.
        stack: list[tuple[str, int, bool]] = [(root, 0, False)]
        while stack:
            name, level, done = stack.pop()
            if done:
                kids = children[name]
                row[name] = (row[kids[0]] + row[kids[-1]]) / 2 if kids else float(next_row)
                if not kids:
                    next_row += 1
                continue
            depth[name] = level
            stack.append((name, level, True))
            stack.extend((kid, level + 1, False) for kid in reversed(children[name]))
    return depth, row


def _reaches(parent: dict[str, str], start: str, target: str) -> bool:
    """True when following copies' parents up from ``start`` comes to ``target``."""
    seen = set()
    while start in parent and start not in seen:
        seen.add(start)
        start = parent[start]
        if start == target:
            return True
    return start == target


def layout(lineages: Sequence[LineageView]) -> MapLayout:
    """Place every version of ``lineages`` (see the module docstring)."""
    nodes: dict[str, Placed] = {}
    links: list[Link] = []
    bands: list[BandBox] = []
    top = MARGIN
    widest = MIN_COLUMNS
    trees = [lineage for lineage in lineages if len(lineage.members) > 1]
    alone = [lineage for lineage in lineages if len(lineage.members) == 1]
    for lineage in trees:
        parent = parents(lineage)
        depth, row = _tree_rows(lineage, parent)
        body = top + BAND_LABEL
        for member in lineage.members:
            nodes[member] = Placed(member, _column_x(depth[member]), body + round(row[member] * ROW_HEIGHT))
        widest = max(widest, max(depth.values()) + 1)
        rows = max(row.values()) + 1
        shares: dict[tuple[str, str], float] = {}
        for descent in lineage.descent:
            shares.setdefault((descent.child, descent.parent), descent.shared)
        links.extend(Link(child, source, shares[(child, source)]) for child, source in parent.items())
        bands.append(BandBox((lineage.letter,), top, lineage.members))
        top = body + round(rows * ROW_HEIGHT) - (ROW_HEIGHT - NODE_HEIGHT) + BAND_GAP
    if alone:
        body = top + BAND_LABEL
        for index, lineage in enumerate(alone):
            line, column = divmod(index, widest)
            nodes[lineage.root] = Placed(lineage.root, _column_x(column), body + line * ROW_HEIGHT)
        lines = (len(alone) + widest - 1) // widest
        bands.append(BandBox(tuple(lineage.letter for lineage in alone), top,
                             tuple(lineage.root for lineage in alone)))
        top = body + lines * ROW_HEIGHT - (ROW_HEIGHT - NODE_HEIGHT) + BAND_GAP
    width = _column_x(widest) - COLUMN_GAP + MARGIN
    height = top - BAND_GAP + MARGIN
    return MapLayout(nodes, tuple(links), tuple(bands), width, height)

