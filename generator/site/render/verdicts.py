"""Contributors' verdicts on a finding, the links to correct it, and its ClaimReview data.

Verdicts come from corrections files anyone can propose, so every string is
escaped like article text; links are made only from http(s) addresses (checked
again here, whatever the loader let through), from GitHub handles matching a
strict pattern, and from generated site paths.  The ClaimReview records are
plain data for the page's front matter: the theme template serialises them with
``tojson``, which escapes ``<``, ``>``, ``&`` and ``'`` so no note can close the
script element.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from generator.model import Finding, Source, Story, Verdict
from generator.review.corrections import CORRECTIONS_FILE, VERDICT_WORDS, is_http_url

from .escape import clean_text, markdown_text
from .labels import kind_words, severity_badge
from .markdown import link
from .paths import SiteMap, relative_link, served_link

_HANDLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}$")
_SAFE_URL_CHARS = re.compile(r"^[!#$%&'*+,\-./0-9:;=?@A-Z_a-z~]+$")

VERDICT_SYMBOLS: dict[str, str] = {
    "confirmed-misquote": "✗",
    "acceptable-paraphrase": "≈",
    "translation-variant": "⇆",
    "verified-primary-source": "✓",
    "false-alarm": "○",
}
"""A glyph per verdict (never the only cue: the words are always shown)."""

RATINGS: dict[str, int] = {
    "confirmed-misquote": 1,
    "translation-variant": 3,
    "acceptable-paraphrase": 4,
    "verified-primary-source": 5,
    "false-alarm": 5,
}
"""How accurate each verdict finds the version's words, 1 (misquote) to 5 (accurate), for ClaimReview."""

SETTLED = frozenset({"acceptable-paraphrase", "translation-variant", "verified-primary-source", "false-alarm"})
"""Verdicts that find the version's words acceptable: the finding no longer counts as the story's most serious."""


def verdict_words(verdict: str) -> str:
    """A verdict in words ("Confirmed misquote")."""
    return VERDICT_WORDS.get(verdict, verdict.replace("-", " ").capitalize())


def effective_severity(finding: Finding) -> str:
    """The reviewer's severity when one was set, else the automatic one."""
    return finding.verdict.severity if finding.verdict and finding.verdict.severity else finding.severity


def verdict_badge(verdict: str) -> str:
    """Inline HTML for a verdict: symbol and words, with a class for colour."""
    css = verdict if verdict in VERDICT_WORDS else "unknown"
    return (f'<span class="vb-verdict vb-verdict--{css}"><span aria-hidden="true">'
            f"{VERDICT_SYMBOLS.get(verdict, '·')}</span> {markdown_text(verdict_words(verdict))}</span>")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address made only of characters that
    cannot end a Markdown link or start markup; else None (shown as text)."""
    if not url or not is_http_url(url) or not _SAFE_URL_CHARS.match(url) or "](" in url:
        return None
    return url.replace("(", "%28").replace(")", "%29")


def reviewer_link(handle: str) -> str:
    """``@handle`` linked to the GitHub profile (text only for an odd handle)."""
    if _HANDLE.match(handle):
        return link(f"&#64;{handle}", f"https://github.com/{handle}")
    return markdown_text(handle) or "an unnamed reviewer"


def corrections_path(story: Story) -> str | None:
    """The corrections file of a story folder (``seeds/<story>/corrections.yml``); None for loose files."""
    folders = sorted({posixpath.dirname(summary.version.path) for summary in story.versions
                      if summary.version.folder is not None and posixpath.dirname(summary.version.path)})
    return f"{folders[0]}/{CORRECTIONS_FILE}" if folders else None


def _source_item(source: Source, story: Story, site: SiteMap, here: str) -> str:
    label = markdown_text(source.title or "") or None
    if source.seed is not None:
        version = _seed_version(source.seed, story)
        shown = label or markdown_text(source.seed) or "a seed file"
        text = (link(shown, relative_link(here, site.version_page(story.id, version)))
                if version is not None else f"{shown} (in this repository)")
    else:
        url = safe_url(source.url)
        shown = label or markdown_text(source.url or "") or "a source"
        text = link(shown, url) if url else shown
    extras = []
    archived = safe_url(source.archived)
    if archived:
        extras.append(link("archived copy", archived))
    if source.retrieved and markdown_text(source.retrieved):
        extras.append(f"retrieved {markdown_text(source.retrieved)}")
    return f"{text} ({', '.join(extras)})" if extras else text


def _seed_version(seed: str, story: Story) -> str | None:
    """The version of ``story`` whose file ``seed`` names, if any."""
    return next((s.version.id for s in story.versions if s.version.path == seed), None)


def verdict_lines(finding: Finding, story: Story, site: SiteMap, here: str) -> list[str]:
    """The verdict on ``finding`` as lines of one paragraph (empty when there is none)."""
    verdict = finding.verdict
    if verdict is None:
        return []
    by = reviewer_link(verdict.reviewer)
    date = markdown_text(verdict.date) or "an unrecorded date"
    lines = [f"**Reviewed:** {verdict_badge(verdict.verdict)} by {by} on {date}."]
    if verdict.severity and verdict.severity != finding.severity:
        lines.append(f"Severity set to {severity_badge(verdict.severity)} by the reviewer; "
                     f"the automatic judgement was {severity_badge(finding.severity)}.")
    note = markdown_text(verdict.note)
    if note:
        lines.append(f"*{note}*")
    sources = [_source_item(source, story, site, here) for source in verdict.sources]
    if sources:
        lines.append(f"**Sources:** {'; '.join(sources)}")
    return lines


def suggest_link(finding: Finding, story: Story, site: SiteMap) -> str | None:
    """A "Suggest a correction" link opening the issue form with the finding named; None without a repository."""
    repository = site.repository
    if repository is None:
        return None
    fields = {
        "finding": finding.id,
        "story": story.id,
        "title": f"Correction: {finding.id} ({story.id})",
    }
    url = repository.issue_url({name: clean_text(value).strip() for name, value in fields.items()})
    return link("Suggest a correction", url)


def edit_link(story: Story, site: SiteMap, label: str = "edit the corrections file") -> str | None:
    """A link opening the story's corrections file in GitHub's editor; None without a repository or folder."""
    path = corrections_path(story)
    if site.repository is None or path is None:
        return None
    return link(label, site.repository.edit_url(path))


def claim_review(finding: Finding, story: Story, url: str) -> dict[str, Any] | None:
    """schema.org ClaimReview of a finding with a verdict, as plain data (None without one).

    ``url`` is where the verdict is shown (a fragment, or a link relative to the page)."""
    verdict: Verdict | None = finding.verdict
    if verdict is None:
        return None
    version = next((s.version for s in story.versions if s.version.id == finding.version), None)
    claimed = clean_text(finding.version_text or finding.reference_text).strip()
    appearance: dict[str, Any] = {"@type": "CreativeWork", "name": clean_text(version.headline or version.id).strip()
                                  if version else clean_text(finding.version).strip()}
    if version is not None and version.meta.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": clean_text(version.meta.outlet).strip()}
    if version is not None and safe_url(version.meta.url):
        appearance["url"] = version.meta.url
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if finding.speaker:
        item["author"] = {"@type": "Person", "name": clean_text(finding.speaker).strip()}
    author: dict[str, Any] = {"@type": "Person", "name": clean_text(verdict.reviewer).strip()}
    if _HANDLE.match(verdict.reviewer):
        author["url"] = f"https://github.com/{verdict.reviewer}"
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claimed or kind_words(finding.kind),
        "datePublished": clean_text(verdict.date).strip(),
        "author": author,
        "reviewBody": clean_text(verdict.note).strip(),
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS.get(verdict.verdict, 3),
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": verdict_words(verdict.verdict),
        },
        "identifier": finding.id,
    }


def story_claim_reviews(story: Story, site: SiteMap, here: str) -> list[dict[str, Any]]:
    """ClaimReview data of every finding of ``story`` with a verdict, as seen from page ``here``."""
    reviews = []
    for finding in story.findings:
        url = served_link(here, site.story_page(story.id), site.finding_anchor(story.id, finding.id))
        review = claim_review(finding, story, url)
        if review is not None:
            reviews.append(review)
    return reviews
