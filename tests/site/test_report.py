"""Report stage: the judged corpus as the JSON report of the design notes, and as text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stage_helpers import group_fixture, write_tree

from generator.model import Corpus
from generator.runtime.parallel import run_folder
from generator.site.report import REPORT_VERSION, indented_json, report, to_json, to_text

FILES = ("ferry-original.txt", "ferry-wire.txt", "ferry-rewrite.txt", "bakery.txt")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("report")
    files = {f"ferry/{name}": group_fixture(name) for name in FILES[:3]}
    files["ferry/story.yml"] = "title: Gullrock ferry fares\nreferences: [ferry-original]\n"
    files["bakery.txt"] = group_fixture("bakery.txt")
    return run_folder(write_tree(root, files))


def test_report_top_level(corpus: Corpus) -> None:
    data = report(corpus)
    assert data["report_version"] == REPORT_VERSION
    assert [s["id"] for s in data["stories"]] == ["ferry"]
    assert data["unrelated"] == [{"id": "bakery", "path": "seeds/bakery.txt", "reason": corpus.unrelated[0].reason}]


def test_story_versions(corpus: Corpus) -> None:
    (story,) = report(corpus)["stories"]
    assert (story["title"], story["references"], story["reference_reason"]) == (
        "Gullrock ferry fares", ["ferry-original"], "named in story.yml")
    assert [(v["id"], v["path"], v["role"]) for v in story["versions"]] == [
        ("ferry-original", "seeds/ferry/ferry-original.txt", "reference"),
        ("ferry-rewrite", "seeds/ferry/ferry-rewrite.txt", "version"),
        ("ferry-wire", "seeds/ferry/ferry-wire.txt", "version"),
    ]


def test_quotes_and_renderings_mirror_the_groups(corpus: Corpus) -> None:
    (story,) = report(corpus)["stories"]
    (judged,) = corpus.stories
    assert [q["id"] for q in story["quotes"]] == [g.id for g in judged.groups]
    held = next(q for q in story["quotes"] if q["trusted"] and q["trusted"].startswith("We have held fares"))
    assert held["speaker"] == "Tomas Brennick"
    assert [(r["version"], r["status"]) for r in held["renderings"]] == [
        ("ferry-original", "reference"), ("ferry-rewrite", "altered"), ("ferry-wire", "verbatim")]
    rewrite = held["renderings"][1]
    assert rewrite["text"].startswith("We have frozen fares") and rewrite["speaker"] == "Tomas Brennick"
    assert ["-", "held"] in rewrite["diff"]


def test_findings_mirror_the_story(corpus: Corpus) -> None:
    (story,) = report(corpus)["stories"]
    (judged,) = corpus.stories
    assert [f["id"] for f in story["findings"]] == [f.id for f in judged.findings]
    altered = next(f for f in story["findings"] if f["kind"] == "altered_quote")
    assert altered["version"] == "ferry-rewrite" and altered["reference_version"] == "ferry-original"
    assert all(isinstance(op, list) and len(op) == 2 for op in altered["diff"])


def test_to_json_is_deterministic_and_round_trips(corpus: Corpus) -> None:
    text = to_json(corpus)
    assert text == to_json(corpus)
    assert text.endswith("}\n")
    assert json.loads(text) == report(corpus)


def test_to_json_writes_what_the_standard_library_writes(corpus: Corpus) -> None:
    assert to_json(corpus) == json.dumps(report(corpus), ensure_ascii=False, indent=2) + "\n"


_REPORT_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
_REPORT_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | _REPORT_TEXT
    | st.integers(0, 100).map(lambda hundredths: round(hundredths / 100, 2)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_REPORT_TEXT, inner, max_size=4), max_leaves=30)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_REPORT_TEXT, _REPORT_VALUES, max_size=5))
def test_indented_json_matches_the_standard_library_on_any_report_shaped_value(data: dict) -> None:
    """What a report can hold (any text, a score rounded to hundredths, nesting) is written as
    ``json.dumps(indent=2)`` writes it."""
    assert indented_json(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_to_text(corpus: Corpus) -> None:
    text = to_text(corpus)
    lines = text.splitlines()
    assert lines[0] == "Gullrock ferry fares [ferry]"
    assert lines[1] == "  references: ferry-original (named in story.yml)"
    assert any(line.startswith("  - ferry-rewrite medium altered_quote Tomas Brennick:") for line in lines)
    assert lines[-1].startswith("Set apart: seeds/bakery.txt: belongs to no story")
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_empty_corpus() -> None:
    assert report(Corpus(())) == {"report_version": REPORT_VERSION, "stories": [], "unrelated": [], "problems": []}
    assert to_text(Corpus(())) == "\n"


def test_run_folder_paths_start_with_the_seeds_folder(tmp_path: Path) -> None:
    corpus = run_folder(write_tree(tmp_path, {"only.txt": group_fixture("bakery.txt")}))
    assert corpus.stories == () and corpus.unrelated[0].version.path == "seeds/only.txt"
