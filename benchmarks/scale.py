"""The scale benchmark: ``report`` and ``build`` over growing synthetic corpora.

    python -m benchmarks.scale                       # defaults sized for a 2-core machine
    python -m benchmarks.scale --stories 250,500 --build-stories 50 --jobs 2
    python -m benchmarks.scale --stories 0 --build-stories 0   # only loose files, engines, JSON Lines

For each size it writes a synthetic corpus (:mod:`benchmarks.synth`, not
timed), runs the real command line in a fresh process (``report`` with no
cache, then with a warm cache after one story is edited; ``build``), and
prints one table per command: wall time, versions per second, time per stage,
peak memory of the main process and of the busiest worker, and precision and
recall of the findings against the ground truth, scored by
:func:`generator.evaluate.score_case`.  The cost per version of each size
relative to the smallest shows whether the cost is linear.

Then, side by side in the same run: ``report`` over the synthetic corpus
flattened into loose files (:func:`loose_benchmark`: stories found against
the true ones, and how the time grows when the files double), the local
pool against a Dask ``LocalCluster`` of as many worker processes
(:func:`engine_benchmark`, outputs compared byte for byte), and the JSON
document against the JSON Lines stream (:func:`stream_benchmark`: memory of
the main process).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.evaluate import Annotation, CaseAnnotations, EvaluationResult, combine, score_case
from generator.model import Corpus, Finding

from . import synth

ROOT = Path(__file__).resolve().parent.parent
"""The repository (its mkdocs.yml is what ``build`` builds)."""

DEFAULT_STORIES = (250, 500, 1000, 2000)
"""Report sizes, in stories of ``--versions`` versions each."""

DEFAULT_BUILD_STORIES = (100, 200)
"""Build sizes (MkDocs takes most of a build; ``--build-stories 250,500,1000`` for the big run)."""


# -- accuracy ------------------------------------------------------------------------------------------

def findings_of_corpus(corpus: Corpus) -> dict[str, tuple[Finding, ...]]:
    """Story id -> its findings."""
    return {story.id: story.findings for story in corpus.stories}


def findings_of_report(report: Mapping) -> dict[str, tuple[Finding, ...]]:
    """Story id -> its findings, read back from the JSON report."""
    return {story["id"]: tuple(Finding(f["id"], f["kind"], f["severity"], f["version"], f["speaker"],
                                       f["reference_version"], f["reference_text"], f["version_text"],
                                       f["explanation"]) for f in story["findings"])
            for story in report["stories"]}


def accuracy(found: Corpus | Mapping[str, Sequence[Finding]], truth_path: Path) -> EvaluationResult:
    """Findings scored against the ground truth, one evaluation case per story."""
    by_story = findings_of_corpus(found) if isinstance(found, Corpus) else found
    annotations = json.loads(truth_path.read_text(encoding="utf-8"))["annotations"]

    def entries(items: Iterable[dict]) -> tuple[Annotation, ...]:
        return tuple(Annotation(item["version"], item["kind"], item["text"]) for item in items)

    return combine(score_case(CaseAnnotations(story, tuple(a["evaluates"]), entries(a["expect"]),
                                              entries(a["forbid"]), a["notes"]), by_story.get(story, ()))
                   for story, a in sorted(annotations.items()))


# -- running the command line -------------------------------------------------------------------------

_PROBE = r"""
import json, resource, sys, time
import generator.cli as cli, generator.site.mkdocs as site, generator.runtime.parallel as parallel, generator.runtime.pages as pages
timings = {}
def timed(module, name, label):
    real = getattr(module, name)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            timings[label] = timings.get(label, 0.0) + time.perf_counter() - start
    setattr(module, name, wrapper)
timed(cli, "run_folder", "judge")
timed(cli, "to_json", "json")
timed(pages, "judge_units_of", "judge")
timed(cli, "render_seeds", "judge and render")
timed(cli, "update_pages", "write")
timed(cli, "publish", "write")
timed(site, "build_site", "mkdocs")
timed(parallel, "merge_corpora", "merge")
import generator.runtime.loose_files as loose_files
timed(loose_files, "group_stage", "group")
timed(cli, "_stream_report", "stream")
start = time.perf_counter()
try:
    cli.cli.main(sys.argv[2:], prog_name="verbatim", standalone_mode=False)
finally:
    timings["total"] = time.perf_counter() - start
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the process that started us.
    try:
        own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    me = resource.getrusage(resource.RUSAGE_SELF)
    cpu = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
    with open(sys.argv[1], "w") as out:
        json.dump({"timings": timings, "main_kb": own, "worker_kb": children.ru_maxrss, "cpu": cpu}, out)
"""


@dataclass(frozen=True)
class Measure:
    """One run of the command line."""

    timings: dict[str, float]
    """Seconds per stage (judge, json, "judge and render", write, mkdocs) and in total."""

    def render(self) -> float:
        """Seconds spent rendering pages (reading them from the cache included)."""
        return self.timings.get("judge and render", 0.0) - self.timings.get("judge", 0.0)
    main_mb: float
    """Peak resident memory of the main process, in MB (Linux: VmHWM)."""
    worker_mb: float
    """Peak resident memory of the busiest worker process (or MkDocs), in MB, pages shared
    with the main process at the fork included."""
    stdout: bytes
    """What the command printed."""
    wall: float
    """Seconds from starting the process to its end, interpreter start and imports included."""
    stderr: bytes
    """What the command printed on stderr."""
    cpu: float = 0.0
    """Processor seconds of the command and its worker processes (user and system): what the work cost,
    whatever else the machine was doing."""

    def files_written(self) -> int | None:
        """The files a ``build`` wrote, as it says on stderr."""
        found = re.search(rb"Wrote (\d+) files", self.stderr)
        return int(found.group(1)) if found else None


def run_cli(arguments: Sequence[str], cwd: Path = ROOT) -> Measure:
    """Run ``python -m generator <arguments>`` in a fresh process and measure it."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as probe:
        probe_path = Path(probe.name)
    try:
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                                                 os.environ.get("PYTHONPATH")]))}
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", _PROBE, str(probe_path), *arguments], cwd=cwd,
                                env=environment, capture_output=True, check=False)
        wall = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(arguments)} failed:\n{result.stderr.decode(errors='replace')[-2000:]}")
        data = json.loads(probe_path.read_text())
    finally:
        probe_path.unlink(missing_ok=True)
    return Measure(data["timings"], data["main_kb"] / 1024, data["worker_kb"] / 1024, result.stdout, wall,
                   result.stderr, data.get("cpu", 0.0))


# -- the benchmark -------------------------------------------------------------------------------------

def _edit_one_story(seeds: Path) -> None:
    """Change one version of the middle story, as an editor fixing a seed would: a word, or a new last
    sentence when the word is not there (so the edit always changes the story)."""
    stories = sorted(path for path in seeds.iterdir() if path.is_dir())
    version = sorted(stories[len(stories) // 2].glob("*.txt"))[-1]
    text = version.read_text(encoding="utf-8")
    edited = text.replace(" announced ", " said ", 1)
    if edited == text:
        edited = text.rstrip("\n") + "\n\nThe council did not reply to a request for comment.\n"
    version.write_text(edited, encoding="utf-8")


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    return "\n".join([_row(header), _row(["---"] * len(header)), *(_row(row) for row in rows)])


def report_benchmark(work: Path, sizes: Sequence[int], versions: int, seed: int, jobs: int) -> str:
    """Markdown tables of ``report`` over each size, cold and incremental."""
    rows, incremental = [], []
    base: float | None = None
    for stories in sizes:
        out = work / f"report-{stories}"
        seeds = synth.write_corpus(out, stories, versions, seed)
        cache = out / "cache"
        cold = run_cli(["report", "--seeds", str(seeds), "--jobs", str(jobs), "--cache-dir", str(cache), "--quiet"])
        count = stories * versions
        per_version = cold.timings["total"] / count
        base = base or per_version
        result = accuracy(findings_of_report(json.loads(cold.stdout)), out / synth.TRUTH_FILE)
        t = cold.timings
        rows.append([stories, count, f"{t['total']:.1f}", f"{count / t['total']:.0f}", f"{t['judge']:.1f}",
                     f"{t.get('merge', 0):.1f}", f"{t['json']:.1f}", f"{per_version / base:.2f}",
                     f"{cold.main_mb:.0f}", f"{cold.worker_mb:.0f}",
                     f"{result.overall.precision:.3f}", f"{result.overall.recall:.3f}"])
        _edit_one_story(seeds)
        warm = run_cli(["report", "--seeds", str(seeds), "--jobs", str(jobs), "--cache-dir", str(cache), "--quiet"])
        pages_out = out / "site"
        run_cli(["build", "--seeds", str(seeds), "--out", str(pages_out), "--pages-only", "--jobs", str(jobs),
                 "--cache-dir", str(cache), "--quiet"])
        _edit_one_story(seeds)
        pages = run_cli(["build", "--seeds", str(seeds), "--out", str(pages_out), "--pages-only", "--jobs",
                         str(jobs), "--cache-dir", str(cache), "--quiet"])
        incremental.append([stories, count, f"{warm.wall:.1f}", f"{warm.timings['judge']:.1f}",
                            f"{warm.timings['json']:.1f}", f"{pages.wall:.2f}",
                            f"{pages.timings['judge']:.2f}", f"{pages.render():.2f}",
                            f"{pages.timings['write']:.2f}", pages.files_written()])
        shutil.rmtree(out)
    return "\n\n".join([
        "report, cold (no cache entry):",
        _table(["stories", "versions", "total s", "versions/s", "judge s", "merge s", "JSON s", "cost/version vs first",
                "main MB", "worker MB", "precision", "recall"], rows),
        "after editing one story (warm cache):",
        _table(["stories", "versions", "report s", "judge s", "JSON s", "pages-only build s", "judge s",
                "render s", "write s", "files written"], incremental)])


def build_benchmark(work: Path, sizes: Sequence[int], versions: int, seed: int, jobs: int) -> str:
    """A Markdown table of ``build`` (pages and MkDocs) over each size."""
    rows = []
    base: float | None = None
    for stories in sizes:
        out = work / f"build-{stories}"
        seeds = synth.write_corpus(out, stories, versions, seed)
        measure = run_cli(["build", "--seeds", str(seeds), "--out", str(out / "site"), "--jobs", str(jobs),
                           "--no-cache", "--quiet"])
        files = [path for path in (out / "site" / "site").rglob("*") if path.is_file()]
        size_mb = sum(path.stat().st_size for path in files) / 1e6
        pages = sum(1 for path in files if path.suffix == ".html")
        t = measure.timings
        per_story = t["total"] / stories
        base = base or per_story
        rows.append([stories, pages, f"{size_mb:.0f}", f"{t['total']:.1f}", f"{t['judge']:.1f}", f"{measure.render():.1f}",
                     f"{t['mkdocs']:.1f}", f"{t['write'] - t['mkdocs']:.1f}", f"{per_story / base:.2f}",
                     f"{measure.main_mb:.0f}", f"{measure.worker_mb:.0f}"])
        shutil.rmtree(out)
    return "build (MkDocs included):\n\n" + _table(
        ["stories", "HTML pages", "site MB", "total s", "judge s", "render s", "mkdocs s", "write s",
         "cost/story vs first", "main MB", "worker MB"], rows)


# -- loose files, engines, the streamed report -----------------------------------------------------------

DEFAULT_LOOSE_FILES = (1000, 2000, 5000, 10000)
"""Sizes of the loose-files table, in files (stories of ``--versions`` versions, flattened)."""

DEFAULT_ENGINE_STORIES = 400
"""Stories of the local pool against LocalCluster table (each layout)."""

DEFAULT_JSONL_STORIES = 2000
"""Stories of the streamed report table (10,000 versions at 5 a story)."""


@dataclass(frozen=True)
class Grouping:
    """How the stories found in a loose corpus compare with the true ones."""

    found: int
    """Stories the report has."""
    true: int
    """Stories the corpus was made of."""
    exact: int
    """Found stories that are exactly one true story, all its files and no other."""
    unrelated: int
    """Files set apart."""


def grouping_of(report: Mapping, files: Mapping[str, str]) -> Grouping:
    """Compare the stories of a report on a loose corpus with the corpus's true stories (file -> story)."""
    sizes: dict[str, int] = {}
    for story in files.values():
        sizes[story] = sizes.get(story, 0) + 1
    exact = 0
    for story in report["stories"]:
        owners = {files[version["id"]] for version in story["versions"]}
        exact += len(owners) == 1 and len(story["versions"]) == sizes[owners.pop()]
    return Grouping(len(report["stories"]), len(sizes), exact, len(report["unrelated"]))


def findings_by_true_story(report: Mapping, files: Mapping[str, str]) -> dict[str, tuple[Finding, ...]]:
    """A loose corpus's findings put under the true story of the file each is about, to be scored."""
    by_story: dict[str, list[Finding]] = {}
    for story_id, found in findings_of_report(report).items():
        for finding in found:
            by_story.setdefault(files.get(finding.version, story_id), []).append(finding)
    return {story: tuple(found) for story, found in by_story.items()}


def loose_benchmark(work: Path, sizes: Sequence[int], versions: int, seed: int, jobs: int) -> str:
    """A Markdown table of ``report`` over loose corpora of each size in files: time, memory,
    stories found against the true ones, accuracy."""
    rows = []
    previous: tuple[int, float] | None = None
    for files in sizes:
        stories = max(1, files // versions)
        out = work / f"loose-{files}"
        seeds = synth.write_corpus(out, stories, versions, seed, loose=True)
        measure = run_cli(["report", "--seeds", str(seeds), "--jobs", str(jobs), "--no-cache", "--quiet"])
        report = json.loads(measure.stdout)
        truth = json.loads((out / synth.TRUTH_FILE).read_text(encoding="utf-8"))
        found = grouping_of(report, truth["files"])
        result = accuracy(findings_by_true_story(report, truth["files"]), out / synth.TRUTH_FILE)
        t = measure.timings
        growth = "" if previous is None else f"{t['total'] / previous[1]:.2f} for {files / previous[0]:.1f}x"
        previous = (files, t["total"])
        rows.append([f"{files:,}", f"{found.true:,}", f"{found.found:,}", f"{found.found / found.true - 1:+.1%}",
                     f"{found.exact:,}", found.unrelated, f"{t['total']:.1f}", f"{measure.cpu:.0f}",
                     f"{t.get('group', 0):.1f}", growth,
                     f"{measure.main_mb:.0f}", f"{measure.worker_mb:.0f}", f"{result.overall.precision:.3f}",
                     f"{result.overall.recall:.3f}"])
        shutil.rmtree(out)
    return "report over loose files (no folders, opaque names):\n\n" + _table(
        ["files", "true stories", "found", "off by", "exact", "set apart", "total s", "CPU s", "group s", "time growth",
         "main MB", "worker MB", "precision", "recall"], rows)


def engine_benchmark(work: Path, stories: int, versions: int, seed: int, jobs: int) -> str:
    """A Markdown table of ``report`` judged by the local pool and by a Dask LocalCluster of as many
    worker processes on 127.0.0.1, on story folders and on loose files; the outputs compared."""
    from distributed import LocalCluster

    rows = []
    for layout in ("story folders", "loose files"):
        out = work / f"engines-{layout.split()[0]}"
        seeds = str(synth.write_corpus(out, stories, versions, seed, loose=layout == "loose files"))
        arguments = ["report", "--seeds", seeds, "--no-cache", "--quiet"]
        alone = run_cli([*arguments, "--jobs", "1"])
        local = run_cli([*arguments, "--jobs", str(jobs)])
        started = time.perf_counter()
        with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            up = time.perf_counter() - started
            first = run_cli([*arguments, "--scheduler", cluster.scheduler_address])
            warm = run_cli([*arguments, "--scheduler", cluster.scheduler_address])
        same = alone.stdout == local.stdout == first.stdout == warm.stdout
        rows.append([layout, f"{stories * versions:,}", f"{alone.wall:.1f}", f"{local.wall:.1f}", f"{up:.1f}",
                     f"{first.wall:.1f}", f"{warm.wall:.1f}", f"{local.main_mb:.0f}", f"{warm.main_mb:.0f}",
                     "yes" if same else "NO"])
        shutil.rmtree(out)
    return (f"local pool (--jobs {jobs}) against a Dask LocalCluster of {jobs} worker processes on 127.0.0.1 "
            "(--scheduler):\n\n" + _table(
                ["layout", "versions", "--jobs 1 s", "pool s", "cluster start s", "cluster s (first run)",
                 "cluster s (warm workers)", "pool main MB", "cluster main MB", "byte-identical"], rows))


def stream_benchmark(work: Path, stories: int, versions: int, seed: int, jobs: int) -> str:
    """A Markdown table of ``report`` as one JSON document and as JSON Lines: time and memory."""
    rows = []
    for layout in ("story folders", "loose files"):
        out = work / f"stream-{layout.split()[0]}"
        seeds = str(synth.write_corpus(out, stories, versions, seed, loose=layout == "loose files"))
        for output in ("json", "jsonl"):
            measure = run_cli(["report", "--seeds", seeds, "--format", output, "--jobs", str(jobs), "--no-cache",
                               "--quiet"])
            rows.append([layout, f"{stories * versions:,}", output, f"{measure.wall:.1f}",
                         f"{len(measure.stdout) / 1e6:.0f}", f"{measure.main_mb:.0f}", f"{measure.worker_mb:.0f}"])
        shutil.rmtree(out)
    return "report as one JSON document and streamed as JSON Lines:\n\n" + _table(
        ["layout", "versions", "format", "total s", "output MB", "main MB", "worker MB"], rows)


def machine() -> str:
    """One line describing this machine."""
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            memory = f", {int(info.readline().split()[1]) / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    processor = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            processor = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                             processor)
    except OSError:
        pass
    return (f"{os.cpu_count()} cores ({processor}){memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip() and int(part) > 0)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m benchmarks.scale [--stories N,N,...] [--build-stories N,...] [--jobs N]``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=_sizes, default=DEFAULT_STORIES,
                        help="report sizes in stories, comma-separated (default 250,500,1000,2000)")
    parser.add_argument("--build-stories", type=_sizes, default=DEFAULT_BUILD_STORIES,
                        help="build sizes in stories, comma-separated; 0 to skip (default 100,200)")
    parser.add_argument("--loose-files", type=_sizes, default=DEFAULT_LOOSE_FILES,
                        help="loose-files sizes in files, comma-separated; 0 to skip (default 1000,2000,5000,10000)")
    parser.add_argument("--engine-stories", type=int, default=DEFAULT_ENGINE_STORIES,
                        help="stories of the pool against LocalCluster table; 0 to skip (default 400)")
    parser.add_argument("--jsonl-stories", type=int, default=DEFAULT_JSONL_STORIES,
                        help="stories of the JSON against JSON Lines table; 0 to skip (default 2000)")
    parser.add_argument("--versions", type=int, default=5, help="versions per story (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="verbatim-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {machine()}; --jobs {args.jobs}", flush=True)
    started = time.perf_counter()
    try:
        if args.stories:
            print(report_benchmark(work, args.stories, args.versions, args.seed, args.jobs), flush=True)
            print(flush=True)
        if args.build_stories:
            print(build_benchmark(work, args.build_stories, args.versions, args.seed, args.jobs), flush=True)
            print(flush=True)
        if args.loose_files:
            print(loose_benchmark(work, args.loose_files, args.versions, args.seed, args.jobs), flush=True)
            print(flush=True)
        if args.engine_stories > 0:
            print(engine_benchmark(work, args.engine_stories, args.versions, args.seed, args.jobs), flush=True)
            print(flush=True)
        if args.jsonl_stories > 0:
            print(stream_benchmark(work, args.jsonl_stories, args.versions, args.seed, args.jobs), flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nBenchmark took {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
