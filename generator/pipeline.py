"""The pipeline from a seeds folder to a judged corpus: stages called in order."""

from __future__ import annotations

from pathlib import Path

from .attribute import attribute
from .clean import clean
from .extract import extract
from .group import Prepared, group
from .load import SeedTree, load_seeds
from .model import Corpus
from .judge import judge_story


def prepare(tree: SeedTree) -> list[Prepared]:
    """Clean, extract and attribute every version."""
    prepared = []
    for seed in tree.files:
        version = clean(seed)
        prepared.append(Prepared(version, tuple(attribute(version, extract(version)))))
    return prepared


def run(tree: SeedTree) -> Corpus:
    """Judge every story of a loaded seeds tree."""
    plans, unrelated = group(prepare(tree), tree.stories)
    return Corpus(tuple(judge_story(plan) for plan in plans), tuple(unrelated))


def run_folder(seeds_dir: Path) -> Corpus:
    """Load a seeds folder and judge it."""
    return run(load_seeds(seeds_dir))
