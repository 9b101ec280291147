"""The version page: facts, the cleaned text with its quotes highlighted and
linked to their cards, and what cleaning removed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.analysis.diff import word_diff
from generator.analysis.sentence_map import SentencePair, map_sentences
from generator.model import Quote, Story, Unrelated, Version, VersionSummary

from .corrections_log import edit_source
from .criticmarkup import accessible_diff, critic_diff
from .escape import clean_text, front_matter, id_text, markdown_text
from .groups import quote_groups_by_quote_id
from .labels import outlet_of, percentage, status_label
from .markdown import bullets, link, page
from .paths import SiteMap, relative_link
from .story import story_link

_FROM_ADDRESS = " (from its address)"
"""Said of an outlet the front matter does not name, taken from the host of its ``url``."""
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


@dataclass(frozen=True)
class Highlight:
    """A quote to highlight in the text of a version."""

    start: int
    """Offset of its first character in :attr:`Version.text`."""
    end: int
    """Offset just past its last character."""
    target: str | None
    """Link to its quote card, or None when it belongs to no group."""
    tooltip: str
    """Trusted words shown on hover (its status)."""


def render_version(story: Story, summary: VersionSummary, site: SiteMap) -> str:
    """Markdown of the page of one version of a story."""
    version = summary.version
    here = site.version_page(story.id, version.id)
    facts = [
        f"**Story:** {story_link(story, site, here)}",
        f"**Role:** {'trusted reference' if summary.role == 'reference' else 'version'}",
        f"**Similarity to the reference:** {percentage(summary.similarity)}",
        f"**Quotes found:** {len(summary.quotes)}",
    ]
    highlights = _highlights(story, summary.quotes, site, here)
    return page(
        front_matter(version.headline or version.id, **edit_source(version.path)),
        bullets(facts + _version_facts(version)),
        "## Text",
        _text(version.text, highlights),
        "## Compared with the reference",
        _comparison(story, summary, site, here),
        "## Removed from the page",
        _removed(version),
    )


SENTENCE_LABELS = {
    "same": ("=", "same"),
    "changed": ("✎", "changed"),
    "added": ("+", "added"),
    "removed": ("−", "removed"),
}
"""Symbol and word for each sentence status of the comparison view."""


def _comparison(story: Story, summary: VersionSummary, site: SiteMap, here: str) -> str:
    reference = _first_reference(story)
    if reference is None:
        return "This story has no trusted reference to compare with."
    if reference.version.id == summary.version.id:
        return "This is the trusted reference: the other versions are compared with it."
    target = relative_link(here, site.version_page(story.id, reference.version.id))
    pairs = map_sentences(reference.version.text, summary.version.text)
    if not pairs:
        return "Neither text has any sentences to compare."
    counts = Counter(pair.status for pair in pairs)
    tally = ", ".join(
        f"{counts[status]} {word}" for status, (_, word) in SENTENCE_LABELS.items() if counts[status]
    )
    intro = (
        f"Sentence by sentence against the reference, {link(id_text(reference.version.id), target)}: "
        f"{tally}. Removed sentences are the reference's, struck through; added ones are this "
        "version's, underlined; in changed ones the words that differ are marked the same way."
    )
    items = [_sentence_item(pair) for pair in pairs]
    return f"{intro}\n\n{bullets(items)}"


def _sentence_item(pair: SentencePair) -> str:
    symbol, word = SENTENCE_LABELS[pair.status]
    badge = (
        f'<span class="vb-sentence vb-sentence--{pair.status}">'
        f'<span aria-hidden="true">{symbol}</span> {word}</span>'
    )
    if pair.status == "same":
        body = markdown_text(pair.version)
    elif pair.status == "changed":
        body = accessible_diff(word_diff(pair.reference, pair.version))
    elif pair.status == "added":
        body = critic_diff([("+", pair.version)])
    else:
        body = critic_diff([("-", pair.reference)])
    return f"{badge} {body}"


def _first_reference(story: Story) -> VersionSummary | None:
    for reference in story.references:
        for summary in story.versions:
            if summary.version.id == reference:
                return summary
    return None


def render_unrelated(item: Unrelated, site: SiteMap) -> str:
    """Markdown of the page of a file set apart from every story."""
    version = item.version
    reason = markdown_text(item.reason) or "no reason was recorded"
    facts = [f"**Set apart because:** {reason}"]
    return page(
        front_matter(version.headline or version.id, **edit_source(version.path)),
        "This file was not grouped with any story.",
        bullets(facts + _version_facts(version)),
        "## Text",
        _text(version.text, ()),
        "## Removed from the page",
        _removed(version),
    )


def _version_facts(version: Version) -> list[str]:
    meta = version.meta
    optional = [
        ("Outlet", outlet_of(meta)),
        ("Kind", meta.kind),
        ("Published", meta.published),
        ("Retrieved", meta.retrieved),
        ("Author", meta.author),
        ("Language", meta.language),
        # Shown as text, never as a link: the address is untrusted.
        ("Found at", meta.url),
        ("Archived copy", meta.archived),
        ("SHA-256 of the page read", meta.sha256),
    ]
    facts = [f"**Version id:** {id_text(version.id)}"]
    facts += [
        f"**{name}:** {markdown_text(value)}{_FROM_ADDRESS if name == 'Outlet' and not meta.outlet else ''}"
        for name, value in optional
        if value is not None and markdown_text(value)
    ]
    facts.append(
        f"**Source file:** {markdown_text(version.path) or 'unknown'} "
        "(edit this file to correct the text or its details)"
    )
    return facts


def _highlights(story: Story, quotes: Sequence[Quote], site: SiteMap, here: str) -> list[Highlight]:
    groups = quote_groups_by_quote_id(story)
    statuses = {
        rendering.quote.id: rendering.status
        for group in story.groups
        for rendering in group.renderings
        if rendering.quote is not None
    }
    highlights = []
    for quote in quotes:
        group_id = groups.get(quote.id)
        target = None
        if group_id is not None and (story.id, group_id) in site.groups:
            target = relative_link(here, site.quote_page(story.id, group_id))
        label = status_label(statuses.get(quote.id, "unknown"))
        tooltip = f"{label.word}: open the quote card" if target else "quote not lined up"
        highlights.append(Highlight(quote.start, quote.end, target, tooltip))
    return sorted(highlights, key=lambda h: (h.start, h.end))


def _text(text: str, highlights: Sequence[Highlight]) -> str:
    paragraphs = []
    start = 0
    for separator in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = separator.start() if separator else len(text)
        paragraph = _paragraph(text, start, end, highlights)
        if paragraph:
            paragraphs.append(paragraph)
        if separator:
            start = separator.end()
    return "\n\n".join(paragraphs) if paragraphs else "This version has no text."


def _paragraph(text: str, start: int, end: int, highlights: Sequence[Highlight]) -> str:
    pieces = []
    cursor = start
    for highlight in highlights:
        quote_start, quote_end = max(highlight.start, cursor), min(highlight.end, end)
        if quote_start >= quote_end:
            continue
        pieces.append(markdown_text(text[cursor:quote_start], strip=False))
        pieces.append(_highlighted(text[quote_start:quote_end], highlight))
        cursor = quote_end
    pieces.append(markdown_text(text[cursor:end], strip=False))
    return "".join(pieces).strip()


def _highlighted(words: str, highlight: Highlight) -> str:
    cleaned = clean_text(words)
    core = cleaned.strip()
    if not core:
        return markdown_text(cleaned, strip=False)
    leading = " " if cleaned.startswith(" ") else ""
    trailing = " " if cleaned.endswith(" ") else ""
    if highlight.target is None:
        marked = f'<mark class="vb-quote" title="{highlight.tooltip}">{markdown_text(core)}</mark>'
    else:
        marked = f'[{markdown_text(core)}]({highlight.target} "{highlight.tooltip}"){{ .vb-quote }}'
    return f"{leading}{marked}{trailing}"


def _removed(version: Version) -> str:
    if not version.removed:
        return "Cleaning removed nothing from this file."
    items = []
    for line in version.removed:
        words = markdown_text(line.text) or "(an empty line)"
        reason = markdown_text(line.reason) or "no reason recorded"
        items.append(f"“{words}”: {reason}")
    intro = "Cleaning took these lines out of the article text (page furniture, not the story):"
    return f"{intro}\n\n{bullets(items)}"
