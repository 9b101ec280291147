"""People pages: every speaker across the stories, their quotes, and how each
version rendered them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.model import QuoteGroup, Story

from .escape import front_matter, id_text, markdown_text, table_cell
from .groups import group_label
from .labels import ALTERED_STATUSES, plural, status_badge
from .markdown import link, page, table
from .paths import PEOPLE_INDEX, SiteMap, relative_link, speaker_names
from .story import story_title


@dataclass(frozen=True)
class PersonEntry:
    """One story's share of the page of one person it quotes (or gives words to)."""

    name: str
    """Canonical speaker name."""
    block: str
    """Markdown of the story's section on the person's page."""
    quotes: int
    """Quote groups of the story that belong to the person."""
    altered: int
    """Renderings of those quotes that some version altered."""
    given: int
    """Renderings in which a version gives the person someone else's words."""


def people_entries(story: Story, site: SiteMap) -> tuple[PersonEntry, ...]:
    """What ``story`` adds to each person's page and to the people index, by name."""
    here = PEOPLE_INDEX  # every person page is in this folder, so links from it fit them all
    entries = []
    for name in speaker_names((story,)):
        groups = _groups_of(story, name)
        given = _given(story, name)
        altered = sum(1 for group in groups for rendering in group.renderings if rendering.status in ALTERED_STATUSES)
        entries.append(PersonEntry(name, _story_block(story, name, groups, given, site, here),
                                   len(groups), altered, len(given)))
    return tuple(entries)


def render_people_index(entries: Mapping[str, Sequence[PersonEntry]], site: SiteMap) -> str:
    """Markdown of the page listing every speaker (``entries``: name -> their entries in story order)."""
    here = PEOPLE_INDEX
    rows = []
    for name in sorted(site.people, key=lambda n: (n.casefold(), n)):
        found = entries.get(name, ())
        rows.append(
            [
                link(table_cell(name), relative_link(here, site.person_page(name))),
                str(len(found)),
                str(sum(entry.quotes for entry in found)),
                str(sum(entry.altered for entry in found)),
                str(sum(entry.given for entry in found)),
            ]
        )
    intro = (
        "Everyone quoted in the stories, as the versions name them (titles and pronouns unified). "
        "Open a person to see each of their quotes and how every version rendered it."
    )
    listing = (
        table(
            ["Person", "Stories", "Quotes", "Renderings altered", "Quotes others give them"],
            rows,
        )
        if rows
        else "No speakers yet."
    )
    return page(front_matter("People"), intro, listing)


def render_person(name: str, entries: Sequence[PersonEntry]) -> str:
    """Markdown of the page of one speaker, from their entries in story order."""
    blocks = [front_matter(name)]
    blocks.append(
        f"{markdown_text(name) or '(no name)'} is quoted in {plural(len(entries), 'story', 'stories')}. "
        "Each table lists their quotes, one row per quote, one column per version."
    )
    blocks.extend(entry.block for entry in entries)
    return page(*blocks)


def _story_block(story: Story, name: str, groups: list[QuoteGroup], given: list[tuple[QuoteGroup, str]],
                 site: SiteMap, here: str) -> str:
    story_here = relative_link(here, site.story_page(story.id))
    blocks = [f"**In {link(story_title(story), story_here)}**"]
    if groups:
        blocks.append(_quotes_table(story, groups, site, here))
    if given:
        items = "\n".join(
            f"- {id_text(version)} gives them {link(table_cell(group_label(group)), _card(story, group, site, here))}"
            for group, version in given
        )
        blocks.append(f"Words some versions give to {markdown_text(name)}, though the trusted "
                      f"rendering gives them to someone else:\n\n{items}")
    return page(*blocks).rstrip("\n")


def _quotes_table(story: Story, groups: list[QuoteGroup], site: SiteMap, here: str) -> str:
    version_ids = [summary.version.id for summary in story.versions]
    header = ["Quote"] + [id_text(vid) for vid in version_ids]
    rows = []
    for group in groups:
        statuses = {rendering.version: rendering.status for rendering in group.renderings}
        cells = [link(table_cell(group_label(group)), _card(story, group, site, here))]
        cells += [status_badge(statuses.get(vid, "omitted")) for vid in version_ids]
        rows.append(cells)
    return table(header, rows)


def _card(story: Story, group: QuoteGroup, site: SiteMap, here: str) -> str:
    return relative_link(here, site.quote_page(story.id, group.id))


def _groups_of(story: Story, name: str) -> list[QuoteGroup]:
    return [group for group in story.groups if group.speaker == name]


def _given(story: Story, name: str) -> list[tuple[QuoteGroup, str]]:
    """(group, version) where a version gives the group's words to ``name``
    while the group belongs to someone else."""
    found = []
    for group in story.groups:
        if group.speaker == name:
            continue
        for rendering in group.renderings:
            speaker = rendering.quote.speaker if rendering.quote else None
            if speaker is not None and speaker.canonical == name:
                found.append((group, rendering.version))
    return found
