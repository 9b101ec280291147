"""Properties that hold for any input (Hypothesis), beyond tests/test_fuzz.py:
loading any bytes, aligning and judging any versions, a version identical to
its reference, and escaped text read back from the rendered HTML."""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from stage_helpers import plan, prepared
from test_fuzz import PIECES, PROSE, TEXT

from generator.analysis.align import align
from generator.analysis.judge import judge_story
from generator.inputs.load import read_seeds
from generator.site.render.escape import clean_text, markdown_text

ROOT = Path(__file__).resolve().parent.parent
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

QUOTED = st.lists(st.one_of(PROSE, PIECES, PROSE.map(lambda words: f"“{words},” said Mara Quill.")),
                  max_size=12).map(" ".join)
"""Text with quotes and speakers in it, so alignment has something to line up."""


# Loading -------------------------------------------------------------------------------

FILE_BYTES = st.one_of(
    st.binary(max_size=300),
    TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
    TEXT.map(lambda text: text.encode("utf-16")),
    TEXT.map(lambda text: text.encode("cp1252", "replace")),
    st.tuples(st.text(max_size=80), TEXT).map(lambda pair: f"---\n{pair[0]}\n---\n{pair[1]}".encode()),
)


@PROPERTY
@example(b"\xef\xbb\xbf", "a.txt")
@example(b"---\ntitle: " + b"[" * 5000 + b"\n---\nx", "a.md")
@example(b"a: &a [1, 2]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "story.yml")
@given(FILE_BYTES, st.sampled_from(["a.txt", "a.md", "story.yml"]))
def test_any_file_loads_or_gives_one_problem(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        (seeds / "story").mkdir(parents=True)
        (seeds / "story" / name).write_bytes(data)
        tree = read_seeds(seeds)
    for found in tree.problems:
        assert found.path.startswith("seeds/story") and "\n" not in found.message
    if name != "story.yml":
        # Either the version is there, or a problem says why not (a warning may come with it).
        assert len(tree.files) == 1 or any(p.level == "error" for p in tree.problems)


# Alignment and judging ------------------------------------------------------------------


@PROPERTY
@given(st.lists(st.one_of(QUOTED, TEXT), min_size=1, max_size=3))
def test_align_and_judge_never_raise(texts: list[str]) -> None:
    versions = [prepared(text, f"v{number}") for number, text in enumerate(texts)]
    story_plan = plan(*versions)
    groups = align(story_plan)
    story = judge_story(story_plan)
    ids = {f"v{number}" for number in range(len(texts))}
    for group in groups:
        assert {r.version for r in group.renderings} <= ids
    for finding in story.findings:
        assert finding.version in ids and finding.severity in ("high", "medium", "low")


def _copy_findings(text: str) -> list[Any]:
    """Findings and non-verbatim renderings of a copy identical to its reference."""
    story = judge_story(plan(prepared(text, "original"), prepared(text, "copy")))
    return [f for f in story.findings if f.version == "copy"] + [
        r for g in story.groups for r in g.renderings if r.status not in ("reference", "verbatim")]


PLAIN_PROSE = st.lists(st.sampled_from(["the", "plan", "will", "cut", "waiting", "lists", "by", "half", "Mara",
                                         "colour", "color", "step-change", "£31bn", "2025", "don't", "U.S.",
                                         ",", "—", "😀", "שלום"]), max_size=12).map(" ".join)
"""Words and punctuation, no quotation marks."""

SPOKEN = st.lists(st.tuples(PLAIN_PROSE, st.booleans()), max_size=8).map(lambda parts: " ".join(
    f"“{words} bridge {number},” said Mara Quill." if quoted else f"{words}."
    for number, (words, quoted) in enumerate(parts)))
"""Prose with balanced quotes, each holding content words no other quote has: what the known bugs
below leave alone."""


@PROPERTY
@example('"We will cut waiting lists by half," said Mara Quill.')
@given(SPOKEN)
def test_a_copy_identical_to_its_reference_has_no_findings(text: str) -> None:
    assert _copy_findings(text) == []


@pytest.mark.parametrize("text", [
    pytest.param("“ the “ the .", id="unbalanced-marks"),
    pytest.param("“ .", id="empty-quote"),
    pytest.param("“the bridge,” said Mara Quill. “ bridge,” said Mara Quill.", id="quote-inside-another"),
    pytest.param("“the the the,” said Mara Quill.", id="stopwords-only"),
])
def test_cases_hypothesis_found_where_an_identical_copy_got_findings(text: str) -> None:
    assert _copy_findings(text) == []


# Escaping ------------------------------------------------------------------------------


def _site_markdown_extensions() -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions of mkdocs.yml, as Python-Markdown takes them."""

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may use !ENV and Python tags; they do not concern the extension list.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings_ = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if settings_:
            options[name] = settings_
    if "pymdownx.snippets" in options:
        options["pymdownx.snippets"] = {**options["pymdownx.snippets"],
                                        "base_path": [str(ROOT / "docs")]}
    return names, options


EXTENSIONS, EXTENSION_CONFIGS = _site_markdown_extensions()
_TAG = re.compile(r"<[^>]*>")


def rendered_text(markdown_source: str) -> str:
    """What a reader sees of Markdown rendered with the site's extensions: tags dropped, entities decoded."""
    rendered = markdown.markdown(markdown_source, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return html.unescape(_TAG.sub("", rendered)).strip()


@PROPERTY
@example("{--deleted--}{++inserted++} {~~a~>b~~} {==m==}{>>c<<}")
@example('--8<-- "mkdocs.yml"')
@example("<script>alert(1)</script> [x](javascript:alert(1)) &amp; &#60;")
@example("# Heading\n\n    code\n* list\n> quote\n---\n")
@example(":smile: ==mark== ^^ins^^ ~~del~~ *[HTML]: x")
@example("a\u2028b\u00a0c\u3000d\t\te \x00\x1b\u202e")
@given(st.one_of(TEXT, st.lists(PIECES, max_size=30).map("".join)))
def test_escaped_text_reads_back_as_the_original(text: str) -> None:
    """Rendering ``markdown_text(text)`` and reading the HTML back gives the
    original, less control characters, direction overrides and lone surrogates
    (dropped) and with every whitespace run made one space and the ends trimmed."""
    expected = " ".join(clean_text(text).split())
    assert rendered_text(markdown_text(text)) == expected


def test_the_site_extensions_are_the_ones_that_matter() -> None:
    assert {"pymdownx.critic", "pymdownx.snippets", "attr_list", "md_in_html"} <= set(EXTENSIONS)
