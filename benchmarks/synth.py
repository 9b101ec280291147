"""A deterministic synthetic corpus: story folders of article versions with known changes.

Each story is an article about a council, a transport authority, a museum, a
factory or a hospital, with three quoted speakers (titles, organisations),
amounts, counts, dates.  Its first version is the original; the second a
faithful wire copy that writes numbers and quote marks another way (nothing
to report); every other version carries one to three injected changes:
an altered word in a quote, a silent cut, a quote given to another speaker, a
drifted number or date, a renamed organisation, a changed title.

The ground truth (``truth.json``) holds, per story, an annotation in the shape
of the evaluation corpus's ``expected.yml`` (``evaluates``, ``expect``,
``forbid``, ``notes``), so :func:`generator.evaluate.score_case` scores it.

    python -m benchmarks.synth --stories 100 --versions 5 --seed 1 --out /tmp/corpus

writes ``/tmp/corpus/seeds/<story>/<version>.txt`` and ``/tmp/corpus/truth.json``;
with ``--loose``, the same versions as loose files ``/tmp/corpus/seeds/<file>.txt``
with opaque names (a feed, to be grouped into stories) and, in ``truth.json``,
the story of each file.  The same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from generator.evaluate import FINDING_KINDS

from .vocabulary import (
    FIRST_NAMES,
    MONTHS,
    ORG_SUFFIX_SWAPS,
    OUTLETS,
    PLACE_ENDS,
    PLACE_STARTS,
    SURNAMES,
    TOPICS,
    WEEKDAYS,
    Topic,
)

TRUTH_FILE = "truth.json"
"""Ground-truth file name, next to the seeds folder."""

SEEDS_DIR = "seeds"
"""Seeds folder name inside the output folder."""

CHANGE_KINDS = ("alter", "cut", "swap", "number", "date", "rename", "title")
"""Changes a copy may carry."""

EVALUATED_KINDS = tuple(kind for kind in FINDING_KINDS if kind != "omitted_quote")
"""Kinds the ground truth is complete for (omissions are informational)."""

_MARKED = re.compile(r"\[([^>\]]+)>([^\]]+)\]")


def plain(template: str, altered: bool = False) -> str:
    """A quote template's words: the original word of ``[original>altered]``, or the altered one."""
    return _MARKED.sub(lambda m: m.group(2 if altered else 1), template)


def altered_word(template: str) -> str:
    """The word a copy puts in place of the marked one."""
    match = _MARKED.search(template)
    return match.group(2) if match else ""


@dataclass(frozen=True)
class Person:
    """A quoted speaker."""

    first: str
    """First name."""
    last: str
    """Surname."""
    pronoun: str
    """``he`` or ``she``."""
    title: str
    """Role, as the article writes it."""

    @property
    def name(self) -> str:
        """First name and surname."""
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Article:
    """Everything one version of a story says; versions differ in these slots."""

    topic: Topic
    """What the story is about."""
    place: str
    """The town."""
    count: int
    """How many things."""
    weekday: str
    """Day of the announcement."""
    amount: int
    """Cost, in millions of pounds."""
    proposed: tuple[str, int]
    """Month and year the plan was first proposed."""
    start: tuple[str, int]
    """Month and year the work starts."""
    staff: int
    """Staff on site."""
    lead: Person
    """First speaker (title before the name)."""
    second: Person
    """Second speaker (title after the name)."""
    critic: Person
    """Third speaker, of :attr:`critic_org`."""
    critic_org: str
    """The critic's organisation."""
    lead_partial: str
    """Template of the first speaker's partial quote."""
    lead_full: tuple[str, str]
    """Templates of the first speaker's two-clause quote."""
    second_partial: str
    """Template of the second speaker's partial quote."""
    second_full: tuple[str, str]
    """Templates of the second speaker's two-clause quote."""
    critic_quote: str
    """Template of the critic's quote."""
    background: tuple[str, str]
    """Two narration sentences."""
    altered: frozenset[str] = frozenset()
    """Quote slots whose marked word is altered."""
    cut: bool = False
    """True when the first speaker's full quote loses its second clause."""
    swapped: bool = False
    """True when the second speaker's partial quote is given to the critic."""
    wire_style: bool = False
    """Numbers written out ("£40 million") and curly quote marks: cosmetic differences only."""


def _quote(article: Article, slot: str, template: str) -> str:
    return plain(template, slot in article.altered).replace("{place}", article.place)


def _money(article: Article) -> str:
    return f"£{article.amount} million" if article.wire_style else f"£{article.amount}m"


def render(article: Article) -> str:
    """The article's text, one paragraph per sentence or two."""
    topic, lead, second, critic = article.topic, article.lead, article.second, article.critic
    organisation = topic.organisation.format(place=article.place)
    open_, close = ("\u201c", "\u201d") if article.wire_style else ('"', '"')
    first_clause = _quote(article, "lead_full", article.lead_full[0])
    second_clause = _quote(article, "lead_full", article.lead_full[1])
    lead_words = first_clause if article.cut else f"{first_clause}, {second_clause}"
    second_words = f"{_quote(article, 'second_full', article.second_full[0])}, " \
                   f"{_quote(article, 'second_full', article.second_full[1])}"
    second_intro = critic.name if article.swapped else f"{second.name}, the {topic.second_body}'s {second.title},"
    paragraphs = [
        f"{organisation} will {topic.action} {article.count} {topic.things} in {article.place}, "
        f"{topic.announced_by} announced on {article.weekday}.",
        f"The {_money(article)} {topic.programme} was first proposed in {article.proposed[0]} {article.proposed[1]} "
        "and has been delayed twice since.",
        f"{lead.title} {lead.name} said the plan was {open_}{_quote(article, 'lead_partial', article.lead_partial)}"
        f"{close}.",
        f"{open_}{lead_words},{close} {lead.pronoun} said.",
        article.background[0].format(place=article.place),
        f"{second_intro} said the decision was {open_}{_quote(article, 'second_partial', article.second_partial)}"
        f"{close}.",
        f"{open_}{second_words},{close} said {second.last}.",
        f"{critic.name}, {critic.title} at the {article.critic_org}, said: "
        f"{open_}{_quote(article, 'critic_quote', article.critic_quote)}.{close}",
        article.background[1].format(place=article.place),
        f"Work is due to start in {article.start[0]} {article.start[1]}, with about {article.staff} staff "
        "expected on site.",
    ]
    return "\n\n".join(paragraphs) + "\n"


@dataclass(frozen=True)
class Expectation:
    """One finding the ground truth expects or forbids (an ``expected.yml`` entry)."""

    version: str
    """Version id."""
    kind: str
    """Finding kind."""
    text: str
    """Words the finding must carry."""

    def as_dict(self) -> dict[str, str]:
        """The entry as JSON."""
        return {"version": self.version, "kind": self.kind, "text": self.text}


def _people(rng: random.Random, topic: Topic) -> tuple[Person, Person, Person]:
    firsts = rng.sample(FIRST_NAMES, 3)
    lasts = rng.sample(SURNAMES, 3)
    titles = (rng.choice(topic.lead_titles), rng.choice(topic.second_titles), rng.choice(topic.critic_titles))
    return tuple(Person(first, last, pronoun, title)  # type: ignore[return-value]
                 for (first, pronoun), last, title in zip(firsts, lasts, titles))


def original_article(rng: random.Random) -> Article:
    """A new story's original version."""
    topic = rng.choice(TOPICS)
    place = rng.choice(PLACE_STARTS) + rng.choice(PLACE_ENDS)
    lead, second, critic = _people(rng, topic)
    prefix, suffix = topic.critic_body
    year = rng.randrange(2019, 2025)
    lead_partial, second_partial = rng.sample(topic.partial_quotes, 2)
    lead_full, second_full = rng.sample(topic.full_quotes, 2)
    return Article(
        topic=topic, place=place, count=rng.randrange(12, 480), weekday=rng.choice(WEEKDAYS),
        amount=rng.randrange(14, 900), proposed=(rng.choice(MONTHS), year),
        start=(rng.choice(MONTHS), year + rng.randrange(2, 4)), staff=rng.randrange(40, 900),
        lead=lead, second=second, critic=critic,
        critic_org=f"{place} {prefix} {suffix}",
        lead_partial=lead_partial, lead_full=lead_full, second_partial=second_partial,
        second_full=second_full, critic_quote=rng.choice(topic.critic_quotes),
        background=tuple(rng.sample(topic.background, 2)),  # type: ignore[arg-type]
    )


def _first_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count])


def _last_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[-count:])


def _different(rng: random.Random, choices: tuple | list, current: object) -> object:
    return rng.choice([c for c in choices if c != current])


def apply_change(rng: random.Random, article: Article, change: str, version: str) -> tuple[Article, Expectation]:
    """The article with one change injected, and the finding it should give."""
    if change == "alter":
        slot = rng.choice(sorted({"second_full", "critic_quote"} | ({"lead_full"} if not article.cut else set())))
        template = {"lead_full": article.lead_full[0], "second_full": article.second_full[0],
                    "critic_quote": article.critic_quote}[slot]
        changed = replace(article, altered=article.altered | {slot})
        return changed, Expectation(version, "altered_quote", altered_word(template))
    if change == "cut":
        return (replace(article, cut=True),
                Expectation(version, "truncated_quote", _last_words(plain(article.lead_full[0]))))
    if change == "swap":
        return (replace(article, swapped=True),
                Expectation(version, "misattributed_quote", _first_words(plain(article.second_partial))))
    if change == "number":
        if rng.random() < 0.5:
            amount = article.amount + rng.choice((-1, 1)) * rng.randrange(5, 12)
            return replace(article, amount=amount), Expectation(version, "number_drift", f"£{amount}m")
        count = article.count + rng.randrange(3, 9)
        return replace(article, count=count), Expectation(version, "number_drift", str(count))
    if change == "date":
        which = rng.randrange(3)
        if which == 0:
            weekday = str(_different(rng, WEEKDAYS, article.weekday))
            return replace(article, weekday=weekday), Expectation(version, "date_drift", weekday)
        if which == 1:
            month = str(_different(rng, MONTHS, article.start[0]))
            return replace(article, start=(month, article.start[1])), Expectation(version, "date_drift", month)
        year = article.proposed[1] - rng.randrange(1, 3)
        return (replace(article, proposed=(article.proposed[0], year)),
                Expectation(version, "date_drift", str(year)))
    if change == "rename":
        prefix, suffix = article.topic.critic_body
        swapped = dict(ORG_SUFFIX_SWAPS)[suffix]
        name = f"{article.place} {prefix} {swapped}"
        return replace(article, critic_org=name), Expectation(version, "name_drift", f"{prefix} {swapped}")
    if change == "title":
        title = str(_different(rng, article.topic.lead_titles, article.lead.title))
        return (replace(article, lead=replace(article.lead, title=title)),
                Expectation(version, "title_drift", title.lower()))
    raise ValueError(f"unknown change {change!r}")


@dataclass(frozen=True)
class SyntheticStory:
    """One story folder's files and its annotation."""

    id: str
    """Folder name."""
    files: dict[str, str]
    """File name -> text (versions and story.yml)."""
    annotation: dict
    """``expected.yml``-shaped annotation."""


def _front_matter(outlet: str, published: str, kind: str) -> str:
    return f"---\noutlet: {outlet}\npublished: {published}\nkind: {kind}\n---\n"


def make_story(seed: int, index: int, versions: int) -> SyntheticStory:
    """Story number ``index`` of the corpus made with ``seed``: its own random stream, so
    one story does not depend on how many come before it."""
    rng = random.Random(f"verbatim-synth:{seed}:{index}")
    original = original_article(rng)
    story_id = f"{index:05d}-{original.topic.name}-{original.place.lower()}"
    outlets = rng.sample(OUTLETS, min(versions, len(OUTLETS)))
    published = f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    files = {"original.txt": _front_matter(outlets[0], published, "original") + render(original)}
    expect: list[Expectation] = []
    forbid: list[Expectation] = []
    for number in range(1, versions):
        outlet = outlets[number % len(outlets)]
        if number == 1:
            version = "wire"
            files[f"{version}.txt"] = _front_matter(outlet, published, "wire") + render(
                replace(original, wire_style=True))
            forbid.append(Expectation(version, "number_drift", f"£{original.amount} million"))
            forbid.append(Expectation(version, "altered_quote", _first_words(plain(original.lead_partial))))
            continue
        kind = ("syndicated", "rewrite")[number % 2]
        version = f"{kind}-{number}"
        article = original
        for change in sorted(rng.sample(CHANGE_KINDS, rng.randrange(1, 4)), key=CHANGE_KINDS.index):
            article, expected = apply_change(rng, article, change, version)
            expect.append(expected)
        files[f"{version}.txt"] = _front_matter(outlet, published, kind) + render(article)
    title = f"{original.topic.organisation.format(place=original.place)} to {original.topic.action} " \
            f"{original.count} {original.topic.things}"
    files["story.yml"] = f"title: {json.dumps(title)}\nreferences:\n  - original\n"
    annotation = {
        "evaluates": list(EVALUATED_KINDS),
        "expect": [e.as_dict() for e in expect],
        "forbid": [f.as_dict() for f in forbid],
        "notes": "Synthetic: 'wire' is a faithful copy written another way; every other copy carries "
                 "the injected changes listed in expect.",
    }
    return SyntheticStory(story_id, files, annotation)


def loose_file_id(story_id: str, version: str) -> str:
    """The name, without extension, of a version's file in a loose corpus: opaque, as a feed
    names its files, so nothing but the text tells which story a file belongs to."""
    return "f" + hashlib.sha256(f"{story_id}/{version}".encode()).hexdigest()[:15]


def _loose_annotation(story: SyntheticStory) -> dict:
    """The story's annotation with each version named by its loose file."""
    def renamed(entries: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{**entry, "version": loose_file_id(story.id, entry["version"])} for entry in entries]

    return {**story.annotation, "expect": renamed(story.annotation["expect"]),
            "forbid": renamed(story.annotation["forbid"])}


def write_corpus(out: Path, stories: int, versions: int, seed: int, loose: bool = False) -> Path:
    """Write ``out/seeds`` and ``out/truth.json``, replacing an earlier synthetic corpus there.

    With ``loose``, the corpus is flattened into loose files, as a newsroom feed
    arrives: no story folders and no ``story.yml``, each version a file with an
    opaque name (:func:`loose_file_id`) straight under ``seeds/``, so the
    generator must group them itself.  The ground truth then names versions by
    file and maps each file to its story (``files``).
    Returns the seeds folder."""
    if versions < 1:
        raise ValueError("a story needs at least one version")
    seeds = out / SEEDS_DIR
    if seeds.exists():
        shutil.rmtree(seeds)
    seeds.mkdir(parents=True)
    truth: dict[str, dict] = {}
    files_of: dict[str, str] = {}
    for index in range(stories):
        story = make_story(seed, index, versions)
        if loose:
            for name, text in sorted(story.files.items()):
                if name.endswith(".txt"):
                    file_id = loose_file_id(story.id, name.removesuffix(".txt"))
                    (seeds / f"{file_id}.txt").write_text(text, encoding="utf-8", newline="\n")
                    files_of[file_id] = story.id
            truth[story.id] = _loose_annotation(story)
            continue
        folder = seeds / story.id
        folder.mkdir()
        for name, text in sorted(story.files.items()):
            (folder / name).write_text(text, encoding="utf-8", newline="\n")
        truth[story.id] = story.annotation
    document: dict = {"seed": seed, "stories": stories, "versions": versions, "annotations": truth}
    if loose:
        document["files"] = dict(sorted(files_of.items()))
    (out / TRUTH_FILE).write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return seeds


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m benchmarks.synth --stories N --versions V --seed S --out DIR``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synth", description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=100, help="number of story folders (default 100)")
    parser.add_argument("--versions", type=int, default=5, help="versions per story (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="output folder: OUT/seeds and OUT/truth.json")
    parser.add_argument("--loose", action="store_true",
                        help="flatten the stories into loose files with opaque names (no folders, no story.yml)")
    args = parser.parse_args(argv)
    seeds = write_corpus(args.out, args.stories, args.versions, args.seed, loose=args.loose)
    shape = "loose files" if args.loose else "story folders"
    print(f"Wrote {args.stories} stories of {args.versions} versions to {seeds} as {shape}")


if __name__ == "__main__":
    main()
