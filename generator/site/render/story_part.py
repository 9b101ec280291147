"""One story's share of the site: its own pages, and what it adds to the pages
that list every story (home, stories index, findings, people, feed, corrections).

Both are rendered from the story and its part of the site map alone
(:class:`generator.site.render.paths.StorySiteMaps`), so both can be cached per
story and only a changed story is rendered again.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Story

from .corrections_log import CorrectionsEntry, corrections_entry
from .data import (
    FeedEntries,
    feed_entries,
    findings_csv,
    story_feed,
    story_json,
)
from .findings_index import FindingsEntry, findings_entry
from .home import HomeEntry, home_entry
from .paths import STORY_CSV, STORY_FEED, STORY_REPORT, SiteMap
from .people import PersonEntry, people_entries
from .quote import render_quote_card
from .story import render_story
from .version import render_version


@dataclass(frozen=True)
class StoryIndex:
    """What one story adds to the pages that list every story, rendered."""

    story_id: str
    """The story's id."""
    home: HomeEntry
    """Its item on the home page and row in the stories index."""
    findings: FindingsEntry
    """Its counts and rows in the findings index."""
    people: tuple[PersonEntry, ...]
    """Its section on the page of each person it quotes, by name."""
    feed: FeedEntries
    """Its entries in the site-wide feed."""
    corrections: CorrectionsEntry
    """Its verdicts, log and corrections file on the corrections log page."""


def render_story_pages(story: Story, site: SiteMap) -> dict[str, str]:
    """The story's own files: its page, JSON report, CSV and feed, a page per
    version and a card per quote ({path relative to docs/: text})."""
    pages = {
        site.story_page(story.id): render_story(story, site),
        site.story_file(story.id, STORY_REPORT): story_json(story),
        site.story_file(story.id, STORY_CSV): findings_csv(story),
        site.story_file(story.id, STORY_FEED): story_feed(story, site),
    }
    for summary in story.versions:
        pages[site.version_page(story.id, summary.version.id)] = render_version(story, summary, site)
    for group in story.groups:
        pages[site.quote_page(story.id, group.id)] = render_quote_card(story, group, site)
    return pages


def index_story(story: Story, site: SiteMap) -> StoryIndex:
    """What ``story`` adds to the pages that list every story."""
    return StoryIndex(
        story_id=story.id,
        home=home_entry(story, site),
        findings=findings_entry(story, site),
        people=people_entries(story, site),
        feed=feed_entries(story, site),
        corrections=corrections_entry(story, site),
    )
