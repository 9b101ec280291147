"""Where every generated page lives, and the relative links between them.

Ids in a Corpus come from file and folder names, so they are untrusted: page
paths are built from slugs (``[a-z0-9-]``) only, assigned once per site so that
every renderer agrees on them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from generator.model import Corpus, Story
from generator.site.repository import Repository

from .escape import unique_slugs

GENERATED_DIR = "stories"
"""The subtree of ``docs/`` the generator owns."""

STORIES_INDEX = f"{GENERATED_DIR}/index.md"
"""All stories and the files set apart."""

HOME_FRAGMENT = f"{GENERATED_DIR}/_home.md"
"""Story list included into the hand-written home page (not a page itself)."""

UNRELATED_DIR = "unrelated"
"""Folder, under the generated subtree, of the pages of files set apart."""

PEOPLE_DIR = "people"
"""Folder, under the generated subtree, of the people index and one page per speaker."""

PEOPLE_INDEX = f"{GENERATED_DIR}/{PEOPLE_DIR}/index.md"
"""Every speaker across the stories."""

FINDINGS_INDEX = f"{GENERATED_DIR}/findings.md"
"""Findings by kind and severity, and the tag listing."""

SITE_FEED = f"{GENERATED_DIR}/feed.xml"
"""Atom feed of every story's findings."""

CORRECTIONS_LOG = f"{GENERATED_DIR}/corrections.md"
"""Every contributor's verdict and every story's corrections log."""

STORY_REPORT = "report.json"
STORY_CSV = "findings.csv"
STORY_FEED = "feed.xml"
"""Data files written next to each story page."""

_RESERVED_STORY_SLUGS = (UNRELATED_DIR, PEOPLE_DIR, "index", "findings", "feed", "corrections")
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
    people: dict[str, str] = field(default_factory=dict)
    """Canonical speaker name -> slug of their page."""
    findings: dict[tuple[str, str], str] = field(default_factory=dict)
    """(story id, finding id) -> anchor of the finding on its story page."""
    repository: Repository | None = None
    """The GitHub repository for "Suggest a correction" and edit links; None: no such links."""

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

    def person_page(self, name: str) -> str:
        """Path of the page of one speaker, relative to ``docs/``."""
        return f"{GENERATED_DIR}/{PEOPLE_DIR}/{self.people[name]}.md"

    def story_file(self, story_id: str, name: str) -> str:
        """Path of a data file (report, CSV, feed) next to a story page."""
        return f"{GENERATED_DIR}/{self.stories[story_id]}/{name}"

    def finding_anchor(self, story_id: str, finding_id: str) -> str | None:
        """Anchor of a finding on its story page (None for an unknown finding)."""
        slug = self.findings.get((story_id, finding_id))
        return f"f-{slug}" if slug else None


@dataclass(frozen=True)
class StoryOutline:
    """The ids of a story that get a page or an anchor, and the people it quotes:
    all the site map needs, small enough to keep for every story of a large site."""

    id: str
    """Story id."""
    versions: tuple[str, ...]
    """Version ids."""
    groups: tuple[str, ...]
    """Quote group ids."""
    findings: tuple[str, ...]
    """Finding ids."""
    speakers: tuple[str, ...]
    """Canonical speaker names (see :func:`speaker_names`), sorted."""
    inner: SiteMap
    """The slugs inside the story (versions, quote groups, findings); no story slug."""


def outline(story: Story) -> StoryOutline:
    """The outline of a judged story."""
    versions = tuple(summary.version.id for summary in story.versions)
    groups = tuple(group.id for group in story.groups)
    findings = tuple(finding.id for finding in story.findings)
    return StoryOutline(story.id, versions, groups, findings, tuple(speaker_names((story,))),
                        _story_slugs(story.id, versions, groups, findings))


def build_site_map(corpus: Corpus) -> SiteMap:
    """Assign a slug to everything that gets a page."""
    return site_map_of([outline(story) for story in corpus.stories],
                       [item.version.id for item in corpus.unrelated])


def site_map_of(stories: Sequence[StoryOutline], unrelated: Iterable[str],
                repository: Repository | None = None) -> SiteMap:
    """The site map of stories known by their outlines and of the files set apart."""
    return StorySiteMaps(stories, repository).whole(unrelated)


class StorySiteMaps(Mapping[str, SiteMap]):
    """Per story, the part of the site map its own pages read: its slugs, the
    slugs of the people it quotes and the repository.  Rendering a story with
    it proves its pages depend on nothing else (any other lookup fails), so
    what it adds to the story itself (:meth:`outside_story`) is a sound part
    of a cache key for them.  Each part is built when first asked for: a run
    that reads most stories from a cache builds few."""

    def __init__(self, stories: Sequence[StoryOutline], repository: Repository | None = None) -> None:
        self._outlines = {story.id: story for story in stories}
        self._story_slugs = _story_slug_map(stories)
        self._people = _people_slug_map(stories)
        self._repository = repository
        self._built: dict[str, SiteMap] = {}

    def __getitem__(self, story_id: str) -> SiteMap:
        built = self._built.get(story_id)
        if built is None:
            story = self._outlines[story_id]
            built = self._built[story_id] = SiteMap(
                stories={story.id: self._story_slugs[story.id]},
                versions=story.inner.versions,
                groups=story.inner.groups,
                unrelated={},
                people={name: self._people[name] for name in story.speakers},
                findings=story.inner.findings,
                repository=self._repository,
            )
        return built

    def __iter__(self) -> Iterator[str]:
        return iter(self._outlines)

    def __len__(self) -> int:
        return len(self._outlines)

    def whole(self, unrelated: Iterable[str]) -> SiteMap:
        """The site map of every story and of the files set apart (``unrelated``: their ids)."""
        versions: dict[tuple[str, str], str] = {}
        groups: dict[tuple[str, str], str] = {}
        findings: dict[tuple[str, str], str] = {}
        for story in self._outlines.values():
            versions.update(story.inner.versions)
            groups.update(story.inner.groups)
            findings.update(story.inner.findings)
        return SiteMap(
            stories=self._story_slugs,
            versions=versions,
            groups=groups,
            unrelated=unique_slugs(unrelated, fallback="file", reserved=_RESERVED_LEAF_SLUGS),
            people=self._people,
            findings=findings,
            repository=self._repository,
        )

    def outside_story(self, story_id: str) -> tuple[object, ...]:
        """What a story's part of the site map holds beyond what the story itself
        decides: its slug, its people's slugs and the repository."""
        story = self._outlines[story_id]
        return (self._story_slugs[story_id], tuple((name, self._people[name]) for name in story.speakers),
                self._repository)


def _story_slug_map(stories: Sequence[StoryOutline]) -> dict[str, str]:
    return unique_slugs((story.id for story in stories), fallback="story", reserved=_RESERVED_STORY_SLUGS)


def _people_slug_map(stories: Sequence[StoryOutline]) -> dict[str, str]:
    names = {name for story in stories for name in story.speakers}
    return unique_slugs(names, fallback="person", reserved=_RESERVED_LEAF_SLUGS)


def _story_slugs(story_id: str, version_ids: Sequence[str], group_ids: Sequence[str],
                 finding_ids: Sequence[str]) -> SiteMap:
    """The slugs inside one story (versions, quote groups, findings), in a SiteMap with no story slug."""
    versions = unique_slugs(version_ids, fallback="version", reserved=_RESERVED_LEAF_SLUGS)
    groups = unique_slugs(group_ids, fallback="quote", reserved=_RESERVED_LEAF_SLUGS)
    findings = unique_slugs(finding_ids, fallback="finding")
    return SiteMap(
        stories={},
        versions={(story_id, vid): slug for vid, slug in versions.items()},
        groups={(story_id, gid): slug for gid, slug in groups.items()},
        unrelated={},
        findings={(story_id, fid): slug for fid, slug in findings.items()},
    )


def speaker_names(stories: Iterable[Story]) -> list[str]:
    """Every canonical speaker named in the stories' quote groups or quotes, sorted."""
    names: set[str] = set()
    for story in stories:
        for group in story.groups:
            if group.speaker and group.speaker.strip():
                names.add(group.speaker)
            for rendering in group.renderings:
                speaker = rendering.quote.speaker if rendering.quote else None
                if speaker is not None and speaker.canonical.strip():
                    names.add(speaker.canonical)
    return sorted(names)


def relative_link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative Markdown link target from one page to another (both relative
    to ``docs/``), optionally to an anchor (a slug) on it."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def _served_dir(page_path: str) -> str:
    """The folder a page is served from with directory URLs (``stories/x/index.md`` -> ``stories/x``)."""
    stem = page_path[: -len(".md")] if page_path.endswith(".md") else page_path
    return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem


def served_link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A link between two pages (paths relative to ``docs/``) as the built site serves them."""
    fragment = f"#{anchor}" if anchor else ""
    if from_page == to_page:
        return fragment or "./"
    target = posixpath.relpath(_served_dir(to_page) or ".", _served_dir(from_page) or ".")
    return f"{target.rstrip('/')}/{fragment}" if target != "." else f"./{fragment}"
