"""A seeds folder's judged stories handed on one by one, in story order, as they are judged.

``report --format jsonl`` writes each story as soon as it and the stories
before it are judged, and keeps none: with story folders, the main process
holds only the few stories that finished ahead of their turn, so its memory
stays flat however many stories there are.  Loose files must all be read
before any story can be grouped, so with loose files the versions are held
until the grouping is done; the stories are still written as they are
judged.  The stories, the files set apart and the problems are the ones
:func:`generator.runtime.parallel.run_folder` gives, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.inputs.load import list_seeds
from generator.inputs.problems import sorted_problems
from generator.model import Corpus, Problem, Story, Unrelated
from generator.review.corrections import read_corrections
from generator.review.merge import merge_story, unbuilt_story_problems

from .cache import StoryCache, code_fingerprint, dumps, tree_key
from .loose_files import LooseRun
from .parallel import JUDGED, RunOptions, Unit, cached_unit, engine_for, settle, stream_units


class StoryStream:
    """The stories of a seeds folder (:meth:`stories`), then the files set apart and the problems."""

    def __init__(self, seeds_dir: Path, run: RunOptions) -> None:
        self.seeds_dir = seeds_dir
        """The seeds folder."""
        self.run = run
        """How to judge it."""
        self.unrelated: tuple[Unrelated, ...] = ()
        """The files that belong to no story, by id (once every story is handed on)."""
        self.problems: tuple[Problem, ...] = ()
        """Every problem, in their stable order (once every story is handed on)."""

    def stories(self) -> Iterator[Story]:
        """Each judged story with its contributors' verdicts, in story order.  Raises
        :class:`~generator.inputs.problems.SeedError` when the seeds folder is not a folder."""
        listing = list_seeds(self.seeds_dir)
        cache = StoryCache(self.run.cache_dir, self.seeds_dir) if self.run.cache_dir is not None else None
        corrections = read_corrections(self.seeds_dir)
        problems: list[Problem] = [*listing.problems, *corrections.problems]
        unrelated: list[Unrelated] = []
        built: list[str] = []
        last: str | None = None
        for story, parts in self._judged(bool(listing.loose), cache):
            if parts is not None:
                unrelated.extend(parts.unrelated)
                problems.extend(parts.problems)
            if story is None:
                continue
            if last is not None and story.id <= last:
                raise RuntimeError(f"stories out of order: {story.id!r} after {last!r}")  # a bug, never input
            last = story.id
            found = corrections.stories.get(story.id)
            if found is not None:
                story, verdict_problems = merge_story(story, found)
                problems.extend(verdict_problems)
            built.append(story.id)
            yield story
            settle(self.run.short_lived)
        problems.extend(unbuilt_story_problems(built, corrections))
        if cache is not None:
            cache.prune()
        self.unrelated = tuple(sorted(unrelated, key=lambda item: item.version.id))
        self.problems = sorted_problems(problems)

    def _judged(self, loose: bool, cache: StoryCache | None) -> Iterator[tuple[Story | None, Corpus | None]]:
        """Each story as judged, and (with no story, once per unit) each unit's files set apart and problems."""
        if loose:
            yield from self._loose(cache)
            return
        run = self.run
        units, _ = stream_units(self.seeds_dir, run.jobs, cache, run.quiet, run.short_lived, run.scheduler)
        for unit in units:
            yield from _items(unit.corpus())

    def _loose(self, cache: StoryCache | None) -> Iterator[tuple[Story | None, Corpus | None]]:
        """A folder with loose files: one unit, read from the cache whole, or judged story by story."""
        run = self.run
        key = tree_key(self.seeds_dir, code_fingerprint()) if cache is not None else None
        if cache is not None and key is not None:
            found = cached_unit(Unit(None, key), cache, self.seeds_dir, outlines=False)
            if found is not None:
                yield from _items(found.corpus())
                return
        engine = engine_for(run.jobs, run.scheduler)
        try:
            judging = LooseRun(self.seeds_dir, engine, run.quiet, lambda: settle(run.short_lived))
            kept: list[Story] = []
            for story in judging.stories():
                if cache is not None:
                    kept.append(story)  # the cache holds the whole folder as one entry
                yield story, None
            yield None, Corpus((), judging.unrelated, judging.problems)
            if cache is not None and key is not None:
                cache.put(JUDGED, key, dumps(Corpus(tuple(kept), judging.unrelated, judging.problems)))
        finally:
            engine.close()


def _items(corpus: Corpus) -> Iterator[tuple[Story | None, Corpus | None]]:
    """A judged unit as :meth:`StoryStream._judged` hands it on: its files set apart and problems, then its stories."""
    yield None, Corpus((), corpus.unrelated, corpus.problems)
    for story in corpus.stories:
        yield story, None
