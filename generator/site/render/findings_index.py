"""The findings index: every story's findings counted by kind and severity,
and the theme's tag listing (pages by finding kind and severity)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import Story

from .labels import FINDING_KIND_WORDS, KIND_ORDER, SEVERITY_ORDER
from .markdown import link, page, table
from .paths import FINDINGS_INDEX, SiteMap, relative_link
from .story import story_link

TAGS_DIRECTIVE = "<!-- material/tags -->"
"""Where Material's tags plugin writes its listing of pages by tag.  Engines
without the plugin (Zensical ignores it) leave an HTML comment: the tables
above still say everything."""


@dataclass(frozen=True)
class FindingsEntry:
    """One story's share of the findings index."""

    counts: tuple[tuple[tuple[str, str], int], ...]
    """((kind, severity), number of findings), sorted."""
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    """(kind, Markdown cells of the story's row in that kind's table), sorted by kind."""


def findings_entry(story: Story, site: SiteMap) -> FindingsEntry:
    """What ``story`` adds to the findings index."""
    here = FINDINGS_INDEX
    counts = Counter((finding.kind, finding.severity) for finding in story.findings)
    rows = []
    for kind in sorted({finding.kind for finding in story.findings}):
        levels = Counter(finding.severity for finding in story.findings if finding.kind == kind)
        target = relative_link(here, site.story_page(story.id), "findings")
        cells = (story_link(story, site, here), *(str(levels[level]) for level in SEVERITY_ORDER),
                 link("see the findings", target))
        rows.append((kind, cells))
    return FindingsEntry(tuple(sorted(counts.items())), tuple(rows))


def render_findings_index(entries: Sequence[FindingsEntry]) -> str:
    """Markdown of the findings index, from every story's entry in story order."""
    counts: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        counts.update(dict(entry.counts))
    intro = (
        "Every finding of every story, counted by kind and by severity. A finding is evidence for "
        "a reader to weigh, not a verdict: open a story to see each one with its words side by side."
    )
    blocks = ["---\ntitle: Findings by kind and severity\n---", intro]
    if not counts:
        blocks.append("No findings yet.")
    else:
        kinds = _kinds(counts)
        blocks.append(_matrix(kinds, counts))
        blocks.append("## By kind")
        for kind in kinds:
            blocks.append(_kind_section(kind, entries))
    blocks.append("## Pages by tag")
    blocks.append(
        "Story pages and quote cards are tagged with the kinds and severities of their findings."
    )
    blocks.append(TAGS_DIRECTIVE)
    return page(*blocks)


def _kinds(counts: Counter[tuple[str, str]]) -> list[str]:
    present = {kind for kind, _ in counts}
    known = [kind for kind in KIND_ORDER if kind in present]
    return known + sorted(present - set(KIND_ORDER))


def _kind_words(kind: str) -> str:
    return FINDING_KIND_WORDS.get(kind, "other")


def _matrix(kinds: list[str], counts: Counter[tuple[str, str]]) -> str:
    rows = []
    for kind in kinds:
        per_level = [counts[(kind, level)] for level in SEVERITY_ORDER]
        total = sum(count for (k, _), count in counts.items() if k == kind)
        rows.append([link(_kind_words(kind), f"#kind-{_anchor(kind)}"), *map(str, per_level), str(total)])
    return table(["Kind", *SEVERITY_ORDER, "All"], rows)


def _kind_section(kind: str, entries: Sequence[FindingsEntry]) -> str:
    rows = [list(cells) for entry in entries for row_kind, cells in entry.rows if row_kind == kind]
    heading = f"### {_kind_words(kind)} {{ #kind-{_anchor(kind)} }}"
    return page(heading, table(["Story", *SEVERITY_ORDER, "Evidence"], rows)).rstrip("\n")


def _anchor(kind: str) -> str:
    # Kinds come from the judge: keep only [a-z0-9-] in anchors.
    return "".join(char if char.isalnum() and char.isascii() else "-" for char in kind.lower()) or "other"
