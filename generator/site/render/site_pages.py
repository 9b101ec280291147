"""The pages that list every story, put together from each story's
:class:`~generator.site.render.story_part.StoryIndex`: no story is rendered here,
so a site of thousands of stories is listed in a moment."""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import Unrelated

from .corrections_log import render_corrections_log
from .data import site_feed
from .findings_index import render_findings_index
from .home import render_home_fragment, render_stories_index
from .paths import (
    CORRECTIONS_LOG,
    FINDINGS_INDEX,
    HOME_FRAGMENT,
    PEOPLE_INDEX,
    SITE_FEED,
    STORIES_INDEX,
    SiteMap,
)
from .people import PersonEntry, render_people_index, render_person
from .story_part import StoryIndex
from .version import render_unrelated


def render_site_pages(indexes: Sequence[StoryIndex], unrelated: Sequence[Unrelated], site: SiteMap) -> dict[str, str]:
    """The site-wide pages, the people's pages and the pages of the files set
    apart ({path relative to docs/: text}); ``indexes`` in story order."""
    by_person: dict[str, list[PersonEntry]] = {}
    for index in indexes:
        for entry in index.people:
            by_person.setdefault(entry.name, []).append(entry)
    pages = {
        CORRECTIONS_LOG: render_corrections_log([index.corrections for index in indexes], site),
        STORIES_INDEX: render_stories_index([index.home for index in indexes], unrelated, site),
        HOME_FRAGMENT: render_home_fragment([index.home for index in indexes], unrelated),
        FINDINGS_INDEX: render_findings_index([index.findings for index in indexes]),
        PEOPLE_INDEX: render_people_index(by_person, site),
        SITE_FEED: site_feed([(index.story_id, index.feed) for index in indexes]),
    }
    for name in site.people:
        pages[site.person_page(name)] = render_person(name, by_person.get(name, ()))
    for item in unrelated:
        pages[site.unrelated_page(item.version.id)] = render_unrelated(item, site)
    return pages
