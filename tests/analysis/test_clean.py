"""Clean stage: page furniture removed with its reason, article text kept exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from stage_helpers import FIXTURES, read_yaml

from generator.analysis.clean import clean, markdown_blocks, text_blocks
from generator.inputs.load import split_front_matter
from generator.model import SeedFile, Version, VersionMeta

CLEAN_CASES = sorted(p for p in (FIXTURES / "clean").iterdir() if p.suffix in (".txt", ".md"))


def _seed(path: Path) -> SeedFile:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"), path.name)
    return SeedFile(path.stem, f"seeds/{path.name}", None, meta, body, path.suffix == ".md")


@pytest.mark.parametrize("path", CLEAN_CASES, ids=lambda p: p.name)
def test_clean_matches_fixture(path: Path) -> None:
    expected = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    cleaned = clean(_seed(path))
    assert [[r.text, r.reason] for r in cleaned.removed] == expected["removed"]
    assert cleaned.text == expected["text"]
    assert cleaned.headline == expected["headline"]


@pytest.mark.parametrize("path", CLEAN_CASES, ids=lambda p: p.name)
def test_every_fixture_has_its_expectations(path: Path) -> None:
    assert path.with_suffix(".yml").is_file()


@pytest.mark.parametrize("path", CLEAN_CASES, ids=lambda p: p.name)
def test_clean_is_deterministic_and_keeps_identity(path: Path) -> None:
    seed = _seed(path)
    first, second = clean(seed), clean(seed)
    assert first == second
    assert (first.id, first.path, first.folder, first.meta) == (seed.version_id, seed.path, seed.folder, seed.meta)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share this article", "sharing buttons"),
        ("Tweet Email Print", "sharing buttons"),
        ("News | Business | Harbour board raises fares", "breadcrumb navigation"),
        ("Photo: Reuters", "photo credit"),
        ("Image source, PA Media", "photo credit"),
        ("Leave a Reply", "comment box"),
        ("12 Comments", "comment box"),
        ("Adblock detected", "ad-blocker notice"),
        ("Related stories", "links to other articles"),
        ("Sign up now", "newsletter prompt"),
        ("4 days ago", "timestamp"),
    ],
)
def test_furniture_line_reasons(line: str, reason: str) -> None:
    body = f"{line}\n\nThe harbour board said on Tuesday that fares would rise by a third.\n"
    cleaned = clean(SeedFile("v", "seeds/v.txt", None, VersionMeta(), body, False))
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]
    assert cleaned.text == "The harbour board said on Tuesday that fares would rise by a third."


def test_sentences_that_mention_sharing_are_kept() -> None:
    body = "Residents share the cost of the ferry, the board said.\n\nComments from islanders were mixed.\n"
    cleaned = clean(SeedFile("v", "seeds/v.txt", None, VersionMeta(), body, False))
    assert cleaned.removed == ()
    assert cleaned.text == body.strip()


def test_control_characters_are_dropped() -> None:
    body = "Fares will rise\x07 by a third\x00 from April.\n"
    cleaned = clean(SeedFile("v", "seeds/v.txt", None, VersionMeta(), body, False))
    assert cleaned.text == "Fares will rise by a third from April."


def test_front_matter_title_is_the_headline_even_when_absent_from_the_body() -> None:
    meta = VersionMeta(title="Ferry fares to rise")
    cleaned = clean(SeedFile("v", "seeds/v.txt", None, meta, "Fares will rise by a third.\n", False))
    assert cleaned.headline == "Ferry fares to rise"
    assert cleaned.text == "Fares will rise by a third."


def test_text_blocks_keep_short_lines_apart_and_join_wrapped_ones() -> None:
    wrapped = ("The harbour board said on Tuesday that return fares would rise\n"
               "by a third from April, the first increase since the crossing opened\n"
               "in 2009.")
    assert [b.text for b in text_blocks(wrapped)] == [" ".join(wrapped.split())]
    assert [b.text for b in text_blocks("Share\nSave\nFares will rise.")] == ["Share", "Save", "Fares will rise."]


def test_markdown_blocks_mark_headings_and_keep_raw_html_as_text() -> None:
    blocks = markdown_blocks("## Fares\n\n<img src=x onerror=alert(1)>\n\nSee [the table](https://example.org/t).\n")
    assert [(b.text, b.heading) for b in blocks] == [
        ("Fares", True), ("<img src=x onerror=alert(1)>", False), ("See the table.", False)]


@pytest.mark.parametrize(("line", "reason"), [
    ("Ilsa Varne Health correspondent", "byline (Ilsa Varne, Health correspondent)"),
    ("By Ilsa Varne, Health correspondent", "byline"),
])
def test_a_bare_byline_line_is_furniture(line: str, reason: str) -> None:
    cleaned = clean(SeedFile("v", "seeds/v.txt", None, VersionMeta(), f"{line}\n\nThe board met on Monday.", False))
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]
    assert cleaned.text == "The board met on Monday."


LINES = read_yaml("clean/lines.yml")
_BEFORE = "The harbour board in Kestle has approved a £6m plan to dredge the main channel."
_AFTER = "Skippers will pay a levy of £40 a landing from 2027, the board said."


def _clean_text(body: str) -> Version:
    # A front-matter title, so that a line at the top is never taken for the headline.
    return clean(SeedFile("v", "seeds/v.txt", None, VersionMeta(title="Kestle dredging plan"), body, False))


@pytest.mark.parametrize(("line", "reason"), LINES["furniture"], ids=lambda v: v[:40])
def test_furniture_line_is_removed_between_paragraphs(line: str, reason: str) -> None:
    cleaned = _clean_text(f"{_BEFORE}\n\n{line}\n\n{_AFTER}\n")
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]
    assert cleaned.text == f"{_BEFORE}\n\n{_AFTER}"


@pytest.mark.parametrize(("line", "reason"), LINES["outside"], ids=lambda v: v[:40])
def test_date_line_is_removed_only_outside_the_paragraphs(line: str, reason: str) -> None:
    for body in (f"{line}\n\n{_BEFORE}\n\n{_AFTER}\n", f"{_BEFORE}\n\n{_AFTER}\n\n{line}\n"):
        assert [(r.text, r.reason) for r in _clean_text(body).removed] == [(line, reason)]
    assert _clean_text(f"{_BEFORE}\n\n{line}\n\n{_AFTER}\n").removed == ()


@pytest.mark.parametrize("line", LINES["keep"], ids=lambda v: v[:40])
@pytest.mark.parametrize("where", ["top", "middle", "bottom"])
def test_article_sentence_that_looks_like_furniture_is_kept(line: str, where: str) -> None:
    paragraphs = {"top": [line, _BEFORE, _AFTER], "middle": [_BEFORE, line, _AFTER],
                  "bottom": [_BEFORE, _AFTER, line]}[where]
    cleaned = _clean_text("\n\n".join(paragraphs) + "\n")
    assert cleaned.removed == ()
    assert cleaned.text == "\n\n".join(paragraphs)


@pytest.mark.parametrize("line", LINES["keep"], ids=lambda v: v[:40])
def test_a_first_paragraph_that_is_a_sentence_is_never_the_headline(line: str) -> None:
    body = f"{line}\n\n{_BEFORE}\n\n{_AFTER}\n"
    cleaned = clean(SeedFile("v", "seeds/v.txt", None, VersionMeta(), body, False))
    assert (cleaned.headline, cleaned.removed) == (None, ())
