"""Incremental page regeneration against the plain build.

``build --pages-only`` with a cache renders only the stories whose inputs
changed and writes only the files that changed.  Whatever happened in between
(edits of every kind, hand damage to the pages, damage to the cache, a kill in
the middle of an update), the generated folder must end up byte for byte what
an uncached build (``--no-cache``) writes, and a failing story must cost that
story only.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import generator.runtime.pages as pages_module
from benchmarks import synth
from generator.cli import cli
from generator.inputs.problems import problem_line
from generator.model import Story
from generator.pipeline import REPORT_BUGS
from generator.runtime.pages import render_seeds
from generator.runtime.parallel import RunOptions, run_folder
from generator.site.manifest import MANIFEST_FORMAT, manifest_path, update_pages
from generator.site.mkdocs import prepare_out_dir
from generator.site.render import render_site
from generator.site.render.escape import slugify
from generator.site.repository import Repository, read_repository
from generator.site.write_changes import STAGE_PREFIX, recover_interrupted

ROOT = Path(__file__).resolve().parents[2]
FORK = "https://github.com/example-org/verbatim-fork"
KILL_TIMEOUT = 60


# -- a site project with a synthetic corpus ---------------------------------------------------------

@dataclass(frozen=True)
class Project:
    """A copy of the site project (the working directory) with a synthetic seeds folder."""

    root: Path
    """The project: mkdocs.yml, docs/, seeds/."""
    cache: Path
    """The cache folder of the incremental builds."""
    reference: Path
    """The --out folder of the uncached builds."""
    names: tuple[str, ...]
    """The synthetic story folders, sorted (story ids and slugs alike)."""

    @property
    def seeds(self) -> Path:
        """The seeds folder."""
        return self.root / "seeds"

    @property
    def docs(self) -> Path:
        """The docs folder."""
        return self.root / "docs"

    @property
    def stories(self) -> Path:
        """The generated folder."""
        return self.root / "docs" / "stories"

    def story(self, index: int) -> Path:
        """The folder of one synthetic story."""
        return self.seeds / self.names[index]

    @property
    def manifest(self) -> Path:
        """The manifest of the generated folder."""
        return manifest_path(self.cache, self.docs)


def _make_project(base: Path) -> Project:
    root = prepare_out_dir(ROOT, base / "project")
    synth.write_corpus(root, stories=6, versions=5, seed=3)
    names = tuple(sorted(path.name for path in (root / "seeds").iterdir()))
    return Project(root, base / "cache", base / "reference", names)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A project whose pages were built once with the cache."""
    made = _make_project(tmp_path)
    monkeypatch.chdir(made.root)
    monkeypatch.delenv("VERBATIM_REPOSITORY", raising=False)
    _build(made)
    return made


def _invoke(args: list[str]) -> Result:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result


def _build(project: Project) -> Result:
    """The incremental build: --pages-only with the cache."""
    return _invoke(["build", "--seeds", "seeds", "--pages-only", "--cache-dir", str(project.cache),
                    "--jobs", "1", "--quiet"])


_REFERENCES: dict[str, dict[str, bytes]] = {}
"""Uncached builds already made, by a hash of their input (seeds folder and mkdocs.yml): many tests
start from the same corpus, and the same input gives the same pages."""


def _input_hash(project: Project) -> str:
    digest = hashlib.sha256((project.root / "mkdocs.yml").read_bytes())
    for path, data in _tree(project.seeds).items():
        digest.update(f"\0{path}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def _reference(project: Project) -> dict[str, bytes]:
    """The generated folder an uncached build writes for the seeds as they are now."""
    key = _input_hash(project)
    if key not in _REFERENCES:
        _invoke(["build", "--seeds", "seeds", "--pages-only", "--no-cache", "--out", str(project.reference),
                 "--jobs", "1", "--quiet"])
        _REFERENCES[key] = _tree(project.reference / "docs" / "stories")
    return _REFERENCES[key]


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _stat_tree(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Per file: inode, modification time in ns, bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            status = path.stat()
            found[path.relative_to(folder).as_posix()] = (status.st_ino, status.st_mtime_ns, path.read_bytes())
    return found


def _assert_same(tree: dict[str, bytes], expected: dict[str, bytes], when: str) -> None:
    assert sorted(tree) == sorted(expected), f"{when}: not the same files"
    for path, data in expected.items():
        assert tree[path] == data, f"{when}: {path} differs"


def _assert_ground_truth(project: Project, when: str, strays: tuple[str, ...] = ()) -> None:
    tree = _tree(project.stories)
    for stray in strays:
        tree.pop(stray)
    _assert_same(tree, _reference(project), when)
    assert not [entry.name for entry in project.docs.iterdir() if entry.name.startswith(STAGE_PREFIX)], when


# -- edits ------------------------------------------------------------------------------------------

_QUOTED = re.compile(r'"([^"\n]+)"')


def _alter_quote(path: Path) -> None:
    """Change one word inside the first straight-quoted passage of an article."""
    text = path.read_text(encoding="utf-8")
    match = _QUOTED.search(text)
    assert match, path
    word = re.search(r"[A-Za-z]{5,}", match.group(1))
    assert word, match.group(1)
    start = match.start(1) + word.start()
    path.write_text(text[:start] + "unprecedented" + text[start + len(word.group()):], encoding="utf-8")


def _small_story(folder: Path, speaker: str, place: str) -> None:
    folder.mkdir()
    for name, month in (("first.txt", "June"), ("second.txt", "July")):
        (folder / name).write_text(
            f'"The {place} bridge opens in {month}," said {speaker}, the council leader.\n\n'
            f'"We will pay for it ourselves and no one else," {speaker.split()[-1]} added.\n', encoding="utf-8")


def _quote_in_story(project: Project) -> None:
    _alter_quote(project.story(1) / "syndicated-2.txt")


def _quote_in_reference(project: Project) -> None:
    _alter_quote(project.story(2) / "original.txt")


def _add_version(project: Project) -> None:
    copy = project.story(1) / "late-copy.txt"
    shutil.copyfile(project.story(1) / "original.txt", copy)
    _alter_quote(copy)


def _delete_version(project: Project) -> None:
    (project.story(2) / "rewrite-3.txt").unlink()


def _add_story(project: Project) -> None:
    _small_story(project.seeds / "zz-harbour", "Ida Macleod", "harbour")


def _delete_story(project: Project) -> None:
    shutil.rmtree(project.story(3))


def _rename_story(project: Project) -> None:
    project.story(4).rename(project.seeds / f"renamed-{project.names[4]}")


def _clashing_name(project: Project) -> str:
    """A folder name that slugifies like story 0's and sorts before it, so it takes story 0's slug."""
    name = project.names[0]
    clash = name.replace("museum", "Museum", 1)
    assert clash != name and clash < name and slugify(clash) == slugify(name)
    return clash


def _add_clashing_story(project: Project) -> None:
    shutil.copytree(project.story(0), project.seeds / _clashing_name(project))


def _remove_clashing_story(project: Project) -> None:
    shutil.rmtree(project.seeds / _clashing_name(project))


def _add_clashing_speaker(project: Project) -> None:
    # "Ida MacLeod" sorts before "Ida Macleod" and slugifies alike: it takes her page's slug.
    _small_story(project.seeds / "zz-quay", "Ida MacLeod", "quay")


def _remove_clashing_speaker(project: Project) -> None:
    shutil.rmtree(project.seeds / "zz-quay")


def _finding_ids(project: Project, index: int) -> list[str]:
    report = json.loads((project.stories / project.names[index] / "report.json").read_text(encoding="utf-8"))
    return [finding["id"] for finding in report["findings"]]


def _corrections(project: Project, verdict: str, note: str) -> str:
    story = project.names[1]
    return textwrap.dedent(f"""\
        verdicts:
          - finding: {_finding_ids(project, 1)[0]}
            verdict: {verdict}
            note: "{note}"
            sources:
              - seed: seeds/{story}/original.txt
                title: The original
            reviewer: test-reviewer
            date: 2026-01-02
        log:
          - date: 2026-01-02
            summary: "{note}"
            type: material
        """)


def _add_corrections(project: Project) -> None:
    text = _corrections(project, "confirmed-misquote", "The original has other words.")
    (project.story(1) / "corrections.yml").write_text(text, encoding="utf-8")


def _change_corrections(project: Project) -> None:
    text = _corrections(project, "false-alarm", "On a second reading the words are the same.")
    (project.story(1) / "corrections.yml").write_text(text, encoding="utf-8")


def _remove_corrections(project: Project) -> None:
    (project.story(1) / "corrections.yml").unlink()


def _change_repository(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    changed = re.sub(r"^  repository: .*$", f'  repository: "{FORK}"', text, count=1, flags=re.MULTILINE)
    assert changed != text
    config.write_text(changed, encoding="utf-8")


def _change_title(project: Project) -> None:
    config = project.story(2) / "story.yml"
    text = config.read_text(encoding="utf-8")
    changed = re.sub(r"^title: .*$", 'title: "A new headline for this story"', text, count=1, flags=re.MULTILINE)
    assert changed != text
    config.write_text(changed, encoding="utf-8")


def _add_loose_file(project: Project) -> None:
    # A copy of a story's version at the top: the whole seeds folder becomes one unit, and it may join the story.
    text = (project.story(5) / "wire.txt").read_text(encoding="utf-8")
    (project.seeds / "loose-wire.txt").write_text(text, encoding="utf-8")


def _remove_loose_file(project: Project) -> None:
    (project.seeds / "loose-wire.txt").unlink()


Edit = Callable[[Project], None]

EDIT_SEQUENCES: dict[str, tuple[Edit, ...]] = {
    "a word in a quote": (_quote_in_story, _quote_in_reference),
    "a version added then deleted": (_add_version, _delete_version),
    "a story added then deleted": (_add_story, _delete_story),
    "a story folder renamed": (_rename_story,),
    "a story whose slug takes another's, then goes": (_add_clashing_story, _remove_clashing_story),
    "a speaker whose slug takes another's page, then goes": (_add_story, _add_clashing_speaker,
                                                             _remove_clashing_speaker),
    "corrections added, changed, removed": (_add_corrections, _change_corrections, _remove_corrections),
    "the repository in mkdocs.yml": (_change_repository, _quote_in_story),
    "a story title": (_change_title,),
    "a loose file joins, an edit, it goes": (_add_loose_file, _quote_in_story, _remove_loose_file),
}


@pytest.mark.parametrize("sequence", list(EDIT_SEQUENCES))
def test_after_each_edit_the_pages_are_those_of_an_uncached_build(project: Project, sequence: str) -> None:
    _assert_ground_truth(project, "first build")
    for edit in EDIT_SEQUENCES[sequence]:
        before = _tree(project.stories)
        edit(project)
        result = _build(project)
        assert "corrections.yml" not in result.output, result.output  # the verdicts are valid ones
        _assert_ground_truth(project, edit.__name__)
        assert _tree(project.stories) != before, f"{edit.__name__} changed no page: the edit tests nothing"


def test_slug_clashes_move_the_pages_of_the_story_and_the_person(project: Project) -> None:
    """The clash cases above are real: the pages of the story and of the person move."""
    _add_clashing_story(project)
    _build(project)
    assert (project.stories / f"{project.names[0]}-2" / "index.md").is_file()
    _add_story(project)
    _add_clashing_speaker(project)
    _build(project)
    person = (project.stories / "people" / "ida-macleod-2.md").read_text(encoding="utf-8")
    assert "Ida Macleod" in person and "Ida MacLeod" not in person
    cards = sorted((project.stories / "zz-harbour" / "quotes").glob("*.md"))
    assert cards and all("people/ida-macleod-2.md" in card.read_text(encoding="utf-8") for card in cards)


# -- only what changed is written -------------------------------------------------------------------

def test_only_the_edited_story_and_the_changed_site_pages_are_written(project: Project) -> None:
    before = _stat_tree(project.stories)
    result = _build(project)
    assert "Wrote 0 files and deleted 0" in result.output
    assert _stat_tree(project.stories) == before

    # New modification times, same bytes: the story is keyed again, nothing is written.
    for path in project.story(0).iterdir():
        os.utime(path)
    result = _build(project)
    assert "Wrote 0 files and deleted 0" in result.output
    assert _stat_tree(project.stories) == before

    edited = project.names[1]
    _quote_in_story(project)
    result = _build(project)
    after = _stat_tree(project.stories)
    assert sorted(after) == sorted(before)
    rewritten = {path for path in after if after[path][:2] != before[path][:2]}
    own = {path for path in after if path.startswith(f"{edited}/")}
    site_changed = {path for path in after if path not in own and after[path][2] != before[path][2]}
    assert site_changed, "the site-wide pages list the story's findings: some must change"
    assert rewritten == own | site_changed
    assert f"Wrote {len(rewritten)} files and deleted 0" in result.output
    _assert_ground_truth(project, "after the edit")


# -- hand damage to the pages -----------------------------------------------------------------------

def _flip_one_letter(path: Path) -> bytes:
    """Change one ASCII letter of the file, keeping its size; returns the new bytes."""
    data = path.read_bytes()
    at = re.search(rb"[a-y]", data[len(data) // 2:])
    assert at
    index = len(data) // 2 + at.start()
    changed = data[:index] + bytes([data[index] + 1]) + data[index + 1:]
    path.write_bytes(changed)
    return changed


def test_hand_damage_is_repaired_and_stray_files_are_left(project: Project) -> None:
    deleted = f"{project.names[2]}/versions/wire.md"
    edited_story_page = f"{project.names[3]}/index.md"
    edited_site_page = "people/index.md"
    (project.stories / deleted).unlink()
    _flip_one_letter(project.stories / edited_story_page)
    _flip_one_letter(project.stories / edited_site_page)
    strays = {"notes-by-hand.md": b"# My notes\n", f"{project.names[4]}/stray.md": b"stray\n",
              f"{project.names[5]}/stray.txt": b"in a story that will go\n"}
    for path, data in strays.items():
        (project.stories / path).write_bytes(data)
    _build(project)
    _assert_ground_truth(project, "after hand damage", strays=tuple(strays))
    shutil.rmtree(project.story(5))
    _build(project)
    _assert_ground_truth(project, "after the story holding a stray went", strays=tuple(strays))
    # Documented: files the generator did not write are left where they are, even in a story folder that went.
    assert {path: (project.stories / path).read_bytes() for path in strays} == strays


@pytest.mark.parametrize("page", ["story page", "site-wide page"])
def test_an_edit_that_keeps_size_and_mtime_is_repaired(project: Project, page: str) -> None:
    path = project.stories / (f"{project.names[3]}/index.md" if page == "story page" else "people/index.md")
    status = path.stat()
    _flip_one_letter(path)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    _build(project)
    _assert_ground_truth(project, "after an edit keeping size and mtime")


def test_a_story_written_by_an_uncached_run_then_deleted_is_removed(project: Project) -> None:
    _add_story(project)
    _invoke(["build", "--seeds", "seeds", "--pages-only", "--no-cache", "--jobs", "1", "--quiet"])
    assert (project.stories / "zz-harbour" / "index.md").is_file()
    shutil.rmtree(project.seeds / "zz-harbour")
    _build(project)
    _assert_ground_truth(project, "after the story went")


def test_after_a_full_build_pages_only_writes_only_what_changed(project: Project) -> None:
    """The manifest a full build records (of the staged folder, swapped in by renames) holds after the swap."""
    _invoke(["build", "--seeds", "seeds", "--cache-dir", str(project.cache), "--jobs", "1", "--quiet"])
    assert "Wrote 0 files and deleted 0" in _build(project).output
    _delete_story(project)
    result = _build(project)
    assert "Wrote 0 files" not in result.output and "the others were unchanged" in result.output
    _assert_ground_truth(project, "pages-only after a full build")


def test_a_failed_full_build_does_not_leave_a_removed_story_behind(project: Project) -> None:
    shutil.rmtree(project.story(3))
    (project.docs / "broken.md").write_text("# Broken\n\n[a page that is not there](nowhere.md)\n",
                                            encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--seeds", "seeds", "--cache-dir", str(project.cache),
                                      "--jobs", "1", "--quiet"])
    assert result.exit_code == 1 and "nowhere.md" in result.output, result.output
    assert (project.stories / project.names[3] / "index.md").is_file(), "a failed build changes no page"
    (project.docs / "broken.md").unlink()
    _build(project)
    _assert_ground_truth(project, "pages-only after a failed full build")


# -- damage to the cache ----------------------------------------------------------------------------

def _namespace(project: Project) -> Path:
    (found,) = [path for path in project.cache.iterdir() if path.name != "manifests"]
    return found


def _entries(project: Project, kind: str) -> list[Path]:
    found = sorted(_namespace(project).glob(f"{kind}-*.pickle"))
    assert found, kind
    return found


GARBAGE = bytes(range(256)) * 3


def _garble(paths: list[Path]) -> None:
    for path in paths:
        path.write_bytes(GARBAGE)


def _truncate(paths: list[Path]) -> None:
    for path in paths:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


CACHE_DAMAGE: dict[str, Callable[[Project], None]] = {
    "manifest deleted": lambda p: p.manifest.unlink(),
    "manifest truncated": lambda p: _truncate([p.manifest]),
    "manifest garbled": lambda p: _garble([p.manifest]),
    "manifest of another format": lambda p: p.manifest.write_bytes(
        pickle.dumps((MANIFEST_FORMAT + 1, pickle.loads(p.manifest.read_bytes())[1]))),
    "pages entries deleted": lambda p: [path.unlink() for path in _entries(p, "pages")[::2]],
    "index entries deleted": lambda p: [path.unlink() for path in _entries(p, "index")[::2]],
    "outline entries deleted": lambda p: [path.unlink() for path in _entries(p, "outline")[::2]],
    "judged entries deleted": lambda p: [path.unlink() for path in _entries(p, "judged")[::2]],
    "pages entries garbled": lambda p: _garble(_entries(p, "pages")),
    "index entries truncated": lambda p: _truncate(_entries(p, "index")),
    "outline and judged entries garbled": lambda p: _garble(_entries(p, "outline") + _entries(p, "judged")),
    "every entry and the memo garbled": lambda p: _garble(sorted(_namespace(p).glob("*.pickle"))),
    "pages entries of another story": lambda p: [shutil.copyfile(_entries(p, "pages")[0], path)
                                                 for path in _entries(p, "pages")[1:]],
    "whole cache deleted": lambda p: shutil.rmtree(p.cache),
}


@pytest.fixture(scope="module")
def edited_truth(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The uncached pages after :func:`_edit_for_damage` (the same for every project made alike)."""
    made = _make_project(tmp_path_factory.mktemp("truth"))
    _edit_for_damage(made)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(made.root)
        patch.delenv("VERBATIM_REPOSITORY", raising=False)
        return _reference(made)


def _edit_for_damage(project: Project) -> None:
    """Story 1 changes (a quote, a version gone: pages written and deleted); the others stay."""
    _quote_in_story(project)
    (project.story(1) / "syndicated-4.txt").unlink()


@pytest.mark.parametrize("damage", list(CACHE_DAMAGE))
def test_cache_damage_never_changes_the_pages(project: Project, damage: str,
                                              edited_truth: dict[str, bytes]) -> None:
    CACHE_DAMAGE[damage](project)
    _edit_for_damage(project)
    # A page of an unchanged story gone too: that story's pages must be read back (or rendered again).
    (project.stories / project.names[2] / "index.md").unlink()
    _build(project)
    _assert_same(_tree(project.stories), edited_truth, damage)
    result = _build(project)
    assert "Wrote 0 files and deleted 0" in result.output, "the cache and the manifest were repaired"


# -- killed in the middle of an update --------------------------------------------------------------

KILLER = '''
import os
import signal
import sys

import generator.site.manifest as manifest
import generator.site.write_changes as write_changes
from generator.cli import cli

where, at, args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
calls = 0


def killing(function):
    def wrapped(*arguments, **keywords):
        global calls
        calls += 1
        if calls == at:
            os.kill(os.getpid(), signal.SIGKILL)
        return function(*arguments, **keywords)
    return wrapped


class OsKillingOnReplace:
    """os for write_changes only, its replace killing the process at the at-th call."""

    replace = staticmethod(killing(os.replace))

    def __getattr__(self, name):
        return getattr(os, name)


if where == "replace":
    write_changes.os = OsKillingOnReplace()
elif where == "write_manifest":
    manifest.write_manifest = killing(manifest.write_manifest)
else:
    setattr(write_changes, where, killing(getattr(write_changes, where)))
cli.main(args=args, prog_name="verbatim")
'''

# (function wrapped, its call that kills, what docs/stories holds right after)
KILL_POINTS = {
    "preparing the stage (the journal's rename)": ("replace", 1, "old"),
    "after the first page of the commit": ("replace", 3, "mix"),
    "half-way through the commit": ("replace", 9, "mix"),
    "after the pages, removing emptied folders": ("_remove_if_empty", 1, "new"),
    "committed, before the stage is removed": ("_remove_stage", 1, "new"),
    "writing the interim manifest": ("write_manifest", 1, "old"),
    "writing the final manifest": ("write_manifest", 2, "new"),
}


def _build_killed(project: Project, tmp_path: Path, where: str, at: int) -> None:
    """The incremental build in a process that kills itself (SIGKILL) at the ``at``-th call of ``where``."""
    killer = tmp_path / "killer.py"
    killer.write_text(KILLER, encoding="utf-8")
    process = subprocess.run(
        [sys.executable, str(killer), where, str(at), "build", "--seeds", "seeds", "--pages-only",
         "--cache-dir", str(project.cache), "--jobs", "1", "--quiet"],
        check=False, cwd=project.root, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        text=True, timeout=KILL_TIMEOUT)
    assert process.returncode == -signal.SIGKILL, f"never reached the kill point: {process.stderr}"


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_update_leaves_old_or_recoverable_pages(project: Project, point: str, tmp_path: Path,
                                                          edited_truth: dict[str, bytes]) -> None:
    where, at, state = KILL_POINTS[point]
    old = _tree(project.stories)
    _edit_for_damage(project)
    _build_killed(project, tmp_path, where, at)
    killed = _tree(project.stories)
    if state == "old":
        _assert_same(killed, old, f"killed {point}")
    elif state == "new":
        _assert_same(killed, edited_truth, f"killed {point}")
    else:
        assert set(killed) <= set(old) | set(edited_truth)
        for path, data in killed.items():
            assert data in (old.get(path), edited_truth.get(path)), f"{path} is neither old nor new"
        assert killed != old and killed != edited_truth, "not a mix: the kill point is not where it should be"
    _build(project)
    _assert_same(_tree(project.stories), edited_truth, f"the run after a kill {point}")
    assert not [entry.name for entry in project.docs.iterdir() if entry.name.startswith(STAGE_PREFIX)]
    result = _build(project)
    assert "Wrote 0 files and deleted 0" in result.output


def test_recovery_alone_puts_the_old_pages_back(project: Project, tmp_path: Path) -> None:
    old = _tree(project.stories)
    _edit_for_damage(project)
    _build_killed(project, tmp_path, "replace", 5)
    assert _tree(project.stories) != old
    recover_interrupted(project.docs)
    _assert_same(_tree(project.stories), old, "after recovery")
    assert not [entry.name for entry in project.docs.iterdir() if entry.name.startswith(STAGE_PREFIX)]


# -- a story that fails to render -------------------------------------------------------------------

def _failing_for(monkeypatch: pytest.MonkeyPatch, story_id: str) -> None:
    real = pages_module.render_story_pages

    def render_story_pages(story: Story, site: object) -> dict[str, str]:
        if story.id == story_id:
            raise RuntimeError("rendering bug")
        return real(story, site)  # type: ignore[arg-type]

    monkeypatch.setattr(pages_module, "render_story_pages", render_story_pages)


@pytest.mark.parametrize("failing", ["an ordinary story", "a story whose slug another would take"])
@pytest.mark.parametrize("cached", [False, True], ids=["no cache", "cold cache"])
def test_a_story_that_fails_to_render_is_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  failing: str, cached: bool) -> None:
    made = _make_project(tmp_path)
    if failing == "an ordinary story":
        story_id = made.names[1]
    else:
        _add_clashing_story(made)
        story_id = _clashing_name(made)
    repository = Repository("https://github.com/example-org/verbatim")
    corpus = run_folder(made.seeds)
    _failing_for(monkeypatch, story_id)
    run = RunOptions(jobs=1, cache_dir=tmp_path / "cache" if cached else None)
    rendered = render_seeds(made.seeds, run, repository)

    assert story_id not in {story.story_id for story in rendered.stories}
    assert len(rendered.stories) == len(corpus.stories) - 1
    (found,) = [found for found in rendered.problems if "rendering bug" in found.message]
    assert found.path == f"seeds/{story_id}" and f"while rendering story {story_id!r}" in found.message
    without = replace(corpus, stories=tuple(story for story in corpus.stories if story.id != story_id))
    pages = rendered.all_pages()
    assert pages == render_site(without, repository)
    if failing == "a story whose slug another would take":
        assert f"stories/{made.names[0]}/index.md" in pages  # story 0 keeps its own slug
    site_wide = "".join(text for path, text in rendered.site_pages.items())
    assert story_id not in site_wide


def test_the_rendering_problem_says_the_story_was_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _make_project(tmp_path)
    _failing_for(monkeypatch, made.names[1])
    rendered = render_seeds(made.seeds, RunOptions(jobs=1), None)
    (line,) = [problem_line(found) for found in rendered.problems if "rendering bug" in found.message]
    # What happened and what it cost come first, so a long exception text cannot cut them off;
    # the problem's path names the story folder, and the message how many files it holds.
    assert line.startswith(f"error: seeds/{made.names[1]}: internal error while rendering story")
    assert f"left out of the site; {REPORT_BUGS}" in line
    files = sorted(made.story(1).glob("*.txt"))
    assert line.endswith(f"; {len(files)} files)"), line


def test_a_story_that_starts_failing_is_removed_from_the_pages(project: Project,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    failing = project.names[1]
    real = pages_module.render_story_pages
    _quote_in_story(project)  # its rendered entry is not cached: it is rendered, and fails
    _failing_for(monkeypatch, failing)
    repository = read_repository(project.root / "mkdocs.yml")
    rendered = render_seeds(project.seeds, RunOptions(jobs=1, cache_dir=project.cache), repository)
    before = _stat_tree(project.stories)
    update_pages(project.docs, rendered, project.manifest)
    after = _stat_tree(project.stories)
    assert not (project.stories / failing).exists()
    for name in project.names:
        if name != failing:
            own = [path for path in before if path.startswith(f"{name}/")]
            assert own and all(after[path] == before[path] for path in own), name
    assert project.names[1] not in "".join(text.decode("utf-8") for path, (_, _, text) in after.items()
                                           if "/" not in path or path.startswith("people/"))
    monkeypatch.setattr(pages_module, "render_story_pages", real)
    _build(project)
    _assert_ground_truth(project, "once the story renders again")


# -- determinism ------------------------------------------------------------------------------------

def test_cached_parallel_and_plain_rendering_agree(tmp_path: Path) -> None:
    made = _make_project(tmp_path)
    repository = Repository("https://github.com/example-org/verbatim")
    corpus = run_folder(made.seeds)
    finding = next(story for story in corpus.stories if story.id == made.names[1]).findings[0].id
    (made.story(1) / "corrections.yml").write_text(textwrap.dedent(f"""\
        verdicts:
          - finding: {finding}
            verdict: acceptable-paraphrase
            note: "Same meaning."
            sources:
              - url: https://example.org/original
            reviewer: test-reviewer
            date: 2026-01-02
        """), encoding="utf-8")
    expected = render_site(run_folder(made.seeds), repository)
    assert expected != render_site(corpus, repository), "the verdict shows on the pages"
    runs = {
        "no cache": RunOptions(jobs=1),
        "cold cache": RunOptions(jobs=1, cache_dir=tmp_path / "one"),
        "warm cache": RunOptions(jobs=1, cache_dir=tmp_path / "one"),
        "two jobs, cold cache": RunOptions(jobs=2, cache_dir=tmp_path / "two"),
        "two jobs, warm cache": RunOptions(jobs=2, cache_dir=tmp_path / "two"),
        "two jobs, no cache": RunOptions(jobs=2),
    }
    for name, run in runs.items():
        assert render_seeds(made.seeds, run, repository).all_pages() == expected, name
