"""Facts tables: numbers, dates, names and people's titles lined up across versions.

One column per version makes a table far wider than the page at twenty versions, so each
table is folded away under a line saying how many facts it holds; the findings section
already names every fact that drifts."""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import Fact, Story

from .escape import id_text, markdown_text, table_cell
from .labels import FACT_LABELS, fact_badge
from .lineages import VersionOrder, version_order
from .markdown import folded, link, page, table
from .paths import SiteMap, relative_link

FACT_KIND_WORDS = {"number": "number", "date": "date", "name": "name", "title": "title"}
"""Fact kinds in words, for the first column."""


def facts_section(story: Story, site: SiteMap, here: str, order: VersionOrder | None = None) -> str:
    """The facts table (numbers, dates, names) and the people's titles table, folded, versions
    in lineage order; empty when the story has no facts."""
    if not story.facts:
        return ""
    order = order or version_order(story)
    others = [fact for fact in story.facts if fact.kind != "title"]
    titles = [fact for fact in story.facts if fact.kind == "title"]
    drifting = sum(1 for fact in story.facts if _drifts(fact))
    intro = (
        "Numbers, dates, names and titles stated in the versions, lined up. "
        f"{drifting} of {len(story.facts)} differ from the trusted reference or have no support in it; "
        "those rows are marked “≠ drift” or “+ added” and start with ⚠."
    )
    blocks = ["## Facts", intro]
    if others:
        blocks.append(folded(f"Numbers, dates and names, version by version ({len(others)})",
                             page(facts_table(others, story, site, here, order), _legend())))
    else:
        blocks.append("No numbers, dates or names were lined up in this story.")
    if titles:
        blocks.append(folded(f"People’s titles: how each version describes the people in the story ({len(titles)})",
                             page(facts_table(titles, story, site, here, order), _legend())))
    else:
        blocks.append("No version gives anyone a title or role that could be lined up.")
    return page(*blocks).rstrip("\n")


def facts_table(facts: Sequence[Fact], story: Story, site: SiteMap, here: str,
                order: VersionOrder | None = None) -> str:
    """One row per fact, one column per version (in lineage order): the words as written and their status."""
    version_ids = list((order or version_order(story)).versions)
    header = ["Fact", "Kind"] + [_version_header(story, vid, site, here) for vid in version_ids]
    rows = []
    for fact in facts:
        values = {value.version: value for value in fact.values}
        subject = markdown_text(fact.subject) or id_text(fact.id)
        marker = "⚠ " if _drifts(fact) else ""
        cells = [f"{marker}{subject}", FACT_KIND_WORDS.get(fact.kind, "fact")]
        for vid in version_ids:
            value = values.get(vid)
            if value is None or value.status == "missing":
                cells.append(fact_badge("missing"))
                continue
            words = markdown_text(value.text)
            shown = f"“{words}”" if words else "&#160;"
            cells.append(f"{shown}<br>{fact_badge(value.status)}")
        rows.append(cells)
    return table(header, rows)


def _drifts(fact: Fact) -> bool:
    return any(value.status in ("drift", "added") for value in fact.values)


def _version_header(story: Story, version_id: str, site: SiteMap, here: str) -> str:
    if (story.id, version_id) not in site.versions:
        return id_text(version_id)
    target = relative_link(here, site.version_page(story.id, version_id))
    return link(table_cell(version_id), target)


def _legend() -> str:
    items = [f"{fact_badge(status)}: {label.meaning}" for status, label in FACT_LABELS.items()]
    return "**Facts legend:** " + "; ".join(items) + "."
