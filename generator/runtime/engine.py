"""Where the work of a run is done: in this process, in a pool of local processes, or on a
Dask cluster (:mod:`generator.runtime.dask_pool`).

An engine runs one function over batches of arguments and hands back each batch's result as
it is done, with its index, so the caller can put the results back in order.  Only a few
batches per worker are sent ahead, so what waits to be done, and what is done but not yet
taken back, stays small however large the seeds folder: memory stays flat.  The output never
depends on the engine: the same pure functions run on the same data.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from types import TracebackType
from typing import Any, Protocol

AHEAD = 4
"""Batches sent ahead per worker: enough to keep every worker busy, few enough to keep memory flat."""
COLLECT_EVERY = 10_000
"""Allocations between two collections of the youngest generation in a run's own processes
(Python's default, 700, had them spend a fifth of their time collecting)."""


def collect_less() -> None:
    """Collect cycles less often in a process that judges: judging makes millions of small objects,
    many memoised for the whole run, and hardly any cycle.  Nothing it outputs changes."""
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(COLLECT_EVERY, middle, oldest)


class Engine(Protocol):
    """Runs a function over batches of arguments, somewhere."""

    workers: int
    """How many batches it works on at once."""
    ships_files: bool
    """True when its workers may not see this machine's files: they get the seed files' text,
    not their paths."""
    own_processes: bool
    """True when its workers are processes started for this run, which end with it (what they
    memoise may then be frozen out of the garbage collector's sight)."""

    def map(self, function: Callable[..., Any], batches: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, Any]]:
        """``function(*batch)`` for each batch: (index of the batch, result), as each is done."""
        ...

    def close(self) -> None:
        """Let the workers go."""
        ...


class InProcess:
    """Every batch in this process, in order."""

    workers = 1
    ships_files = False
    own_processes = False

    def map(self, function: Callable[..., Any], batches: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, Any]]:
        for index, batch in enumerate(batches):
            yield index, function(*batch)

    def close(self) -> None:
        pass


class LocalPool:
    """A pool of ``jobs`` processes on this machine, started when first used."""

    ships_files = False
    own_processes = True

    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        """Processes."""
        self._pool: ProcessPoolExecutor | None = None

    def map(self, function: Callable[..., Any], batches: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, Any]]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=collect_less)
        pool = self._pool
        return windowed(lambda batch: pool.submit(function, *batch), batches, self.workers * AHEAD)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def windowed(submit: Callable[[tuple[Any, ...]], Future[Any]], batches: Iterable[tuple[Any, ...]],
             ahead: int) -> Iterator[tuple[int, Any]]:
    """Submit batches, at most ``ahead`` waiting at a time, and yield (index, result) as they finish."""
    pending: dict[Future[Any], int] = {}
    following = iter(enumerate(batches))

    def top_up() -> None:
        while len(pending) < ahead:
            step = next(following, None)
            if step is None:
                return
            pending[submit(step[1])] = step[0]

    top_up()
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=pending.__getitem__):
            index = pending.pop(future)
            yield index, future.result()
        top_up()


def in_order(results: Iterator[tuple[int, Any]]) -> Iterator[Any]:
    """Results taken as they finish, handed on in the order of their indexes (the ones that
    finish early wait; with few batches ahead, few wait)."""
    waiting: dict[int, Any] = {}
    following = 0
    for index, result in results:
        waiting[index] = result
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def batch_size(count: int, workers: int, largest: int) -> int:
    """Items per batch: about eight batches per worker, at most ``largest`` items each."""
    return max(1, min(largest, -(-count // (workers * 8))))
