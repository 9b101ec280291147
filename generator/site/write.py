"""Write stage: replace the generated subtree of ``docs/`` atomically.

The new pages are written into a temporary folder next to ``docs/stories``
and swapped in with two renames, so a crash while writing leaves the previous
pages as they were.  Nothing in ``docs/`` outside the generated subtree is
touched, apart from that short-lived temporary folder (its name starts with a
dot, so MkDocs ignores it even if a crash leaves it behind).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from .render.paths import GENERATED_DIR

MARKER_NAME = ".generated"
"""File in the generated folder that says the generator owns it."""

MARKER_TEXT = (
    "This folder is written by the Verbatim generator and replaced on every run.\n"
    "Do not edit the pages here: edit the seed files they come from.\n"
)

_SWAP_PREFIX = f".{GENERATED_DIR}-swap-"


TEMPORARY_PREFIX = ".tmp-"
"""Name prefix of the temporary file :func:`write_atomically` renames into place
(a folder's owner may remove such files left behind by a killed process)."""

SETTLED_NS = 2_000_000_000
"""How long before its bytes were read a file must have last changed for its
listing to be trusted: more than the coarsest file-system clock (2 s on FAT)."""


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temporary file and a rename, making its folder if
    need be: a reader sees the old bytes or the new, never half of them.  Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY_PREFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class WriteError(Exception):
    """The pages could not be written safely; nothing was changed."""


def write_generated(pages: Mapping[str, str], docs_dir: Path) -> None:
    """Atomically replace docs_dir/stories with exactly these pages.

    Raises :class:`WriteError` for a path that is absolute, contains ``..``
    or lies outside the generated subtree, and when ``docs_dir/stories``
    exists without the generator's marker (a hand-written folder).
    """
    relative_paths = {checked_relative_path(path): text for path, text in pages.items()}
    target = docs_dir / GENERATED_DIR
    check_replaceable(target)
    try:
        docs_dir.mkdir(parents=True, exist_ok=True)
        swap = Path(tempfile.mkdtemp(prefix=_SWAP_PREFIX, dir=docs_dir))
    except OSError as error:
        raise WriteError(f"{docs_dir}: cannot create a temporary folder: {error}") from error
    try:
        staged = swap / "new"
        _write_tree(staged, relative_paths)
        replace_folder(staged, target, swap / "old")
    finally:
        shutil.rmtree(swap, ignore_errors=True)


def checked_relative_path(path: str) -> PurePosixPath:
    """The path below the generated folder, after refusing anything unsafe."""
    if "\\" in path or "\x00" in path:
        raise WriteError(f"{path!r}: page paths use forward slashes and no control characters")
    posix = PurePosixPath(path)
    if posix.is_absolute():
        raise WriteError(f"{path!r}: page paths must be relative to docs/")
    parts = path.split("/")
    if ".." in parts:
        raise WriteError(f"{path!r}: page paths must not contain '..'")
    if len(parts) < 2 or parts[0] != GENERATED_DIR:
        raise WriteError(f"{path!r}: page paths must lie under {GENERATED_DIR}/")
    inner = parts[1:]
    if any(part in ("", ".") or part.startswith(".") for part in inner):
        raise WriteError(f"{path!r}: page paths must not have empty or hidden parts")
    return PurePosixPath(*inner)


def check_replaceable(target: Path) -> None:
    """Raise :class:`WriteError` unless ``target`` is absent or a folder the generator wrote."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise WriteError(f"{target}: exists and is not a folder; refusing to replace it")
    if target.is_dir() and not (target / MARKER_NAME).is_file():
        raise WriteError(
            f"{target}: exists but was not written by the generator (no {MARKER_NAME} marker); "
            "move the hand-written pages elsewhere"
        )


def _write_tree(root: Path, pages: Mapping[PurePosixPath, str]) -> None:
    try:
        root.mkdir()
        (root / MARKER_NAME).write_text(MARKER_TEXT, encoding="utf-8", newline="\n")
        for relative in sorted(pages):
            destination = root.joinpath(*relative.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(pages[relative], encoding="utf-8", newline="\n")
    except (OSError, UnicodeError) as error:
        raise WriteError(f"cannot write the generated pages: {error}") from error


def replace_folder(staged: Path, target: Path, parked: Path) -> None:
    """Put the folder ``staged`` where ``target`` is, with two renames.

    The previous ``target``, if any, is moved to ``parked`` (which must be on
    the same file system and not exist); if the second rename fails, it is
    moved back.  Raises :class:`WriteError`."""
    had_previous = target.exists()
    try:
        if had_previous:
            target.rename(parked)
        staged.rename(target)
    except OSError as error:
        if had_previous and parked.exists() and not target.exists():
            parked.rename(target)
        raise WriteError(f"{target}: cannot swap in the new pages: {error}") from error
