"""Merge stage: contributors' verdicts attached to the findings they settle.

Pure: judged stories and the corrections files' entries in, stories with
:attr:`Finding.verdict` and :attr:`Story.corrections_log` set out, plus a
problem for every verdict that names no current finding.  The automatic
judgement is never changed: a verdict sits beside it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from generator.inputs.problems import problem, sorted_problems
from generator.model import Corpus, Problem, Story, Verdict

from .corrections import CitedFinding, CorrectionsTree, StoryCorrections


def merge_story(story: Story, corrections: StoryCorrections) -> tuple[Story, list[Problem]]:
    """The story with its verdicts and log attached, and the problems of verdicts that fit no finding."""
    chosen, problems = _chosen_verdicts(story.id, [finding.id for finding in story.findings], corrections)
    findings = tuple(replace(finding, verdict=chosen.get(finding.id)) for finding in story.findings)
    return replace(story, findings=findings, corrections_log=corrections.log), problems


def verdict_problems(story_id: str, finding_ids: Sequence[str], corrections: StoryCorrections) -> list[Problem]:
    """The problems :func:`merge_story` finds, from the story's finding ids alone."""
    return _chosen_verdicts(story_id, finding_ids, corrections)[1]


def _chosen_verdicts(story_id: str, finding_ids: Sequence[str],
                     corrections: StoryCorrections) -> tuple[dict[str, Verdict], list[Problem]]:
    known = set(finding_ids)
    problems = [_unknown(cited, story_id, finding_ids, corrections.path)
                for cited in corrections.cited if cited.finding not in known]
    chosen: dict[str, Verdict] = {}
    for verdict in corrections.verdicts:
        if verdict.finding not in known:
            continue
        first = chosen.get(verdict.finding)
        if first is not None:
            problems.append(problem(corrections.path, f"verdicts: a second verdict on {verdict.finding} "
                                                      f"(the first is on line {first.line}); only the first is shown",
                                    verdict.line))
            continue
        chosen[verdict.finding] = verdict
    return chosen, problems


def _unknown(cited: CitedFinding, story_id: str, finding_ids: Sequence[str], path: str) -> Problem:
    finding_id = cited.finding
    close = difflib.get_close_matches(finding_id, sorted(finding_ids), n=1, cutoff=0.8)
    hint = (f"did you mean {close[0]}?" if close else
            "it no longer exists (the version's text changed, or the version was removed) or is mistyped; "
            "take the id from the story page or `python -m generator report`")
    return problem(path, f"{cited.field}: no finding {finding_id} in the current report of story {story_id!r}; "
                         f"{hint}", cited.line)


def merge_corrections(corpus: Corpus, corrections: CorrectionsTree) -> Corpus:
    """Every story with its corrections merged; the corrections' problems added to the corpus's."""
    problems = list(corpus.problems) + list(corrections.problems)
    by_story: Mapping[str, StoryCorrections] = corrections.stories
    stories = []
    for story in corpus.stories:
        found = by_story.get(story.id)
        if found is None:
            stories.append(story)
            continue
        merged, story_problems = merge_story(story, found)
        stories.append(merged)
        problems.extend(story_problems)
    problems.extend(unbuilt_story_problems((story.id for story in corpus.stories), corrections))
    return replace(corpus, stories=tuple(stories), problems=sorted_problems(problems))


def unbuilt_story_problems(built: Iterable[str], corrections: CorrectionsTree) -> list[Problem]:
    """A warning for each corrections file of a story that was not built, so its verdicts go unseen."""
    built_ids = set(built)
    return [problem(found.path, f"(file): story {name!r} was not built (see the problems with its "
                                "versions), so its verdicts are not shown", None, "warning")
            for name, found in sorted(corrections.stories.items())
            if name not in built_ids and (found.cited or found.log)]
