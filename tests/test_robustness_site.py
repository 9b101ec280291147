"""The whole command, end to end: hostile seeds build to an inert site, an
interrupted build leaves the previous pages and site as they were, and the
output is byte-identical whatever the hash seed and the order files were made in.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.runtime.parallel import run_folder
from generator.site.mkdocs import SITE_STAGE_PREFIX, STAGE_PREFIX, prepare_out_dir
from generator.site.render.escape import clean_text
from generator.site.report import to_json

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "site" / "render"))

from render_hostile import HOSTILE_STRINGS  # noqa: E402
from render_html import dangerous_attributes, normalise, parse_page  # noqa: E402

SEED_STORY = ROOT / "seeds" / "us-uk-tech-prosperity-deal"
BUILD_TIMEOUT = 120


def _generator(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=BUILD_TIMEOUT,
                          check=False)


def _files(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes), hidden staging folders excluded."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and path.name not in skip}


# Hostile seeds ----------------------------------------------------------------------------


def _legal_name(text: str) -> bool:
    """Whether a hostile string can be a file name the loader accepts."""
    return (bool(text.strip()) and "/" not in text and ".." not in text and not text.startswith(".")
            and len(text.encode()) < 200 and not any(unicodedata.category(c) == "Cc" for c in text)
            and "\u202e" not in text and "\u2066" not in text)


def _body_safe(text: str) -> str:
    """A hostile string as it can stand in article text (a NUL byte makes the file binary)."""
    return text.replace("\x00", "")


def _article(front: dict[str, str], strings: tuple[str, ...], altered: str | None = None) -> str:
    """Narration and a quote per string; the quote of ``altered`` gets a word more (a finding to show)."""
    paragraphs = ["The harbour board met on Monday to discuss the new ferry timetable."]
    for number, hostile in enumerate(strings):
        safe = _body_safe(hostile)
        words = f"We will {'never ' if hostile == altered else ''}cut fares {number} {safe}"
        paragraphs.append(f"Narration {safe} ends here.")
        paragraphs.append(f"“{words},” said Mara Quill {safe}, the harbour master.")
    body = "\n\n".join(paragraphs) + "\n"
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=True) + "---\n" + body


COPIES = 6
"""Copies named by hostile strings (each a version page and a finding); more only slow the build."""


def hostile_seeds(root: Path) -> Path:
    """Two stories and a loose file whose every field holds hostile strings.

    The first story's reference and copy carry all of them (front matter,
    story.yml, narration, quotes, speakers; one altered quote gives a diff);
    the second story's copies are named by them."""
    joined = " ".join(HOSTILE_STRINGS)
    front = {"title": joined, "outlet": joined, "author": joined, "language": joined,
             "published": joined, "retrieved": joined,
             "url": "https://example.org/\"><script>alert(1)</script>?q=javascript:alert(1)"}
    config = yaml.safe_dump({"title": joined, "notes": joined}, allow_unicode=True)
    everything = root / "seeds" / "<svg onload=alert(1)> story"
    everything.mkdir(parents=True)
    (everything / "reference.txt").write_text(_article({**front, "reference": True}, HOSTILE_STRINGS),
                                              encoding="utf-8")
    (everything / "copy.md").write_text(_article(front, HOSTILE_STRINGS, HOSTILE_STRINGS[0]), encoding="utf-8")
    (everything / "story.yml").write_text(config, encoding="utf-8")
    names = [hostile for hostile in HOSTILE_STRINGS if _legal_name(hostile)][:COPIES]
    assert len(names) == COPIES
    named = root / "seeds" / "{++named++} [x](javascript:alert(1))"
    named.mkdir()
    (named / "reference.txt").write_text(_article({**front, "reference": True}, tuple(names)), encoding="utf-8")
    for hostile in names:
        (named / f"{hostile}.txt").write_text(_article(front, (hostile,), hostile), encoding="utf-8")
    (named / "story.yml").write_text(config, encoding="utf-8")
    loose = root / "seeds" / "<img src=x onerror=alert(1)> loose.md"
    loose.write_text(_article({"title": joined}, HOSTILE_STRINGS[:5]), encoding="utf-8")
    return root / "seeds"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("hostile-seeds")
    seeds = hostile_seeds(root)
    result = _generator("build", "--seeds", str(seeds), "--out", str(root / "out"), "--strict", cwd=ROOT)
    return root / "out" / "site", result


def test_hostile_seeds_load_without_problems(hostile_site: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, result = hostile_site
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"Judged 2 stories, \d+ versions", result.stderr)


def test_hostile_site_runs_only_the_theme_scripts(hostile_site: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    site, _ = hostile_site
    theme_scripts = parse_page(site / "methodology" / "index.html").scripts
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parts = parse_page(page)
        assert parts.scripts == theme_scripts, page
        assert dangerous_attributes(parts) == [], page
        assert not [tag for tag, _ in parts.tags if tag in ("iframe", "object", "embed", "style")], page
        assert not [a for tag, a in parts.tags if tag == "img" and a.get("src") in ("x", "x.png")], page
        raw_title = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.DOTALL)
        assert raw_title and "<" not in raw_title.group(1), page
        assert "alert" not in "".join(
            re.findall(r"<script\b[^>]*>(.*?)</script>", page.read_text(encoding="utf-8"), re.DOTALL)), page


def test_hostile_strings_are_shown_as_text(hostile_site: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    site, _ = hostile_site
    visible = " ".join(parse_page(page).visible for page in sorted((site / "stories").rglob("*.html")))
    missing = [h for h in HOSTILE_STRINGS if normalise(clean_text(h)) not in visible]
    assert missing == []


def test_hostile_search_index_holds_no_markup(hostile_site: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    site, _ = hostile_site
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    for markup in ("<script", "<img", "<svg", "<iframe", "<style"):
        assert markup not in index


# Interrupted builds ---------------------------------------------------------------------

HANG_HOOK = '''
import os, time
from pathlib import Path

def on_post_build(config, **kwargs):
    flag = os.environ.get("VERBATIM_TEST_HANG_FLAG")
    if flag:
        Path(flag).write_text("built, not yet swapped in")
        time.sleep(60)
'''


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's site project whose MkDocs build can be made to hang after writing the site."""
    project = prepare_out_dir(ROOT, tmp_path / "project")
    (tmp_path / "hang_hook.py").write_text(HANG_HOOK, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"\nhooks:\n  - {tmp_path / 'hang_hook.py'}\n")
    seeds = project / "seeds"
    (seeds / "ferry").mkdir(parents=True)
    (seeds / "ferry" / "a.txt").write_text('"The bridge opens in June," said Mara Quill.\n', encoding="utf-8")
    (seeds / "ferry" / "b.txt").write_text('"The bridge opens in July," said Mara Quill.\n', encoding="utf-8")
    return project


def _state(project: Path) -> dict[str, dict[str, bytes]]:
    return {"docs": _files(project / "docs"), "site": _files(project / "site")}


def _interrupt(project: Path, sent: signal.Signals, flag: Path) -> subprocess.Popen[str]:
    # Ctrl-C as a terminal sends it: the build starts with SIGINT's default disposition, whatever
    # this test process inherited (an ignored SIGINT is inherited across exec, and a build that
    # ignores it runs to the end).
    process = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=project, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT), "VERBATIM_TEST_HANG_FLAG": str(flag)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + BUILD_TIMEOUT
    while not flag.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached the hook"
        time.sleep(0.05)
    os.killpg(process.pid, sent)
    process.output = process.communicate(timeout=BUILD_TIMEOUT)  # type: ignore[attr-defined]
    flag.unlink()
    return process


def test_killed_or_interrupted_build_leaves_pages_and_site_as_they_were(project: Path, tmp_path: Path) -> None:
    first = _generator("build", cwd=project)
    assert first.returncode == 0, first.stderr
    before = _state(project)
    assert "stories/ferry/index.md" in before["docs"] and "index.html" in before["site"]
    (project / "seeds" / "bakery.txt").write_text('"Bread costs more," said Tom Baker.\n', encoding="utf-8")
    flag = tmp_path / "hung"

    killed = _interrupt(project, signal.SIGKILL, flag)
    assert killed.returncode == -signal.SIGKILL
    assert _state(project) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(STAGE_PREFIX)], "a kill leaves its stage"

    for sent in (signal.SIGINT, signal.SIGTERM):
        interrupted = _interrupt(project, sent, flag)
        assert interrupted.returncode == 1, (sent, interrupted.output)  # type: ignore[attr-defined]
        assert _state(project) == before, sent
        # The run cleaned up after itself, and the next run after the killed one.
        assert not [p for p in project.iterdir() if p.name.startswith((STAGE_PREFIX, SITE_STAGE_PREFIX))], sent

    final = _generator("build", cwd=project)
    assert final.returncode == 0, final.stderr
    after = _state(project)
    assert "stories/unrelated/bakery.md" in after["docs"]
    hand_written = {k: v for k, v in before["docs"].items() if not k.startswith("stories/")}
    assert "index.md" in hand_written
    assert {k: v for k, v in after["docs"].items() if not k.startswith("stories/")} == hand_written
    assert not [p for p in project.iterdir() if p.name.startswith((STAGE_PREFIX, SITE_STAGE_PREFIX))]


def test_failed_mkdocs_build_changes_nothing(project: Path) -> None:
    first = _generator("build", cwd=project)
    assert first.returncode == 0, first.stderr
    before = _state(project)
    (project / "seeds" / "bakery.txt").write_text('"Bread costs more," said Tom Baker.\n', encoding="utf-8")
    # A broken theme makes MkDocs fail after the pages were generated.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"),
                      encoding="utf-8")
    failed = _generator("build", cwd=project)
    assert failed.returncode == 1
    assert failed.stderr.splitlines()[-1].startswith("Error: ") or "Error: " in failed.stderr
    assert _state(project) == before
    assert not [p for p in project.iterdir() if p.name.startswith((STAGE_PREFIX, SITE_STAGE_PREFIX))]


def test_hand_written_stories_folder_is_never_replaced(project: Path) -> None:
    (project / "docs" / "stories").mkdir()
    (project / "docs" / "stories" / "mine.md").write_text("# Mine\n", encoding="utf-8")
    result = _generator("build", "--pages-only", cwd=project)
    assert result.returncode == 1
    assert "was not written by the generator" in result.stderr
    assert _files(project / "docs" / "stories") == {"mine.md": b"# Mine\n"}


# Determinism ----------------------------------------------------------------------------

SMALL_TREE = {
    "ferry/original.txt": "---\noutlet: The Gullrock Gazette\n---\n"
                          '"The bridge opens in June," said Mara Quill, the harbour master, on Monday.\n\n'
                          '"It cost £31bn," she added. The council agreed.\n',
    "ferry/wire.txt": '"The bridge opens in June," said Mara Quill, the harbour master.\n\n'
                      '"It cost £31 billion," she said.\n',
    "ferry/story.yml": "title: Ferry bridge\n",
    "rewrite.md": '"The bridge will open in July," Mara Quill, the harbour master, said on Monday.\n',
    "bakery.txt": '"Bread costs more from today," said Tom Baker, who runs the bakery.\n',
    "crème brûlée.txt": '"Dessert is off the menu," said Tom Baker.\n',
}


def _write_in_order(seeds: Path, files: dict[str, bytes], reverse: bool) -> Path:
    for relative in sorted(files, reverse=reverse):
        (seeds / relative).parent.mkdir(parents=True, exist_ok=True)
        (seeds / relative).write_bytes(files[relative])
    return seeds


def _seed_story_files() -> dict[str, bytes]:
    return {f"{SEED_STORY.name}/{p.name}": p.read_bytes() for p in sorted(SEED_STORY.iterdir())}


def _small_files() -> dict[str, bytes]:
    return {name: text.encode() for name, text in SMALL_TREE.items()}


def test_report_is_byte_identical_across_hash_seeds_and_file_orders(tmp_path: Path) -> None:
    reports = []
    for number, (hash_seed, reverse) in enumerate((("0", False), ("4242", True))):
        seeds = _write_in_order(tmp_path / f"run{number}" / "seeds", _seed_story_files() | _small_files(), reverse)
        report = _generator("report", "--seeds", str(seeds), cwd=ROOT, env={"PYTHONHASHSEED": hash_seed})
        assert report.returncode == 0, report.stderr
        reports.append(report.stdout)
    assert len(json.loads(reports[0])["stories"]) >= 2
    assert reports[0] == reports[1]


def test_pages_and_site_are_byte_identical_across_hash_seeds_and_file_orders(tmp_path: Path) -> None:
    outputs = []
    for number, (hash_seed, reverse) in enumerate((("1", True), ("987654", False))):
        root = tmp_path / f"run{number}"
        seeds = _write_in_order(root / "seeds", _small_files(), reverse)
        build = _generator("build", "--seeds", str(seeds), "--out", str(root / "out"), cwd=ROOT,
                           env={"PYTHONHASHSEED": hash_seed})
        assert build.returncode == 0, build.stderr
        # sitemap.xml carries the build date (lastmod): the only files allowed to differ between days.
        site = _files(root / "out" / "site", skip=("sitemap.xml", "sitemap.xml.gz"))
        outputs.append((_files(root / "out" / "docs" / "stories"), site))
    (pages, site), (other_pages, other_site) = outputs
    assert len(pages) > 5 and len(site) > 10
    assert pages == other_pages
    assert site.keys() == other_site.keys()
    assert [name for name in site if site[name] != other_site[name]] == []


def test_report_does_not_depend_on_the_order_the_file_system_lists(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = _write_in_order(tmp_path / "seeds", _small_files(), reverse=False)
    forward = to_json(run_folder(seeds))
    real_iterdir = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(real_iterdir(self), reverse=True)))
    assert to_json(run_folder(seeds)) == forward
