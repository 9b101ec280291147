"""What the generated folder holds, so the next run writes only what changed.

A manifest, kept in the cache folder (the generated folder holds pages only,
the same bytes on every machine), records the folder itself (device and
inode: a folder replaced whole by a run without this cache is not trusted),
for every story the key of its rendered entry and its files, and for every
file its hash, size, inode, modification and change times.  A story whose key
is unchanged and whose files are as recorded is not even read; a file edited
or removed by hand no longer matches and is written again.

As with the story folder keys (:mod:`generator.runtime.key_memo`), a file that changed
less than :data:`~generator.runtime.key_memo.SETTLED_NS` before the manifest's checks
(or before it became visible, for a folder swapped in whole) could be edited
again within the same clock tick without its times showing it: such a "racy"
file is compared by its bytes' hash instead, once.

Before changing anything, the manifest is rewritten to forget the files about
to change and to still list those about to go, so a run killed half-way
leaves a manifest the next run can trust.  Files added to the folder by hand
are not the generator's: ``--pages-only`` leaves them; a full ``build``
replaces the whole folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .render.paths import GENERATED_DIR
from .rendered import RenderedSite
from .write import SETTLED_NS, check_replaceable, write_atomically, write_generated
from .write_changes import apply_changes, folder_identity, recover_interrupted

MANIFESTS_DIR = "manifests"
"""Folder of the manifests, in the cache folder: one per generated folder."""

MANIFEST_FORMAT = 2
"""Raised when the manifest's layout changes (an older one is then ignored)."""

Signature = tuple[str, int, int, int, int]
"""(hash of the text, size, inode, modification and change times in ns) of a written file."""


@dataclass
class Manifest:
    """What the generated folder holds, as the run that wrote it left it."""

    folder: tuple[int, int] | None = None
    """Device and inode of the generated folder."""
    checked_ns: int = 0
    """When the signatures were taken: files that changed shortly before are checked by hash."""
    stories: dict[str, tuple[str | None, tuple[str, ...]]] = field(default_factory=dict)
    """Story id -> (key of its rendered entry, None when unknown; its files)."""
    files: dict[str, Signature | None] = field(default_factory=dict)
    """Path relative to ``docs/`` -> its signature; None when it may have changed since."""


@dataclass(frozen=True)
class Update:
    """What a run changed in the generated folder."""

    written: int
    """Files written."""
    deleted: int
    """Files deleted."""
    replaced: bool
    """True when the whole folder was written anew (no usable manifest)."""


def manifest_path(cache_dir: Path, docs_dir: Path) -> Path:
    """Where the manifest of ``docs_dir``'s generated folder is kept in ``cache_dir``."""
    name = hashlib.sha256(os.fsencode((docs_dir / GENERATED_DIR).resolve())).hexdigest()[:16]
    return cache_dir / MANIFESTS_DIR / f"{name}.pickle"


def read_manifest(path: Path) -> Manifest | None:
    """A manifest, or None when it is missing, unreadable or of another format."""
    try:
        found = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a damaged manifest is no manifest: every file is written
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == MANIFEST_FORMAT
            and isinstance(found[1], Manifest)):
        return None
    return found[1]


def write_manifest(path: Path, manifest: Manifest) -> None:
    """Replace the manifest at ``path`` atomically (its folder is made if need be)."""
    write_atomically(path, pickle.dumps((MANIFEST_FORMAT, manifest), protocol=pickle.HIGHEST_PROTOCOL))


def text_hash(text: str) -> str:
    """The hash recorded for a written file."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def signature(docs_dir: Path, path: str, digest: str) -> Signature | None:
    """The signature of a file as it is now (None when it cannot be read)."""
    try:
        found = os.stat(f"{docs_dir}/{path}")  # a string, not a Path: 40,000 of them per run
    except OSError:
        return None
    return (digest, found.st_size, found.st_ino, found.st_mtime_ns, found.st_ctime_ns)


def manifest_of(pages: Mapping[str, str], rendered: RenderedSite, docs_dir: Path) -> Manifest:
    """The manifest of a generated folder just swapped in whole with ``pages`` from ``rendered``.

    Its files were written in a hidden stage nobody edits, and the swap made
    them visible just now: a file written long enough before that cannot be
    edited since in the same clock tick, so only the last ones written are racy."""
    manifest = Manifest(folder_identity(docs_dir / GENERATED_DIR), time.time_ns())
    for story in rendered.stories:
        manifest.stories[story.story_id] = (story.key, story.paths)
    for path, text in pages.items():
        manifest.files[path] = signature(docs_dir, path, text_hash(text))
    return manifest


@dataclass
class ChangePlan:
    """The files a run writes and deletes, and the manifests before and after."""

    writes: dict[str, str] = field(default_factory=dict)
    """Path relative to ``docs/`` -> text."""
    deletions: list[str] = field(default_factory=list)
    """Paths relative to ``docs/`` to delete."""
    interim: Manifest = field(default_factory=Manifest)
    """The manifest while the change is under way: changing files unknown, going files still listed."""
    final: Manifest = field(default_factory=Manifest)
    """The manifest once the change is done (signatures of written files still to read)."""
    settled: int = 0
    """Racy files found unchanged by their hash: recording the manifest again spares the next run that."""


def plan_changes(previous: Manifest, rendered: RenderedSite, docs_dir: Path) -> ChangePlan:
    """What must change in the generated folder to hold ``rendered``, given the manifest it has."""
    plan = ChangePlan()
    plan.final.checked_ns = plan.interim.checked_ns = time.time_ns()
    plan.final.folder = plan.interim.folder = previous.folder  # changed in place: the same folder
    check = _Checker(previous, docs_dir)
    for story in rendered.stories:
        key, paths = previous.stories.get(story.story_id, (None, ()))
        if story.key is not None and key == story.key and paths == story.paths and all(map(check, paths)):
            plan.final.stories[story.story_id] = (key, paths)
            plan.final.files.update((path, previous.files[path]) for path in paths)
            continue
        pages = story.load()
        plan.writes.update(pages)
        plan.final.stories[story.story_id] = (story.key, story.paths)
        plan.final.files.update((path, None) for path in pages)
    for path, text in rendered.site_pages.items():
        recorded = previous.files.get(path)
        if recorded is not None and recorded[0] == text_hash(text) and check(path):
            plan.final.files[path] = recorded
            continue
        plan.writes[path] = text
        plan.final.files[path] = None
    plan.deletions = sorted(set(previous.files) - set(plan.final.files))
    plan.interim.stories = {story: entry for story, entry in plan.final.stories.items()
                            if all(plan.final.files[path] is not None for path in entry[1])}
    plan.interim.files = {**{path: None for path in plan.deletions}, **plan.final.files}
    plan.settled = check.hashed
    return plan


class _Checker:
    """Whether a file is as a manifest recorded it: by its times, or by its hash when they cannot tell."""

    def __init__(self, manifest: Manifest, docs_dir: Path) -> None:
        self._manifest = manifest
        self._docs_dir = docs_dir
        self._racy_after = manifest.checked_ns - SETTLED_NS
        self.hashed = 0
        """Racy files checked by their hash."""

    def __call__(self, path: str) -> bool:
        recorded = self._manifest.files.get(path)
        if recorded is None or signature(self._docs_dir, path, recorded[0]) != recorded:
            return False
        if recorded[4] < self._racy_after:
            return True
        self.hashed += 1
        try:
            with open(f"{self._docs_dir}/{path}", "rb") as stream:
                return hashlib.sha256(stream.read()).hexdigest() == recorded[0]
        except OSError:
            return False


def update_pages(docs_dir: Path, rendered: RenderedSite, manifest_file: Path | None) -> Update:
    """Make ``docs_dir/stories`` hold exactly the rendered site, writing only
    the files that changed since the run that left the manifest ``manifest_file``.

    Without a usable manifest (or with ``manifest_file`` None: no cache), the
    folder is replaced whole, atomically.  Raises :class:`~generator.site.write.WriteError`."""
    stories_dir = docs_dir / GENERATED_DIR
    check_replaceable(stories_dir)
    previous = None
    if stories_dir.is_dir() and manifest_file is not None:
        recover_interrupted(docs_dir)
        previous = read_manifest(manifest_file)
        if previous is not None and previous.folder != folder_identity(stories_dir):
            previous = None  # replaced since by a run that did not keep this manifest
    if previous is None:
        return replace_pages(docs_dir, rendered, manifest_file)
    plan = plan_changes(previous, rendered, docs_dir)
    final = plan.final
    if plan.writes or plan.deletions:
        record_manifest(manifest_file, lambda: plan.interim)
        apply_changes(docs_dir, plan.writes, plan.deletions)
        for path, text in plan.writes.items():
            final.files[path] = signature(docs_dir, path, text_hash(text))
    if plan.writes or plan.deletions or plan.settled:
        record_manifest(manifest_file, lambda: final)
    return Update(len(plan.writes), len(plan.deletions), False)


def replace_pages(docs_dir: Path, rendered: RenderedSite, manifest_file: Path | None) -> Update:
    """Replace ``docs_dir/stories`` whole with the rendered site (atomically), and record it."""
    pages = rendered.all_pages()
    if manifest_file is not None:
        forget_manifest(manifest_file)
    write_generated(pages, docs_dir)
    if manifest_file is not None:
        record_manifest(manifest_file, lambda: manifest_of(pages, rendered, docs_dir))
    return Update(len(pages), 0, True)


def forget_manifest(manifest_file: Path) -> None:
    """Remove a manifest before its folder is replaced, so a run that fails half-way leaves none."""
    with contextlib.suppress(OSError):
        manifest_file.unlink(missing_ok=True)


def record_manifest(manifest_file: Path, manifest: Callable[[], Manifest]) -> None:
    """Write a manifest; when that fails, remove the old one, since without a
    manifest the next run writes every file again: slower, never wrong."""
    try:
        write_manifest(manifest_file, manifest())
    except OSError:
        forget_manifest(manifest_file)
