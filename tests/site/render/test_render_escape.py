"""Escaping untrusted text: every hostile string comes out inert and reads back unchanged."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from render_hostile import HOSTILE_STRINGS

from generator.site.render.escape import (
    MARKDOWN_SIGNIFICANT,
    clean_text,
    front_matter,
    id_text,
    markdown_text,
    slugify,
    table_cell,
    unique_slugs,
)

CHARACTER_REFERENCE = re.compile(r"&#[0-9]+;")


def raw_characters(markdown: str) -> str:
    """The Markdown with its numeric character references taken out."""
    return CHARACTER_REFERENCE.sub("", markdown)


def test_there_are_at_least_thirty_hostile_strings() -> None:
    assert len(set(HOSTILE_STRINGS)) >= 30


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_markdown_text_leaves_no_significant_character_raw(hostile: str) -> None:
    escaped = markdown_text(hostile)
    leftover = set(raw_characters(escaped)) & MARKDOWN_SIGNIFICANT
    assert not leftover, f"{escaped!r} keeps {sorted(leftover)}"


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_markdown_text_is_one_line_without_controls(hostile: str) -> None:
    escaped = markdown_text(hostile)
    assert "\n" not in escaped and "\r" not in escaped
    assert not any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in escaped)
    assert "\u202e" not in escaped and "\u2066" not in escaped
    assert escaped == escaped.strip()


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_markdown_text_reads_back_as_the_cleaned_text(hostile: str) -> None:
    assert html.unescape(markdown_text(hostile)) == clean_text(hostile).strip()


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_table_cell_never_contains_a_pipe_or_is_empty(hostile: str) -> None:
    cell = table_cell(hostile)
    assert "|" not in cell and cell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a|b", "a&#124;b"),
        ("{--x--}", "&#123;&#45;&#45;x&#45;&#45;&#125;"),
        ("<b>", "&#60;b&#62;"),
        ("it's “fine”", "it&#39;s “fine”"),
        ("  two\n\nlines\t here ", "two lines here"),
        ("nul\x00byte", "nulbyte"),
        ("\u202egnp", "gnp"),
        ("£31bn", "£31bn"),
    ],
)
def test_markdown_text_examples(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


def test_markdown_text_can_keep_edge_spaces_for_joined_pieces() -> None:
    assert markdown_text("  said: ", strip=False) == " said&#58; "


def test_id_text_is_never_empty() -> None:
    assert id_text("\x00\x01") == "(no name)"
    assert id_text("bbc-news") == "bbc&#45;news"


@given(st.text())
def test_markdown_text_round_trips_any_text(text: str) -> None:
    escaped = markdown_text(text)
    assert not set(raw_characters(escaped)) & MARKDOWN_SIGNIFICANT
    assert html.unescape(escaped) == clean_text(text).strip()


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_front_matter_holds_an_escaped_one_line_title(hostile: str) -> None:
    block = front_matter(hostile, hide=["toc"])
    lines = block.split("\n")
    assert lines[0] == "---" and lines[-2:] == ["---", ""]
    assert "---" not in lines[1:-2]
    data = yaml.safe_load("\n".join(lines[1:-2]))
    assert data == {"title": html.escape(clean_text(hostile).strip()), "hide": ["toc"]}
    assert "<" not in data["title"] and ">" not in data["title"]


def test_front_matter_is_plain_for_plain_titles() -> None:
    assert front_matter("UK–US deal") == "---\ntitle: UK–US deal\n---\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gov-statement", "gov-statement"),
        ("BBC News 2025_09_18", "bbc-news-2025-09-18"),
        ("Élysée", "elysee"),
        ("../../etc/passwd", "etc-passwd"),
        ("<script>", "script"),
    ],
)
def test_slugify_examples(text: str, expected: str) -> None:
    assert slugify(text) == expected


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS + ("", "\u0627\u0644\u062e\u0628\u0631", "x" * 500))
def test_slugify_makes_safe_bounded_segments(hostile: str) -> None:
    slug = slugify(hostile, "version")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert len(slug) <= 60


def test_slugify_falls_back_to_a_stable_hash() -> None:
    arabic = "\u0627\u0644\u062e\u0628\u0631"
    assert slugify(arabic, "version") == slugify(arabic, "version")
    assert re.fullmatch(r"version-[0-9a-f]{8}", slugify(arabic, "version"))
    assert slugify(arabic) != slugify("\u0627\u0644\u062e\u0628", "item")


def test_unique_slugs_resolve_clashes_whatever_the_order() -> None:
    ids = ["A b", "a-b", "a_b", "index"]
    first = unique_slugs(ids, reserved=["index"])
    second = unique_slugs(list(reversed(ids)), reserved=["index"])
    assert first == second
    assert len(set(first.values())) == len(ids)
    assert "index" not in first.values()
    assert first["A b"] == "a-b" and first["a-b"] == "a-b-2" and first["a_b"] == "a-b-3"


_TITLE_PIECES = st.sampled_from(["Ida", "Macleod", "Dr.", "Jean-Luc", "yes", "No", "ON", "null", "x", "7", "B52",
                                 "a.b", "-", ".", "'", ":", "#", "é", "True", "off", " ", "  ", "O'Neil", "&"])


@settings(deadline=None, max_examples=300)
@given(st.lists(_TITLE_PIECES, max_size=5).map("".join) | st.lists(_TITLE_PIECES, max_size=5).map(" ".join))
def test_plain_title_front_matter_is_what_yaml_writes(title: str) -> None:
    value = html.escape(clean_text(title).strip(), quote=True)
    body = yaml.safe_dump({"title": value}, allow_unicode=True, sort_keys=False, default_flow_style=False,
                          width=10**9)
    assert front_matter(title) == f"---\n{body}---\n"
    assert yaml.safe_load(front_matter(title)[len("---\n"):-len("---\n")]) == {"title": value}
