"""write_generated: exact replacement, atomicity, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.write import MARKER_NAME, WriteError, write_generated


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones included) with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A docs folder with hand-written pages and a previous generated run."""
    docs_dir = tmp_path / "docs"
    (docs_dir / "stylesheets").mkdir(parents=True)
    (docs_dir / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs_dir / "stylesheets" / "verbatim.css").write_text("p {}\n", encoding="utf-8")
    write_generated({"stories/index.md": "old\n", "stories/old-story/index.md": "gone soon\n"}, docs_dir)
    return docs_dir


def test_replaces_the_generated_folder_with_exactly_the_new_pages(docs: Path) -> None:
    write_generated({"stories/index.md": "new\n", "stories/a/quotes/q.md": "card\n"}, docs)
    assert snapshot(docs / "stories") == {
        MARKER_NAME: (docs / "stories" / MARKER_NAME).read_bytes(),
        "index.md": b"new\n",
        "a/quotes/q.md": b"card\n",
    }


def test_leaves_everything_outside_the_generated_folder_alone(docs: Path) -> None:
    before = {path: data for path, data in snapshot(docs).items() if not path.startswith("stories/")}
    write_generated({"stories/index.md": "new\n"}, docs)
    after = {path: data for path, data in snapshot(docs).items() if not path.startswith("stories/")}
    assert after == before
    assert sorted(path.name for path in docs.iterdir()) == ["index.md", "stories", "stylesheets"]


def test_writes_utf8_with_unix_newlines(tmp_path: Path) -> None:
    write_generated({"stories/index.md": "“quoted”\nline\n"}, tmp_path / "docs")
    assert (tmp_path / "docs" / "stories" / "index.md").read_bytes() == "“quoted”\nline\n".encode()


def test_a_failure_mid_write_keeps_the_previous_pages(docs: Path) -> None:
    before = snapshot(docs)
    # A lone surrogate cannot be encoded: the write fails after the first page.
    pages = {"stories/a.md": "fine\n", "stories/b.md": "broken \ud800\n", "stories/c.md": "never\n"}
    with pytest.raises(WriteError):
        write_generated(pages, docs)
    assert snapshot(docs) == before
    assert sorted(path.name for path in docs.iterdir()) == ["index.md", "stories", "stylesheets"]


@pytest.mark.parametrize(
    "path",
    [
        "/etc/passwd",
        "/stories/index.md",
        "stories/../index.md",
        "stories/a/../../index.md",
        "../stories/index.md",
        "index.md",
        "methodology.md",
        "docs/stories/index.md",
        "other/stories/index.md",
        "stories",
        "stories/",
        "stories//index.md",
        "stories/./index.md",
        f"stories/{MARKER_NAME}",
        "stories/.hidden/index.md",
        "stories\\..\\index.md",
        "stories/a\x00.md",
    ],
)
def test_refuses_paths_outside_the_generated_folder(docs: Path, path: str) -> None:
    before = snapshot(docs)
    with pytest.raises(WriteError):
        write_generated({"stories/index.md": "ok\n", path: "bad\n"}, docs)
    assert snapshot(docs) == before


def test_refuses_a_hand_written_stories_folder(tmp_path: Path) -> None:
    docs_dir = tmp_path / "docs"
    (docs_dir / "stories").mkdir(parents=True)
    (docs_dir / "stories" / "my-notes.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(WriteError, match="not written by the generator"):
        write_generated({"stories/index.md": "new\n"}, docs_dir)
    assert snapshot(docs_dir) == {"stories/my-notes.md": b"mine\n"}


def test_refuses_a_stories_file_or_symlink(tmp_path: Path) -> None:
    docs_dir = tmp_path / "docs"
    docs_dir.mkdir()
    (docs_dir / "stories").write_text("a file\n", encoding="utf-8")
    with pytest.raises(WriteError):
        write_generated({"stories/index.md": "new\n"}, docs_dir)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / MARKER_NAME).write_text("", encoding="utf-8")
    (docs_dir / "stories").unlink()
    (docs_dir / "stories").symlink_to(elsewhere)
    with pytest.raises(WriteError):
        write_generated({"stories/index.md": "new\n"}, docs_dir)
    assert list(elsewhere.iterdir()) == [elsewhere / MARKER_NAME]


def test_creates_the_docs_folder_when_missing(tmp_path: Path) -> None:
    write_generated({"stories/index.md": "new\n"}, tmp_path / "docs")
    assert (tmp_path / "docs" / "stories" / MARKER_NAME).is_file()
