"""The site's pages for a seeds folder, rendered story by story and cached.

A story's own pages and its share of the pages that list every story depend
on four things only: the story's judged result (its folder's files and the
generator's code: the judged entry's key), its corrections, and its part of
the site map (:class:`~generator.site.render.paths.StorySiteMaps`: its slugs,
the slugs of the people it quotes, the repository).  Their hash keys the
rendered entry, so after one story changes only that story is rendered again,
and the pages of the others are not even read back: the site-wide pages are
put together from each story's small share.  Without a cache every story is
rendered, and the pages are the same byte for byte
(:func:`generator.site.render.render_site` on the whole corpus).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from generator.inputs.problems import problem, sorted_problems
from generator.model import Problem, Story, Unrelated
from generator.pipeline import stage_failure, story_problem
from generator.review.corrections import StoryCorrections, read_corrections
from generator.review.merge import merge_story, unbuilt_story_problems, verdict_problems
from generator.site.render.paths import StoryOutline, StorySiteMaps, site_map_of
from generator.site.render.site_pages import render_site_pages
from generator.site.render.story_part import StoryIndex, index_story, render_story_pages
from generator.site.render.version import render_unrelated
from generator.site.rendered import RenderedSite, RenderedStory
from generator.site.repository import Repository

from .cache import StoryCache, dumps
from .parallel import JudgedUnit, RunOptions, judge_units_of

PAGES = "pages"
INDEX = "index"
"""Kinds of cache entry: a story's own pages, and its share of the site-wide pages with its page paths."""


def render_seeds(seeds_dir: Path, run: RunOptions | None = None,
                 repository: Repository | None = None) -> RenderedSite:
    """Judge ``seeds_dir`` (or read it from the cache) and render its site.

    A story whose rendering raises is left out with a problem (a bug, met by
    public input first) and the rest is rendered.  Raises
    :class:`~generator.inputs.problems.SeedError` when ``seeds_dir`` is not a folder."""
    run = run or RunOptions()
    cache = StoryCache(run.cache_dir, seeds_dir) if run.cache_dir is not None else None
    units, folder_problems = judge_units_of(seeds_dir, run.jobs, cache, run.quiet, short_lived=run.short_lived,
                                            scheduler=run.scheduler)
    corrections = read_corrections(seeds_dir)
    stories = sorted(((unit, story) for unit in units for story in unit.outline.stories), key=lambda pair: pair[1].id)
    problems = [*folder_problems, *corrections.problems]
    problems += [found for unit in units for found in unit.outline.problems]
    problems += [found for _, story in stories if story.id in corrections.stories
                 for found in verdict_problems(story.id, story.findings, corrections.stories[story.id])]
    problems += unbuilt_story_problems((story.id for _, story in stories), corrections)
    unrelated = _renderable_unrelated(sorted((item for unit in units for item in unit.outline.unrelated),
                                             key=lambda item: item.version.id), problems)
    rendered, sites = _render_stories(stories, corrections.stories, repository, cache, problems)
    shown = {story.story_id for story in rendered}
    site = sites.whole(item.version.id for item in unrelated)
    site_pages = render_site_pages([story.index for story in rendered], unrelated, site)
    if cache is not None:
        cache.prune()
    return RenderedSite(
        stories=tuple(rendered),
        site_pages=dict(sorted(site_pages.items())),
        problems=sorted_problems(problems),
        versions=sum(len(story.versions) for _, story in stories if story.id in shown),
        findings=sum(len(story.findings) for _, story in stories if story.id in shown),
    )


def _render_stories(stories: list[tuple[JudgedUnit, StoryOutline]],
                    corrections: Mapping[str, StoryCorrections], repository: Repository | None,
                    cache: StoryCache | None, problems: list[Problem]) -> tuple[list[RenderedStory], StorySiteMaps]:
    """Every story rendered (or read from the cache), and the site map of those
    shown; a story that fails is dropped with a problem and the others
    rendered again, since their site map may change without it (the cache
    makes that cheap)."""
    failed: set[str] = set()
    while True:
        kept = [(unit, story) for unit, story in stories if story.id not in failed]
        parts = StorySiteMaps([story for _, story in kept], repository)
        rendered = []
        for unit, story in kept:
            try:
                rendered.append(_render_story(unit, story.id, parts, corrections.get(story.id), cache))
            except Exception as error:  # noqa: BLE001 - a rendering bug must cost one story, not the site
                failed.add(story.id)
                problems.append(_render_problem(error, unit, story.id))
        if len(kept) == len(stories) - len(failed):
            return rendered, parts


def _render_problem(error: Exception, unit: JudgedUnit, story_id: str) -> Problem:
    try:
        story = _story_of(unit, story_id)
        files = sorted(summary.version.path for summary in story.versions)
    except Exception:  # noqa: BLE001 - the problem must still be told
        files = []
    return story_problem(error, files, f"rendering story {story_id!r}")


def _story_of(unit: JudgedUnit, story_id: str) -> Story:
    return next(story for story in unit.corpus().stories if story.id == story_id)


def render_key(unit_key: str, story_id: str, corrections: StoryCorrections | None, site: StorySiteMaps) -> str:
    """Key of a story's rendered entry: a hash of all its pages depend on.

    The slugs inside the story follow from the story itself (so from
    ``unit_key``); the rest of its part of the site map is hashed."""
    # repr, not pickle: a pickle's bytes depend on which equal strings are one object.
    described = repr(("rendered story", unit_key, story_id, corrections, site.outside_story(story_id)))
    return hashlib.sha256(described.encode("utf-8", "surrogatepass")).hexdigest()


def _render_story(unit: JudgedUnit, story_id: str, sites: StorySiteMaps, corrections: StoryCorrections | None,
                  cache: StoryCache | None) -> RenderedStory:
    def render() -> tuple[dict[str, str], StoryIndex]:
        story = _story_of(unit, story_id)
        if corrections is not None:
            story, _ = merge_story(story, corrections)
        return render_story_pages(story, sites[story_id]), index_story(story, sites[story_id])

    key = render_key(unit.unit.key, story_id, corrections, sites) if cache is not None and unit.unit.key else None
    if key is None or cache is None:
        pages, index = render()
        return RenderedStory(story_id, None, tuple(sorted(pages)), index, lambda: pages)
    stored = _cached_index(cache, key)
    if stored is not None:
        index, paths = stored
        cache.keep(PAGES, key)  # read only if the files must be written; rendered again if gone

        def load() -> dict[str, str]:
            found = cache.load(PAGES, key)
            if not isinstance(found, dict) or sorted(found) != list(paths):
                found = render()[0]
            return found

        return RenderedStory(story_id, key, paths, index, load)
    pages, index = render()
    paths = tuple(sorted(pages))
    cache.put(PAGES, key, dumps(pages))
    cache.put(INDEX, key, dumps((index, paths)))
    return RenderedStory(story_id, key, paths, index, lambda: pages)


def _cached_index(cache: StoryCache, key: str) -> tuple[StoryIndex, tuple[str, ...]] | None:
    found = cache.load(INDEX, key)
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], StoryIndex):
        return found  # type: ignore[return-value]
    return None


def _renderable_unrelated(unrelated: list[Unrelated], problems: list[Problem]) -> list[Unrelated]:
    """The files set apart whose page renders; the others left out with a problem."""
    site = site_map_of([], [item.version.id for item in unrelated])
    kept = []
    for item in unrelated:
        try:
            render_unrelated(item, site)
        except Exception as error:  # noqa: BLE001 - a rendering bug must cost one file, not the site
            problems.append(problem(item.version.path, stage_failure(error, "rendering", "left out of the site")))
            continue
        kept.append(item)
    return kept
