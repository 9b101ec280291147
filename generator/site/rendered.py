"""What a run renders: each story's pages and its share of the site-wide pages.

The records the runtime fills in (:mod:`generator.runtime.pages`, which
renders story by story and caches) and the writers read
(:mod:`generator.site.manifest`, :mod:`generator.site.write`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Problem

from .render.story_part import StoryIndex


@dataclass(frozen=True)
class RenderedStory:
    """One story's rendered output; its pages are read (or rendered) only when asked for."""

    story_id: str
    """The story's id."""
    key: str | None
    """Key of its rendered entry: equal keys, equal pages (None without a cache)."""
    paths: tuple[str, ...]
    """Paths of its own files, relative to ``docs/``, sorted."""
    index: StoryIndex
    """Its share of the site-wide pages."""
    load: Callable[[], dict[str, str]]
    """Its own files {path: text}."""


@dataclass(frozen=True)
class RenderedSite:
    """Every page of the site, and what the run found wrong."""

    stories: tuple[RenderedStory, ...]
    """The stories shown, by id."""
    site_pages: dict[str, str]
    """Pages that list every story, the people's pages and the pages of the files set apart."""
    problems: tuple[Problem, ...]
    """Problems with the seeds and the corrections, and stories left out because they failed to render."""
    versions: int
    """Versions in the stories shown."""
    findings: int
    """Findings in the stories shown."""

    def all_pages(self) -> dict[str, str]:
        """Every file {path relative to docs/: text}, sorted by path (reads every story's pages)."""
        pages = dict(self.site_pages)
        for story in self.stories:
            pages.update(story.load())
        return dict(sorted(pages.items()))
