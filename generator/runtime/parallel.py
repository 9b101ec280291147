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
from .engine import Engine, InProcess, LocalPool
from .key_memo import KeyMemo
from .loose_files import LooseRun
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
    scheduler: str | None = None
    """Address of a Dask scheduler whose workers judge the stories instead of
    ``jobs`` local processes; None for none."""


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


def judge_trees(trees: Sequence[SeedTree]) -> list[bytes]:
    """Worker elsewhere: judge story folders sent as read (:func:`judge_units` reads its own)."""
    return [dumps(run(tree)) for tree in trees]


def _chunks(units: list[Unit], size: int) -> Iterator[list[Unit]]:
    for start in range(0, len(units), size):
        yield units[start:start + size]


def _compute(seeds_dir: Path, units: list[Unit], engine: Engine, progress: Progress,
             short_lived: bool = False, quiet: bool = True) -> Iterator[tuple[Unit, bytes, Corpus | None]]:
    """Each unit with its pickled result (and the result itself when it was made here), on the
    engine's workers when there are several."""
    if units and units[0].folder is None:
        # Loose files: the whole folder is one unit, judged in steps around the grouping.
        unit, = units
        if engine.workers <= 1 and not engine.ships_files:
            result, = judge_units(str(seeds_dir), [None])
            corpus = None
        else:
            corpus = LooseRun(seeds_dir, engine, quiet, lambda: settle(short_lived)).corpus()
            result = dumps(corpus)
        progress.advance()
        yield unit, result, corpus
        return
    if not engine.ships_files and (engine.workers <= 1 or len(units) <= 1):
        for unit in units:
            result, = judge_units(str(seeds_dir), [unit.folder])
            progress.advance()
            yield unit, result, None
        return
    size = max(1, min(UNITS_PER_TASK, len(units) // (engine.workers * 4) or 1))
    chunks = list(_chunks(units, size))
    if engine.ships_files:
        root = printable(seeds_dir.name)

        def shipped(chunk: list[Unit]) -> tuple[list[SeedTree]]:
            tree = read_seeds(seeds_dir, folders={unit.folder for unit in chunk if unit.folder is not None})
            return ([_folder_tree(tree, root, unit.folder) for unit in chunk if unit.folder is not None],)

        results = engine.map(judge_trees, (shipped(chunk) for chunk in chunks))
    else:
        results = engine.map(judge_units, ((str(seeds_dir), [unit.folder for unit in chunk], True)
                                           for chunk in chunks))
    for index, data in results:
        chunk = chunks[index]
        for unit, result in zip(chunk, data):
            yield unit, result, None
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
                short_lived: bool = False, scheduler: str | None = None) -> Corpus:
    """The judged corpus of ``seeds_dir``, the same as
    ``run(read_seeds(seeds_dir))``, judged by ``jobs`` processes (or by the
    workers of the Dask ``scheduler``) and, with ``cache_dir``, reusing the
    results of unchanged stories.

    A progress bar is drawn on stderr when it is a terminal, unless ``quiet``.
    Raises :class:`~generator.inputs.problems.SeedError` when ``seeds_dir`` is not a folder,
    :class:`~generator.runtime.dask_pool.SchedulerError` when the cluster cannot be used."""
    if jobs <= 1 and cache_dir is None and scheduler is None and (quiet or not is_terminal(sys.stderr)):
        list_seeds(seeds_dir)  # raises for a seeds folder that is not a folder
        # Nothing to share out, keep or show: the plain pipeline.
        return run(read_seeds(seeds_dir))
    cache = StoryCache(cache_dir, seeds_dir) if cache_dir is not None else None
    judged, problems = judge_units_of(seeds_dir, jobs, cache, quiet, outlines=False, short_lived=short_lived,
                                      scheduler=scheduler)
    if cache is not None:
        cache.prune()
    return merge_corpora([unit.corpus() for unit in judged], problems)


def run_folder(seeds_dir: Path, jobs: int = 1, cache_dir: Path | None = None, quiet: bool = True,
               short_lived: bool = False, scheduler: str | None = None) -> Corpus:
    """Load a seeds folder, judge it and merge the contributors' verdicts
    (raises only when ``seeds_dir`` is not a folder, or the cluster cannot be used).

    ``jobs`` processes (or the workers of the Dask ``scheduler``) judge the
    stories and ``cache_dir`` keeps each story's result between runs
    (:func:`judge_seeds`); the corpus is the same.  ``short_lived``: see :class:`RunOptions`."""
    judged = judge_seeds(seeds_dir, jobs, cache_dir, quiet, short_lived, scheduler)
    return merge_corrections(judged, read_corrections(seeds_dir))


def engine_for(jobs: int, scheduler: str | None = None) -> Engine:
    """Where to judge: on the Dask cluster of ``scheduler``, in ``jobs`` local processes, or here."""
    if scheduler:
        from .dask_pool import DaskPool  # only a run that asks for Dask imports it

        return DaskPool(scheduler)
    return LocalPool(jobs) if jobs > 1 else InProcess()


@dataclass(frozen=True)
class _Units:
    """The units of a seeds folder, those found in the cache, and the problems of the folder itself."""

    units: list[Unit]
    """Every unit, in story order."""
    cached: dict[int, JudgedUnit]
    """Units read from the cache, by index."""
    problems: tuple[Problem, ...]
    """Problems with the seeds folder's top level."""


def _units(seeds_dir: Path, cache: StoryCache | None, outlines: bool, short_lived: bool) -> _Units:
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
    cached: dict[int, JudgedUnit] = {}
    for index, unit in enumerate(units):
        found = cached_unit(unit, cache, seeds_dir, outlines) if cache is not None and unit.key else None
        if found is not None:
            cached[index] = found
            settle(short_lived)
    return _Units(units, cached, listing.problems)


def _judged(seeds_dir: Path, found: _Units, jobs: int, cache: StoryCache | None, quiet: bool, outlines: bool,
            short_lived: bool, scheduler: str | None) -> Iterator[tuple[int, JudgedUnit]]:
    """The units not in the cache, judged (and cached), with their indexes, as they are done."""
    missing = [unit for index, unit in enumerate(found.units) if index not in found.cached]
    if not missing:
        return
    index_of = {id(unit): index for index, unit in enumerate(found.units)}
    engine = engine_for(jobs, scheduler)
    try:
        with Progress(len(missing), "Judging stories", quiet=quiet) as progress:
            for unit, data, corpus in _compute(seeds_dir, missing, engine, progress, short_lived, quiet):
                judged = JudgedUnit(unit, corpus=corpus if corpus is not None else loads(data))  # type: ignore[arg-type]
                if cache is not None and unit.key:
                    cache.put(JUDGED, unit.key, data)
                    if outlines:
                        cache.put(OUTLINE, unit.key, dumps(judged.outline))
                settle(short_lived)
                yield index_of[id(unit)], judged
    finally:
        engine.close()


def judge_units_of(seeds_dir: Path, jobs: int, cache: StoryCache | None, quiet: bool, outlines: bool = True,
                   short_lived: bool = False,
                   scheduler: str | None = None) -> tuple[list[JudgedUnit], tuple[Problem, ...]]:
    """Every unit of ``seeds_dir`` judged (or read from ``cache``), and the
    problems of the seeds folder itself.

    With ``outlines``, a cached unit is read as its outline only (its stories
    are read when asked for), so a run that needs few stories reads few.
    The caller prunes the cache.  Raises
    :class:`~generator.inputs.problems.SeedError` when ``seeds_dir`` is not a folder."""
    found = _units(seeds_dir, cache, outlines, short_lived)
    results = dict(found.cached)
    results.update(_judged(seeds_dir, found, jobs, cache, quiet, outlines, short_lived, scheduler))
    return [results[index] for index in range(len(found.units))], found.problems


def stream_units(seeds_dir: Path, jobs: int, cache: StoryCache | None, quiet: bool, short_lived: bool = False,
                 scheduler: str | None = None) -> tuple[Iterator[JudgedUnit], tuple[Problem, ...]]:
    """Every unit of ``seeds_dir``, judged or read from ``cache``, handed on in story order as
    soon as it and those before it are ready, and the problems of the seeds folder itself.
    Nothing is kept: a caller that drops each unit in turn keeps memory flat.  Raises
    :class:`~generator.inputs.problems.SeedError` when ``seeds_dir`` is not a folder."""
    found = _units(seeds_dir, cache, False, short_lived)

    def units() -> Iterator[JudgedUnit]:
        waiting = found.cached
        following = 0
        for index, judged in _judged(seeds_dir, found, jobs, cache, quiet, False, short_lived, scheduler):
            waiting[index] = judged
            while following in waiting:
                yield waiting.pop(following)
                following += 1
        while following in waiting:
            yield waiting.pop(following)
            following += 1

    return units(), found.problems


def settle(short_lived: bool) -> None:
    """In a process that ends with the run, move everything alive now, the
    judged results first of all, out of the cyclic garbage collector's sight
    (:func:`gc.freeze`).

    The results live until the run ends, and each full collection scanned all
    of them again: judging 2,000 stories took 2.6 times as long as 1,000.
    Objects still die as usual when their last reference goes; only cycles
    among them would outlive the run, and judged stories hold none."""
    if short_lived:
        gc.freeze()


def cached_unit(unit: Unit, cache: StoryCache, seeds_dir: Path, outlines: bool) -> JudgedUnit | None:
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
