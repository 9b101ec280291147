"""Contributors' verdicts in a real browser: visible on the finding they settle and on the
corrections log, with ClaimReview JSON-LD the page's own parser reads."""

from __future__ import annotations

import pytest
from conftest import Served

STORY = "stories/us-uk-tech-prosperity-deal/"
LOG = "stories/corrections/"
STARMER_FINDING = "altered-quote-74eba0dd62"

_READ_JSON_LD = """() => Array.from(document.querySelectorAll('script[type="application/ld+json"]'))
    .map(element => JSON.parse(element.textContent))"""


@pytest.mark.parametrize("path", [STORY, LOG])
def test_claim_review_json_ld_parses_and_names_the_verdict(page: object, seed_site: Served, path: str) -> None:
    page.goto(seed_site.url(path))  # type: ignore[attr-defined]
    (reviews,) = page.evaluate(_READ_JSON_LD)  # type: ignore[attr-defined]
    starmer = next(review for review in reviews if review["identifier"] == STARMER_FINDING)
    assert starmer["@type"] == "ClaimReview"
    assert starmer["reviewRating"]["alternateName"] == "Confirmed misquote"
    assert "generational shift" in starmer["claimReviewed"]


def test_the_verdict_is_visible_on_its_finding(page: object, seed_site: Served) -> None:
    page.goto(seed_site.url(STORY + f"#f-{STARMER_FINDING}"))  # type: ignore[attr-defined]
    finding = page.locator(f"li#f-{STARMER_FINDING}")  # type: ignore[attr-defined]
    verdict = finding.locator(".vb-verdict--confirmed-misquote")
    assert verdict.is_visible() and "Confirmed misquote" in verdict.inner_text()
    assert finding.get_by_role("link", name="Suggest a correction").is_visible()
    href = finding.get_by_role("link", name="Suggest a correction").get_attribute("href")
    assert f"finding={STARMER_FINDING}" in href and "template=request-correction.yml" in href


def test_the_corrections_log_shows_the_verdict_and_links_to_the_finding(page: object, seed_site: Served) -> None:
    page.goto(seed_site.url(LOG))  # type: ignore[attr-defined]
    link = page.get_by_role("link", name=f"altered quote ({STARMER_FINDING})")  # type: ignore[attr-defined]
    assert link.is_visible()
    link.click()
    page.wait_for_url(f"**/{STORY}#f-{STARMER_FINDING}")  # type: ignore[attr-defined]
    assert page.locator(f"li#f-{STARMER_FINDING} .vb-verdict").is_visible()  # type: ignore[attr-defined]
