"""Merge stage: contributors' verdicts attached to the findings they settle.

Pure: judged stories and the corrections files' entries in, stories with
:attr:`Finding.verdict` and :attr:`Story.corrections_log` set out, plus a
problem for every verdict that names no current finding.  The automatic
judgement is never changed: a verdict sits beside it.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace

from .corrections import CitedFinding, CorrectionsTree, StoryCorrections
from .model import Corpus, Problem, Story
from .schema import problem, sorted_problems


def merge_story(story: Story, corrections: StoryCorrections) -> tuple[Story, list[Problem]]:
    """The story with its verdicts and log attached, and the problems of verdicts that fit no finding."""
    known = {finding.id for finding in story.findings}
    problems = [_unknown(cited, story, corrections.path) for cited in corrections.cited if cited.finding not in known]
    chosen = {}
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
    findings = tuple(replace(finding, verdict=chosen.get(finding.id)) for finding in story.findings)
    return replace(story, findings=findings, corrections_log=corrections.log), problems


def _unknown(cited: CitedFinding, story: Story, path: str) -> Problem:
    finding_id = cited.finding
    close = difflib.get_close_matches(finding_id, sorted(f.id for f in story.findings), n=1, cutoff=0.8)
    hint = (f"did you mean {close[0]}?" if close else
            "it no longer exists (the version's text changed, or the version was removed) or is mistyped; "
            "take the id from the story page or `python -m generator report`")
    return problem(path, f"{cited.field}: no finding {finding_id} in the current report of story {story.id!r}; "
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
    built = {story.id for story in corpus.stories}
    for name, found in sorted(by_story.items()):
        if name not in built and (found.cited or found.log):
            problems.append(problem(found.path, f"(file): story {name!r} was not built (see the problems with its "
                                                "versions), so its verdicts are not shown", None, "warning"))
    return replace(corpus, stories=tuple(stories), problems=sorted_problems(problems))
