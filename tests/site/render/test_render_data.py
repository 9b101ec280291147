"""Downloads and the new pages: JSON, CSV, Atom, facts, people, findings index, tags."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from render_hostile import HOSTILE_STRINGS
from render_sample import COPY_ID, REFERENCE_ID, STORY_ID, sample_corpus

from generator.model import Corpus
from generator.site.render import data, render_site
from generator.site.render.data import EPOCH, findings_csv, rfc3339, story_feed, story_updated
from generator.site.render.escape import clean_text
from generator.site.render.headline import headline, most_serious
from generator.site.render.labels import TAG_VOCABULARY
from generator.site.render.paths import build_site_map
from generator.site.report import story_report

ROOT = Path(__file__).resolve().parents[3]
ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = render_site(sample_corpus())
STORY = sample_corpus().stories[0]


def test_json_download_is_the_story_report() -> None:
    assert json.loads(PAGES[f"stories/{STORY_ID}/report.json"]) == json.loads(json.dumps(story_report(STORY)))


def test_csv_has_one_row_per_finding_with_named_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(PAGES[f"stories/{STORY_ID}/findings.csv"])))
    assert [row["id"] for row in rows] == [finding.id for finding in STORY.findings]
    assert rows[0]["kind"] == "altered_quote" and rows[0]["explanation"] == "'step change' became 'shift'"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_never_start_a_formula(start: str) -> None:
    finding = dataclasses.replace(STORY.findings[0], explanation=f"{start}HYPERLINK(\"http://x\")")
    story = dataclasses.replace(STORY, findings=(finding,))
    row = list(csv.DictReader(io.StringIO(findings_csv(story))))[0]
    assert row["explanation"] == f"'{start}HYPERLINK(\"http://x\")"


def test_atom_feed_parses_and_links_each_finding_to_its_anchor() -> None:
    feed = ET.fromstring(PAGES[f"stories/{STORY_ID}/feed.xml"])
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(STORY.findings)
    site = build_site_map(sample_corpus())
    for entry, finding in zip(entries, STORY.findings):
        href = entry.find(f"{ATOM}link").get("href")
        assert href == f"./#{site.finding_anchor(STORY_ID, finding.id)}"
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    # Updated comes from the data: the reference's publication date.
    assert feed.find(f"{ATOM}updated").text == "2025-09-18T00:00:00Z"


def test_site_feed_links_into_story_pages() -> None:
    feed = ET.fromstring(PAGES["stories/feed.xml"])
    hrefs = [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]
    assert hrefs and all(href.startswith(f"{STORY_ID}/#f-") for href in hrefs)


def _dated(story, story_id: str, published: str):
    versions = tuple(dataclasses.replace(s, version=dataclasses.replace(
        s.version, meta=dataclasses.replace(s.version.meta, published=published, retrieved=None)))
        for s in story.versions)
    return dataclasses.replace(story, id=story_id, versions=versions)


def test_site_feed_holds_the_newest_stories_findings_up_to_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    stories = (_dated(STORY, "a-old", "2024-01-01"), _dated(STORY, "b-new", "2025-06-01"),
               _dated(STORY, "c-mid", "2025-01-01"))
    assert len(STORY.findings) >= 2
    everything = ET.fromstring(render_site(Corpus(stories=stories))["stories/feed.xml"])
    hrefs = [entry.find(f"{ATOM}link").get("href").split("/")[0] for entry in everything.findall(f"{ATOM}entry")]
    count = len(STORY.findings)
    assert hrefs == ["b-new"] * count + ["c-mid"] * count + ["a-old"] * count
    assert everything.find(f"{ATOM}updated").text == "2025-06-01T00:00:00Z"
    monkeypatch.setattr(data, "SITE_FEED_ENTRIES", count + 1)
    capped = ET.fromstring(render_site(Corpus(stories=stories))["stories/feed.xml"])
    hrefs = [entry.find(f"{ATOM}link").get("href").split("/")[0] for entry in capped.findall(f"{ATOM}entry")]
    assert hrefs == ["b-new"] * count + ["c-mid"]


def test_feed_without_dates_uses_the_epoch() -> None:
    versions = tuple(
        dataclasses.replace(s, version=dataclasses.replace(s.version, meta=dataclasses.replace(s.version.meta, published=None)))
        for s in STORY.versions
    )
    story = dataclasses.replace(STORY, versions=versions)
    assert story_updated(story) == EPOCH
    assert f"<updated>{EPOCH}</updated>" in story_feed(story, build_site_map(Corpus(stories=(story,))))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-09-18", "2025-09-18T00:00:00Z"),
        ("2025-09-18T10:30", "2025-09-18T10:30:00Z"),
        ("2025-09-18 10:30:05+01:00", "2025-09-18T10:30:05Z"),
        ("2025-02-30", None),
        ("18 September 2025", None),
        (None, None),
    ],
)
def test_rfc3339(value: str | None, expected: str | None) -> None:
    assert rfc3339(value) == expected


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_feed_and_csv_stay_well_formed_with_hostile_text(hostile: str) -> None:
    finding = dataclasses.replace(STORY.findings[0], explanation=hostile, version_text=hostile)
    story = dataclasses.replace(STORY, title=hostile, findings=(finding,))
    feed = ET.fromstring(story_feed(story, build_site_map(Corpus(stories=(story,)))))
    assert feed.find(f"{ATOM}entry/{ATOM}title").text.endswith(clean_text(hostile).strip() or "recorded")
    assert len(list(csv.reader(io.StringIO(findings_csv(story))))) == 2


def test_story_page_has_facts_and_titles_tables_with_drift_in_words() -> None:
    story_page = PAGES[f"stories/{STORY_ID}/index.md"]
    assert "\n## Facts\n" in story_page
    section = story_page.split("\n## Facts\n")[1].split("\n## Findings\n")[0]
    facts, titles = section.split('??? note "People’s titles')
    # Each table is folded away (one column per version is wider than the page at twenty versions).
    assert '??? note "Numbers, dates and names, version by version (' in facts
    assert "    | ⚠ when the partnership was unveiled | date | “September”" in facts
    assert "<span aria-hidden=\"true\">≠</span> drift</span>" in facts
    assert "“&#163;31bn”" in facts or "“£31bn”" in facts
    assert "    | ⚠ Keir Starmer’s title" in titles and "| Liz Kendall’s title |" in titles
    assert "not stated" in titles
    assert "**Facts legend:**" in titles


def test_story_without_facts_has_no_facts_section() -> None:
    story = dataclasses.replace(STORY, facts=())
    pages = render_site(Corpus(stories=(story,)))
    assert "\n## Facts\n" not in pages[f"stories/{STORY_ID}/index.md"]


def test_version_page_compares_sentences_with_the_reference() -> None:
    copy_page = PAGES[f"stories/{STORY_ID}/versions/{COPY_ID}.md"]
    section = copy_page.split("## Compared with the reference")[1].split("## Removed")[0]
    assert "vb-sentence--changed" in section and "{--step change--} {++shift++}" in section
    assert "vb-sentence--removed" in section and "vb-sentence--added" in section
    reference_page = PAGES[f"stories/{STORY_ID}/versions/{REFERENCE_ID}.md"]
    assert "This is the trusted reference" in reference_page


def test_people_pages_list_each_speaker_and_their_renderings() -> None:
    index = PAGES["stories/people/index.md"]
    assert "[Keir Starmer](keir-starmer.md)" in index
    starmer = PAGES["stories/people/keir-starmer.md"]
    assert starmer.startswith("---\ntitle: Keir Starmer\n---")
    assert "../uk-us-tech-deal/quotes/keir-starmer-this-tech-prosperity-deal-marks.md" in starmer
    assert "✎</span> altered" in starmer


def test_findings_index_counts_by_kind_and_severity_and_holds_the_tag_listing() -> None:
    index = PAGES["stories/findings.md"]
    assert "| [altered quote](#kind-altered-quote) | 1 | 0 | 0 | 1 |" in index
    assert "### altered quote { #kind-altered-quote }" in index
    assert "<!-- material/tags -->" in index


def test_pages_carry_only_tags_from_the_fixed_vocabulary() -> None:
    seen = set()
    for path, text in PAGES.items():
        if path.endswith(".md") and text.startswith("---\n"):
            meta = yaml.safe_load(text.split("---\n")[1])
            seen.update(meta.get("tags", []))
    assert seen and seen <= set(TAG_VOCABULARY)


def test_mkdocs_allows_exactly_the_tag_vocabulary() -> None:
    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may use !ENV and Python tags; they do not matter here.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    tags = next(plugin["tags"] for plugin in config["plugins"] if isinstance(plugin, dict) and "tags" in plugin)
    assert tags["tags_allowed"] == list(TAG_VOCABULARY)


def test_headline_numbers_and_most_serious_finding() -> None:
    numbers = headline(STORY)
    assert (numbers.versions, numbers.quotes, numbers.altered) == (2, 3, 1)
    assert (numbers.misattributions, numbers.factual_drifts, numbers.findings) == (0, 1, 5)
    assert most_serious(STORY.findings).kind == "altered_quote"
    assert most_serious(()) is None
