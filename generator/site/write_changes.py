"""Apply a change set to the generated pages in ``docs/stories``, in place.

:func:`~generator.site.write.write_generated` rewrites and swaps the whole folder;
this module changes only the files that changed, at a cost proportional to
their number (nothing walks, stats, copies or links the rest of the tree).

What is promised, and how:

* Everything is prepared in a hidden stage folder next to the pages
  (``docs/.stories-update-XXXXXX``, on the same file system; MkDocs ignores
  dot folders): the owner's pid, every new file, a hard link to every file
  that will be replaced or deleted, and last of all a journal.  Until the
  journal exists nothing visible has changed, so a kill then leaves the
  previous pages exactly as they were.
* The commit renames the new files over their targets, deletes the deleted
  pages and removes the folders that deletions left empty: a few renames,
  milliseconds.  A process killed during the commit leaves a mix of old and
  new pages; the next call of :func:`apply_changes` or
  :func:`recover_interrupted` rolls that mix back from the stage before it
  does anything else.
* An error during the commit rolls back at once and raises
  :class:`~generator.site.write.WriteError`.

The protection is against a killed or failing process, not a power cut:
like ``write.py``, nothing is fsynced.  Two processes changing the same
pages at the same time are not serialised here: ``build`` holds the output
folder's lock (:mod:`generator.site.lock`) while it writes.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .render.paths import GENERATED_DIR
from .write import (
    WriteError,
    check_replaceable,
    checked_relative_path,
    write_generated,
)

STAGE_PREFIX = f".{GENERATED_DIR}-update-"
"""Start of the name of a stage folder, inside ``docs/``; the full name is
``<prefix><pid>-<random>``."""

OWNER_NAME = "owner.json"
"""File in a stage naming the process that made it: ``{"pid": N}``."""

JOURNAL_NAME = "journal.json"
"""File in a stage whose presence means "commit under way, roll back if the owner died"."""

NEW_DIR = "new"
"""Folder in a stage holding the new files, at their paths below ``docs/stories``."""

OLD_DIR = "old"
"""Folder in a stage holding links to the files about to be replaced or deleted."""

JOURNAL_FORMAT = 1
"""Version of the journal's layout; a journal of another version is not trusted."""

_TOP = PurePosixPath(".")


@dataclass(frozen=True)
class ChangeSet:
    """A checked change to the generated folder."""

    writes: Mapping[PurePosixPath, str]
    """New text of each page to write, by path below ``docs/stories``, sorted."""

    deletions: tuple[PurePosixPath, ...]
    """Pages to delete, by path below ``docs/stories``, sorted and unique."""


@dataclass(frozen=True)
class Journal:
    """What a commit does, enough to undo it after a kill."""

    folder_id: tuple[int, int]
    """Device and inode of ``docs/stories`` when the journal was written; a folder
    swapped in since then (by a full rewrite) is not rolled back."""

    writes: tuple[PurePosixPath, ...]
    """Pages written, sorted."""

    deletions: tuple[PurePosixPath, ...]
    """Pages deleted, sorted."""

    existed: tuple[PurePosixPath, ...]
    """Written or deleted pages that existed before, sorted; the stage keeps their old files."""

    created_dirs: tuple[PurePosixPath, ...]
    """Folders the commit makes for new pages, deepest first."""


def apply_changes(docs_dir: Path, writes: Mapping[str, str], deletions: Iterable[str]) -> None:
    """Write ``writes`` (path relative to docs_dir, under 'stories/' -> text) and delete ``deletions``
    in docs_dir/stories, leaving every other file untouched (same inode, not rewritten).

    Raises :class:`WriteError`, before anything changes, for an unsafe path (as
    :func:`~generator.site.write.write_generated` does), a path both written and
    deleted, a path that is also the folder of another, a target that is a
    folder or not a regular file, a parent that is a file or a symbolic link,
    and a hand-written ``docs/stories``.  When ``docs/stories`` does not exist
    yet, it is created with the generator's marker and ``writes``.  An error
    during the commit puts the previous pages back, then raises
    :class:`WriteError`."""
    changes = checked_changes(writes, deletions)
    recover_interrupted(docs_dir)
    folder = docs_dir / GENERATED_DIR
    check_replaceable(folder)
    if not folder.exists():
        write_generated(writes, docs_dir)
        return
    if not changes.writes and not changes.deletions:
        return
    journal = _plan(folder, changes)
    stage = _make_stage(docs_dir)
    try:
        _stage_new_files(stage, changes.writes)
        _keep_old_files(stage, folder, journal.existed)
        _write_journal(stage, journal)
    except BaseException as error:
        shutil.rmtree(stage, ignore_errors=True)
        if isinstance(error, (OSError, UnicodeError)):
            raise WriteError(f"{docs_dir}: cannot prepare the changed pages: {error}") from error
        raise
    _commit_or_roll_back(stage, folder, journal)
    _remove_stage(stage)


def recover_interrupted(docs_dir: Path) -> None:
    """Roll back any update of docs_dir/stories that a killed process left half-committed, and remove
    stages of dead processes. apply_changes calls this first.

    A stage whose owner is alive is left alone, and so is one without a
    readable owner file, unless its name carries a dead pid and it holds no
    journal (a kill just after creating it, or while removing it).  Raises
    :class:`WriteError` when a dead process's commit cannot be rolled back (its
    stage is kept, so that a later call can try again) or its journal was
    damaged by hand."""
    if not docs_dir.is_dir():
        return
    for stage in sorted(docs_dir.iterdir()):
        if not stage.name.startswith(STAGE_PREFIX) or stage.is_symlink() or not stage.is_dir():
            continue
        pid = _owner_pid(stage)
        if pid is None or process_alive(pid):
            continue
        _recover_stage(stage, docs_dir / GENERATED_DIR)


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (this process counts as alive)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def checked_changes(writes: Mapping[str, str], deletions: Iterable[str]) -> ChangeSet:
    """The change set with paths below ``docs/stories``, after refusing anything unsafe
    that can be seen without looking at the disk."""
    written = {checked_relative_path(path): text for path, text in writes.items()}
    deleted = {checked_relative_path(path) for path in deletions}
    both = sorted(set(written) & deleted)
    if both:
        raise WriteError(f"{_shown(both[0])}: both written and deleted")
    every_path = set(written) | deleted
    for path in sorted(every_path):
        for parent in path.parents:
            if parent in every_path:
                raise WriteError(f"{_shown(parent)}: is a page and the folder of {_shown(path)}")
    return ChangeSet(writes=dict(sorted(written.items())), deletions=tuple(sorted(deleted)))


def _shown(relative: PurePosixPath) -> str:
    return f"{GENERATED_DIR}/{relative}"


def _under(root: Path, relative: PurePosixPath) -> Path:
    return root.joinpath(*relative.parts)


def _plan(folder: Path, changes: ChangeSet) -> Journal:
    """Check every target and its parents on disk (a few ``lstat`` per changed
    path) and say what the commit will do."""
    known_dirs: dict[PurePosixPath, bool] = {_TOP: True}
    existed: list[PurePosixPath] = []
    created: set[PurePosixPath] = set()
    for relative in sorted(set(changes.writes) | set(changes.deletions)):
        missing = _missing_parents(folder, relative, known_dirs)
        if relative in changes.writes:
            created.update(missing)
        if not missing and _is_existing_file(folder, relative):
            existed.append(relative)
    return Journal(
        folder_id=folder_identity(folder) or (0, 0),
        writes=tuple(changes.writes),
        deletions=changes.deletions,
        existed=tuple(existed),
        created_dirs=_deepest_first(created),
    )


def _missing_parents(
    folder: Path, relative: PurePosixPath, known_dirs: dict[PurePosixPath, bool]
) -> list[PurePosixPath]:
    """The parent folders of ``relative`` that do not exist, outermost first;
    :class:`WriteError` for a parent that is a file or a symbolic link.
    ``known_dirs`` caches what was seen: True for a folder, False for missing."""
    missing: list[PurePosixPath] = []
    for parent in reversed(relative.parents):
        if parent not in known_dirs:
            known_dirs[parent] = _is_folder(folder, parent)
        if not known_dirs[parent]:
            missing.append(parent)
    return missing


def _is_folder(folder: Path, relative: PurePosixPath) -> bool:
    """True for a real folder, False when missing; :class:`WriteError` otherwise."""
    path = _under(folder, relative)
    mode = _lstat_mode(path)
    if mode is None:
        return False
    if stat.S_ISLNK(mode):
        raise WriteError(f"{path}: a parent folder is a symbolic link; refusing to write through it")
    if not stat.S_ISDIR(mode):
        raise WriteError(f"{path}: a parent folder is a file")
    return True


def _is_existing_file(folder: Path, relative: PurePosixPath) -> bool:
    """True for a regular file, False when missing; :class:`WriteError` otherwise."""
    path = _under(folder, relative)
    mode = _lstat_mode(path)
    if mode is None:
        return False
    if stat.S_ISDIR(mode):
        raise WriteError(f"{path}: is a folder, not a page")
    if not stat.S_ISREG(mode):
        raise WriteError(f"{path}: is not a regular file; refusing to replace it")
    return True


def _lstat_mode(path: Path) -> int | None:
    try:
        return os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WriteError(f"{path}: cannot inspect: {error.strerror or error}") from error


def folder_identity(folder: Path) -> tuple[int, int] | None:
    """Device and inode of a folder (None when there is none): a folder swapped in has another."""
    try:
        status = os.stat(folder)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def _deepest_first(folders: Iterable[PurePosixPath]) -> tuple[PurePosixPath, ...]:
    return tuple(sorted(folders, key=lambda path: (-len(path.parts), str(path))))


def _make_stage(docs_dir: Path) -> Path:
    try:
        # The pid in the name too: it identifies the owner even before the owner file exists.
        stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=docs_dir))
    except OSError as error:
        raise WriteError(f"{docs_dir}: cannot create a stage folder: {error}") from error
    try:
        (stage / OWNER_NAME).write_text(json.dumps({"pid": os.getpid()}), encoding="utf-8")
    except BaseException as error:
        shutil.rmtree(stage, ignore_errors=True)
        if isinstance(error, OSError):
            raise WriteError(f"{stage}: cannot write the owner file: {error}") from error
        raise
    return stage


def _stage_new_files(stage: Path, writes: Mapping[PurePosixPath, str]) -> None:
    for relative, text in writes.items():
        destination = _under(stage / NEW_DIR, relative)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8", newline="\n")


def _keep_old_files(stage: Path, folder: Path, existed: Iterable[PurePosixPath]) -> None:
    """Hard-link each file about to be replaced or deleted into the stage (a
    copy where links are not supported), so a rollback can put it back."""
    for relative in existed:
        kept = _under(stage / OLD_DIR, relative)
        kept.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(_under(folder, relative), kept)
        except OSError:
            shutil.copy2(_under(folder, relative), kept)


def _write_journal(stage: Path, journal: Journal) -> None:
    document = {
        "format": JOURNAL_FORMAT,
        "folder": list(journal.folder_id),
        "writes": [str(path) for path in journal.writes],
        "deletions": [str(path) for path in journal.deletions],
        "existed": [str(path) for path in journal.existed],
        "created_dirs": [str(path) for path in journal.created_dirs],
    }
    unfinished = stage / f"{JOURNAL_NAME}.tmp"
    unfinished.write_text(json.dumps(document, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(unfinished, stage / JOURNAL_NAME)


def _read_journal(stage: Path) -> Journal | None:
    """The stage's journal, or None when it has none; :class:`WriteError` when it
    cannot be trusted (it is written atomically, so only an outside hand breaks it)."""
    path = stage / JOURNAL_NAME
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise WriteError(f"{path}: unreadable journal ({error}); inspect and remove {stage} by hand") from error
    try:
        if document["format"] != JOURNAL_FORMAT:
            raise ValueError(f"format {document['format']!r}")
        device, inode = (int(number) for number in document["folder"])
        return Journal(
            folder_id=(device, inode),
            writes=_journal_paths(document["writes"]),
            deletions=_journal_paths(document["deletions"]),
            existed=_journal_paths(document["existed"]),
            created_dirs=_deepest_first(_journal_paths(document["created_dirs"])),
        )
    except (KeyError, TypeError, ValueError, WriteError) as error:
        raise WriteError(f"{path}: invalid journal ({error}); inspect and remove {stage} by hand") from error


def _journal_paths(items: object) -> tuple[PurePosixPath, ...]:
    """Paths read back from a journal, checked again like any page path."""
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise ValueError("expected a list of paths")
    return tuple(sorted(checked_relative_path(f"{GENERATED_DIR}/{item}") for item in items))


def _owner_pid(stage: Path) -> int | None:
    """The pid in the stage's owner file; failing that, the one in its name, but
    only while the stage holds no journal (a kill between creating the stage and
    writing the owner file, or while removing it, leaves nothing to roll back).
    None for a folder that is not recognisably ours: it is left alone."""
    try:
        owner = json.loads((stage / OWNER_NAME).read_text(encoding="utf-8"))
        pid = int(owner["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        pid = None if os.path.lexists(stage / JOURNAL_NAME) else _pid_in_name(stage.name)
    return pid if pid is not None and pid > 0 else None


def _pid_in_name(name: str) -> int | None:
    pid, separator, _ = name.removeprefix(STAGE_PREFIX).partition("-")
    return int(pid) if separator and pid.isascii() and pid.isdigit() else None


def _commit_or_roll_back(stage: Path, folder: Path, journal: Journal) -> None:
    try:
        _commit(stage, folder, journal)
    except BaseException as error:
        _roll_back(stage, folder, journal)
        _remove_stage(stage)
        if isinstance(error, WriteError):
            raise WriteError(f"{error}; the previous pages were put back") from error
        raise


def _commit(stage: Path, folder: Path, journal: Journal) -> None:
    """The only step that changes what a reader sees; :class:`WriteError` on the first failure."""
    for relative in journal.writes:
        target = _under(folder, relative)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(_under(stage / NEW_DIR, relative), target)
        except OSError as error:
            raise _failure(target, "write", error) from error
    for relative in journal.deletions:
        target = _under(folder, relative)
        try:
            target.unlink(missing_ok=True)
        except OSError as error:
            raise _failure(target, "delete", error) from error
    for relative in _emptied_dirs(journal):
        target = _under(folder, relative)
        try:
            _remove_if_empty(target)
        except OSError as error:
            raise _failure(target, "remove the emptied folder", error) from error


def _failure(path: Path, action: str, error: OSError) -> WriteError:
    return WriteError(f"{path}: cannot {action}: {error.strerror or error}")


def _emptied_dirs(journal: Journal) -> tuple[PurePosixPath, ...]:
    """Folders that deleting existing pages may leave empty, deepest first
    (never the generated folder itself).  Only parents of pages that existed:
    a folder that was empty already is not this change's to remove, and every
    folder removed here comes back when its deleted page is put back."""
    existed = set(journal.existed)
    parents = {
        parent
        for relative in journal.deletions
        if relative in existed
        for parent in relative.parents
        if parent != _TOP
    }
    return _deepest_first(parents)


def _remove_if_empty(path: Path) -> None:
    try:
        os.rmdir(path)
    except FileNotFoundError:
        pass
    except OSError as error:
        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise


def _roll_back(stage: Path, folder: Path, journal: Journal) -> None:
    """Put every page the commit may have touched back as it was.  Safe to
    repeat: a kept file already put back is no longer in the stage."""
    existed = set(journal.existed)
    try:
        for relative in journal.existed:
            kept = _under(stage / OLD_DIR, relative)
            if os.path.lexists(kept):
                target = _under(folder, relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(kept, target)
        for relative in journal.writes:
            if relative not in existed:
                _under(folder, relative).unlink(missing_ok=True)
        for relative in journal.created_dirs:
            _remove_if_empty(_under(folder, relative))
    except OSError as error:
        raise WriteError(
            f"{folder}: cannot put the previous pages back: {error}; "
            f"{stage} is kept so that the next run can finish the rollback"
        ) from error


def _recover_stage(stage: Path, folder: Path) -> None:
    journal = _read_journal(stage)
    # A folder swapped in as a whole since the journal was written owes nothing to this stage.
    if journal is not None and journal.folder_id == folder_identity(folder):
        _roll_back(stage, folder, journal)
    _remove_stage(stage)


def _remove_stage(stage: Path) -> None:
    """Remove the journal first: once it is gone a kill can no longer trigger a
    rollback from a half-removed stage."""
    try:
        (stage / JOURNAL_NAME).unlink(missing_ok=True)
    except OSError as error:
        # Removing the kept files while the journal stays would make a later rollback partial.
        raise WriteError(
            f"{stage}: cannot remove the journal: {error.strerror or error}; "
            "the stage is kept and the next run will roll its change back"
        ) from error
    shutil.rmtree(stage, ignore_errors=True)
