"""Archived copies: replay addresses taken apart, and the Wayback Machine's toolbar taken out."""

from __future__ import annotations

import pytest
from local_web import FIXTURES

from generator.inputs.archive import ArchivedCopy, archived_copy, without_archive_toolbar

ORIGINAL = "https://gullrock-gazette.example/news/ferry-fares-rise"


@pytest.mark.parametrize("address, expected", [
    (f"https://web.archive.org/web/20250306101500/{ORIGINAL}",
     ArchivedCopy(ORIGINAL, f"https://web.archive.org/web/20250306101500/{ORIGINAL}",
                  f"https://web.archive.org/web/20250306101500id_/{ORIGINAL}", "2025-03-06")),
    # A modifier is dropped from the address readers are given, and id_ asked for.
    (f"https://web.archive.org/web/20250306101500if_/{ORIGINAL}",
     ArchivedCopy(ORIGINAL, f"https://web.archive.org/web/20250306101500/{ORIGINAL}",
                  f"https://web.archive.org/web/20250306101500id_/{ORIGINAL}", "2025-03-06")),
    # A year alone: the archive picks the capture; no day is known yet.
    (f"https://web.archive.org/web/2025/{ORIGINAL}",
     ArchivedCopy(ORIGINAL, f"https://web.archive.org/web/2025/{ORIGINAL}",
                  f"https://web.archive.org/web/2025id_/{ORIGINAL}", None)),
    # The original's own query string stays with it; a folded '//' is restored.
    ("https://web.archive.org/web/20250306101500/https:/gullrock-gazette.example/story?id=7&page=2",
     ArchivedCopy("https://gullrock-gazette.example/story?id=7&page=2",
                  "https://web.archive.org/web/20250306101500/https://gullrock-gazette.example/story?id=7&page=2",
                  "https://web.archive.org/web/20250306101500id_/https://gullrock-gazette.example/story?id=7&page=2",
                  "2025-03-06")),
    # No scheme on the original, as the archive accepts it.
    ("https://web.archive.org/web/20250306101500/gullrock-gazette.example/news",
     ArchivedCopy("http://gullrock-gazette.example/news",
                  "https://web.archive.org/web/20250306101500/http://gullrock-gazette.example/news",
                  "https://web.archive.org/web/20250306101500id_/http://gullrock-gazette.example/news",
                  "2025-03-06")),
    # Another archive on the same replay software.
    ("https://archive.example.org/wayback/archive/20240101120000/https://tarrow-weekly.example/bridge",
     ArchivedCopy("https://tarrow-weekly.example/bridge",
                  "https://archive.example.org/wayback/archive/20240101120000/https://tarrow-weekly.example/bridge",
                  "https://archive.example.org/wayback/archive/20240101120000id_/https://tarrow-weekly.example/bridge",
                  "2024-01-01")),
])
def test_an_archived_copy_is_taken_apart(address: str, expected: ArchivedCopy) -> None:
    assert archived_copy(address) == expected


@pytest.mark.parametrize("address", [
    ORIGINAL,
    "https://gullrock-gazette.example/2025/03/04/ferry-fares",  # dates in an address are not a capture
    "https://gullrock-gazette.example/20250304/ferry-fares",
    "https://web.archive.org/web/",
    "https://web.archive.org/20250306101500/https://x.example/",  # no collection before the stamp
])
def test_other_addresses_are_not_archived_copies(address: str) -> None:
    assert archived_copy(address) is None


def test_a_day_that_does_not_exist_is_not_given() -> None:
    copy = archived_copy(f"https://web.archive.org/web/20251341000000/{ORIGINAL}")
    assert copy is not None and copy.captured is None


def test_the_toolbar_is_taken_out_and_the_page_kept() -> None:
    page = (FIXTURES / "gazette-wayback.html").read_text(encoding="utf-8")
    stripped = without_archive_toolbar(page)
    assert "WAYBACK TOOLBAR" not in stripped and "About this capture" not in stripped
    assert "Ferry fares between Gullrock" in stripped
    assert len(page) - len(stripped) < 3000
