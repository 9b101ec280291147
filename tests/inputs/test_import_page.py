"""`python -m generator import`: web pages, archived copies and saved pages into a story folder,
from a real HTTP server on 127.0.0.1.  Re-importing is a no-op, a changed page becomes a revision,
no file is ever replaced, and every failure is one line that leaves the seeds folder as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_web import FIXTURES, LocalWeb

from generator.cli import cli
from generator.inputs.fetch import FetchLimits
from generator.inputs.import_page import import_sources
from generator.inputs.load import load_seeds, split_front_matter
from generator.inputs.version_file import AlreadyThere, write_new_file
from generator.model import VersionMeta

STORY = "gullrock-ferry-fares"
GAZETTE_ID = "gullrock-gazette-ferry-fares-rise-third-harbour"
COURIER_ID = "northwind-courier-gullrock-ferry-passengers-face-33"
DIGEST_ID = "island-digest-ferry-fares-rise-third"
ORIGINAL = "https://gullrock-gazette.example/news/ferry-fares-rise"
STAMP = "20250306101500"
TODAY = dt.date.today().isoformat()


def _fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _sha256(name: str) -> str:
    return hashlib.sha256(_fixture_bytes(name)).hexdigest()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A seeds folder with a story of its own, which an import must leave alone."""
    folder = tmp_path / "seeds"
    (folder / "harbour-wall").mkdir(parents=True)
    (folder / "harbour-wall" / "notice.txt").write_text("The harbour wall will be repaired in May.\n")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _import(seeds: Path, *sources: str, story: str = STORY, timeout: str = "5"):
    return CliRunner().invoke(cli, ["import", *sources, "--story", story, "--seeds", str(seeds),
                                    "--timeout", timeout], catch_exceptions=False)


def _meta(path: Path) -> tuple[VersionMeta, str]:
    return split_front_matter(path.read_text(encoding="utf-8"), str(path))


def _serve_story(web: LocalWeb) -> tuple[str, str, str]:
    return (web.fixture("/news/ferry-fares-rise", "gazette.html"),
            web.fixture("/amp/2025/03/05/gullrock-ferry-fare-rise", "courier-amp.html"),
            web.fixture("/ferry-fares-to-rise-by-a-third", "digest.html"))


def test_three_pages_become_three_versions_with_their_metadata(local_web: LocalWeb, seeds: Path) -> None:
    gazette, courier, digest = _serve_story(local_web)
    result = _import(seeds, gazette, courier, digest)
    assert result.exit_code == 0, result.stderr
    folder = seeds / STORY
    written = [folder / f"{name}.txt" for name in (GAZETTE_ID, COURIER_ID, DIGEST_ID)]
    assert result.stdout.splitlines() == [str(path) for path in written]
    assert result.stderr.splitlines() == [f"imported {source} as {path}"
                                          for source, path in zip((gazette, courier, digest), written)]
    metas = [_meta(path)[0] for path in written]
    assert metas == [
        VersionMeta(title="Ferry fares to rise by a third, harbour board says", outlet="The Gullrock Gazette",
                    url=gazette, published="2025-03-04", retrieved=TODAY, language="en-GB", author="Maren Tollis",
                    sha256=_sha256("gazette.html")),
        VersionMeta(title="Gullrock ferry passengers face 33% fare rise", outlet="Northwind Courier", url=courier,
                    published="2025-03-05", retrieved=TODAY, language="en", author="Odile Fenner",
                    sha256=_sha256("courier-amp.html")),
        VersionMeta(title="Ferry fares to rise by a third", outlet="Island Digest", url=digest,
                    published="2025-03-05", retrieved=TODAY, language="en", author="Digest Staff",
                    sha256=_sha256("digest.html")),
    ]
    tree = load_seeds(seeds)  # every file loads with no problem, warnings included
    assert {seed.version_id for seed in tree.files if seed.folder == STORY} == {GAZETTE_ID, COURIER_ID, DIGEST_ID}


def test_a_version_file_is_front_matter_then_paragraphs(local_web: LocalWeb, seeds: Path) -> None:
    courier = local_web.fixture("/amp/2025/03/05/gullrock-ferry-fare-rise", "courier-amp.html")
    assert _import(seeds, courier).exit_code == 0
    text = (seeds / STORY / f"{COURIER_ID}.txt").read_text(encoding="utf-8")
    assert text == (
        "---\n"
        "title: Gullrock ferry passengers face 33% fare rise\n"
        "outlet: Northwind Courier\n"
        "author: Odile Fenner\n"
        "published: '2025-03-05'\n"
        f"url: {courier}\n"
        f"retrieved: '{TODAY}'\n"
        "language: en\n"
        f"sha256: {_sha256('courier-amp.html')}\n"
        "---\n"
        "Passengers on the Gullrock ferry will pay a third more from April after the harbour board approved a fare "
        "rise on Tuesday.\n\n"
        "Board chair Ilse Varrow said: “We have held prices for six years and we cannot hold them any more. Fuel "
        "alone now costs us three times what it did in 2019.”\n\n"
        "The money will go towards two new ferries expected in 2027. Islanders with season tickets will see a "
        "smaller rise of 10%.\n\n"
        "A single adult ticket will rise to £12 from £9.\n\n"
        "Local councillor Tam Brodie described the rise as “a tax on living here”.\n\n"
        "“Families on Gullrock have no other way to reach a hospital or a job,” he said.\n\n"
        "A public meeting is planned for 18 March.\n"
    )


def test_an_archived_copy_records_both_addresses_and_is_read_without_the_toolbar(
        local_web: LocalWeb, seeds: Path) -> None:
    archived = local_web.archive(STAMP, ORIGINAL, _fixture_bytes("gazette.html"),
                                 _fixture_bytes("gazette-wayback.html"))
    result = _import(seeds, archived)
    assert result.exit_code == 0, result.stderr
    assert local_web.requests == [f"/web/{STAMP}id_/{ORIGINAL}"]  # the bytes as captured, not the toolbar page
    meta, body = _meta(seeds / STORY / f"{GAZETTE_ID}.txt")
    assert (meta.url, meta.archived, meta.retrieved, meta.sha256) == (
        ORIGINAL, archived, TODAY, _sha256("gazette.html"))
    assert meta.outlet == "The Gullrock Gazette" and meta.published == "2025-03-04"
    assert "Wayback" not in body and "captures" not in body


def test_the_capture_the_archive_chose_is_the_one_recorded(local_web: LocalWeb, seeds: Path) -> None:
    exact = local_web.archive(STAMP, ORIGINAL, _fixture_bytes("gazette.html"), _fixture_bytes("gazette-wayback.html"))
    # Asked for "some time in 2025", the archive redirects to its nearest capture.
    local_web.redirect(f"/web/2025id_/{ORIGINAL}", local_web.url(f"/web/{STAMP}id_/{ORIGINAL}"))
    assert _import(seeds, local_web.url(f"/web/2025/{ORIGINAL}")).exit_code == 0
    meta, _ = _meta(seeds / STORY / f"{GAZETTE_ID}.txt")
    assert (meta.url, meta.archived) == (ORIGINAL, exact)


def test_a_page_saved_from_the_archive_knows_both_addresses_and_the_day_it_was_saved(
        tmp_path: Path, seeds: Path) -> None:
    saved = tmp_path / "Ferry fares to rise by a third.html"
    shutil.copy(FIXTURES / "gazette-wayback-saved.html", saved)
    saved_on = dt.datetime(2025, 3, 7, 12, 0).timestamp()
    os.utime(saved, (saved_on, saved_on))
    result = _import(seeds, str(saved))
    assert result.exit_code == 0, result.stderr
    meta, body = _meta(seeds / STORY / f"{GAZETTE_ID}.txt")
    assert (meta.url, meta.archived, meta.retrieved) == (
        ORIGINAL, f"https://web.archive.org/web/{STAMP}/{ORIGINAL}", "2025-03-07")
    assert meta.sha256 == _sha256("gazette-wayback-saved.html")
    assert "About this capture" not in body and body.startswith("Ferry fares between Gullrock")


def test_a_saved_page_is_known_by_its_canonical_address(tmp_path: Path, seeds: Path) -> None:
    saved = tmp_path / "gazette.HTM"
    shutil.copy(FIXTURES / "gazette.html", saved)
    assert _import(seeds, str(saved)).exit_code == 0
    meta, _ = _meta(seeds / STORY / f"{GAZETTE_ID}.txt")
    assert (meta.url, meta.archived) == (ORIGINAL, None)


def test_importing_again_writes_nothing(local_web: LocalWeb, seeds: Path) -> None:
    gazette = local_web.fixture("/news/ferry-fares-rise", "gazette.html")
    assert _import(seeds, gazette).exit_code == 0
    before = _snapshot(seeds)
    again = _import(seeds, gazette)
    assert again.exit_code == 0
    assert again.stdout == ""
    assert again.stderr == f"{gazette}: already imported as {GAZETTE_ID} (the same bytes); nothing written\n"
    assert _snapshot(seeds) == before


def test_the_same_page_with_other_bytes_but_the_same_article_writes_nothing(local_web: LocalWeb, seeds: Path) -> None:
    page = (FIXTURES / "gazette.html").read_text(encoding="utf-8")
    gazette = local_web.page("/news/ferry-fares-rise", page)
    assert _import(seeds, gazette).exit_code == 0
    before = _snapshot(seeds)
    # A new advert slot and tracking token: the bytes change, the article does not.
    local_web.page("/news/ferry-fares-rise", page.replace("analytics.js", "analytics.js?token=8f3e1c"))
    again = _import(seeds, gazette)
    assert again.stderr == f"{gazette}: already imported as {GAZETTE_ID} (the same page, unchanged); nothing written\n"
    assert _snapshot(seeds) == before


def test_a_changed_page_becomes_a_revision_named_with_the_day(local_web: LocalWeb, seeds: Path) -> None:
    page = (FIXTURES / "gazette.html").read_text(encoding="utf-8")
    gazette = local_web.page("/news/ferry-fares-rise", page)
    days = [dt.date(2026, 11, 30), dt.date(2026, 12, 1), dt.date(2026, 12, 1), dt.date(2026, 12, 2)]
    corrections = ["twice what it did", "more than twice what it did", "nearly three times what it did",
                   "three times what it did"]
    outcomes = []
    for day, words in zip(days, corrections):
        local_web.page("/news/ferry-fares-rise", page.replace("twice what it did", words))
        outcomes += list(import_sources([gazette], seeds, STORY, FetchLimits(timeout=5), today=day))
    assert [(o.outcome, o.path.name if o.path else None) for o in outcomes] == [
        ("imported", f"{GAZETTE_ID}.txt"),
        ("revision", f"{GAZETTE_ID}-2026-12-01.txt"),
        ("revision", f"{GAZETTE_ID}-2026-12-01-2.txt"),
        ("revision", f"{GAZETTE_ID}-2026-12-02.txt"),
    ]
    assert outcomes[1].message == (f"imported {gazette} as {outcomes[1].path} "
                                   f"(a revision of {GAZETTE_ID}: the page has changed)")
    for outcome, words in zip(outcomes, corrections):
        meta, body = _meta(outcome.path)
        assert f"costs us {words} in 2019" in body
        assert meta.url == gazette
    # Back to words an earlier version has: nothing new to compare, nothing written.
    local_web.page("/news/ferry-fares-rise", page.replace("twice what it did", "more than twice what it did"))
    [back] = import_sources([gazette], seeds, STORY, FetchLimits(timeout=5), today=dt.date(2026, 12, 3))
    assert (back.outcome, back.path.name) == ("unchanged", f"{GAZETTE_ID}-2026-12-01.txt")


def test_a_later_capture_of_a_changed_page_is_a_revision_named_with_its_capture_day(
        local_web: LocalWeb, seeds: Path) -> None:
    page = _fixture_bytes("gazette.html")
    first = local_web.archive(STAMP, ORIGINAL, page, page)
    changed = page.replace(b"twice what it did", b"more than twice what it did")
    later = local_web.archive("20250410080000", ORIGINAL, changed, changed)
    result = _import(seeds, first, later)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str(seeds / STORY / f"{GAZETTE_ID}.txt"),
                                          str(seeds / STORY / f"{GAZETTE_ID}-2025-04-10.txt")]


def test_the_same_source_twice_in_one_run_is_imported_once(local_web: LocalWeb, seeds: Path) -> None:
    gazette = local_web.fixture("/news/ferry-fares-rise", "gazette.html")
    result = _import(seeds, gazette, gazette)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    assert "already imported as" in result.stderr.splitlines()[1]


def test_an_id_taken_by_another_file_is_never_overwritten(local_web: LocalWeb, seeds: Path) -> None:
    taken = seeds / STORY / f"{GAZETTE_ID}.txt"
    taken.parent.mkdir()
    taken.write_text("---\nurl: https://elsewhere.example/a\n---\nA different article altogether.\n")
    before = taken.read_bytes()
    gazette = local_web.fixture("/news/ferry-fares-rise", "gazette.html")
    result = _import(seeds, gazette)
    assert result.stdout == f"{seeds / STORY / GAZETTE_ID}-2.txt\n"
    assert taken.read_bytes() == before


def test_write_new_file_refuses_a_taken_name_and_leaves_no_trace(tmp_path: Path) -> None:
    path = tmp_path / "story" / "v.txt"
    write_new_file(path, "first\n")
    with pytest.raises(AlreadyThere):
        write_new_file(path, "second\n")
    assert path.read_text() == "first\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["v.txt"]


def test_write_new_file_removes_the_folders_it_made_when_it_fails(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    too_long = tmp_path / "seeds" / "story" / "deeper" / f"{'v' * 250}.txt"  # its temporary name is over 255 bytes
    with pytest.raises(OSError):
        write_new_file(too_long, "text\n")
    assert list((tmp_path / "seeds").iterdir()) == []


def test_write_new_file_makes_nothing_for_text_it_cannot_write(tmp_path: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        write_new_file(tmp_path / "story" / "v.txt", "\ud800 is half a character\n")
    assert not (tmp_path / "story").exists()


def test_mojibake_is_repaired_and_said_in_the_output_and_the_file(local_web: LocalWeb, seeds: Path) -> None:
    tarrow = local_web.fixture("/council/footbridge", "tarrow-mojibake.html")
    result = _import(seeds, tarrow)
    assert result.exit_code == 0
    note = (f"note: {tarrow}: characters decoded wrongly (mojibake) repaired with ftfy in 4 places, "
            "such as 'Â£2.4m.' became '£2.4m.'")
    assert result.stderr.splitlines()[0] == note
    [written] = (seeds / STORY).iterdir()
    text = written.read_text(encoding="utf-8")
    assert text.startswith("---\n# The page's characters decoded wrongly (mojibake) repaired with ftfy in 4 places")
    meta, body = _meta(written)
    assert "the town’s roads — which" in body and "â€" not in body
    assert meta.title == "Council approves Tarrow footbridge after a three-hour debate"


def _refused_classes(web: LocalWeb, tmp_path: Path) -> dict[str, tuple[str, str]]:
    """A source of each kind that cannot be imported, and the words its line ends with."""
    for number in range(1, 8):
        web.redirect(f"/hop{number}", web.url(f"/hop{number + 1}"))
    (tmp_path / "notes.html").write_bytes(_fixture_bytes("not-a-page.html"))
    (tmp_path / "notes.txt").write_text("Fares rise.\n")
    return {
        "404": (web.url("/news/no-such-story"), "the server answered HTTP 404 Not Found"),
        "server error": (web.page("/down", "<html></html>", status=503), "the server answered HTTP 503 Service Unavailable"),
        "timeout": (web.fixture("/slow", "gazette.html", delay=3), "timed out: nothing arrived for 0.3 s"),
        "not HTML": (web.page("/statement.pdf", b"%PDF-1.7\n", "application/pdf"),
                     "not HTML: the server sent application/pdf"),
        "not HTML by its bytes": (web.page("/untyped", _fixture_bytes("not-a-page.html"), content_type=""),
                                  "not HTML: the bytes are not a web page"),
        "too large": (web.page("/huge", b"<html>" + b" " * 10_000_000),
                      "too large: 10,000,006 bytes, over the limit of 10,000,000"),
        "too many redirects": (web.url("/hop1"), "more than 5 redirects, or a redirect loop"),
        "no article text (JavaScript)": (web.fixture("/app", "app-shell.html"),
                                         "the page has no article text; is it behind a paywall or built by JavaScript?"),
        "no article text (paywall)": (web.fixture("/locked", "paywall.html"),
                                      "the page has no article text; is it behind a paywall or built by JavaScript?"),
        "not http(s)": ("ftp://files.example/ferry.html", "only http and https addresses can be imported"),
        "missing saved page": (str(tmp_path / "missing.html"), "no such file"),
        "saved page that is not HTML": (str(tmp_path / "notes.html"), "not HTML: the bytes are not a web page"),
        "not a page at all": (str(tmp_path / "notes.txt"), "neither an http(s) address nor a saved .html or .htm page"),
    }


FAILURE_CLASSES = ["404", "server error", "timeout", "not HTML", "not HTML by its bytes", "too large",
                   "too many redirects", "no article text (JavaScript)", "no article text (paywall)", "not http(s)",
                   "missing saved page", "saved page that is not HTML", "not a page at all"]


@pytest.mark.parametrize("kind", FAILURE_CLASSES)
def test_each_failure_is_one_line_and_leaves_the_seeds_folder_as_it_was(
        local_web: LocalWeb, seeds: Path, tmp_path: Path, kind: str) -> None:
    source, words = _refused_classes(local_web, tmp_path)[kind]
    before = _snapshot(seeds)
    result = _import(seeds, source, timeout="0.3")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"error: {source}: {words}",
                                          "Error: 1 of 1 source not imported (see above)"]
    assert _snapshot(seeds) == before
    assert not (seeds / STORY).exists()


def test_the_failure_classes_are_all_tested(local_web: LocalWeb, tmp_path: Path) -> None:
    assert sorted(_refused_classes(local_web, tmp_path)) == sorted(FAILURE_CLASSES)


def test_the_other_sources_are_imported_before_exit_1(local_web: LocalWeb, seeds: Path) -> None:
    gazette, courier, _ = _serve_story(local_web)
    missing = local_web.url("/gone")
    result = _import(seeds, gazette, missing, courier)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [str(seeds / STORY / f"{GAZETTE_ID}.txt"),
                                          str(seeds / STORY / f"{COURIER_ID}.txt")]
    assert result.stderr.splitlines()[1:] == [f"error: {missing}: the server answered HTTP 404 Not Found",
                                              f"imported {courier} as {seeds / STORY / COURIER_ID}.txt",
                                              "Error: 1 of 3 sources not imported (see above)"]


@pytest.mark.parametrize("story", ["Ferry Fares", "ferry/fares", "../outside", "-ferry", "ferry_fares", "", ".",
                                   ".."])
def test_a_new_story_needs_a_slug_and_nothing_is_read_without_one(local_web: LocalWeb, seeds: Path,
                                                                  story: str) -> None:
    gazette = local_web.fixture("/news/ferry-fares-rise", "gazette.html")
    before = _snapshot(seeds)
    result = _import(seeds, gazette, story=story)
    assert result.exit_code == 1
    assert "a new story's name must be lowercase letters, digits and hyphens" in result.stderr
    assert local_web.requests == [] and _snapshot(seeds) == before


def test_an_existing_story_folder_is_imported_into_whatever_its_name(local_web: LocalWeb, seeds: Path) -> None:
    (seeds / "Ferry_2025").mkdir()
    gazette = local_web.fixture("/news/ferry-fares-rise", "gazette.html")
    assert _import(seeds, gazette, story="Ferry_2025").exit_code == 0
    assert (seeds / "Ferry_2025" / f"{GAZETTE_ID}.txt").is_file()


def test_a_story_that_is_a_file_is_refused(seeds: Path) -> None:
    (seeds / "ferry").write_text("not a folder")
    result = _import(seeds, "https://gullrock-gazette.example/", story="ferry")
    assert result.exit_code == 1 and "not a folder" in result.stderr


def test_the_seeds_folder_must_exist(tmp_path: Path) -> None:
    result = _import(tmp_path / "sedes", "https://gullrock-gazette.example/")
    assert result.exit_code == 1 and "sedes: no such folder" in result.stderr
    assert not (tmp_path / "sedes").exists()
