"""A seeds folder with loose files, judged on every worker in three steps.

Loose files may join any story, so such a folder cannot be split into story
folders before it is judged.  It can be split around the grouping:

1. the files are read and prepared (cleaned, quotes found and attributed, the
   features grouping compares worked out) in batches, on the workers;
2. this process groups them into stories (:func:`generator.pipeline.group_stage`),
   which needs every version at once but only compares them; the candidate indexes
   it compares them by are built on the workers, side by side;
3. the stories are judged in batches, on the workers, and handed on in story
   order as they are done.

The corpus is the one :func:`generator.pipeline.run` gives for the whole tree,
byte for byte: the same functions run on the same versions, and the results
are put back in order.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.analysis.candidates import SimilarityQuery, similar_texts
from generator.analysis.group import Prepared, StoryPlan
from generator.analysis.loose import TextFeatures, text_features
from generator.inputs.load import SeedTree, list_seeds, read_seeds
from generator.inputs.problems import sorted_problems
from generator.model import Corpus, Problem, Story, StoryMeta, Unrelated
from generator.pipeline import group_stage, judge_plan, prepare_files

from .engine import Engine, batch_size, in_order
from .progress import Progress

FILES_PER_BATCH = 64
"""Most files read and prepared in one batch."""
STORIES_PER_BATCH = 16
"""Most stories judged in one batch."""


@dataclass(frozen=True)
class PreparedPart:
    """Some files of a seeds folder, read and prepared."""

    prepared: tuple[Prepared, ...]
    """The versions that could be prepared, by path."""
    features: dict[str, TextFeatures]
    """What grouping compares of each, by path."""
    problems: tuple[Problem, ...]
    """What reading and preparing them found."""
    stories: dict[str, StoryMeta]
    """story.yml of the story folders read."""


def prepare_tree(tree: SeedTree, in_worker: bool = False) -> PreparedPart:
    """Worker: prepare the files of a (part of a) seeds tree, and work out their features."""
    problems = list(tree.problems)
    prepared = prepare_files(tree.files, problems)
    features = {item.version.path: text_features(item.version.text) for item in prepared}
    if in_worker:
        gc.freeze()  # what preparing memoised lives as long as the worker: out of the collector's sight
    return PreparedPart(tuple(prepared), features, tuple(problems), tree.stories)


def read_and_prepare(seeds_dir: str, loose: Sequence[str], folders: Sequence[str],
                     in_worker: bool = False) -> PreparedPart:
    """Worker on this machine: read some loose files and story folders itself, and prepare them."""
    return prepare_tree(read_seeds(Path(seeds_dir), folders=folders, loose=loose), in_worker)


def judge_plans(plans: Sequence[StoryPlan], in_worker: bool = False) -> list[tuple[Story | None, list[Problem]]]:
    """Worker: judge some stories; each with the problems judging it found."""
    judged = []
    for plan in plans:
        problems: list[Problem] = []
        judged.append((judge_plan(plan, problems), problems))
    if in_worker:
        gc.freeze()
    return judged


def _parts(seeds_dir: Path, loose: Sequence[str], folders: Sequence[str], workers: int) -> list[tuple[list[str],
                                                                                                       list[str]]]:
    """Batches of loose file names and folder names; files whose ids would clash kept together."""
    by_id: dict[str, list[str]] = {}
    for name in loose:
        by_id.setdefault(name.rsplit(".", 1)[0], []).append(name)
    units: list[tuple[list[str], list[str]]] = [(names, []) for names in by_id.values()]
    units += [([], [folder]) for folder in folders]
    size = batch_size(len(units), workers, FILES_PER_BATCH)
    return [([name for names, _ in units[start:start + size] for name in names],
             [folder for _, found in units[start:start + size] for folder in found])
            for start in range(0, len(units), size)]


class LooseRun:
    """The judging of a seeds folder that holds loose files: its stories in order, as they are
    judged (:meth:`stories`), then the files set apart and the problems."""

    def __init__(self, seeds_dir: Path, engine: Engine, quiet: bool = True,
                 settle: Callable[[], None] = lambda: None) -> None:
        self.seeds_dir = seeds_dir
        """The seeds folder."""
        self.engine = engine
        """Where the work is done."""
        self.quiet = quiet
        """True to draw no progress bar."""
        self.settle = settle
        """Called whenever many objects were made that live until the run ends."""
        self.unrelated: tuple[Unrelated, ...] = ()
        """The files that belong to no story (once the stories are all handed on)."""
        self.problems: tuple[Problem, ...] = ()
        """Every problem, in their stable order (once the stories are all handed on)."""

    def _prepare(self) -> tuple[list[Prepared], dict[str, TextFeatures], list[Problem], dict[str, StoryMeta]]:
        listing = list_seeds(self.seeds_dir)
        parts = _parts(self.seeds_dir, listing.loose, listing.folders, self.engine.workers)
        local = not self.engine.ships_files
        freeze = self.engine.own_processes
        # Workers on this machine read their files themselves; others are sent them, read as they are sent.
        batches = ((str(self.seeds_dir), loose, folders, freeze) for loose, folders in parts) if local else \
            ((read_seeds(self.seeds_dir, folders=folders, loose=loose), freeze) for loose, folders in parts)
        prepared: list[Prepared] = []
        features: dict[str, TextFeatures] = {}
        problems = list(listing.problems)
        stories: dict[str, StoryMeta] = {}
        with Progress(sum(len(loose) for loose, _ in parts) + sum(len(f) for _, f in parts), "Reading versions",
                      quiet=self.quiet) as progress:
            work = read_and_prepare if local else prepare_tree
            for index, part in self.engine.map(work, batches):
                prepared.extend(part.prepared)
                features.update(part.features)
                problems.extend(part.problems)
                stories.update(part.stories)
                progress.advance(len(parts[index][0]) + len(parts[index][1]))
                self.settle()
        prepared.sort(key=lambda item: item.version.path)  # the order prepare() gives: the tree's, by path
        return prepared, features, problems, dict(sorted(stories.items()))

    def _find_similar(self, queries: Sequence[SimilarityQuery]) -> list[dict[str, set[str]]]:
        """The candidate indexes of grouping built on the workers, side by side: this process
        never loads the index library (numpy and scipy, 56 MB) nor holds an index."""
        return list(in_order(self.engine.map(similar_texts, queries)))

    def stories(self) -> Iterator[Story]:
        """The judged stories, in story order, each as soon as it and those before it are judged."""
        prepared, features, problems, configs = self._prepare()
        plans, unrelated = group_stage(prepared, configs, problems, features, self._find_similar)
        del prepared, features
        self.settle()
        size = batch_size(len(plans), self.engine.workers, STORIES_PER_BATCH)
        batches = [(tuple(plans[start:start + size]), self.engine.own_processes)
                   for start in range(0, len(plans), size)]
        del plans
        with Progress(sum(len(batch[0]) for batch in batches), "Judging stories", quiet=self.quiet) as progress:
            for judged in in_order(self.engine.map(judge_plans, batches)):
                for story, found in judged:
                    problems.extend(found)
                    progress.advance()
                    if story is not None:
                        yield story
        self.unrelated = tuple(unrelated)
        self.problems = sorted_problems(problems)

    def corpus(self) -> Corpus:
        """Every judged story, the files set apart and the problems: ``run(read_seeds(seeds_dir))``."""
        stories = []
        for story in self.stories():
            stories.append(story)
            self.settle()
        return Corpus(tuple(stories), self.unrelated, self.problems)
