"""Judging on a Dask distributed cluster: ``report`` and ``build`` with ``--scheduler ADDRESS``.

Judging is a pure map over stories, so it runs as well on a cluster as on this
machine's cores: the client (this process) lists the seeds folder, keeps the
cache, and sends the work out in batches; the workers run the same functions
as the local pool and send the results back.  What travels: the seed files'
text (workers need not see this machine's files) and the generator's code by
name (the workers must have the same version installed: it is checked when
connecting, as results computed by other code would be cached under this
code's keys); back come the judged stories, pickled.

Without Dask installed (the optional extra ``dask``), nothing here is imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .cache import code_fingerprint
from .engine import AHEAD


class SchedulerError(Exception):
    """The cluster cannot be used: Dask is missing, the scheduler does not answer, or its
    workers run other code."""


class DaskPool:
    """The workers of a Dask distributed cluster, reached through its scheduler."""

    ships_files = True
    own_processes = False

    def __init__(self, address: str, timeout: float | None = None) -> None:
        """Connect to the scheduler at ``address``, waiting ``timeout`` seconds for it and for a
        first worker (by default Dask's own ``distributed.comm.timeouts.connect``, 30 s, which
        ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT`` sets)."""
        try:
            import dask
            from dask.utils import parse_timedelta
            from distributed import Client
        except ImportError:
            raise SchedulerError("--scheduler needs Dask distributed: pip install 'verbatim[dask]'") from None
        if timeout is None:
            timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), default="seconds")
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        try:
            self.client.wait_for_workers(1, timeout=timeout)
            self._check_code()
        except BaseException as error:
            self.client.close()
            if isinstance(error, TimeoutError):
                raise SchedulerError(f"the Dask scheduler at {address} has no worker") from None
            raise
        self.workers = max(1, sum(worker["nthreads"] for worker in self.client.scheduler_info()["workers"].values()))
        """Threads of all workers: batches worked on at once."""

    def _check_code(self) -> None:
        ours = code_fingerprint()
        theirs = self.client.run(code_fingerprint)
        other = sorted(worker for worker, fingerprint in theirs.items() if fingerprint != ours)
        if other:
            raise SchedulerError(f"{len(other)} of {len(theirs)} Dask workers run another version of the generator "
                                 f"(first: {other[0]}); install this version on every worker")

    def map(self, function: Callable[..., Any], batches: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, Any]]:
        from distributed import as_completed

        ahead = self.workers * AHEAD
        following = iter(enumerate(batches))
        index_of: dict[Any, int] = {}
        running = as_completed(loop=self.client.loop)

        def top_up() -> None:
            while len(index_of) < ahead:
                step = next(following, None)
                if step is None:
                    return
                # pure=False: a batch is never taken for another one with the same arguments.
                future = self.client.submit(function, *step[1], pure=False)
                index_of[future] = step[0]
                running.add(future)

        top_up()
        for future in running:
            index = index_of.pop(future)
            result = future.result()
            future.release()
            top_up()
            yield index, result

    def close(self) -> None:
        self.client.close()
