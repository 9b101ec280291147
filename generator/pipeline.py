"""The pipeline from a seeds folder to a judged corpus: stages called in order.

No input stops the run.  The load stage turns bad files into problems; and
should a later stage raise on one version or one story (a bug, but seeds come
from the public and bugs meet them first), that version or story is left out
with a problem naming its files, and every other story is still judged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from generator.analysis.attribute import attribute
from generator.analysis.candidates import FindSimilar, find_here
from generator.analysis.clean import clean
from generator.analysis.extract import extract
from generator.analysis.group import Prepared, StoryPlan, group
from generator.analysis.judge import judge_story
from generator.analysis.language import language_of
from generator.analysis.loose import TextFeatures
from generator.inputs.load import SeedTree
from generator.inputs.problems import problem, sorted_problems
from generator.model import Corpus, Problem, SeedFile, Story, StoryMeta, Unrelated, Version

REPORT_BUGS = "this is a bug in the generator: please report it with the file"
"""Said of every problem that comes from a stage raising, not from the input."""

_Result = TypeVar("_Result")


def stage_failure(error: Exception, what: str, consequence: str, files: str = "") -> str:
    """The message of a problem from a stage that raised: what was being done and
    what it cost first, the exception and the files last (long messages are cut)."""
    details = f"{type(error).__name__}: {error}" + (f"; {files}" if files else "")
    return f"internal error while {what}; {consequence}; {REPORT_BUGS} ({details})"


def _guarded(action: Callable[[], _Result], problems: list[Problem] | None,
             describe: Callable[[Exception], Problem]) -> _Result | None:
    """``action()``, or None and a problem when it raises; re-raise when
    ``problems`` is None (callers that want exceptions)."""
    if problems is None:
        return action()
    try:
        return action()
    except Exception as error:  # noqa: BLE001 - any stage bug must cost one story, not the site
        problems.append(describe(error))
        return None


def _prepare_one(seed: SeedFile) -> Prepared:
    version = clean(seed)
    version = replace(version, language=language_of(version.text, version.meta.language))
    return Prepared(version, tuple(attribute(version, extract(version))))


def prepare(tree: SeedTree, problems: list[Problem] | None = None) -> list[Prepared]:
    """Clean, extract and attribute every version.

    With a ``problems`` list, a version on which a stage raises is left out
    and described there; without one, the exception propagates."""
    return prepare_files(tree.files, problems)


def prepare_files(files: Sequence[SeedFile], problems: list[Problem] | None = None) -> list[Prepared]:
    """:func:`prepare` for some of a tree's files (they are prepared one by one, so in
    any number of batches the result is the same)."""
    prepared = []
    for seed in files:
        done = _guarded(lambda seed=seed: _prepare_one(seed), problems, lambda error, seed=seed: problem(
            seed.path, stage_failure(error, "reading quotes", "the version is left out")))
        if done is not None:
            prepared.append(done)
    return prepared


def _files_of(versions: Iterable[Prepared | Version]) -> list[str]:
    return sorted(v.path if isinstance(v, Version) else v.version.path for v in versions)


def story_problem(error: Exception, files: list[str], what: str) -> Problem:
    """A problem about a story, filed under its folder (or its first file) and naming its files."""
    folders = {path.rsplit("/", 1)[0] for path in files}
    one_folder = len(folders) == 1 and len(files) > 1
    where = folders.pop() if one_folder else (files[0] if files else "seeds")
    listed = f"{len(files)} files" if one_folder else ", ".join(files)
    return problem(where, stage_failure(error, what, "left out of the site", listed))


def group_stage(prepared: list[Prepared], configs: Mapping[str, StoryMeta], problems: list[Problem],
                features: Mapping[str, TextFeatures] | None = None,
                find_similar: FindSimilar = find_here) -> tuple[list[StoryPlan], list[Unrelated]]:
    """Stories and unrelated files; should grouping raise, each folder is
    grouped alone and each loose file alone, so only the culprit is lost.
    ``features``: the versions' :func:`~generator.analysis.loose.text_features`, when
    worked out beforehand, and ``find_similar``, where the candidate indexes are built
    (:data:`~generator.analysis.candidates.FindSimilar`): they change nothing but where the
    time goes."""
    try:
        return _group_without_id_clashes(prepared, dict(configs), problems, features, find_similar)
    except Exception:  # noqa: BLE001 - fall back to smaller groups below
        pass
    units: dict[str, list[Prepared]] = {}
    for item in prepared:
        units.setdefault(item.version.folder or f"\0{item.version.path}", []).append(item)
    plans: list[StoryPlan] = []
    unrelated: list[Unrelated] = []
    for unit in units.values():
        try:
            unit_plans, unit_unrelated = group(unit, {k: v for k, v in configs.items()
                                                      if k == unit[0].version.folder})
        except Exception as error:  # noqa: BLE001
            problems.append(story_problem(error, _files_of(unit), "grouping"))
            continue
        plans.extend(unit_plans)
        unrelated.extend(unit_unrelated)
    return sorted(plans, key=lambda p: p.id), sorted(unrelated, key=lambda u: u.version.id)


def _group_without_id_clashes(prepared: list[Prepared], configs: dict[str, StoryMeta], problems: list[Problem],
                              features: Mapping[str, TextFeatures] | None,
                              find_similar: FindSimilar) -> tuple[list[StoryPlan], list[Unrelated]]:
    """Group; a loose file that joins a story holding a version of the same id
    is set apart instead, so no version hides another."""
    set_apart: list[Unrelated] = []
    while True:
        plans, unrelated = group(prepared, configs, features=features, find_similar=find_similar)
        clashes = [(p, plan) for plan in plans for p in _clashing_loose_files(plan)]
        if not clashes:
            return plans, sorted(unrelated + set_apart, key=lambda u: u.version.id)
        for loose, plan in clashes:
            taken = next(p.version.path for p in plan.versions
                         if p.version.id == loose.version.id and p is not loose)
            reason = (f"it belongs to story {plan.id!r}, which already has a version {loose.version.id!r} "
                      f"({taken}); rename the file to add it")
            set_apart.append(Unrelated(loose.version, reason))
            problems.append(problem(loose.version.path, f"version id {loose.version.id!r} is already used by "
                                                        f"{taken}; the file is set apart, not added to the story"))
        prepared = [p for p in prepared if all(p is not loose for loose, _ in clashes)]


def _clashing_loose_files(plan: StoryPlan) -> list[Prepared]:
    seen: dict[str, Prepared] = {}
    clashing = []
    # Folder files first: of two versions with one id, the loose file gives way.
    for item in sorted(plan.versions, key=lambda p: (p.version.folder is None, p.version.path)):
        if item.version.id in seen:
            clashing.append(item)
        else:
            seen[item.version.id] = item
    return clashing


def judge_plan(plan: StoryPlan, problems: list[Problem]) -> Story | None:
    """The judged story, or None and a problem naming its files when a stage raises."""
    return _guarded(lambda: judge_story(plan), problems, lambda error: story_problem(
        error, _files_of(plan.versions), f"judging story {plan.id!r}"))


def run(tree: SeedTree) -> Corpus:
    """Judge every story of a loaded seeds tree; problems of the input and
    of stages that raised are in ``Corpus.problems``."""
    problems = list(tree.problems)
    prepared = prepare(tree, problems)
    plans, unrelated = group_stage(prepared, tree.stories, problems)
    stories: list[Story] = []
    for plan in plans:
        judged = judge_plan(plan, problems)
        if judged is not None:
            stories.append(judged)
    return Corpus(tuple(stories), tuple(unrelated), sorted_problems(problems))
