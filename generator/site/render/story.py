"""The story page: versions table, provenance map, quote tracker, facts and findings.

Every part that lines versions up uses one order and one set of short codes (see
:mod:`generator.site.render.lineages`), so a story of twenty versions reads the same way
in the versions table, the map, the tracker and the findings chart."""

from __future__ import annotations

from generator.model import Finding, Story, Version

from .chart import chart_section
from .corrections_log import material_notes, page_meta, story_log
from .escape import front_matter, id_text, markdown_text, table_cell
from .facts import facts_section
from .grouped_findings import facts_and_claims, findings_by_quote, findings_by_version
from .headline import headline, story_tags
from .labels import (
    kind_words,
    outlet_of,
    percentage,
    plural,
    severity_summary,
    status_badge,
)
from .lineages import VersionOrder, version_order
from .markdown import folded, link, page, table
from .paths import (
    CORRECTIONS_LOG,
    STORY_CSV,
    STORY_FEED,
    STORY_REPORT,
    SiteMap,
    relative_link,
)
from .provenance import provenance_section
from .tracker import tracker_section
from .verdicts import corrections_path, edit_link, effective_severity

CONTRIBUTING_PAGE = "contributing.md"
"""The hand-written guide for contributors, relative to ``docs/``."""

OPEN_VERSIONS_TABLE = 8
"""Up to this many versions the versions table is shown open; a larger story folds it away
(the provenance map under it names every version by code and id)."""


def render_story(story: Story, site: SiteMap) -> str:
    """Markdown of the page of one story."""
    here = site.story_page(story.id)
    tags = story_tags(story)
    order = version_order(story)
    return page(
        front_matter(story.title or story.id, **page_meta(story, site, here, tags)),
        _summary(story, site, here),
        _references(story, site, here),
        _notes(story),
        "## Versions",
        _versions_table(story, order, site, here),
        "## Who copied whom" if story.versions else "",
        provenance_section(story, order, site, here),
        "## Quote tracker",
        tracker_section(story, order, site, here),
        facts_section(story, site, here, order),
        "## Findings",
        material_notes(story),
        _findings(story, order, site, here),
        "## Download the data",
        _downloads(),
        "## Correct this page",
        _corrections(story, site, here),
        story_log(story, site, here),
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


def _summary(story: Story, site: SiteMap, here: str) -> str:
    numbers = headline(story)
    reference = _reference_words(story)
    sentences = [
        f"We compared {plural(numbers.versions, 'version')} of this story"
        + (f" with the trusted reference, {reference}." if reference else ".")
    ]
    if numbers.quotes:
        sentences.append(
            f"Of the {plural(numbers.quotes, 'quote')} we tracked, {numbers.altered} "
            f"{'is' if numbers.altered == 1 else 'are'} reworded, cut short, extended or given to "
            "someone else in at least one version."
        )
    else:
        sentences.append("We found no quotes to track.")
    if numbers.misattributions or numbers.factual_drifts:
        sentences.append(
            f"We count {plural(numbers.misattributions, 'misattribution')} and "
            f"{plural(numbers.factual_drifts, 'factual drift')} (a number, date, name or title "
            "that differs from the reference)."
        )
    if story.findings:
        findings = plural(numbers.findings, "finding")
        sentences.append(f"In all, {findings}: {severity_summary([f.severity for f in story.findings])}.")
    else:
        sentences.append("Every version matches its trusted rendering: no findings.")
    text = " ".join(sentences)
    if numbers.worst is not None:
        text += f"\n\n**Most serious:** {worst_finding_line(numbers.worst, story, site, here)}"
    return text


def worst_finding_line(finding: Finding, story: Story, site: SiteMap, here: str) -> str:
    """One line naming a finding: severity, kind, version and explanation,
    linked to its place on the story page."""
    kind = markdown_text(kind_words(finding.kind)) or "finding"
    explanation = markdown_text(finding.explanation) or "no explanation recorded"
    anchor = site.finding_anchor(story.id, finding.id)
    page_path = site.story_page(story.id)
    target = f"#{anchor}" if here == page_path and anchor else relative_link(here, page_path, anchor)
    shown = effective_severity(finding)
    severity = shown if shown in ("high", "medium", "low") else "unrated"
    return f"{link(f'{severity} severity, {kind}', target)} in {id_text(finding.version)}: {explanation}"


def _reference_words(story: Story) -> str:
    for summary in story.versions:
        if story.references and summary.version.id == story.references[0]:
            outlet = markdown_text(outlet_of(summary.version.meta) or "")
            name = id_text(summary.version.id)
            return f"{name} ({outlet})" if outlet else name
    return ""


def _downloads() -> str:
    items = [
        f"{link('JSON report', STORY_REPORT)} (versions, quotes, renderings, findings and word diffs, "
        "as the report command prints them)",
        f"{link('CSV of findings', STORY_CSV)} (one row per finding, for a spreadsheet)",
        f"{link('Atom feed of findings', STORY_FEED)} (follow this story in a feed reader)",
    ]
    return "For people who would rather compute than read: " + "; ".join(items) + "."


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


def _corrections(story: Story, site: SiteMap, here: str) -> str:
    path = corrections_path(story)
    where = (
        f"add a verdict to {markdown_text(path)}" if path else "add a verdict to the story's corrections file"
    )
    editor = edit_link(story, site)
    if editor:
        where += f" ({editor})"
    guide = link("contributing", relative_link(here, CONTRIBUTING_PAGE))
    log = link("corrections log", relative_link(here, CORRECTIONS_LOG))
    return (
        "To confirm or dispute a finding, or to report a problem Verbatim missed, "
        f"{where}, naming the finding id"
        + (", or use the “Suggest a correction” link under the finding" if site.repository else "")
        + f" (see {guide}). "
        "To correct an article's text or details, edit its source file, named on its version page. "
        f"Every verdict and correction is listed in the {log}."
    )


def _versions_table(story: Story, order: VersionOrder, site: SiteMap, here: str) -> str:
    if not story.versions:
        return "This story has no versions."
    summaries = {summary.version.id: summary for summary in story.versions}
    rows = []
    for version_id in order.versions:
        summary = summaries[version_id]
        version = summary.version
        severities = [f.severity for f in story.findings if f.version == version.id]
        rows.append(
            [
                link(
                    id_text(version.id),
                    relative_link(here, site.version_page(story.id, version.id)),
                ),
                table_cell(outlet_of(version.meta) or "unknown"),
                table_cell(version.meta.kind or "not stated"),
                _date(version),
                _lineage_cell(order.codes[version_id], summary.role == "reference"),
                percentage(summary.similarity),
                str(len(summary.quotes)),
                _findings_cell(story, version.id, severities, site),
            ]
        )
    header = ["Version", "Outlet", "Kind", "Date", "Lineage", "Similarity to the reference", "Quotes"]
    intro = ("Lineage by lineage, closest to the source first; the code (A1, A2...) names the version "
             "in the map, the tracker and the chart.")
    shown = table([*header, "Findings"], rows)
    if len(rows) > OPEN_VERSIONS_TABLE:
        shown = folded(f"The {len(rows)} versions: outlet, kind, date, lineage, similarity, quotes and findings",
                       shown)
    return page(intro, shown).rstrip("\n")


def _lineage_cell(code: str, reference: bool) -> str:
    """The version's code, and the reference badge for a trusted version."""
    return f"{code} {status_badge('reference')}" if reference else code


def _date(version: Version) -> str:
    if version.meta.published and markdown_text(version.meta.published):
        return markdown_text(version.meta.published)
    if version.meta.retrieved and markdown_text(version.meta.retrieved):
        return f"retrieved {markdown_text(version.meta.retrieved)}"
    return "not stated"


def _findings_cell(story: Story, version_id: str, severities: list[str], site: SiteMap) -> str:
    words = severity_summary(severities)
    slug = site.versions.get((story.id, version_id))
    return link(words, f"#findings-{slug}") if severities and slug else words


def _findings(story: Story, order: VersionOrder, site: SiteMap, here: str) -> str:
    if not story.findings:
        return "No findings: every version matches its trusted rendering."
    by_quote = findings_by_quote(story, order, site, here)
    others = facts_and_claims(story, order, site)
    return page(
        "### By version and kind",
        chart_section(story, order, site, here),
        "### By quote" if by_quote else "",
        "Each quote's trusted words, then each way versions depart from them; a version's code "
        "leads to its finding below." if by_quote else "",
        by_quote,
        "### Facts and claims" if others else "",
        others,
        "### Version by version",
        "Each version's findings, with their ids, verdicts and correction links.",
        findings_by_version(story, order, site, here),
    ).rstrip("\n")
