"""The story page's findings, grouped by what they are about rather than by version.

One block per quote: the trusted (or agreed) words, then each way a version
departs from them, with the word diff, once for every version that departs the
same way (a wording copied into six versions is one item naming six
versions).  Findings about facts and claims are grouped the same way.  The
full lists, version by version, follow folded away (``??? note``), each
finding keeping the anchor that the home page, the findings index and the
feeds link to; Material opens a fold when its anchor is the target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import Finding, QuoteGroup, Story

from .criticmarkup import accessible_diff, has_changes
from .escape import id_text, markdown_text
from .findings import finding_list
from .groups import group_speaker
from .labels import finding_rank, kind_words, plural, severity_badge, severity_summary
from .lineages import VersionOrder
from .markdown import bullets, folded, link, page
from .paths import SiteMap, relative_link
from .verdicts import effective_severity, verdict_badge


@dataclass(frozen=True)
class Departure:
    """Findings of one kind that say the same thing about several versions."""

    findings: tuple[Finding, ...]
    """The findings, in lineage order of their versions."""

    @property
    def first(self) -> Finding:
        """The finding that speaks for the others."""
        return self.findings[0]


def departures(findings: Sequence[Finding], order: VersionOrder) -> list[Departure]:
    """``findings`` gathered into departures: same kind, severity, explanation, words, diff and
    verdict; the most serious first, then by the place of their first version."""
    place = {version: index for index, version in enumerate(order.versions)}
    gathered: dict[tuple[object, ...], list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (place.get(f.version, len(place)), f.version, f.id)):
        key = (finding.kind, effective_severity(finding), finding.explanation, finding.version_text,
               finding.diff, finding.verdict.verdict if finding.verdict else None)
        gathered.setdefault(key, []).append(finding)
    found = [Departure(tuple(group)) for group in gathered.values()]
    return sorted(found, key=lambda d: (finding_rank(effective_severity(d.first), d.first.kind),
                                        place.get(d.first.version, len(place)), d.first.version, d.first.id))


def findings_by_quote(story: Story, order: VersionOrder, site: SiteMap, here: str) -> str:
    """One block per quote that has findings, in story order ('' when none has)."""
    blocks = []
    for group in story.groups:
        findings = [f for f in story.findings if f.group == group.id]
        if findings:
            blocks.append(_quote_block(story, group, findings, order, site, here))
    return page(*blocks).rstrip("\n")


def facts_and_claims(story: Story, order: VersionOrder, site: SiteMap) -> str:
    """Findings that belong to no quote of the story, gathered the same way ('' when none)."""
    known = {group.id for group in story.groups}
    others = [f for f in story.findings if f.group not in known]
    if not others:
        return ""
    items = bullets([_departure_item(d, story, order, site, evidence=False) for d in departures(others, order)])
    return f'<div class="vb-departures" markdown="1">\n\n{items}\n\n</div>'


def _quote_block(story: Story, group: QuoteGroup, findings: Sequence[Finding], order: VersionOrder,
                 site: SiteMap, here: str) -> str:
    speaker = markdown_text(group_speaker(group))
    head = f"**{speaker}**"
    if (story.id, group.id) in site.groups:
        head += f" ({link('quote card', relative_link(here, site.quote_page(story.id, group.id)))})"
    words = _words_line(group)
    items = [_departure_item(d, story, order, site) for d in departures(findings, order)]
    # md_in_html: the block's Markdown is parsed inside the div that frames it.
    return f'<div class="vb-qblock" markdown="1">\n\n{head}: {words}\n\n{bullets(items)}\n\n</div>'


def _words_line(group: QuoteGroup) -> str:
    if group.trusted is not None:
        return f"“{markdown_text(group.trusted.text)}” <small>(trusted, in {id_text(group.trusted.version)})</small>"
    if group.consensus is not None:
        agreed = len(group.supporters)
        backing = f", {plural(agreed, 'version')} agree" if agreed else ""
        return (f"“{markdown_text(group.consensus.text)}” <small>(agreed wording: no trusted version has it"
                f"{backing})</small>")
    return "<small>(no trusted or agreed wording)</small>"


def _departure_item(departure: Departure, story: Story, order: VersionOrder, site: SiteMap,
                    *, evidence: bool = True) -> str:
    """One line for a departure (and its word diff under it when ``evidence``)."""
    first = departure.first
    kind = markdown_text(kind_words(first.kind)) or "finding"
    versions = _version_links(departure.findings, story, order, site)
    count = len(departure.findings)
    where = versions[0] if count == 1 else f"{plural(count, 'version')} ({', '.join(versions)})"
    verdict = f" {verdict_badge(first.verdict.verdict)}" if first.verdict else ""
    badge = severity_badge(effective_severity(first))
    if first.kind == "omitted_quote":
        # The block already shows the words; the explanation would repeat them.
        return f"{badge} **{kind}**{verdict}: left out by {where}"
    explanation = markdown_text(first.explanation) or "no explanation recorded"
    item = f"{badge} **{kind}**{verdict} in {where}: {explanation}"
    if evidence and first.diff and has_changes(first.diff):
        return f"{item}  \n  {accessible_diff(first.diff)}"
    return item


SPELLED_OUT = 3
"""Up to this many versions, a departure names each by code and id; beyond, by code alone
(the id stays in the link's tooltip and for screen readers)."""

RUN = 3
"""Versions next to each other in one lineage, from this many on, are written as a range (``B1–B6``)."""


def _version_links(findings: Sequence[Finding], story: Story, order: VersionOrder, site: SiteMap) -> list[str]:
    """Each finding's version, linked to the finding in the folded lists below; beyond
    :data:`SPELLED_OUT` versions by code, and a run of neighbours in a lineage as a range."""
    spelled = len(findings) <= SPELLED_OUT
    links: list[str] = []
    for run in ([[finding] for finding in findings] if spelled else _runs(findings, order)):
        if len(run) >= RUN:
            first, last = order.codes[run[0].version], order.codes[run[-1].version]
            names = ", ".join(id_text(finding.version) for finding in run)
            links.append(f'<span title="{names}">{first}–{last}</span><span class="vb-sr"> ({names})</span>')
            continue
        for finding in run:
            links.append(_version_link(finding, story, order, site, spelled))
    return links


def _runs(findings: Sequence[Finding], order: VersionOrder) -> list[list[Finding]]:
    """``findings`` cut into runs of versions that follow each other in one lineage."""
    runs: list[list[Finding]] = []
    place = {version: index for index, version in enumerate(order.versions)}
    for finding in findings:
        previous = runs[-1][-1] if runs else None
        if (previous is not None and finding.version in place and previous.version in place
                and place[finding.version] == place[previous.version] + 1
                and order.lineage_of(finding.version) is order.lineage_of(previous.version)):
            runs[-1].append(finding)
        else:
            runs.append([finding])
    return runs


def _version_link(finding: Finding, story: Story, order: VersionOrder, site: SiteMap, spelled: bool) -> str:
    code = order.codes.get(finding.version)
    name = id_text(finding.version)
    anchor = site.finding_anchor(story.id, finding.id)
    if code is None or spelled:
        label = f"{code} {name}" if code else name
        return link(label, f"#{anchor}") if anchor else label
    label = f'{code}<span class="vb-sr"> {name}</span>'
    return f'<a href="#{anchor}" title="{name}">{label}</a>' if anchor else label


def findings_by_version(story: Story, order: VersionOrder, site: SiteMap, here: str) -> str:
    """Each version's findings in a fold of its own, in lineage order, every finding with its anchor."""
    blocks = []
    for version_id in order.versions:
        findings = [f for f in story.findings if f.version == version_id]
        slug = site.versions.get((story.id, version_id))
        if not findings or slug is None:
            continue
        target = relative_link(here, site.version_page(story.id, version_id))
        code = order.codes[version_id]
        summary = severity_summary([f.severity for f in findings])
        body = page(
            f"In {link(id_text(version_id), target)}:\n{{: #findings-{slug} }}",
            finding_list(findings, story, site, here, link_cards=True, anchors=True),
        )
        blocks.append(folded(f"{code} {slug}: {summary}", body))
    orphans = [f for f in story.findings if (story.id, f.version) not in site.versions]
    if orphans:
        body = page("Findings on versions without a page of their own:\n{: #findings-other }",
                    finding_list(orphans, story, site, here, link_cards=True, anchors=True))
        blocks.append(folded(f"Other findings, {plural(len(orphans), 'finding')}", body))
    if not blocks:
        return ""
    # md_in_html: the folds sit side by side in a grid while closed (see verbatim.css).
    return page('<div class="vb-folds" markdown="1">', *blocks, "</div>").rstrip("\n")

