"""Loose files grouped into stories: by every pair while that is cheap, by the candidates MinHash
LSH finds beyond, and stories written from one template told apart by what they name."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from stage_helpers import write_tree

from benchmarks import synth
from generator.analysis.group import group
from generator.analysis.loose import text_features
from generator.inputs.load import load_seeds
from generator.pipeline import prepare

ROOT = Path(__file__).resolve().parents[2]
EVERY_PAIR, CANDIDATES_ONLY = 10**9, 0
"""Values of ``exhaustive_pairs``: compare every pair, or only the LSH candidates."""


def _group(seeds: Path, exhaustive_pairs: int, with_features: bool = False):
    tree = load_seeds(seeds)
    prepared = prepare(tree)
    features = {p.version.path: text_features(p.version.text) for p in prepared} if with_features else None
    return group(prepared, tree.stories, exhaustive_pairs, features)


@pytest.fixture(scope="module")
def flattened_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The evaluation cases and the seed story as loose files with no front matter: file -> case."""
    files: dict[str, str] = {}
    truth: dict[str, str] = {}
    cases = [(case.name, case / "story") for case in sorted((ROOT / "tests" / "eval").iterdir())
             if (case / "story").is_dir()]
    cases.append(("tech-deal", ROOT / "seeds" / "us-uk-tech-prosperity-deal"))
    cases.append(("us-china", ROOT / "seeds"))
    for case, folder in cases:
        for path in sorted(folder.glob("*.txt")):
            name = f"{case}-{path.stem}"
            files[f"{name}.txt"] = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
            truth[name] = case
    return write_tree(tmp_path_factory.mktemp("flattened"), files), truth


@pytest.mark.parametrize("exhaustive_pairs", [EVERY_PAIR, CANDIDATES_ONLY], ids=["every-pair", "candidates"])
def test_realistic_versions_flattened_into_loose_files_find_their_stories_again(flattened_corpus,
                                                                               exhaustive_pairs) -> None:
    seeds, truth = flattened_corpus
    plans, unrelated = _group(seeds, exhaustive_pairs)
    found = sorted(sorted(p.version.id for p in plan.versions) for plan in plans)
    expected = sorted(sorted(name for name, case in truth.items() if case == wanted)
                      for wanted in set(truth.values()) if wanted != "us-china")
    assert found == expected
    assert [u.version.id for u in unrelated] == ["us-china-004_ea2e96b37d5e3068"]


@pytest.fixture(scope="module")
def templated_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Synthetic stories, all written from one set of templates, as loose files: file -> story."""
    out = tmp_path_factory.mktemp("templated")
    seeds = synth.write_corpus(out, stories=24, versions=4, seed=11, loose=True)
    return seeds, json.loads((out / synth.TRUTH_FILE).read_text(encoding="utf-8"))["files"]


@pytest.mark.parametrize("exhaustive_pairs", [EVERY_PAIR, CANDIDATES_ONLY], ids=["every-pair", "candidates"])
def test_stories_written_from_one_template_are_kept_apart(templated_corpus, exhaustive_pairs) -> None:
    seeds, truth = templated_corpus
    plans, unrelated = _group(seeds, exhaustive_pairs)
    found = sorted(sorted(p.version.id for p in plan.versions) for plan in plans)
    expected = sorted(sorted(name for name, story in truth.items() if story == wanted)
                      for wanted in set(truth.values()))
    assert unrelated == [] and found == expected


def test_candidates_are_few_and_the_outcome_that_of_every_pair(templated_corpus) -> None:
    from generator.analysis.group import SHARED_QUOTE_SIMILARITY, _linked
    from generator.analysis.loose import loose_links

    seeds, truth = templated_corpus
    prepared = {p.version.path: p for p in prepare(load_seeds(seeds))}
    texts = {path: p.version.text for path, p in prepared.items()}

    def links(exhaustive_pairs: int):
        return loose_links(texts, sorted(texts), lambda a, b, s: _linked(prepared[a], prepared[b], s),
                           SHARED_QUOTE_SIMILARITY, exhaustive_pairs)

    every, candidates = links(EVERY_PAIR), links(CANDIDATES_ONLY)
    assert every.exhaustive and not candidates.exhaustive
    assert every.pairs == len(texts) * (len(texts) - 1)
    # Few pairs even here, where no feature is yet common enough to be left out (see candidates.COMMON_FLOOR).
    assert candidates.pairs * 5 < every.pairs
    assert candidates.edges <= every.edges
    sizes = Counter(truth.values())
    assert len(candidates.edges) >= sum(size - 1 for size in sizes.values())  # enough to join every story


def test_features_worked_out_beforehand_give_the_same_groups(templated_corpus) -> None:
    seeds, _ = templated_corpus
    assert _group(seeds, CANDIDATES_ONLY, with_features=True) == _group(seeds, CANDIDATES_ONLY)
