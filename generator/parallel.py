"""Judging a seeds folder story by story: on every core, and cached between runs.

Everything after grouping is a function of one story, and a story folder is
a story of its own when there is no loose file to join it.  So when a seeds
folder holds story folders only, each folder is loaded and judged on its own
(:func:`generator.pipeline.run` on a tree of that folder), in a pool of
processes, and the results are put together in story order: the corpus is the
one :func:`~generator.pipeline.run` gives for the whole tree, byte for byte.
Loose files may join any story, so a seeds folder with loose files is judged
as one unit (cached as one entry).

Each unit's result is cached (:mod:`generator.cache`); only the units whose
files or code changed are judged again.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path

from .cache import StoryCache, code_fingerprint, dumps, folder_key, loads, tree_key
from .load import SeedTree, list_seeds, read_seeds
from .model import Corpus, Problem
from .progress import Progress, is_terminal
from .schema import printable, sorted_problems

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


def _belongs_to(problem: Problem, shown_dir: str) -> bool:
    return problem.path == shown_dir or problem.path.startswith(shown_dir + "/")


def _folder_tree(tree: SeedTree, root: str, folder: str) -> SeedTree:
    """The part of a loaded tree that is one story folder."""
    shown_dir = f"{root}/{folder}"
    return replace(tree, files=tuple(f for f in tree.files if f.folder == folder),
                   stories={name: config for name, config in tree.stories.items() if name == folder},
                   problems=tuple(p for p in tree.problems if _belongs_to(p, shown_dir)))


def judge_units(seeds_dir: str, folders: Sequence[str | None]) -> list[bytes]:
    """Worker: load and judge each unit, returning each result pickled (in order).

    Top level so a process pool can call it; pickled here so the parent can
    cache the bytes as they are."""
    from .pipeline import run  # noqa: PLC0415 - pipeline imports this module

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
            pool.submit(judge_units, str(seeds_dir), [unit.folder for unit in chunk]): chunk
            for chunk in _chunks(units, size)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                for unit, result in zip(chunk, future.result()):
                    yield unit, result
                progress.advance(len(chunk))


def judge_seeds(seeds_dir: Path, jobs: int = 1, cache_dir: Path | None = None, quiet: bool = True) -> Corpus:
    """The judged corpus of ``seeds_dir``, the same as
    ``run(read_seeds(seeds_dir))``, judged by ``jobs`` processes and, with
    ``cache_dir``, reusing the results of unchanged stories.

    A progress bar is drawn on stderr when it is a terminal, unless ``quiet``.
    Raises :class:`~generator.schema.SeedError` when ``seeds_dir`` is not a folder."""
    listing = list_seeds(seeds_dir)
    if jobs <= 1 and cache_dir is None and (quiet or not is_terminal(sys.stderr)):
        # Nothing to share out, keep or show: the plain pipeline.
        from .pipeline import run  # noqa: PLC0415 - pipeline imports this module
        return run(read_seeds(seeds_dir))
    fingerprint = code_fingerprint()
    cache = StoryCache(cache_dir, seeds_dir) if cache_dir is not None else None
    folders: list[str | None] = [None] if listing.loose else list(listing.folders)

    def key(folder: str | None) -> str | None:
        if cache is None:
            return None
        return tree_key(seeds_dir, fingerprint) if folder is None else folder_key(seeds_dir, folder, fingerprint)

    units = [Unit(folder, key(folder)) for folder in folders]
    results: dict[str | None, Corpus] = {}
    missing: list[Unit] = []
    for unit in units:
        cached = cache.get(unit.key) if cache is not None and unit.key else None
        try:
            if cached is not None:
                results[unit.folder] = loads(cached)  # type: ignore[assignment]
                continue
        except Exception:  # noqa: BLE001 - a damaged entry is recomputed
            pass
        missing.append(unit)
    with Progress(len(missing), "Judging stories", quiet=quiet) as progress:
        for unit, data in _compute(seeds_dir, missing, jobs, progress):
            if cache is not None and unit.key:
                cache.put(unit.key, data)
            results[unit.folder] = loads(data)  # type: ignore[assignment]
    if cache is not None:
        cache.prune()
    return merge_corpora([results[unit.folder] for unit in units], listing.problems)


def merge_corpora(parts: Sequence[Corpus], problems: Sequence[Problem] = ()) -> Corpus:
    """One corpus of several judged independently: stories by id, files set
    apart by id, problems in their stable order (duplicates dropped)."""
    stories = sorted((story for part in parts for story in part.stories), key=lambda story: story.id)
    unrelated = sorted((item for part in parts for item in part.unrelated), key=lambda item: item.version.id)
    found = [problem for part in parts for problem in part.problems] + list(problems)
    return Corpus(tuple(stories), tuple(unrelated), sorted_problems(found))
