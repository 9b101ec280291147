"""Render stage: a judged :class:`~generator.model.Corpus` becomes Markdown pages.

Pure: no files are read or written here (see :mod:`generator.write`).  Every
string from the corpus is escaped by :mod:`generator.render.escape`; page
paths are made of generated slugs only (:mod:`generator.render.paths`).
"""

from __future__ import annotations

from dataclasses import replace

from generator.model import Corpus
from generator.render.corrections_log import render_corrections_log
from generator.render.data import findings_csv, site_feed, story_feed, story_json
from generator.render.findings_index import render_findings_index
from generator.render.home import render_home_fragment, render_stories_index
from generator.render.paths import (
    CORRECTIONS_LOG,
    FINDINGS_INDEX,
    GENERATED_DIR,
    HOME_FRAGMENT,
    PEOPLE_INDEX,
    SITE_FEED,
    STORIES_INDEX,
    STORY_CSV,
    STORY_FEED,
    STORY_REPORT,
    build_site_map,
)
from generator.render.people import render_people_index, render_person
from generator.render.quote import render_quote_card
from generator.render.story import render_story
from generator.render.version import render_unrelated, render_version
from generator.repository import Repository

__all__ = ["GENERATED_DIR", "HOME_FRAGMENT", "render_site"]


def render_site(corpus: Corpus, repository: Repository | None = None) -> dict[str, str]:
    """Pure: {path relative to docs/ (posix, under 'stories/'): file text}.

    Markdown pages, plus each story's JSON report, CSV of findings and Atom
    feed next to its page, and a site-wide Atom feed (MkDocs copies non-page
    files as they are).  Keys are sorted, so iterating the result is
    deterministic too.  With a ``repository``, every finding links to the
    issue form that suggests a correction, and story pages to the corrections
    file in GitHub's editor.
    """
    site = replace(build_site_map(corpus), repository=repository)
    pages = {
        CORRECTIONS_LOG: render_corrections_log(corpus, site),
        STORIES_INDEX: render_stories_index(corpus, site),
        HOME_FRAGMENT: render_home_fragment(corpus, site),
        FINDINGS_INDEX: render_findings_index(corpus, site),
        PEOPLE_INDEX: render_people_index(corpus, site),
        SITE_FEED: site_feed(corpus, site),
    }
    for name in site.people:
        pages[site.person_page(name)] = render_person(name, corpus, site)
    for story in corpus.stories:
        pages[site.story_page(story.id)] = render_story(story, site)
        pages[site.story_file(story.id, STORY_REPORT)] = story_json(story)
        pages[site.story_file(story.id, STORY_CSV)] = findings_csv(story)
        pages[site.story_file(story.id, STORY_FEED)] = story_feed(story, site)
        for summary in story.versions:
            pages[site.version_page(story.id, summary.version.id)] = render_version(
                story, summary, site
            )
        for group in story.groups:
            pages[site.quote_page(story.id, group.id)] = render_quote_card(story, group, site)
    for item in corpus.unrelated:
        pages[site.unrelated_page(item.version.id)] = render_unrelated(item, site)
    return dict(sorted(pages.items()))
