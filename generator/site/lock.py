"""One build at a time per output folder.

Two builds writing the same ``docs/stories`` and ``site`` at once would each
swap in their own pages and undo each other's.  ``build`` holds an exclusive
lock on ``<output folder>/.verbatim-build.lock`` while it runs; a second build
stops at once with an error naming the process that holds it.  The lock is an
``flock``: the system drops it when its process ends, however it ends, so a
killed build never leaves a stale lock.  Where ``fcntl`` does not exist
(Windows) builds are not locked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".verbatim-build.lock"
"""The lock file, in the output folder (the repository root, or ``--out DIR``)."""


class LockError(Exception):
    """The output folder cannot be locked: another build holds it, or the lock file cannot be made."""


@contextlib.contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold the build lock of ``folder`` for the block; raise :class:`LockError` when another process holds it."""
    if fcntl is None:
        yield
        return
    path = folder / LOCK_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise LockError(f"{path}: cannot make the build's lock file: {error.strerror or error}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(handle, 32).decode("ascii", "replace").strip() or "another process"
            raise LockError(f"{path}: another build is writing to {folder} (process {holder}); "
                              "wait for it to finish") from None
        with contextlib.suppress(OSError):  # the pid only makes the other build's message clearer
            os.ftruncate(handle, 0)
            os.write(handle, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        os.close(handle)  # closing drops the lock
