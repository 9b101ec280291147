"""Story folder keys remembered by stat listing (generator.runtime.key_memo): a remembered
key is used only when it is certainly the key :func:`generator.runtime.cache.folder_key`
would compute, and any edit, however sly, makes the folder read again."""

from __future__ import annotations

import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from benchmarks import synth
from generator.runtime import key_memo
from generator.runtime.cache import StoryCache, folder_key
from generator.runtime.key_memo import MEMO_NAME, KeyMemo
from generator.runtime.pages import render_seeds
from generator.runtime.parallel import RunOptions, run_folder
from generator.site.render import render_site

FINGERPRINT = "fingerprint-of-the-code"
FOLDERS = ("ferry", "harbour")
TICK = 0.05
"""Seconds to wait so that a file's change time, kept at the file system's clock tick, moves."""


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A seeds folder of two story folders, written just now."""
    root = tmp_path / "seeds"
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True)
        for name, month in (("a.txt", "June"), ("b.txt", "July")):
            (root / folder / name).write_text(f'"The {folder} opens in {month}," said Mara Quill.\n',
                                              encoding="utf-8")
    return root


@pytest.fixture
def trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Listings trusted at once (as if every file had last changed long before it was read)."""
    monkeypatch.setattr(key_memo, "SETTLED_NS", -(10**18))


def _memo(seeds: Path, fingerprint: str = FINGERPRINT, cache_dir: Path | None = None) -> KeyMemo:
    return KeyMemo(StoryCache(cache_dir or seeds.parent / "cache", seeds), seeds, fingerprint)


def _keyed(seeds: Path, fingerprint: str = FINGERPRINT) -> tuple[dict[str, str], int]:
    """Every folder's key through a new memo (then saved), and how many folders it read."""
    memo = _memo(seeds, fingerprint)
    keys = {folder: memo.folder_key(folder) for folder in FOLDERS}
    memo.save()
    return keys, memo.read


def _true_keys(seeds: Path, fingerprint: str = FINGERPRINT) -> dict[str, str]:
    return {folder: folder_key(seeds, folder, fingerprint) for folder in FOLDERS}


def _same_size_edit(path: Path, keep_mtime: bool = True) -> None:
    """Change one letter, in place (same inode and size), and put the modification time back."""
    status = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"opens", b"shuts", 1))
    assert path.stat().st_size == status.st_size and path.stat().st_ino == status.st_ino
    if keep_mtime:
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def test_the_memo_gives_the_folder_key(seeds: Path) -> None:
    keys, read = _keyed(seeds)
    assert keys == _true_keys(seeds) and read == len(FOLDERS)
    # Files written a moment ago are not settled: read again, same keys.
    keys, read = _keyed(seeds)
    assert keys == _true_keys(seeds) and read == len(FOLDERS)


@pytest.mark.parametrize("mtime", ["kept", "moved"])
def test_a_folder_edited_right_after_being_keyed_gets_a_new_key(seeds: Path, mtime: str) -> None:
    old, _ = _keyed(seeds)
    _same_size_edit(seeds / "ferry" / "a.txt", keep_mtime=mtime == "kept")
    keys, read = _keyed(seeds)
    assert keys == _true_keys(seeds) and keys["ferry"] != old["ferry"]
    assert read == len(FOLDERS)


def test_old_modification_times_do_not_make_new_files_settled(seeds: Path) -> None:
    """Modification times can be set back (cp -p, tar, rsync -t); change times cannot."""
    an_hour_ago = time.time_ns() - 3600 * 10**9
    for path in seeds.rglob("*.txt"):
        os.utime(path, ns=(an_hour_ago, an_hour_ago))
    old, _ = _keyed(seeds)
    _same_size_edit(seeds / "ferry" / "a.txt")
    keys, read = _keyed(seeds)
    assert keys == _true_keys(seeds) and keys["ferry"] != old["ferry"]
    assert read == len(FOLDERS)


@pytest.mark.usefixtures("trusted")
def test_a_trusted_unchanged_folder_is_not_read(seeds: Path) -> None:
    first, read = _keyed(seeds)
    assert read == len(FOLDERS)
    again, read = _keyed(seeds)
    assert again == first == _true_keys(seeds)
    assert read == 0


def _grow(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"More words.\n")


def _same_size_same_mtime(path: Path) -> None:
    before = path.stat().st_ctime_ns
    time.sleep(TICK)
    _same_size_edit(path)
    assert path.stat().st_ctime_ns != before, "the change time did not move: the test proves nothing"


def _renamed_over(path: Path) -> None:
    """Another file of the same name, size and modification time put in its place."""
    status = path.stat()
    other = path.with_name(".new")
    other.write_bytes(path.read_bytes().replace(b"opens", b"shuts", 1))
    os.utime(other, ns=(status.st_atime_ns, status.st_mtime_ns))
    os.replace(other, path)


def _swap_names(path: Path) -> None:
    """Two files of the same size swap names (each keeps its inode and times)."""
    sibling = path.with_name("b.txt")
    temporary = path.with_name("swap.tmp")
    time.sleep(TICK)
    path.rename(temporary)
    sibling.rename(path)
    temporary.rename(sibling)


def _added(path: Path) -> None:
    shutil.copyfile(path, path.with_name("c.txt"))


def _removed(path: Path) -> None:
    path.unlink()


def _config_added(path: Path) -> None:
    path.with_name("story.yml").write_text("title: A new title\n", encoding="utf-8")


def _recreated(path: Path) -> None:
    """The folder deleted and made again with the same names, bytes and modification times."""
    folder = path.parent
    saved = {entry.name: (entry.read_bytes(), entry.stat().st_mtime_ns) for entry in folder.iterdir()}
    shutil.rmtree(folder)
    time.sleep(TICK)  # freed inode numbers may be given again: the change times still differ
    folder.mkdir()
    for name, (data, mtime) in saved.items():
        (folder / name).write_bytes(data.replace(b"opens", b"shuts", 1) if name == path.name else data)
        os.utime(folder / name, ns=(mtime, mtime))


EDITS = {
    "grown": _grow,
    "same size and mtime, in place": _same_size_same_mtime,
    "replaced by a file of the same size and mtime": _renamed_over,
    "two files swap names": _swap_names,
    "a file added": _added,
    "a file removed": _removed,
    "a story.yml added": _config_added,
    "folder made again": _recreated,
}


@pytest.mark.usefixtures("trusted")
@pytest.mark.parametrize("edit", list(EDITS))
def test_a_trusted_folder_is_read_again_after_any_edit(seeds: Path, edit: str) -> None:
    old, _ = _keyed(seeds)
    EDITS[edit](seeds / "ferry" / "a.txt")
    keys, read = _keyed(seeds)
    assert keys == _true_keys(seeds)
    assert keys["ferry"] != old["ferry"] and keys["harbour"] == old["harbour"]
    assert read == 1


@pytest.mark.usefixtures("trusted")
def test_a_folder_holding_a_link_is_always_read(seeds: Path) -> None:
    (seeds / "ferry" / "c.txt").symlink_to(seeds / "harbour" / "a.txt")
    old, read = _keyed(seeds)
    assert read == len(FOLDERS)
    _, read = _keyed(seeds)
    assert read == 1, "the folder with the link is read again, the other trusted"
    # Where the link leads changes; the folder holding the link does not.
    _grow(seeds / "harbour" / "a.txt")
    keys, read = _keyed(seeds)
    assert keys == _true_keys(seeds) and keys["ferry"] != old["ferry"]


@pytest.mark.usefixtures("trusted")
def test_a_file_edited_through_a_hard_link_elsewhere_is_seen(seeds: Path) -> None:
    os.link(seeds / "harbour" / "a.txt", seeds / "ferry" / "c.txt")
    old, _ = _keyed(seeds)
    _same_size_same_mtime(seeds / "harbour" / "a.txt")
    keys, read = _keyed(seeds)
    assert keys == _true_keys(seeds) and keys["ferry"] != old["ferry"] and keys["harbour"] != old["harbour"]
    assert read == len(FOLDERS)


GARBLED = {
    "garbage": lambda data: bytes(range(256)),
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "another object": lambda data: pickle.dumps("not a memo"),
    "entries not a dict": lambda data: pickle.dumps((pickle.loads(data)[0], ["not", "a", "dict"])),
}


@pytest.mark.usefixtures("trusted")
@pytest.mark.parametrize("garbled", list(GARBLED))
def test_a_garbled_memo_is_ignored(seeds: Path, garbled: str) -> None:
    _keyed(seeds)
    memo_file = StoryCache(seeds.parent / "cache", seeds).directory / MEMO_NAME
    assert memo_file.is_file()
    memo_file.write_bytes(GARBLED[garbled](memo_file.read_bytes()))
    keys, read = _keyed(seeds)
    assert keys == _true_keys(seeds) and read == len(FOLDERS)
    _, read = _keyed(seeds)
    assert read == 0, "the memo was written again"


@pytest.mark.usefixtures("trusted")
def test_the_memo_of_another_code_fingerprint_is_ignored(seeds: Path) -> None:
    _keyed(seeds)
    keys, read = _keyed(seeds, "another fingerprint")
    assert keys == _true_keys(seeds, "another fingerprint") and read == len(FOLDERS)


@pytest.mark.usefixtures("trusted")
def test_the_memo_of_another_seeds_name_is_ignored(seeds: Path) -> None:
    cache = StoryCache(seeds.parent / "cache", seeds)
    memo = KeyMemo(cache, seeds, FINGERPRINT)
    old = {folder: memo.folder_key(folder) for folder in FOLDERS}
    memo.save()
    # The folder renamed: every story folder's listing is the same, the name starts every path in the pages.
    renamed = seeds.rename(seeds.with_name("corpus"))
    memo = KeyMemo(cache, renamed, FINGERPRINT)
    keys = {folder: memo.folder_key(folder) for folder in FOLDERS}
    assert keys == {folder: folder_key(renamed, folder, FINGERPRINT) for folder in FOLDERS}
    assert keys != old and memo.read == len(FOLDERS)


@pytest.mark.usefixtures("trusted")
def test_only_the_folders_keyed_in_a_run_are_remembered(seeds: Path) -> None:
    memo = _memo(seeds)
    memo.folder_key("ferry")
    memo.save()
    keys, read = _keyed(seeds)
    assert keys == _true_keys(seeds) and read == 1


def test_with_trusted_listings_a_cached_run_reads_only_the_edited_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: render_seeds with a warm cache and trusted listings keys the
    unchanged folders unread, and still renders what the plain pipeline does."""
    monkeypatch.setattr(key_memo, "SETTLED_NS", 0)
    seeds = synth.write_corpus(tmp_path, stories=4, versions=3, seed=5)
    cache_dir = tmp_path / "cache"
    run = RunOptions(jobs=1, cache_dir=cache_dir)
    render_seeds(seeds, run)
    read: list[str] = []
    real = key_memo.folder_key

    def counting(seeds_dir: Path, folder: str, fingerprint: str | None = None) -> str:
        read.append(folder)
        return real(seeds_dir, folder, fingerprint)

    monkeypatch.setattr(key_memo, "folder_key", counting)
    assert render_seeds(seeds, run).all_pages() == render_site(run_folder(seeds))
    assert read == []
    edited = sorted(path.name for path in seeds.iterdir())[2]
    time.sleep(TICK)
    original = seeds / edited / "original.txt"
    original.write_text(original.read_text(encoding="utf-8").replace("said", "stated", 1), encoding="utf-8")
    assert render_seeds(seeds, run).all_pages() == render_site(run_folder(seeds))
    assert read == [edited]
