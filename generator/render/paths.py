"""Where every generated page lives, and the relative links between them.

Ids in a Corpus come from file and folder names, so they are untrusted: page
paths are built from slugs (``[a-z0-9-]``) only, assigned once per site so that
every renderer agrees on them.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from generator.model import Corpus
from generator.render.escape import unique_slugs

GENERATED_DIR = "stories"
"""The subtree of ``docs/`` the generator owns."""

STORIES_INDEX = f"{GENERATED_DIR}/index.md"
"""All stories and the files set apart."""

HOME_FRAGMENT = f"{GENERATED_DIR}/_home.md"
"""Story list included into the hand-written home page (not a page itself)."""

UNRELATED_DIR = "unrelated"
"""Folder, under the generated subtree, of the pages of files set apart."""

_RESERVED_STORY_SLUGS = (UNRELATED_DIR, "index")
_RESERVED_LEAF_SLUGS = ("index",)


@dataclass(frozen=True)
class SiteMap:
    """Slugs of every story, version, quote group and unrelated file."""

    stories: dict[str, str]
    """Story id -> story slug."""
    versions: dict[tuple[str, str], str]
    """(story id, version id) -> version slug, unique within the story."""
    groups: dict[tuple[str, str], str]
    """(story id, quote group id) -> quote group slug, unique within the story."""
    unrelated: dict[str, str]
    """Unrelated version id -> slug."""

    def story_page(self, story_id: str) -> str:
        """Path of a story page, relative to ``docs/``."""
        return f"{GENERATED_DIR}/{self.stories[story_id]}/index.md"

    def version_page(self, story_id: str, version_id: str) -> str:
        """Path of a version page, relative to ``docs/``."""
        slug = self.versions[(story_id, version_id)]
        return f"{GENERATED_DIR}/{self.stories[story_id]}/versions/{slug}.md"

    def quote_page(self, story_id: str, group_id: str) -> str:
        """Path of a quote card, relative to ``docs/``."""
        slug = self.groups[(story_id, group_id)]
        return f"{GENERATED_DIR}/{self.stories[story_id]}/quotes/{slug}.md"

    def unrelated_page(self, version_id: str) -> str:
        """Path of the page of a file set apart, relative to ``docs/``."""
        return f"{GENERATED_DIR}/{UNRELATED_DIR}/{self.unrelated[version_id]}.md"


def build_site_map(corpus: Corpus) -> SiteMap:
    """Assign a slug to everything that gets a page."""
    stories = unique_slugs(
        (story.id for story in corpus.stories), fallback="story", reserved=_RESERVED_STORY_SLUGS
    )
    versions: dict[tuple[str, str], str] = {}
    groups: dict[tuple[str, str], str] = {}
    for story in corpus.stories:
        version_slugs = unique_slugs(
            (summary.version.id for summary in story.versions),
            fallback="version",
            reserved=_RESERVED_LEAF_SLUGS,
        )
        versions.update({(story.id, vid): slug for vid, slug in version_slugs.items()})
        group_slugs = unique_slugs(
            (group.id for group in story.groups), fallback="quote", reserved=_RESERVED_LEAF_SLUGS
        )
        groups.update({(story.id, gid): slug for gid, slug in group_slugs.items()})
    unrelated = unique_slugs(
        (item.version.id for item in corpus.unrelated),
        fallback="file",
        reserved=_RESERVED_LEAF_SLUGS,
    )
    return SiteMap(stories=stories, versions=versions, groups=groups, unrelated=unrelated)


def relative_link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative Markdown link target from one page to another (both relative
    to ``docs/``), optionally to an anchor (a slug) on it."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target
