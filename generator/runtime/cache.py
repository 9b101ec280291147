"""The story cache: each story folder's judged result, kept between runs.

An entry is keyed by a hash of everything the result depends on: every file
in the story folder (names and bytes), the seeds folder's name (it starts
every path in the report) and the generator's fingerprint (its version, the
Python version and the source of every module of the package).  Any change
to the folder or to the code gives another key, so an entry is never stale;
editing one story recomputes that story only.

Entries are pickles written atomically under ``<cache dir>/<namespace>/``,
one namespace per seeds folder, each of a kind (a judged story folder, its
outline, a story's rendered pages...).  At the end of a run, the entries of
the kinds the run used but not under the keys it used are removed, so the
cache does not grow without bound, and a command that renders nothing (a
report) leaves the rendered pages alone.
A cache folder that cannot be written is no error: the run goes on uncached.
Pickles run code when loaded: the cache folder must be as private as the code.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path

from generator import __version__
from generator.inputs.load import MAX_FILE_BYTES
from generator.site.write import TEMPORARY_PREFIX, write_atomically

CACHE_DIR = ".verbatim-cache"
"""Default cache folder name, made next to the seeds folder."""

CACHE_FORMAT = 2
"""Raised when the layout of an entry changes."""

_SUFFIX = ".pickle"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the generator's version, the Python version and every module's source."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version_info[:2]}\0{CACHE_FORMAT}\0".encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0")
        digest.update(source.read_bytes() + b"\0")
    return digest.hexdigest()


def _update_with_entry(digest: hashlib._Hash, entry: os.DirEntry[str]) -> None:
    """Hash one entry of a folder: its name, what it is, and a file's bytes.

    DirEntry answers "link? file? folder?" from the listing, without a system
    call, so keying 10,000 files stays well under a second."""
    digest.update(os.fsencode(entry.name) + b"\0")
    if entry.is_symlink():
        # Where a link leads decides whether the loader follows it.
        digest.update(b"link\0" + os.fsencode(os.readlink(entry.path)) + b"\0")
        digest.update(os.fsencode(os.path.realpath(entry.path)) + b"\0")
    try:
        if entry.is_file():
            with open(entry.path, "rb") as stream:
                content = stream.read(MAX_FILE_BYTES + 1)
            if len(content) > MAX_FILE_BYTES:
                # The loader refuses a file over the limit unread: its size is all that counts.
                content = b"over the limit %d" % os.stat(entry.path).st_size
            digest.update(b"file\0%d\0" % len(content) + content)
        elif entry.is_dir():
            digest.update(b"folder\0")
    except OSError as error:
        digest.update(f"unreadable {error.errno}\0".encode())


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as listing:
        return sorted(listing, key=lambda entry: entry.name)


def folder_key(seeds_dir: Path, folder: str, fingerprint: str | None = None) -> str:
    """Cache key of one story folder of ``seeds_dir``."""
    digest = hashlib.sha256(f"story\0{fingerprint or code_fingerprint()}\0".encode())
    digest.update(os.fsencode(seeds_dir.name) + b"\0" + os.fsencode(folder) + b"\0")
    try:
        entries = _entries(seeds_dir / folder)
    except OSError as error:
        digest.update(f"unlistable {error.errno}\0".encode())
        entries = []
    for entry in entries:
        _update_with_entry(digest, entry)
    return digest.hexdigest()


def tree_key(seeds_dir: Path, fingerprint: str | None = None) -> str:
    """Cache key of a whole seeds folder (used when loose files make it one unit of work)."""
    digest = hashlib.sha256(f"tree\0{fingerprint or code_fingerprint()}\0".encode())
    digest.update(os.fsencode(seeds_dir.name) + b"\0")
    for entry in _entries(seeds_dir):
        _update_with_entry(digest, entry)
        if entry.is_dir():
            digest.update(folder_key(seeds_dir, entry.name, fingerprint).encode())
    return digest.hexdigest()


class StoryCache:
    """Pickled results by kind and key, in one namespace (one seeds folder) of a cache folder."""

    def __init__(self, cache_dir: Path, seeds_dir: Path) -> None:
        namespace = hashlib.sha256(os.fsencode(seeds_dir.resolve())).hexdigest()[:16]
        self.directory = cache_dir / namespace
        """Where this seeds folder's entries live."""
        self.used: set[str] = set()
        """File names of the entries read or written during this run."""
        self.kinds: set[str] = set()
        """Kinds of entry read or written during this run."""
        self.hits = 0
        """Entries found."""
        self.misses = 0
        """Entries looked for in vain."""

    def _name(self, kind: str, key: str) -> str:
        self.kinds.add(kind)
        name = f"{kind}-{key}{_SUFFIX}"
        self.used.add(name)
        return name

    def get(self, kind: str, key: str) -> bytes | None:
        """The pickled result of ``kind`` stored under ``key``, or None."""
        try:
            data = (self.directory / self._name(kind, key)).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def load(self, kind: str, key: str) -> object:
        """The result of ``kind`` stored under ``key``, unpickled; None when there is none or it is damaged."""
        data = self.get(kind, key)
        try:
            return loads(data) if data is not None else None
        except Exception:  # noqa: BLE001 - a damaged entry counts as missing: it is computed again
            return None

    def keep(self, kind: str, key: str) -> None:
        """Count the entry of ``kind`` under ``key`` as used (not pruned), without reading it."""
        self._name(kind, key)

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` (atomically; silently skipped when the folder is not writable)."""
        name = self._name(kind, key)
        with contextlib.suppress(OSError):
            write_atomically(self.directory / name, data)

    def prune(self) -> int:
        """Remove the entries of the kinds this run used that it did not use; returns how many."""
        removed = 0
        try:
            entries = list(self.directory.iterdir())
        except OSError:
            return 0
        for entry in entries:
            kind, _, key = entry.name.partition("-")
            # An entry without a kind comes from an older layout: stale too.
            stale = entry.name.endswith(_SUFFIX) and entry.name not in self.used and (kind in self.kinds or not key)
            if stale or entry.name.startswith(TEMPORARY_PREFIX):
                try:
                    entry.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed


def dumps(value: object) -> bytes:
    """A result as cache bytes."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> object:
    """A result from cache bytes."""
    return pickle.loads(data)
