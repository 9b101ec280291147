"""Helpers shared by the stage tests: fixture files, and records built from plain text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.analysis.attribute import attribute
from generator.analysis.clean import clean
from generator.analysis.extract import extract
from generator.analysis.group import Prepared, StoryPlan
from generator.model import Quote, QuoteForm, SeedFile, Version, VersionMeta

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read_yaml(name: str) -> Any:
    """A YAML fixture file under tests/fixtures/."""
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


def cases(name: str, xfail: bool = True) -> list[Any]:
    """The cases of a YAML list fixture as pytest params: id from ``name``,
    an ``xfail`` key turned into a strict xfail mark (unless ``xfail`` is False:
    the test checks a part of the case the bug does not touch)."""
    params = []
    for case in read_yaml(name):
        marks = []
        if xfail and "xfail" in case:
            marks = [pytest.mark.xfail(reason=" ".join(case["xfail"].split()), strict=True)]
        params.append(pytest.param(case, id=case["name"], marks=marks))
    return params


def version(text: str, version_id: str = "v", meta: VersionMeta | None = None) -> Version:
    """A cleaned version whose display text is ``text`` exactly."""
    return Version(version_id, f"seeds/{version_id}.txt", None, meta or VersionMeta(), text)


def quotes_of(text: str, version_id: str = "v") -> list[Quote]:
    """Extracted and attributed quotes of a display text."""
    v = version(text, version_id)
    return attribute(v, extract(v))


def prepared(text: str, version_id: str, meta: VersionMeta | None = None) -> Prepared:
    """A version cleaned from raw text, with its attributed quotes."""
    v = clean(SeedFile(version_id, f"seeds/{version_id}.txt", None, meta or VersionMeta(), text, False))
    return Prepared(v, tuple(attribute(v, extract(v))))


def plan(*versions: Prepared, references: tuple[str, ...] | None = None, story_id: str = "story") -> StoryPlan:
    """A story plan over prepared versions, the first one the reference unless told."""
    refs = references or (versions[0].version.id,)
    ordered = sorted(versions, key=lambda p: (p.version.id not in refs, refs.index(p.version.id)
                                             if p.version.id in refs else 0, p.version.id))
    return StoryPlan(story_id, "A story", tuple(ordered), refs, "named by the test")


def bare_quote(text: str, version_id: str = "v", form: QuoteForm = "full") -> Quote:
    """A quote record with no context, for comparing words alone."""
    return Quote(f"{version_id}:q1", version_id, 0, len(text), text, form, text)


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> content) under ``root/seeds`` and return that folder."""
    seeds = root / "seeds"
    for relative, content in files.items():
        path = seeds / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    seeds.mkdir(parents=True, exist_ok=True)
    return seeds


def group_fixture(name: str) -> str:
    """Text of one of the article versions under tests/fixtures/group/."""
    return (FIXTURES / "group" / name).read_text(encoding="utf-8")
