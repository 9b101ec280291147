"""The quote card: one quote group across every version, word by word."""

from __future__ import annotations

from collections import Counter

from generator.model import Quote, QuoteGroup, Rendering, Speaker, Story

from .corrections_log import edit_source
from .criticmarkup import accessible_diff, has_changes
from .escape import front_matter, id_text, markdown_text
from .findings import finding_list
from .groups import group_excerpt, group_speaker
from .headline import finding_tags
from .labels import STATUS_LABELS, outlet_of, percentage, plural, status_badge, status_label
from .markdown import link, page
from .paths import SiteMap, relative_link
from .story import story_link
from .verdicts import corrections_path

ALTERED_ORDER = ("misattributed", "altered", "extended", "truncated", "unsupported")
"""Statuses named first in a card's one-line summary: the ones a reader should check."""


def render_quote_card(story: Story, group: QuoteGroup, site: SiteMap) -> str:
    """Markdown of the card of one quote group."""
    here = site.quote_page(story.id, group.id)
    findings = [f for f in story.findings if f.group == group.id]
    tags = finding_tags(findings)
    return page(
        front_matter(
            f"{group_speaker(group)}: “{group_excerpt(group)}”",
            **({"tags": tags} if tags else {}),
            **edit_source(corrections_path(story)),
        ),
        f"**At a glance:** {card_summary(group)}",
        f"**Speaker:** {_speaker_link(group, site, here)}  \n"
        f"**Story:** {story_link(story, site, here)}",
        "## Trusted rendering",
        _trusted(story, group, site, here),
        "## In each version",
        *(_rendering(story, rendering, site, here) for rendering in group.renderings),
        "## Findings on this quote",
        finding_list(findings, story, site, here, link_cards=False)
        if findings
        else "No findings on this quote.",
    )


def card_summary(group: QuoteGroup) -> str:
    """One line: how many versions render the quote in each way, most
    worrying first ("1 altered, 1 partial, 1 omitted, 1 reference in 4 versions")."""
    counts = Counter(rendering.status for rendering in group.renderings)
    order = [*ALTERED_ORDER, *(s for s in STATUS_LABELS if s not in ALTERED_ORDER)]
    parts = [f"{counts[status]} {status_label(status).word}" for status in order if counts[status]]
    unknown = sum(n for status, n in counts.items() if status not in STATUS_LABELS)
    if unknown:
        parts.append(f"{unknown} unknown")
    versions = plural(len(group.renderings), "version")
    return f"{', '.join(parts)} in {versions}." if parts else "No version renders this quote."


def _speaker_link(group: QuoteGroup, site: SiteMap, here: str) -> str:
    name = markdown_text(group_speaker(group))
    if group.speaker in site.people:
        return link(name, relative_link(here, site.person_page(group.speaker or "")))
    return name


def _trusted(story: Story, group: QuoteGroup, site: SiteMap, here: str) -> str:
    quote = group.trusted
    if quote is None:
        return "No trusted version has this quote: its words cannot be checked against a reference."
    source = _version_link(story, quote.version, site, here)
    speaker = markdown_text(group_speaker(group))
    return f"> “{markdown_text(quote.text)}”\n>\n> — {speaker}, in {source}"


def _rendering(story: Story, rendering: Rendering, site: SiteMap, here: str) -> str:
    slug = site.versions.get((story.id, rendering.version))
    anchor = f"v-{slug}" if slug else "v-unknown"
    version_link = _version_link(story, rendering.version, site, here)
    facts = [
        f"**Version:** {version_link}{_outlet(story, rendering.version)}",
        f"**Status:** {status_badge(rendering.status)}",
    ]
    if rendering.quote is not None:
        facts.append(f"**Speaker as written:** {_speaker_as_written(rendering.quote.speaker)}")
        facts.append(f"**Match:** {percentage(rendering.score)}")
    blocks = [f"### {slug or 'unknown-version'} {{ #{anchor} }}", "  \n".join(facts)]
    blocks.append(_words(rendering.quote, rendering))
    summary = markdown_text(rendering.summary)
    if summary:
        blocks.append(f"*{summary}*")
    return page(*blocks).rstrip("\n")


def _words(quote: Quote | None, rendering: Rendering) -> str:
    if quote is None:
        return "This version does not carry the quote."
    if has_changes(rendering.diff):
        return f"{accessible_diff(rendering.diff)}\n{{: .vb-diff }}"
    return f"“{markdown_text(quote.text)}”\n{{: .vb-diff }}"


def _speaker_as_written(speaker: Speaker | None) -> str:
    if speaker is None:
        return "not named in this version"
    written = markdown_text(speaker.as_written) or markdown_text(speaker.canonical)
    canonical = markdown_text(speaker.canonical)
    # Name the unified speaker only when the words written do not already.
    words = written if canonical in written else f"{written} ({canonical})"
    return f"{words}, via pronoun" if speaker.via_pronoun else words


def _version_link(story: Story, version_id: str, site: SiteMap, here: str) -> str:
    if (story.id, version_id) not in site.versions:
        return id_text(version_id)
    return link(id_text(version_id), relative_link(here, site.version_page(story.id, version_id)))


def _outlet(story: Story, version_id: str) -> str:
    for summary in story.versions:
        outlet = outlet_of(summary.version.meta) if summary.version.id == version_id else None
        if outlet:
            return f" ({markdown_text(outlet)})"
    return ""
