"""Story folder keys remembered between runs, so an unchanged seeds folder is
keyed without reading its files.

A folder's key (:func:`generator.runtime.cache.folder_key`) hashes every byte of its
files: at 10,000 files that is half a second, most of a run in which nothing
changed.  The memo keeps each folder's key with the listing it was computed
from: per entry its name, type, size, inode, modification and change times.
Next run, a folder whose listing is the same gets the same key unread.

Like git's index, the memo trusts a listing only when every file in it had
last changed well before its bytes were read (:data:`SETTLED_NS`): a file
written in the same clock tick as the read, then written again with the same
size, would otherwise keep a stale key.  The change time (ctime) cannot be
set back by tools that copy modification times, so any write shows.  A
folder holding a symbolic link is always read.  File times are compared with
this machine's clock: on a network file system whose clock lags far behind,
the margin shrinks by the lag.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import time
from pathlib import Path

from generator.site.write import SETTLED_NS, write_atomically

from .cache import StoryCache, folder_key

MEMO_NAME = "memo-folder-keys.pickle"
"""The memo's file, in the cache namespace of the seeds folder."""

Listing = tuple[tuple[str, int, int, int, int, int], ...]
"""Per entry: name, mode, size, inode, mtime and ctime in ns."""


def _listing(folder: Path) -> tuple[Listing, int] | None:
    """The folder's listing and the latest change time in it; None when it
    cannot be listed or holds a link (always keyed by reading)."""
    entries = []
    latest = 0
    try:
        with os.scandir(folder) as found:
            for entry in found:
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISLNK(info.st_mode):
                    return None
                entries.append((entry.name, info.st_mode, info.st_size, info.st_ino,
                                info.st_mtime_ns, info.st_ctime_ns))
                latest = max(latest, info.st_mtime_ns, info.st_ctime_ns)
    except OSError:
        return None
    return tuple(sorted(entries)), latest


class KeyMemo:
    """Folder keys of one seeds folder, remembered in its cache namespace."""

    def __init__(self, cache: StoryCache, seeds_dir: Path, fingerprint: str) -> None:
        self._path = cache.directory / MEMO_NAME
        self._seeds_dir = seeds_dir
        self._context = (fingerprint, os.fsencode(seeds_dir.name))
        self._known: dict[str, tuple[Listing, int, str]] = {}
        self._now: dict[str, tuple[Listing, int, str]] = {}
        self.read = 0
        """Folders keyed by reading their files during this run."""
        with contextlib.suppress(Exception):  # a missing or damaged memo is an empty one
            context, known = pickle.loads(self._path.read_bytes())  # noqa: S301 - our own cache folder
            if context == self._context and isinstance(known, dict):
                self._known = known

    def folder_key(self, folder: str) -> str:
        """The key of a story folder: remembered when its listing is unchanged and settled, else read."""
        listed = _listing(self._seeds_dir / folder)
        known = self._known.get(folder)
        if listed is not None and known is not None and known[0] == listed[0] and listed[1] < known[1] - SETTLED_NS:
            self._now[folder] = known
            return known[2]
        read_at = time.time_ns()
        key = folder_key(self._seeds_dir, folder, self._context[0])
        self.read += 1
        if listed is not None:
            self._now[folder] = (listed[0], read_at, key)
        return key

    def save(self) -> None:
        """Keep this run's keys (only the folders it keyed) for the next run; silently skipped when not writable."""
        if self._now == self._known:
            return
        with contextlib.suppress(OSError):
            write_atomically(self._path, pickle.dumps((self._context, self._now), protocol=pickle.HIGHEST_PROTOCOL))
