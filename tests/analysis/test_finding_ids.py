"""Finding ids come from content, so verdicts keep pointing at the right finding:
they survive re-runs, edits to other versions and new versions."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.inputs.load import read_seeds
from generator.pipeline import run
from generator.review.corrections import FINDING_ID_PATTERN

ROOT = Path(__file__).resolve().parents[2]
STORY = "us-uk-tech-prosperity-deal"
EDITED = "000_a0a61f85ce8767e2"
TRANSLATION = "003_b72a2944a81ec269"


def _ids(seeds: Path) -> set[tuple[str, str]]:
    """(version, finding id) of every finding of the seed story."""
    story = next(s for s in run(read_seeds(seeds)).stories if s.id == STORY)
    return {(finding.version, finding.id) for finding in story.findings}


@pytest.fixture(scope="module")
def original() -> set[tuple[str, str]]:
    return _ids(ROOT / "seeds")


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "seeds", tmp_path / "seeds"))


def test_ids_are_the_same_on_every_run(original: set[tuple[str, str]]) -> None:
    assert _ids(ROOT / "seeds") == original


def test_every_id_has_the_documented_shape(original: set[tuple[str, str]]) -> None:
    assert original and all(re.match(FINDING_ID_PATTERN, finding_id) for _, finding_id in original)


def _others(ids: set[tuple[str, str]], version: str) -> set[tuple[str, str]]:
    return {pair for pair in ids if pair[0] != version}


def test_editing_another_version_keeps_the_ids(seeds: Path, original: set[tuple[str, str]]) -> None:
    path = seeds / STORY / f"{EDITED}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Negotiations", "Talks", 1)
                    + '\n\nDr Wendy Arkwright, a trade economist, said the talks would be "dead by the spring".\n',
                    encoding="utf-8")
    after = _ids(seeds)
    assert _others(original, EDITED) <= after
    assert after != original  # the edit itself was seen


def _by_content(seeds: Path) -> dict[tuple[str, str, str], str]:
    story = next(s for s in run(read_seeds(seeds)).stories if s.id == STORY)
    return {(f.version, f.kind, f.version_text): f.id for f in story.findings}


def test_adding_a_version_keeps_the_ids(seeds: Path) -> None:
    before = _by_content(seeds)
    text = (seeds / STORY / f"{TRANSLATION}.txt").read_text(encoding="utf-8")
    (seeds / STORY / "005_another-copy.txt").write_text(text.replace("burgeoning", "thriving"), encoding="utf-8")
    after = _by_content(seeds)
    # A new version is new evidence: a finding may go (its words now have support), but every
    # finding that stays keeps its id, and the new version's own findings are there.
    kept = before.keys() & after.keys()
    assert len(kept) >= len(before) - 2
    assert all(before[found] == after[found] for found in kept)
    assert any(version == "005_another-copy" for version, _, _ in after)


def test_removing_a_version_keeps_the_others_ids(seeds: Path, original: set[tuple[str, str]]) -> None:
    (seeds / STORY / f"{EDITED}.txt").unlink()
    assert _others(original, EDITED) <= _ids(seeds)
