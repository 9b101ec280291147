"""The corrections log: every verdict and every log entry, site-wide and per story.

Also the story page's share of it: the dated notes of material corrections
above the findings, the story's own log, and the page metadata the theme
templates read (the source file behind "Edit this page", the ClaimReview data).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from generator.model import Finding, LogEntry, Story

from .escape import front_matter, id_text, markdown_text
from .labels import kind_words, newest_first, plural
from .markdown import bullets, link, page
from .paths import CORRECTIONS_LOG, SiteMap, relative_link
from .verdicts import (
    corrections_path,
    edit_link,
    story_claim_reviews,
    verdict_badge,
    verdict_lines,
)

POLICY_PAGE = "corrections-policy.md"
"""The hand-written corrections policy, relative to ``docs/``."""

CONTRIBUTING_PAGE = "contributing.md"
"""The hand-written guide for contributors, relative to ``docs/``."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def edit_source(path: str | None) -> dict[str, str]:
    """Front-matter field naming the repository file behind a page, for the theme's edit button."""
    return {"edit_source": quote(path)} if path else {}


def page_meta(story: Story, site: SiteMap, here: str, tags: list[str]) -> dict[str, Any]:
    """Front-matter fields of a story page: tags, the corrections file to edit, ClaimReview data."""
    fields: dict[str, Any] = {"tags": tags} if tags else {}
    fields.update(edit_source(corrections_path(story)))
    reviews = story_claim_reviews(story, site, here)
    if reviews:
        fields["structured"] = {"claim_reviews": reviews}
    return fields


def _date(text: str) -> str:
    return text if _ISO_DATE.match(text) else "undated"


def material_notes(story: Story) -> str:
    """A dated note for each material correction of the story, newest first (empty when there are none)."""
    notes = [
        f'!!! note "Correction, {_date(entry.date)}"\n\n    {markdown_text(entry.summary) or "No summary recorded."}'
        for entry in story.corrections_log
        if entry.type == "material"
    ]
    return "\n\n".join(notes)


def _log_item(entry: LogEntry) -> str:
    return f"**{_date(entry.date)}** ({entry.type}): {markdown_text(entry.summary) or 'no summary recorded'}"


def story_log(story: Story, site: SiteMap, here: str) -> str:
    """The story's corrections log as a subsection (empty when it has none)."""
    if not story.corrections_log:
        return ""
    everything = link("every story's corrections", relative_link(here, CORRECTIONS_LOG))
    return page("### Corrections log", bullets([_log_item(entry) for entry in story.corrections_log]),
                f"See also {everything}.").rstrip("\n")


def _story_title(story: Story) -> str:
    return markdown_text(story.title) or id_text(story.id)


@dataclass(frozen=True)
class CorrectionsEntry:
    """One story's share of the corrections log page."""

    verdicts: tuple[tuple[tuple[tuple[int, ...], str, str], str], ...]
    """(sort key: newest first, then story and finding id; Markdown item) per finding with a verdict."""
    reviews: tuple[dict[str, Any], ...]
    """ClaimReview data of those verdicts, as seen from the corrections log."""
    log: tuple[tuple[tuple[tuple[int, ...], str, str], str], ...]
    """(sort key: newest first, then story id and summary; Markdown item) per logged correction."""
    corrections_file: str | None
    """Markdown line naming the story's corrections file; None for a story without a folder."""


def corrections_entry(story: Story, site: SiteMap) -> CorrectionsEntry:
    """What ``story`` adds to the corrections log page."""
    here = CORRECTIONS_LOG
    story_here = relative_link(here, site.story_page(story.id))
    verdicts = tuple(((newest_first(finding.verdict.date), story.id, finding.id), _verdict_item(story, finding, site, here))
                     for finding in story.findings if finding.verdict)
    log = tuple(((newest_first(entry.date), story.id, entry.summary), f"{_log_item(entry)} ({link(_story_title(story), story_here)})")
                for entry in story.corrections_log)
    path = corrections_path(story)
    editor = edit_link(story, site, "edit") if path else None
    listed = (f"{link(_story_title(story), story_here)}: {markdown_text(path)}" + (f" ({editor})" if editor else "")
              if path else None)
    return CorrectionsEntry(verdicts, tuple(story_claim_reviews(story, site, here)), log, listed)


def _by_key(pair: tuple[tuple[tuple[int, ...], str, str], str]) -> tuple[tuple[int, ...], str, str]:
    # Equal keys keep story order, as the items came.
    return pair[0]


def _verdict_item(story: Story, finding: Finding, site: SiteMap, here: str) -> str:
    verdict = finding.verdict
    assert verdict is not None
    anchor = site.finding_anchor(story.id, finding.id)
    target = relative_link(here, site.story_page(story.id), anchor)
    kind = markdown_text(kind_words(finding.kind)) or "finding"
    head = (f"{verdict_badge(verdict.verdict)} on {link(f'{kind} ({id_text(finding.id)})', target)} "
            f"in {id_text(finding.version)}, {link(_story_title(story), relative_link(here, site.story_page(story.id)))}")
    explanation = markdown_text(finding.explanation)
    lines = [head, f"Automatic finding: {explanation}" if explanation else "",
             *verdict_lines(finding, story, site, here)]
    item = "  \n  ".join(line for line in lines if line)
    return f"{item}\n  {{: #v-{anchor} }}" if anchor else item


def render_corrections_log(entries: Sequence[CorrectionsEntry], site: SiteMap) -> str:
    """Markdown of the site-wide corrections log page, from every story's entry in story order."""
    here = CORRECTIONS_LOG
    verdicts = [item for _, item in sorted((pair for entry in entries for pair in entry.verdicts), key=_by_key)]
    logged = [item for _, item in sorted((pair for entry in entries for pair in entry.log), key=_by_key)]
    reviews = [review for entry in entries for review in entry.reviews]
    files = [entry.corrections_file for entry in entries if entry.corrections_file]
    policy = link("corrections policy", relative_link(here, POLICY_PAGE))
    guide = link("contributing", relative_link(here, CONTRIBUTING_PAGE))
    intro = (
        "Verbatim's findings are made automatically; people with sources settle them. This page lists "
        f"every verdict a reviewer has given, newest first, and every correction logged, as the "
        f"{policy} requires. To add one, open a pull request that edits the story's corrections file "
        f"(see {guide})"
        + (", or use the “Suggest a correction” link under any finding." if site.repository else ".")
    )
    counts = f"{plural(len(verdicts), 'verdict')}, {plural(len(logged), 'logged correction')}."
    return page(
        front_matter("Corrections log", **({"structured": {"claim_reviews": reviews}} if reviews else {})),
        intro,
        counts,
        "## Verdicts",
        bullets(verdicts) if verdicts else "No verdicts yet: every finding stands as the generator made it.",
        "## Corrections logged",
        bullets(logged) if logged else "No corrections have been logged yet.",
        "## Where the corrections files are",
        bullets(files) if files else "No story folder yet.",
    )
