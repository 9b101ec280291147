"""apply_changes / recover_interrupted: in-place updates of docs/stories, refusals, kill safety."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.site.write import MARKER_NAME, WriteError, write_generated
from generator.site.write_changes import STAGE_PREFIX, apply_changes, recover_interrupted

ROOT = Path(__file__).resolve().parents[2]

BASE_PAGES = {
    "stories/index.md": "home\n",
    "stories/alpha/index.md": "alpha\n",
    "stories/alpha/quotes/q1.md": "q1\n",
    "stories/alpha/quotes/q2.md": "q2\n",
    "stories/beta/deep/only.md": "only\n",
    "stories/gamma/keep.md": "keep\n",
}

WRITES = {
    "stories/index.md": "home v2\n",
    "stories/alpha/quotes/q1.md": "q1 v2 \u201ccurly\u201d\n",
    "stories/delta/new/page.md": "brand new\n",
    "stories/empty-shelf/filled.md": "filled\n",
}

DELETIONS = ["stories/alpha/quotes/q2.md", "stories/beta/deep/only.md", "stories/never/was.md"]

Snapshot = tuple[dict[str, bytes | str], frozenset[str]]
"""Every file's bytes (a symbolic link's target instead) and every folder, relative to the root."""


def snapshot(root: Path) -> Snapshot:
    files: dict[str, bytes | str] = {}
    folders: set[str] = set()
    for current, dir_names, file_names in os.walk(root):
        here = Path(current)
        for name in dir_names + file_names:
            path = here / name
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                files[key] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                folders.add(key)
            else:
                files[key] = path.read_bytes()
    return files, frozenset(folders)


def make_docs(root: Path) -> Path:
    """A docs folder with a hand-written page, generated pages and an empty generated folder."""
    docs = root / "docs"
    write_generated(BASE_PAGES, docs)
    (docs / "index.md").write_text("hand-written home\n", encoding="utf-8")
    (docs / "stories" / "empty-shelf").mkdir()
    return docs


def stages(docs: Path) -> list[Path]:
    return sorted(path for path in docs.iterdir() if path.name.startswith(STAGE_PREFIX))


def test_writes_and_deletions_are_applied_in_place(tmp_path: Path) -> None:
    docs = make_docs(tmp_path)
    stories = docs / "stories"
    untouched = stories / "gamma" / "keep.md"
    untouched_before = os.stat(untouched)
    alpha_index_before = os.stat(stories / "alpha" / "index.md")

    apply_changes(docs, WRITES, DELETIONS)

    files, folders = snapshot(docs)
    assert files == {
        "index.md": b"hand-written home\n",
        f"stories/{MARKER_NAME}": (stories / MARKER_NAME).read_bytes(),
        "stories/index.md": b"home v2\n",
        "stories/alpha/index.md": b"alpha\n",
        "stories/alpha/quotes/q1.md": "q1 v2 \u201ccurly\u201d\n".encode(),
        "stories/delta/new/page.md": b"brand new\n",
        "stories/empty-shelf/filled.md": b"filled\n",
        "stories/gamma/keep.md": b"keep\n",
    }
    # beta/deep and beta were emptied by the deletion and are gone; never/ was not made.
    assert folders == {
        "stories",
        "stories/alpha",
        "stories/alpha/quotes",
        "stories/delta",
        "stories/delta/new",
        "stories/empty-shelf",
        "stories/gamma",
    }
    for path, before in ((untouched, untouched_before), (stories / "alpha" / "index.md", alpha_index_before)):
        after = os.stat(path)
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert stages(docs) == []


def test_rewritten_page_gets_new_content_and_lf_endings(tmp_path: Path) -> None:
    docs = make_docs(tmp_path)
    apply_changes(docs, {"stories/index.md": "line one\nline two\n"}, [])
    assert (docs / "stories" / "index.md").read_bytes() == b"line one\nline two\n"


def test_missing_stories_folder_is_created_with_marker(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    apply_changes(docs, {"stories/index.md": "first\n", "stories/a/b.md": "b\n"}, ["stories/old.md"])
    files, folders = snapshot(docs)
    assert set(files) == {f"stories/{MARKER_NAME}", "stories/index.md", "stories/a/b.md"}
    assert files["stories/a/b.md"] == b"b\n"
    assert folders == {"stories", "stories/a"}


def test_empty_change_set_changes_nothing(tmp_path: Path) -> None:
    docs = make_docs(tmp_path)
    before = snapshot(docs)
    apply_changes(docs, {}, [])
    assert snapshot(docs) == before


UNSAFE_CASES = {
    "absolute": ({"/stories/x.md": "x"}, []),
    "dotdot": ({"stories/../x.md": "x"}, []),
    "dotdot-in-deletion": ({}, ["stories/alpha/../../index.md"]),
    "backslash": ({"stories\\x.md": "x"}, []),
    "nul": ({"stories/x\x00.md": "x"}, []),
    "outside-stories": ({"index.md": "x"}, []),
    "outside-stories-deletion": ({}, ["index.md"]),
    "hidden-part": ({"stories/.hidden/x.md": "x"}, []),
    "marker-deletion": ({}, [f"stories/{MARKER_NAME}"]),
    "empty-part": ({"stories//x.md": "x"}, []),
    "written-and-deleted": ({"stories/gamma/keep.md": "x"}, ["stories/gamma/keep.md"]),
    "page-and-folder-of-page": ({"stories/zeta": "x", "stories/zeta/x.md": "y"}, []),
    "target-is-folder": ({"stories/alpha": "x"}, []),
    "deletion-is-folder": ({}, ["stories/alpha/quotes"]),
    "target-is-symlink": ({"stories/gamma/alias.md": "x"}, []),
    "parent-is-file": ({"stories/gamma/keep.md/x.md": "x"}, []),
    "parent-is-symlink": ({"stories/link/x.md": "x"}, []),
    "deletion-through-symlink": ({}, ["stories/link/victim.md"]),
}


@pytest.mark.parametrize(("writes", "deletions"), list(UNSAFE_CASES.values()), ids=list(UNSAFE_CASES))
def test_unsafe_changes_are_refused_and_nothing_changes(
    tmp_path: Path, writes: dict[str, str], deletions: list[str]
) -> None:
    docs = make_docs(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.md").write_text("not ours\n", encoding="utf-8")
    (docs / "stories" / "link").symlink_to(outside, target_is_directory=True)
    (docs / "stories" / "gamma" / "alias.md").symlink_to("keep.md")
    before = snapshot(tmp_path)

    with pytest.raises(WriteError):
        # A valid write alongside proves that nothing at all is applied.
        apply_changes(docs, {**writes, "stories/index.md": "CHANGED\n"}, deletions)

    assert snapshot(tmp_path) == before


def test_hand_written_stories_folder_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "stories").mkdir(parents=True)
    (docs / "stories" / "mine.md").write_text("hand-written\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(WriteError, match="marker"):
        apply_changes(docs, {"stories/new.md": "x"}, ["stories/mine.md"])
    assert snapshot(tmp_path) == before


def test_stories_symlink_is_refused(tmp_path: Path) -> None:
    real = make_docs(tmp_path / "real")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "stories").symlink_to(real / "stories", target_is_directory=True)
    before = snapshot(tmp_path)
    with pytest.raises(WriteError, match="not a folder"):
        apply_changes(docs, {"stories/index.md": "x"}, [])
    assert snapshot(tmp_path) == before


def test_text_that_cannot_be_encoded_fails_before_anything_changes(tmp_path: Path) -> None:
    docs = make_docs(tmp_path)
    before = snapshot(docs)
    with pytest.raises(WriteError, match="cannot prepare"):
        apply_changes(docs, {"stories/index.md": "fine\n", "stories/z.md": "lone \ud800 surrogate"}, [])
    assert snapshot(docs) == before


# --- kill safety, with a real SIGKILL in a child process -------------------------------------

KILLING_CHILD = r"""
import json, os, signal, sys, traceback
from pathlib import Path
from generator.site.write_changes import apply_changes, recover_interrupted

batch = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))


def run(job):
    log = open(job["log"], "w", encoding="utf-8")
    calls = 0

    def killing(name, real):
        def wrapper(*args, **kwargs):
            nonlocal calls
            calls += 1
            shown = [os.fspath(arg) if isinstance(arg, (str, os.PathLike)) else repr(arg) for arg in args]
            log.write(json.dumps([name, *shown]) + "\n")
            log.flush()
            if calls == job["kill_at"]:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return wrapper

    # Every call that changes the file system, so the kill lands before each step in turn.
    for name in ("replace", "unlink", "rmdir", "mkdir", "link"):
        setattr(os, name, killing(name, getattr(os, name)))
    if job["action"] == "apply":
        apply_changes(Path(job["docs"]), batch["writes"], batch["deletions"])
    else:
        recover_interrupted(Path(job["docs"]))


# One import, then a fork per job: each job is a process of its own, killed for real.
exit_codes = []
for job in batch["jobs"]:
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            run(job)
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    exit_codes.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
print(json.dumps(exit_codes))
"""

Calls = list[list[str]]
"""The file-system calls a job made, in order: the function's name, then its arguments."""


@dataclass(frozen=True)
class Job:
    """One run of apply_changes (WRITES, DELETIONS) or recover_interrupted in a process of its own."""

    action: str
    """``apply`` or ``recover``."""

    docs: Path
    """The docs folder it works on."""

    kill_at: int
    """The process SIGKILLs itself just before this file-system call (1-based); 0: never."""

    log: Path
    """Where it records its file-system calls."""


@dataclass(frozen=True)
class Outcome:
    """How a job ended."""

    exit_code: int
    """0, or minus the signal that ended it."""

    calls: Calls
    """The file-system calls it made (the last one was not carried out when killed)."""


def run_jobs(jobs: list[Job], work: Path) -> list[Outcome]:
    """Run ``jobs`` in order, each in a process forked from one child interpreter."""
    batch = work / "batch.json"
    document = {
        "writes": WRITES,
        "deletions": DELETIONS,
        "jobs": [
            {"action": job.action, "docs": str(job.docs), "kill_at": job.kill_at, "log": str(job.log)}
            for job in jobs
        ],
    }
    batch.write_text(json.dumps(document), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", KILLING_CHILD, str(batch)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    exit_codes = json.loads(result.stdout)
    return [
        Outcome(exit_code, [json.loads(line) for line in job.log.read_text(encoding="utf-8").splitlines()])
        for job, exit_code in zip(jobs, exit_codes, strict=True)
    ]


def call_index(calls: Calls, matches: Callable[[list[str]], bool]) -> int:
    """1-based index of the only call that ``matches``."""
    found = [number for number, call in enumerate(calls, start=1) if matches(call)]
    assert len(found) == 1, found
    return found[0]


def first_index(calls: Calls, matches: Callable[[list[str]], bool]) -> int:
    """1-based index of the first call that ``matches``."""
    return next(number for number, call in enumerate(calls, start=1) if matches(call))


def journal_written(call: list[str]) -> bool:
    return call[0] == "replace" and call[2].endswith("/journal.json")


def journal_removed(call: list[str]) -> bool:
    return call[0] == "unlink" and call[1].endswith("/journal.json")


def renamed_into_stories(call: list[str]) -> bool:
    return call[0] == "replace" and "/docs/stories/" in call[2]


@dataclass(frozen=True)
class ReferenceRun:
    """An uninterrupted apply_changes of WRITES and DELETIONS in a child."""

    before: Snapshot
    """The docs folder before."""

    after: Snapshot
    """The docs folder after."""

    calls: Calls
    """Every file-system call it made."""


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory: pytest.TempPathFactory) -> ReferenceRun:
    work = tmp_path_factory.mktemp("reference")
    docs = make_docs(work)
    before = snapshot(docs)
    (outcome,) = run_jobs([Job("apply", docs, 0, work / "calls.log")], work)
    assert outcome.exit_code == 0
    return ReferenceRun(before, snapshot(docs), outcome.calls)


def stories_of(tree: Snapshot) -> Snapshot:
    files, folders = tree
    return (
        {key: value for key, value in files.items() if key.startswith("stories/")},
        frozenset(folder for folder in folders if folder == "stories" or folder.startswith("stories/")),
    )


def test_a_kill_at_any_step_is_rolled_back_to_the_previous_pages(
    tmp_path: Path, reference_run: ReferenceRun
) -> None:
    calls = reference_run.calls
    assert reference_run.after != reference_run.before
    journal_at = call_index(calls, journal_written)
    committed_at = call_index(calls, journal_removed)
    # The commit's own steps are among the kill points: renames into stories/, deletions, folders.
    assert {call[0] for call in calls[journal_at : committed_at - 1]} >= {"replace", "unlink", "rmdir", "mkdir"}
    assert 0 < journal_at < committed_at < len(calls)

    jobs = []
    for kill_at in range(1, len(calls) + 1):
        work = tmp_path / f"kill-{kill_at}"
        jobs.append(Job("apply", make_docs(work), kill_at, work / "calls.log"))
    for job, outcome in zip(jobs, run_jobs(jobs, tmp_path), strict=True):
        assert outcome.exit_code == -signal.SIGKILL, job.kill_at
        assert len(outcome.calls) == job.kill_at
        if job.kill_at <= journal_at:
            # No journal yet: nothing a reader sees has changed, even before recovery.
            assert stories_of(snapshot(job.docs)) == stories_of(reference_run.before), job.kill_at

        recover_interrupted(job.docs)

        # Killed before the journal is removed: rolled back; after it: the commit is complete.
        expected = reference_run.before if job.kill_at <= committed_at else reference_run.after
        assert snapshot(job.docs) == expected, (job.kill_at, outcome.calls[-1])
        assert stages(job.docs) == [], job.kill_at


def kill_mid_commit(work: Path, reference_run: ReferenceRun) -> Path:
    """A docs folder whose update was killed right after its first rename into stories/."""
    kill_at = first_index(reference_run.calls, renamed_into_stories) + 1
    docs = make_docs(work)
    (outcome,) = run_jobs([Job("apply", docs, kill_at, work / "calls.log")], work)
    assert outcome.exit_code == -signal.SIGKILL
    assert snapshot(docs) not in (reference_run.before, reference_run.after)  # a real mix is on disk
    return docs


def test_stage_of_a_live_process_is_left_alone(tmp_path: Path, reference_run: ReferenceRun) -> None:
    docs = kill_mid_commit(tmp_path, reference_run)
    (stage,) = stages(docs)
    owner = stage / "owner.json"
    dead_owner = owner.read_text(encoding="utf-8")
    owner.write_text(json.dumps({"pid": os.getpid()}), encoding="utf-8")
    mixed = snapshot(docs)

    recover_interrupted(docs)
    assert snapshot(docs) == mixed
    assert stages(docs) == [stage]

    owner.write_text(dead_owner, encoding="utf-8")
    recover_interrupted(docs)
    assert snapshot(docs) == reference_run.before


@pytest.mark.parametrize("owner_text", [None, "", "{not json", '{"pid": "x"}', '{"pid": 0}'])
def test_stage_without_a_readable_owner_is_left_alone(tmp_path: Path, owner_text: str | None) -> None:
    docs = make_docs(tmp_path)
    stage = docs / f"{STAGE_PREFIX}someone"
    stage.mkdir()
    (stage / "journal.json").write_text("{}", encoding="utf-8")
    if owner_text is not None:
        (stage / "owner.json").write_text(owner_text, encoding="utf-8")
    stage_before = snapshot(stage)
    recover_interrupted(docs)
    apply_changes(docs, {"stories/gamma/keep.md": "still works\n"}, [])
    assert stages(docs) == [stage]
    assert snapshot(stage) == stage_before
    assert (docs / "stories" / "gamma" / "keep.md").read_text(encoding="utf-8") == "still works\n"


def test_ownerless_stage_named_for_a_dead_process_is_removed_unless_journaled(tmp_path: Path) -> None:
    docs = make_docs(tmp_path)
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    dead_pid = int(child.stdout)
    half_made = docs / f"{STAGE_PREFIX}{dead_pid}-abc"
    (half_made / "new").mkdir(parents=True)
    journaled = docs / f"{STAGE_PREFIX}{dead_pid}-def"
    journaled.mkdir()
    (journaled / "journal.json").write_text("{}", encoding="utf-8")

    recover_interrupted(docs)

    assert stages(docs) == [journaled]


def test_stale_stage_does_not_undo_a_full_rewrite(tmp_path: Path, reference_run: ReferenceRun) -> None:
    docs = kill_mid_commit(tmp_path, reference_run)
    write_generated({"stories/index.md": "rebuilt\n", "stories/alpha/index.md": "alpha rebuilt\n"}, docs)
    rebuilt = snapshot(docs / "stories")

    recover_interrupted(docs)

    assert snapshot(docs / "stories") == rebuilt
    assert stages(docs) == []


def test_apply_changes_recovers_first(tmp_path: Path, reference_run: ReferenceRun) -> None:
    docs = kill_mid_commit(tmp_path, reference_run)
    apply_changes(docs, {"stories/gamma/keep.md": "after recovery\n"}, [])
    files, folders = snapshot(docs)
    before_files, before_folders = reference_run.before
    assert files == {**before_files, "stories/gamma/keep.md": b"after recovery\n"}
    assert folders == before_folders


def test_a_killed_recovery_is_finished_by_the_next_one(tmp_path: Path, reference_run: ReferenceRun) -> None:
    mid_commit = first_index(reference_run.calls, renamed_into_stories) + 1
    probe = tmp_path / "probe"
    probe_docs = make_docs(probe)
    _, recovery = run_jobs(
        [Job("apply", probe_docs, mid_commit, probe / "apply.log"), Job("recover", probe_docs, 0, probe / "recover.log")],
        probe,
    )
    assert recovery.exit_code == 0
    assert snapshot(probe_docs) == reference_run.before
    assert any(renamed_into_stories(call) for call in recovery.calls)

    jobs = []
    for kill_at in range(1, len(recovery.calls) + 1):
        work = tmp_path / f"kill-{kill_at}"
        docs = make_docs(work)
        jobs += [Job("apply", docs, mid_commit, work / "apply.log"), Job("recover", docs, kill_at, work / "recover.log")]
    outcomes = run_jobs(jobs, tmp_path)
    for job, outcome in zip(jobs, outcomes, strict=True):
        assert outcome.exit_code == -signal.SIGKILL, job
        if job.action == "recover":
            recover_interrupted(job.docs)
            assert snapshot(job.docs) == reference_run.before, job.kill_at
            assert stages(job.docs) == [], job.kill_at


# --- an OSError in the middle of the commit ---------------------------------------------------

FAILURES = {
    "rename-of-last-write": ("replace", 1, "stories/index.md"),
    "folder-for-new-page": ("mkdir", 0, "stories/delta/new"),
    "deletion": ("unlink", 0, "stories/beta/deep/only.md"),
    "emptied-folder": ("rmdir", 0, "stories/beta"),
}


@pytest.mark.parametrize(("function", "argument", "target"), list(FAILURES.values()), ids=list(FAILURES))
def test_os_error_during_commit_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, function: str, argument: int, target: str
) -> None:
    docs = make_docs(tmp_path)
    before = snapshot(docs)
    failing_path = os.fspath(docs / target)
    real = getattr(os, function)
    failed: list[str] = []

    def failing(*args: object, **kwargs: object) -> object:
        # Fails once, like a transient error: the rollback that follows must succeed.
        if not failed and os.fspath(args[argument]) == failing_path:  # type: ignore[arg-type]
            failed.append(failing_path)
            raise OSError(errno.EIO, "injected failure")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, function, failing)
    with pytest.raises(WriteError) as raised:
        apply_changes(docs, WRITES, DELETIONS)
    monkeypatch.undo()

    assert failed == [failing_path]
    assert failing_path in str(raised.value)
    assert "injected failure" in str(raised.value)
    assert snapshot(docs) == before
    assert stages(docs) == []
