"""Judging a seeds folder story by story: on every core, and cached between runs.

Everything after grouping is a function of one story, and a story folder is
a story of its own when there is no loose file to join it.  So when a seeds
folder holds story folders only, each folder is loaded and judged on its own
(:func:`generator.pipeline.run` on a tree of that folder), in a pool of
processes, and the results are put together in story order: the corpus is the
one :func:`~generator.pipeline.run` gives for the whole tree, byte for byte.
Loose files may join any story, so a seeds folder with loose files is judged
as one unit (cached as one entry).

Each unit's result is cached (:mod:`generator.runtime.cache`); only the units whose
files or code changed are judged again.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path

from generator.inputs.load import SeedTree, list_seeds, read_seeds
from generator.inputs.problems import printable, sorted_problems
from generator.model import Corpus, Problem, Unrelated
from generator.pipeline import run
from generator.review.corrections import read_corrections
from generator.review.merge import merge_corrections
from generator.site.render.paths import StoryOutline, outline

from .cache import StoryCache, code_fingerprint, dumps, loads, tree_key
from .key_memo import KeyMemo
from .progress import Progress, is_terminal

UNITS_PER_TASK = 8
"""Story folders sent to a worker process at a time: enough to keep the
per-task overhead small, few enough that the cores finish together."""


@dataclass(frozen=True)
class Unit:
    """A piece of the seeds folder judged on its own."""

    folder: str | None
    """Story folder name; None for the whole seeds folder."""
    key: str | None
    """Cache key (None without a cache)."""


def default_jobs() -> int:
    """Worker processes to use by default: one per core."""
    return os.cpu_count() or 1


@dataclass(frozen=True)
class RunOptions:
    """How to run the pipeline over a seeds folder (the result never depends on these)."""

    jobs: int = 1
    """Worker processes judging stories; 1 judges them in this process."""
    cache_dir: Path | None = None
    """Folder of the story cache; None for no cache."""
    quiet: bool = True
    """True to draw no progress bar."""
    short_lived: bool = False
    """True when the process ends with the run (a command): the judged stories
    are then moved out of the garbage collector's sight (:func:`gc.freeze`)."""


def _belongs_to(problem: Problem, shown_dir: str) -> bool:
    return problem.path == shown_dir or problem.path.startswith(shown_dir + "/")


def _folder_tree(tree: SeedTree, root: str, folder: str) -> SeedTree:
    """The part of a loaded tree that is one story folder."""
    shown_dir = f"{root}/{folder}"
    return replace(tree, files=tuple(f for f in tree.files if f.folder == folder),
                   stories={name: config for name, config in tree.stories.items() if name == folder},
                   problems=tuple(p for p in tree.problems if _belongs_to(p, shown_dir)))


def judge_units(seeds_dir: str, folders: Sequence[str | None], in_worker: bool = False) -> list[bytes]:
    """Worker: load and judge each unit, returning each result pickled (in order).

    Top level so a process pool can call it; pickled here so the parent can
    cache the bytes as they are."""
    seeds = Path(seeds_dir)
    named = [folder for folder in folders if folder is not None]
    results = []
    tree = read_seeds(seeds, folders=set(named)) if named else None
    root = printable(seeds.name)
    for folder in folders:
        if folder is None:
            results.append(dumps(run(read_seeds(seeds))))
        else:
            assert tree is not None
            results.append(dumps(run(_folder_tree(tree, root, folder))))
    if in_worker:
        # What judging memoised (tokens, stems, mentions) lives as long as the worker: out of the collector's sight.
        gc.freeze()
    return results


def _chunks(units: list[Unit], size: int) -> Iterator[list[Unit]]:
    for start in range(0, len(units), size):
        yield units[start:start + size]


def _compute(seeds_dir: Path, units: list[Unit], jobs: int, progress: Progress) -> Iterator[tuple[Unit, bytes]]:
    """Each unit with its pickled result, in parallel when there are several units and jobs."""
    folders = [unit.folder for unit in units]
    if jobs <= 1 or len(units) <= 1:
        for unit in units:
            result, = judge_units(str(seeds_dir), [unit.folder])
            progress.advance()
            yield unit, result
        return
    size = max(1, min(UNITS_PER_TASK, len(folders) // (jobs * 4) or 1))
    with ProcessPoolExecutor(max_workers=min(jobs, len(units))) as pool:
        pending: dict[Future[list[bytes]], list[Unit]] = {
            pool.submit(judge_units, str(seeds_dir), [unit.folder for unit in chunk], True): chunk
            for chunk in _chunks(units, size)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                for unit, result in zip(chunk, future.result()):
                    yield unit, result
                progress.advance(len(chunk))


@dataclass(frozen=True)
class UnitOutline:
    """What the site map and the list of problems need of a judged unit,
    small enough to read back for every unit of a large seeds folder."""

    stories: tuple[StoryOutline, ...]
    """Outlines of the unit's stories, by id."""
    unrelated: tuple[Unrelated, ...]
    """Files the unit set apart."""
    problems: tuple[Problem, ...]
    """The unit's problems."""


def unit_outline(corpus: Corpus) -> UnitOutline:
    """The outline of a judged unit."""
    return UnitOutline(tuple(outline(story) for story in corpus.stories), corpus.unrelated, corpus.problems)


class JudgedUnit:
    """A judged unit: its outline and its stories, each made or read when first asked for
    (a report never needs the outline; a build reads few units' stories back from the cache)."""

    def __init__(self, unit: Unit, outline_of_unit: UnitOutline | None = None, corpus: Corpus | None = None,
                 cache: StoryCache | None = None, seeds_dir: Path | None = None) -> None:
        self.unit = unit
        """The unit."""
        self._outline = outline_of_unit
        self._corpus = corpus
        self._cache = cache
        self._seeds_dir = seeds_dir

    @property
    def outline(self) -> UnitOutline:
        """The unit's outline."""
        if self._outline is None:
            self._outline = unit_outline(self.corpus())
        return self._outline

    def corpus(self) -> Corpus:
        """The unit's judged corpus: read from the cache, or judged again should the entry be gone or damaged."""
        if self._corpus is not None:
            return self._corpus
        assert self._cache is not None and self._seeds_dir is not None and self.unit.key is not None
        corpus = self._cache.load(JUDGED, self.unit.key)
        if not isinstance(corpus, Corpus):
            fresh, = judge_units(str(self._seeds_dir), [self.unit.folder])
            self._cache.put(JUDGED, self.unit.key, fresh)
            corpus = loads(fresh)
        self._corpus = corpus  # type: ignore[assignment]
        return self._corpus  # type: ignore[return-value]


JUDGED = "judged"
OUTLINE = "outline"
"""Kinds of cache entry: a unit's judged corpus, and its outline."""


def judge_seeds(seeds_dir: Path, jobs: int = 1, cache_dir: Path | None = None, quiet: bool = True,
                short_lived: bool = False) -> Corpus:
    """The judged corpus of ``seeds_dir``, the same as
    ``run(read_seeds(seeds_dir))``, judged by ``jobs`` processes and, with
    ``cache_dir``, reusing the results of unchanged stories.

    A progress bar is drawn on stderr when it is a terminal, unless ``quiet``.
    Raises :class:`~generator.inputs.problems.SeedError` when ``seeds_dir`` is not a folder."""
    if jobs <= 1 and cache_dir is None and (quiet or not is_terminal(sys.stderr)):
        list_seeds(seeds_dir)  # raises for a seeds folder that is not a folder
        # Nothing to share out, keep or show: the plain pipeline.
        return run(read_seeds(seeds_dir))
    cache = StoryCache(cache_dir, seeds_dir) if cache_dir is not None else None
    judged, problems = judge_units_of(seeds_dir, jobs, cache, quiet, outlines=False, short_lived=short_lived)
    if cache is not None:
        cache.prune()
    return merge_corpora([unit.corpus() for unit in judged], problems)


def run_folder(seeds_dir: Path, jobs: int = 1, cache_dir: Path | None = None, quiet: bool = True,
               short_lived: bool = False) -> Corpus:
    """Load a seeds folder, judge it and merge the contributors' verdicts
    (raises only when ``seeds_dir`` is not a folder).

    ``jobs`` processes judge the stories and ``cache_dir`` keeps each story's
    result between runs (:func:`judge_seeds`); the corpus is the same.
    ``short_lived``: see :class:`RunOptions`."""
    judged = judge_seeds(seeds_dir, jobs, cache_dir, quiet, short_lived)
    return merge_corrections(judged, read_corrections(seeds_dir))


def judge_units_of(seeds_dir: Path, jobs: int, cache: StoryCache | None, quiet: bool, outlines: bool = True,
                   short_lived: bool = False) -> tuple[list[JudgedUnit], tuple[Problem, ...]]:
    """Every unit of ``seeds_dir`` judged (or read from ``cache``), and the
    problems of the seeds folder itself.

    With ``outlines``, a cached unit is read as its outline only (its stories
    are read when asked for), so a run that needs few stories reads few.
    The caller prunes the cache.  Raises
    :class:`~generator.inputs.problems.SeedError` when ``seeds_dir`` is not a folder."""
    listing = list_seeds(seeds_dir)
    fingerprint = code_fingerprint()
    folders: list[str | None] = [None] if listing.loose else list(listing.folders)

    memo = KeyMemo(cache, seeds_dir, fingerprint) if cache is not None else None

    def key(folder: str | None) -> str | None:
        if memo is None:
            return None
        return tree_key(seeds_dir, fingerprint) if folder is None else memo.folder_key(folder)

    units = [Unit(folder, key(folder)) for folder in folders]
    if memo is not None:
        memo.save()
    results: dict[str | None, JudgedUnit] = {}
    missing: list[Unit] = []
    for unit in units:
        found = _cached_unit(unit, cache, seeds_dir, outlines) if cache is not None and unit.key else None
        if found is None:
            missing.append(unit)
        else:
            results[unit.folder] = found
            _settle(short_lived)
    with Progress(len(missing), "Judging stories", quiet=quiet) as progress:
        for unit, data in _compute(seeds_dir, missing, jobs, progress):
            judged = results[unit.folder] = JudgedUnit(unit, corpus=loads(data))  # type: ignore[arg-type]
            if cache is not None and unit.key:
                cache.put(JUDGED, unit.key, data)
                if outlines:
                    cache.put(OUTLINE, unit.key, dumps(judged.outline))
            _settle(short_lived)
    return [results[unit.folder] for unit in units], listing.problems


def _settle(short_lived: bool) -> None:
    """In a process that ends with the run, move everything alive now, the
    judged results first of all, out of the cyclic garbage collector's sight
    (:func:`gc.freeze`).

    The results live until the run ends, and each full collection scanned all
    of them again: judging 2,000 stories took 2.6 times as long as 1,000.
    Objects still die as usual when their last reference goes; only cycles
    among them would outlive the run, and judged stories hold none."""
    if short_lived:
        gc.freeze()


def _cached_unit(unit: Unit, cache: StoryCache, seeds_dir: Path, outlines: bool) -> JudgedUnit | None:
    """The unit as cached, or None when it is not (a damaged entry counts as missing)."""
    assert unit.key is not None
    try:
        if outlines:
            found = cache.load(OUTLINE, unit.key)
            if isinstance(found, UnitOutline):
                cache.keep(JUDGED, unit.key)  # read only if a story must be rendered; judged again if gone
                return JudgedUnit(unit, found, cache=cache, seeds_dir=seeds_dir)
        corpus = cache.load(JUDGED, unit.key)
        if not isinstance(corpus, Corpus):
            return None
        judged = JudgedUnit(unit, corpus=corpus)
        if outlines:
            cache.put(OUTLINE, unit.key, dumps(judged.outline))
        return judged
    except Exception:  # noqa: BLE001 - a damaged entry is recomputed
        return None


def merge_corpora(parts: Sequence[Corpus], problems: Sequence[Problem] = ()) -> Corpus:
    """One corpus of several judged independently: stories by id, files set
    apart by id, problems in their stable order (duplicates dropped)."""
    stories = sorted((story for part in parts for story in part.stories), key=lambda story: story.id)
    unrelated = sorted((item for part in parts for item in part.unrelated), key=lambda item: item.version.id)
    found = [problem for part in parts for problem in part.problems] + list(problems)
    return Corpus(tuple(stories), tuple(unrelated), sorted_problems(found))
