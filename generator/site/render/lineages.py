"""A story's versions in lineage order, and the short codes the story page shows them by.

The story page lines versions up in many places (the versions table, the quote
tracker, the provenance map, the findings chart).  All of them use one order,
lineage by lineage in the story's order, each lineage's members closest to the
source first, and one short code per version: the lineage's letter and the
member's place in it (``A1`` is the first lineage's source, ``B3`` the third
member of the second).  Twenty codes fit where twenty ids do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Descent, Story

UNGROUPED_REASON = "not grouped with any other version"
"""Why a version the lineage stage left out of every lineage stands alone."""


@dataclass(frozen=True)
class LineageView:
    """One lineage as the story page shows it."""

    letter: str
    """``A``, ``B``... in story order (``AA`` after ``Z``)."""
    members: tuple[str, ...]
    """Version ids, closest to the source first (only versions of the story)."""
    reason: str
    """Why the first member is taken as closest to the source (plain text, unescaped)."""
    descent: tuple[Descent, ...]
    """Who copied whom inside the lineage (only between its members)."""

    @property
    def root(self) -> str:
        """The member closest to the source."""
        return self.members[0]


@dataclass(frozen=True)
class VersionOrder:
    """The story's versions in lineage order, with their codes."""

    lineages: tuple[LineageView, ...]
    """Every lineage, in story order; each version of the story is in exactly one."""
    codes: dict[str, str]
    """Version id -> its code (``A1``)."""

    @property
    def versions(self) -> tuple[str, ...]:
        """Every version id, lineage by lineage."""
        return tuple(member for lineage in self.lineages for member in lineage.members)

    def lineage_of(self, version_id: str) -> LineageView | None:
        """The lineage a version belongs to."""
        return next((lineage for lineage in self.lineages if version_id in lineage.members), None)


def lineage_letter(index: int) -> str:
    """``A`` for 0, ``Z`` for 25, ``AA`` for 26: spreadsheet column names."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def version_order(story: Story) -> VersionOrder:
    """The lineage order of ``story``'s versions.

    ``Story.lineages`` is used as given; a version it names twice counts in the
    first lineage only, ids that are not versions of the story are left out, and
    a version in no lineage stands alone after the others, in story order.
    """
    known = [summary.version.id for summary in story.versions]
    known_set = set(known)
    placed: set[str] = set()
    groups: list[tuple[tuple[str, ...], str, tuple[Descent, ...]]] = []
    for lineage in story.lineages:
        members = tuple(dict.fromkeys(m for m in lineage.members if m in known_set and m not in placed))
        if not members:
            continue
        placed.update(members)
        inside = set(members)
        descent = tuple(d for d in lineage.descent if d.child in inside and d.parent in inside and d.child != d.parent)
        groups.append((members, lineage.reason, descent))
    for version_id in known:
        if version_id not in placed:
            placed.add(version_id)
            groups.append(((version_id,), UNGROUPED_REASON, ()))
    views = tuple(
        LineageView(lineage_letter(index), members, reason, descent)
        for index, (members, reason, descent) in enumerate(groups)
    )
    codes = {member: f"{view.letter}{place}" for view in views for place, member in enumerate(view.members, 1)}
    return VersionOrder(views, codes)
