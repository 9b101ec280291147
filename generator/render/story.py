"""The story page: versions table, quote tracker and findings."""

from __future__ import annotations

import posixpath

from generator.model import Story
from generator.render.escape import front_matter, id_text, markdown_text, table_cell
from generator.render.findings import finding_list
from generator.render.groups import group_label
from generator.render.labels import (
    STATUS_LABELS,
    percentage,
    plural,
    severity_summary,
    status_badge,
)
from generator.render.markdown import bullets, link, page, table
from generator.render.paths import SiteMap, relative_link

CONTRIBUTING_PAGE = "contributing.md"
"""The hand-written guide for contributors, relative to ``docs/``."""


def render_story(story: Story, site: SiteMap) -> str:
    """Markdown of the page of one story."""
    here = site.story_page(story.id)
    return page(
        front_matter(story.title or story.id),
        _summary(story),
        _references(story, site, here),
        _notes(story),
        "## Versions",
        _versions_table(story, site, here),
        "## Quote tracker",
        _tracker(story, site, here),
        "## Findings",
        _findings(story, site, here),
        "## Correct this page",
        _corrections(story, here),
    )


def story_title(story: Story) -> str:
    """The story's title as escaped Markdown, its id when it has none."""
    return markdown_text(story.title) or id_text(story.id)


def story_link(story: Story, site: SiteMap, here: str) -> str:
    """A link from page ``here`` to the story page, labelled with its title."""
    return link(story_title(story), relative_link(here, site.story_page(story.id)))


def story_summary(story: Story) -> str:
    """``3 versions, 2 quotes tracked, 4 findings (1 high, 3 low)``: plain text."""
    findings = plural(len(story.findings), "finding")
    if story.findings:
        findings += f" ({severity_summary([f.severity for f in story.findings])})"
    return ", ".join(
        [
            plural(len(story.versions), "version"),
            plural(len(story.groups), "quote") + " tracked",
            findings,
        ]
    )


def _summary(story: Story) -> str:
    return f"This story has {story_summary(story)}."


def _references(story: Story, site: SiteMap, here: str) -> str:
    known = {summary.version.id for summary in story.versions}
    links = [
        link(id_text(ref), relative_link(here, site.version_page(story.id, ref)))
        if ref in known
        else id_text(ref)
        for ref in story.references
    ]
    trusted = ", ".join(links) if links else "none"
    reason = markdown_text(story.reference_reason) or "no reason was recorded"
    return f"**Trusted references:** {trusted}\n\n**Why these references:** {reason}"


def _notes(story: Story) -> str:
    notes = markdown_text(story.notes or "")
    return f"**Notes:** {notes}" if notes else ""


def _corrections(story: Story, here: str) -> str:
    folders = sorted(
        posixpath.dirname(summary.version.path)
        for summary in story.versions
        if summary.version.folder is not None and posixpath.dirname(summary.version.path)
    )
    where = (
        f"add a verdict to {markdown_text(folders[0] + '/corrections.yml')}"
        if folders
        else "add a verdict to the story's corrections file"
    )
    guide = link("contributing", relative_link(here, CONTRIBUTING_PAGE))
    return (
        "To confirm or dispute a finding, or to report a problem Verbatim missed, "
        f"{where}, naming the finding id (see {guide}). "
        "To correct an article's text or details, edit its source file, named on its version page."
    )


def _versions_table(story: Story, site: SiteMap, here: str) -> str:
    if not story.versions:
        return "This story has no versions."
    rows = []
    for summary in story.versions:
        version = summary.version
        severities = [f.severity for f in story.findings if f.version == version.id]
        rows.append(
            [
                link(
                    id_text(version.id),
                    relative_link(here, site.version_page(story.id, version.id)),
                ),
                table_cell(version.meta.outlet or "unknown"),
                table_cell(version.meta.kind or "not stated"),
                status_badge("reference") if summary.role == "reference" else "version",
                percentage(summary.similarity),
                str(len(summary.quotes)),
                severity_summary(severities),
            ]
        )
    header = ["Version", "Outlet", "Kind", "Role", "Similarity to the reference", "Quotes"]
    return table([*header, "Findings"], rows)


def _tracker(story: Story, site: SiteMap, here: str) -> str:
    if not story.groups:
        return "No quotes were found in this story."
    version_ids = [summary.version.id for summary in story.versions]
    header = ["Quote"] + [id_text(vid) for vid in version_ids]
    rows = []
    for group in story.groups:
        statuses = {rendering.version: rendering.status for rendering in group.renderings}
        card = relative_link(here, site.quote_page(story.id, group.id))
        cells = [link(table_cell(group_label(group)), card)]
        cells += [status_badge(statuses.get(vid, "omitted")) for vid in version_ids]
        rows.append(cells)
    intro = (
        "Each row is one quote lined up across the versions. "
        "Open a quote to see its words compared with the trusted rendering."
    )
    return page(intro, table(header, rows), _legend()).rstrip("\n")


def _legend() -> str:
    items = [f"{status_badge(status)}: {label.meaning}" for status, label in STATUS_LABELS.items()]
    return "**Legend**\n\n" + bullets(items)


def _findings(story: Story, site: SiteMap, here: str) -> str:
    if not story.findings:
        return "No findings: every version matches its trusted rendering."
    blocks = []
    for summary in story.versions:
        findings = [f for f in story.findings if f.version == summary.version.id]
        if not findings:
            continue
        version_id = summary.version.id
        slug = site.versions[(story.id, version_id)]
        target = relative_link(here, site.version_page(story.id, version_id))
        blocks.append(f"### {slug} {{ #findings-{slug} }}")
        blocks.append(f"In {link(id_text(version_id), target)}:")
        blocks.append(finding_list(findings, story, site, here, link_cards=True))
    orphans = [f for f in story.findings if (story.id, f.version) not in site.versions]
    if orphans:
        blocks.append("### Other findings { #findings-other }")
        blocks.append(finding_list(orphans, story, site, here, link_cards=True))
    return page(*blocks).rstrip("\n")
