"""What ``python -m generator check`` tells a contributor, in plain words, about their change.

The command runs the whole pipeline on the seeds, so it finds everything a build would:
files that cannot be read, front matter and ``story.yml`` faults, and in each
``corrections.yml`` bad YAML, unknown keys, values outside the vocabulary,
addresses that are not http(s), and verdicts naming a finding the current
report does not have.  One line per problem, ``file:line: field: message``;
under GitHub Actions each is also an annotation on the pull request's diff.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Corpus, Problem


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` found."""

    problems: tuple[Problem, ...]
    """Every problem, sorted by file and line."""
    stories: int
    """Stories built."""
    versions: int
    """Versions in those stories."""
    findings: int
    """Findings in those stories."""
    verdicts: int
    """Verdicts attached to findings."""
    log_entries: int
    """Corrections log entries."""


def check_corpus(corpus: Corpus) -> CheckResult:
    """Every problem of a seeds folder judged with its corrections, and what was built."""
    return CheckResult(
        problems=corpus.problems,
        stories=len(corpus.stories),
        versions=sum(len(story.versions) for story in corpus.stories),
        findings=sum(len(story.findings) for story in corpus.stories),
        verdicts=sum(1 for story in corpus.stories for finding in story.findings if finding.verdict),
        log_entries=sum(len(story.corrections_log) for story in corpus.stories),
    )


def check_line(found: Problem) -> str:
    """``file:line: field: message``, with ``(warning)`` after a warning's message."""
    where = f"{found.path}:{found.line}" if found.line else found.path
    return f"{where}: {found.message}" + (" (warning)" if found.level == "warning" else "")


def _annotation_value(text: str, properties: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if properties else text


def github_annotation(found: Problem) -> str:
    """The problem as a GitHub Actions workflow command, shown on the line of the pull request's diff."""
    line = f",line={found.line}" if found.line else ""
    return (f"::{found.level} file={_annotation_value(found.path, properties=True)}{line}::"
            f"{_annotation_value(found.message)}")


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def summary(result: CheckResult) -> str:
    """The one line printed when all is well."""
    return (f"OK: {_count(result.stories, 'story', 'stories')}, {_count(result.versions, 'version', 'versions')}, "
            f"{_count(result.findings, 'finding', 'findings')}, {_count(result.verdicts, 'verdict', 'verdicts')}, "
            f"{_count(result.log_entries, 'log entry', 'log entries')}; no problems")
