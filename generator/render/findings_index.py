"""The findings index: every story's findings counted by kind and severity,
and the theme's tag listing (pages by finding kind and severity)."""

from __future__ import annotations

from collections import Counter

from generator.model import Corpus
from generator.render.labels import FINDING_KIND_WORDS, KIND_ORDER, SEVERITY_ORDER
from generator.render.markdown import link, page, table
from generator.render.paths import FINDINGS_INDEX, SiteMap, relative_link
from generator.render.story import story_link

TAGS_DIRECTIVE = "<!-- material/tags -->"
"""Where Material's tags plugin writes its listing of pages by tag.  Engines
without the plugin (Zensical ignores it) leave an HTML comment: the tables
above still say everything."""


def render_findings_index(corpus: Corpus, site: SiteMap) -> str:
    """Markdown of the findings index."""
    here = FINDINGS_INDEX
    findings = [finding for story in corpus.stories for finding in story.findings]
    intro = (
        "Every finding of every story, counted by kind and by severity. A finding is evidence for "
        "a reader to weigh, not a verdict: open a story to see each one with its words side by side."
    )
    blocks = ["---\ntitle: Findings by kind and severity\n---", intro]
    if not findings:
        blocks.append("No findings yet.")
    else:
        blocks.append(_matrix(findings))
        blocks.append("## By kind")
        for kind in _kinds(findings):
            blocks.append(_kind_section(kind, corpus, site, here))
    blocks.append("## Pages by tag")
    blocks.append(
        "Story pages and quote cards are tagged with the kinds and severities of their findings."
    )
    blocks.append(TAGS_DIRECTIVE)
    return page(*blocks)


def _kinds(findings: list) -> list[str]:
    present = {finding.kind for finding in findings}
    known = [kind for kind in KIND_ORDER if kind in present]
    return known + sorted(present - set(KIND_ORDER))


def _kind_words(kind: str) -> str:
    return FINDING_KIND_WORDS.get(kind, "other")


def _matrix(findings: list) -> str:
    counts = Counter((finding.kind, finding.severity) for finding in findings)
    rows = []
    for kind in _kinds(findings):
        per_level = [counts[(kind, level)] for level in SEVERITY_ORDER]
        total = sum(count for (k, _), count in counts.items() if k == kind)
        rows.append([link(_kind_words(kind), f"#kind-{_anchor(kind)}"), *map(str, per_level), str(total)])
    return table(["Kind", *SEVERITY_ORDER, "All"], rows)


def _kind_section(kind: str, corpus: Corpus, site: SiteMap, here: str) -> str:
    rows = []
    for story in corpus.stories:
        matching = [finding for finding in story.findings if finding.kind == kind]
        if not matching:
            continue
        levels = Counter(finding.severity for finding in matching)
        target = relative_link(here, site.story_page(story.id), "findings")
        rows.append(
            [
                story_link(story, site, here),
                *(str(levels[level]) for level in SEVERITY_ORDER),
                link("see the findings", target),
            ]
        )
    heading = f"### {_kind_words(kind)} {{ #kind-{_anchor(kind)} }}"
    return page(heading, table(["Story", *SEVERITY_ORDER, "Evidence"], rows)).rstrip("\n")


def _anchor(kind: str) -> str:
    # Kinds come from the judge: keep only [a-z0-9-] in anchors.
    return "".join(char if char.isalnum() and char.isascii() else "-" for char in kind.lower()) or "other"
