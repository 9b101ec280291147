"""Downloadable data next to each story page: the JSON report, a CSV of
findings and an Atom feed of findings; and one Atom feed for the whole site.

Deterministic: no build time anywhere.  A feed's ``updated`` is the latest
``published`` or ``retrieved`` date among the story's versions (read as UTC),
else :data:`EPOCH`.  Feed links are relative to the feed file and assume the
site's directory URLs (``use_directory_urls: true`` in mkdocs.yml).
"""

from __future__ import annotations

import csv
import io
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from generator.model import Finding, Story
from generator.site.report import indented_json, story_report

from .escape import clean_text
from .labels import kind_words, newest_first, severity_tag
from .paths import SiteMap

EPOCH = "1970-01-01T00:00:00Z"
"""A feed's ``updated`` when no version of its stories carries a date."""

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"

FEED_NAMESPACE = uuid.UUID("6f0c43a2-7f0e-5b8e-9c1d-766572626174")
"""Namespace of the name-based UUIDs that identify feeds and entries (fixed, so
an entry keeps its id from build to build)."""

CSV_COLUMNS = (
    "id",
    "kind",
    "severity",
    "version",
    "speaker",
    "reference_version",
    "reference_text",
    "version_text",
    "explanation",
    "quote",
)
"""Columns of the findings CSV, named as in the JSON report."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to spreadsheet programs."""

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")


def story_json(story: Story) -> str:
    """The story's JSON report (as :func:`generator.site.report.story_report` makes it)."""
    return indented_json(story_report(story)) + "\n"


def findings_csv(story: Story) -> str:
    """One row per finding; cells that a spreadsheet would run as a formula get
    a leading apostrophe (the usual guard against CSV injection)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for finding in story.findings:
        row = [
            finding.id,
            finding.kind,
            finding.severity,
            finding.version,
            finding.speaker or "",
            finding.reference_version or "",
            finding.reference_text,
            finding.version_text,
            finding.explanation,
            finding.group or "",
        ]
        writer.writerow([_inert_cell(cell) for cell in row])
    return buffer.getvalue()


def _inert_cell(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def story_updated(story: Story) -> str:
    """Latest date among the versions' ``published`` and ``retrieved``, as an
    RFC 3339 UTC timestamp; :data:`EPOCH` when none can be read."""
    dates = [
        stamp
        for summary in story.versions
        for value in (summary.version.meta.published, summary.version.meta.retrieved)
        if (stamp := rfc3339(value)) is not None
    ]
    return max(dates, default=EPOCH)


def rfc3339(value: str | None) -> str | None:
    """``2025-09-18`` or ``2025-09-18T10:30`` as ``2025-09-18T10:30:00Z``; None
    when ``value`` does not start with a valid ISO 8601 date."""
    match = _ISO_DATE.match(value or "")
    if not match:
        return None
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def story_feed(story: Story, site: SiteMap) -> str:
    """Atom feed of one story's findings, written next to its page."""
    entries = [(story, finding, f"./#{_anchor(story, finding, site)}") for finding in story.findings]
    title = f"Verbatim: {clean_text(story.title or story.id).strip()}"
    return _feed(title, f"story:{story.id}", "./", story_updated(story), _entries_xml(entries))


SITE_FEED_ENTRIES = 200
"""Findings in the site-wide feed: those of the most recently updated stories.
Feed readers fetch a feed again and again; each story's own feed has all of its findings."""


@dataclass(frozen=True)
class FeedEntries:
    """One story's share of the site-wide feed."""

    updated: str
    """The story's ``updated`` timestamp (:func:`story_updated`)."""
    entries: tuple[str, ...]
    """Its findings as Atom ``entry`` elements, indented as in the feed, in story order."""


def feed_entries(story: Story, site: SiteMap) -> FeedEntries:
    """The entries ``story`` adds to the site-wide feed."""
    return FeedEntries(story_updated(story), tuple(
        _entries_xml([(story, finding, f"{site.stories[story.id]}/#{_anchor(story, finding, site)}")])
        for finding in story.findings))


def site_feed(stories: Sequence[tuple[str, FeedEntries]]) -> str:
    """Atom feed of the findings of the most recently updated stories ((story id, entries) pairs),
    at most :data:`SITE_FEED_ENTRIES`, written at the top of the generated subtree."""
    updated = max((entries.updated for _, entries in stories), default=EPOCH)
    ordered = sorted(stories, key=lambda pair: (newest_first(pair[1].updated), pair[0]))
    chosen = [entry for _, entries in ordered for entry in entries.entries][:SITE_FEED_ENTRIES]
    return _feed("Verbatim: findings in the most recently updated stories", "site", "./", updated, "".join(chosen))


def _anchor(story: Story, finding: Finding, site: SiteMap) -> str:
    return site.finding_anchor(story.id, finding.id) or "findings"


def _feed(title: str, key: str, alternate: str, updated: str, entries_xml: str) -> str:
    """The feed document; ``entries_xml`` (from :func:`_entries_xml`) goes after the feed's own elements."""
    feed = ET.Element("feed", {"xmlns": ATOM_NAMESPACE})
    _text(feed, "title", title)
    _text(feed, "id", _urn(f"feed:{key}"))
    _text(feed, "updated", updated)
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": alternate})
    author = ET.SubElement(feed, "author")
    _text(author, "name", "Verbatim")
    _text(feed, "generator", "Verbatim")
    ET.indent(feed, space="  ")
    head, closing = ET.tostring(feed, encoding="unicode", short_empty_elements=True).rsplit("</feed>", 1)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{head}{entries_xml}</feed>{closing}\n'


def _entries_xml(entries: Sequence[tuple[Story, Finding, str]]) -> str:
    """Atom entries as they read inside a feed: one indentation level in, each line ending the element."""
    if not entries:
        return ""
    holder = ET.Element("feed")
    for story, finding, href in entries:
        holder.append(_entry(story, finding, href))
    ET.indent(holder, space="  ")
    text = ET.tostring(holder, encoding="unicode", short_empty_elements=True)
    return text[len("<feed>\n"):-len("</feed>")]


def _entry(story: Story, finding: Finding, href: str) -> ET.Element:
    entry = ET.Element("entry")
    severity = severity_tag(finding.severity)
    kind = kind_words(finding.kind)
    explanation = clean_text(finding.explanation).strip() or "no explanation recorded"
    _text(entry, "title", f"{severity}, {kind} in {clean_text(finding.version).strip()}: {explanation}")
    _text(entry, "id", _urn(f"finding:{story.id}:{finding.id}"))
    _text(entry, "updated", story_updated(story))
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": href})
    for term in (kind, severity):
        ET.SubElement(entry, "category", {"term": term})
    lines = [f"Story: {clean_text(story.title or story.id).strip()}", explanation]
    if finding.reference_text:
        lines.append(f"Trusted words: {clean_text(finding.reference_text).strip()}")
    if finding.version_text:
        lines.append(f"This version: {clean_text(finding.version_text).strip()}")
    lines.append(f"Finding id: {clean_text(finding.id).strip()}")
    _text(entry, "summary", "\n".join(lines))
    return entry


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = clean_text(text) if tag != "summary" else _keep_lines(text)


def _keep_lines(text: str) -> str:
    return "\n".join(clean_text(line).strip() for line in text.split("\n"))


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, name)}"
