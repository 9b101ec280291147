"""People pages: every speaker across the stories, their quotes, and how each
version rendered them."""

from __future__ import annotations

from generator.model import Corpus, QuoteGroup, Story
from generator.render.escape import front_matter, id_text, markdown_text, table_cell
from generator.render.groups import group_label
from generator.render.labels import ALTERED_STATUSES, plural, status_badge
from generator.render.markdown import link, page, table
from generator.render.paths import PEOPLE_INDEX, SiteMap, relative_link
from generator.render.story import story_title


def render_people_index(corpus: Corpus, site: SiteMap) -> str:
    """Markdown of the page listing every speaker."""
    here = PEOPLE_INDEX
    rows = []
    by_person = _stories_by_person(corpus)
    for name in sorted(site.people, key=lambda n: (n.casefold(), n)):
        stories = by_person.get(name, [])
        groups = [group for story in stories for group in _groups_of(story, name)]
        changed = sum(
            1
            for group in groups
            for rendering in group.renderings
            if rendering.status in ALTERED_STATUSES
        )
        given = sum(len(_given(story, name)) for story in stories)
        rows.append(
            [
                link(table_cell(name), relative_link(here, site.person_page(name))),
                str(len(stories)),
                str(len(groups)),
                str(changed),
                str(given),
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


def render_person(name: str, corpus: Corpus, site: SiteMap) -> str:
    """Markdown of the page of one speaker."""
    here = site.person_page(name)
    blocks = [front_matter(name)]
    stories = _stories_by_person(corpus).get(name, [])
    blocks.append(
        f"{markdown_text(name) or '(no name)'} is quoted in {plural(len(stories), 'story', 'stories')}. "
        "Each table lists their quotes, one row per quote, one column per version."
    )
    for story in stories:
        story_here = relative_link(here, site.story_page(story.id))
        blocks.append(f"**In {link(story_title(story), story_here)}**")
        groups = _groups_of(story, name)
        if groups:
            blocks.append(_quotes_table(story, groups, site, here))
        given = _given(story, name)
        if given:
            items = "\n".join(
                f"- {id_text(version)} gives them {link(table_cell(group_label(group)), _card(story, group, site, here))}"
                for group, version in given
            )
            blocks.append(f"Words some versions give to {markdown_text(name)}, though the trusted "
                          f"rendering gives them to someone else:\n\n{items}")
    return page(*blocks)


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


_LAST_INDEX: list[tuple[Corpus, dict[str, list[Story]]]] = []
"""The index of the last corpus asked about: every person page of a site reads it."""


def _stories_by_person(corpus: Corpus) -> dict[str, list[Story]]:
    """Name -> the stories, in corpus order, that quote the person or give them
    someone else's words (where ``_groups_of`` or ``_given`` finds something).

    Built once per corpus: scanning every story for every person made the
    people pages quadratic in the size of the site."""
    if _LAST_INDEX and _LAST_INDEX[0][0] is corpus:
        return _LAST_INDEX[0][1]
    index: dict[str, list[Story]] = {}
    for story in corpus.stories:
        names: set[str] = set()
        for group in story.groups:
            if group.speaker is not None:
                names.add(group.speaker)
            for rendering in group.renderings:
                speaker = rendering.quote.speaker if rendering.quote else None
                if speaker is not None and speaker.canonical != group.speaker:
                    names.add(speaker.canonical)
        for name in names:
            index.setdefault(name, []).append(story)
    _LAST_INDEX[:] = [(corpus, index)]
    return index


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
