"""Lists of findings, as shown on story pages and quote cards."""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import Finding, Story

from .criticmarkup import accessible_diff, has_changes
from .escape import id_text, markdown_text
from .labels import kind_words, severity_badge
from .markdown import bullets, link
from .paths import SiteMap, relative_link
from .verdicts import effective_severity, suggest_link, verdict_lines


def finding_list(
    findings: Sequence[Finding],
    story: Story,
    site: SiteMap,
    here: str,
    *,
    link_cards: bool,
    anchors: bool = False,
) -> str:
    """A bulleted list of findings: severity, kind and explanation, then a
    link to the quote card (``link_cards``) or the evidence itself.

    ``anchors`` gives each item its ``f-<slug>`` id (only on the story page,
    which the home page, the findings index and the feeds link to).
    """
    items = []
    for finding in findings:
        item = "  \n  ".join([_finding_item(finding, story, site, here, link_cards),
                             *verdict_lines(finding, story, site, here), *_correct_links(finding, story, site)])
        anchor = site.finding_anchor(story.id, finding.id) if anchors else None
        # attr_list on a line of its own sets the id of the list item itself.
        items.append(f"{item}\n  {{: #{anchor} }}" if anchor else item)
    return bullets(items)


def _finding_item(
    finding: Finding, story: Story, site: SiteMap, here: str, link_cards: bool
) -> str:
    explanation = markdown_text(finding.explanation) or "no explanation recorded"
    kind = markdown_text(kind_words(finding.kind)) or "finding"
    item = f"{severity_badge(effective_severity(finding))} **{kind}**: {explanation}"
    finding_id = markdown_text(finding.id)
    if finding_id:
        # Contributors name the finding by this id in corrections.yml.
        item += f" <small>(finding <code>{finding_id}</code>)</small>"
    has_card = finding.group is not None and (story.id, finding.group) in site.groups
    if link_cards and has_card:
        card = relative_link(here, site.quote_page(story.id, finding.group or ""))
        return f"{item} ({link('see the quote', card)})"
    if has_card and not link_cards:
        # On the card itself: point at the version's section of the card.
        slug = site.versions.get((story.id, finding.version))
        return f"{item} ({link('in ' + id_text(finding.version), '#v-' + slug)})" if slug else item
    if finding.diff and has_changes(finding.diff):
        return f"{item}  \n  {accessible_diff(finding.diff)}"
    if finding.version_text:
        return f"{item}  \n  This version: “{markdown_text(finding.version_text)}”"
    return item


def _correct_links(finding: Finding, story: Story, site: SiteMap) -> list[str]:
    """The "Suggest a correction" link, when the site knows its repository."""
    suggest = suggest_link(finding, story, site)
    return [suggest] if suggest else []
