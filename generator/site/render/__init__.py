"""Render stage: a judged :class:`~generator.model.Corpus` becomes Markdown pages.

Pure: no files are read or written here (see :mod:`generator.site.write`).  Every
string from the corpus is escaped by :mod:`generator.site.render.escape`; page
paths are made of generated slugs only (:mod:`generator.site.render.paths`).

Each story is rendered on its own (:mod:`generator.site.render.story_part`), and
the pages listing every story are put together from the stories' shares
(:mod:`generator.site.render.site_pages`), so a caller may cache both per story.
"""

from __future__ import annotations

from generator.model import Corpus
from generator.site.repository import Repository

from .paths import (
    GENERATED_DIR,
    HOME_FRAGMENT,
    StorySiteMaps,
    outline,
)
from .site_pages import render_site_pages
from .story_part import index_story, render_story_pages

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
    story_sites = StorySiteMaps([outline(story) for story in corpus.stories], repository)
    pages: dict[str, str] = {}
    indexes = []
    for story in corpus.stories:
        pages.update(render_story_pages(story, story_sites[story.id]))
        indexes.append(index_story(story, story_sites[story.id]))
    site = story_sites.whole(item.version.id for item in corpus.unrelated)
    pages.update(render_site_pages(indexes, corpus.unrelated, site))
    return dict(sorted(pages.items()))
