"""Group stage: which versions tell the same story, and which of them to trust.

Story folders are stories.  Loose files join a folder story or each other when
their vocabulary is close, or when they share a quote, unless what they name
tells them apart (:mod:`.loose`); a loose file that matches nothing is set
apart with the reason.  Without ``references`` the
generator picks the version whose quotes the other versions reproduce word for
word most often: the copy of the original report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.model import Quote, StoryMeta, Unrelated, Version

from .candidates import FindSimilar, find_here
from .extract import is_heading, paragraphs
from .language import main_language, name_of
from .lineage import LINK, narration, shared
from .loose import EXHAUSTIVE_PAIRS, Closest, TextFeatures, loose_links
from .normalize import key
from .similarity import quotes_overlap

SAME_STORY_SIMILARITY = 0.25
"""Vocabulary cosine above which two loose articles are one story."""
COPY_WEIGHT = 0.15
"""Weight, in the reference choice, of each version that copies the candidate's text."""
EXCERPT_PENALTY = 0.2
"""How much less an excerpt (cut short, behind a paywall) is worth as the story's yardstick."""
REWRITE_PENALTY = 0.3
"""How much less a version marked as a rewrite or a translation is worth as the yardstick."""
SHARED_QUOTE_SIMILARITY = 0.08
"""Lower bar that applies when the two articles also share a quote."""


@dataclass(frozen=True)
class Prepared:
    """A cleaned version and its attributed quotes."""

    version: Version
    """The version."""
    quotes: tuple[Quote, ...]
    """Its quotes, with speakers as the version writes them."""


@dataclass(frozen=True)
class StoryPlan:
    """A story's versions and trusted references, before alignment."""

    id: str
    """Story id (folder name or slug)."""
    title: str
    """Story title."""
    versions: tuple[Prepared, ...]
    """Versions, references first in priority order, then by id."""
    references: tuple[str, ...]
    """Trusted version ids in priority order."""
    reason: str
    """Why these references."""
    notes: str | None = None
    """Notes from story.yml."""
    reference_cut_short: bool = False
    """True when the first reference ends at a crosshead: a copy cut short."""


def _linked(first: Prepared, second: Prepared, similarity: float) -> bool:
    if similarity >= SAME_STORY_SIMILARITY:
        return True
    return similarity >= SHARED_QUOTE_SIMILARITY and any(
        quotes_overlap(a.text, b.text) for a in first.quotes for b in second.quotes
    )


def _unrelated_reason(closest: Closest | None, by_path: dict[str, Prepared], exhaustive: bool) -> str:
    """Why a loose file belongs to no story, in words."""
    if closest is not None and closest.told_apart:
        return (f"belongs to no story: the file most like it, {by_path[closest.path].version.id} "
                f"({closest.similarity:.0%} alike in vocabulary), names other people, places or numbers, "
                "so it tells another story")
    similarity, nearest_id = (closest.similarity, by_path[closest.path].version.id) if closest else (0.0, "none")
    others = "the other files" if exhaustive else "the files most like it"
    return (f"belongs to no story: it shares no quote with {others}, and its vocabulary is at most "
            f"{similarity:.0%} alike (closest: {nearest_id})")


def _components(names: list[str], edges: set[tuple[str, str]]) -> list[list[str]]:
    parent = {name: name for name in names}

    def find(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for a, b in sorted(edges):
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(find(name), []).append(name)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def _slug(text: str, limit: int = 6) -> str:
    words = re.findall(r"[a-z0-9]+", key(text))
    return "-".join(words[:limit]) or "story"


def _corroboration(candidate: Prepared, others: list[Prepared]) -> tuple[int, int]:
    """How many of a version's quotes another version reproduces word for word."""
    other_keys = [key(q.text) for other in others for q in other.quotes]
    found = 0
    for quote in candidate.quotes:
        words = key(quote.text)
        if words and any(words in other or (len(other.split()) >= 2 and other in words) for other in other_keys):
            found += 1
    return found, len(candidate.quotes)


def _byline(version: Version) -> str | None:
    for line in version.removed:
        match = re.search(r"byline \((.+)\)", line.reason)
        if match:
            return match.group(1)
    return None


def choose_references(versions: list[Prepared]) -> tuple[tuple[str, ...], str]:
    """The generator's own choice of reference, and why, in words: only versions in the
    story's main language are candidates, since words are never compared across languages."""
    main = main_language({p.version.id: p.version.language for p in versions})
    candidates = [p for p in versions if main is None or p.version.language in (main, None)] or versions
    marked = [p.version.id for p in candidates if p.version.meta.reference]
    if marked:
        return tuple(marked), "marked as trusted in the version's front matter"
    # A primary source (the speaker's own statement) is trusted for its words; of the versions
    # their front matter calls the original, the one the evidence favours is the yardstick.
    primaries = tuple(p.version.id for p in candidates if p.version.meta.kind == "primary")
    originals = [p for p in candidates if p.version.meta.kind == "original"]
    if len(originals) <= 1 and (originals or primaries):
        return (tuple(p.version.id for p in originals) + primaries,
                "marked as the original or a primary source in the version's front matter")
    candidates = originals or candidates
    scored = []
    narrations = {p.version.id: narration(p.version, p.version.language) for p in versions}
    for candidate in candidates:
        others = [p for p in versions if p is not candidate]
        found, total = _corroboration(candidate, others)
        # A source is what copies are made of; a live blog or a rewrite quotes the same words
        # without anyone copying it.  An excerpt or a rewrite is a poor yardstick.
        copies = sum(1 for other in others
                     if shared(narrations[candidate.version.id], narrations[other.version.id]) >= LINK)
        score = (found + 1) / (total + 2) + COPY_WEIGHT * copies + (0.05 if _byline(candidate.version) else 0.0)
        score -= EXCERPT_PENALTY if is_excerpt(candidate.version) else 0.0
        score -= REWRITE_PENALTY if candidate.version.meta.kind in ("rewrite", "translation") else 0.0
        scored.append((-score, candidate.version.id, found, total, copies, candidate))
    scored.sort(key=lambda row: (row[0], row[1]))
    _, chosen, found, total, copies, best = scored[0]
    reason = ("marked as an original in its front matter, and " if originals else "") + \
        (f"chosen by the generator: {found} of its {total} quotes appear word for word in other versions"
              + (f" and {copies} other version{'' if copies == 1 else 's'} copy its text" if copies else "")
              + ", the best such evidence of any version")
    if len(candidates) < len(versions):
        reason += f" in {name_of(main)}, the story's main language"
    byline = _byline(best.version)
    if byline:
        reason += f", and it carries the original byline ({byline})"
    if cut_short(best.version):
        reason += ("; it ends at a crosshead, so this copy is probably cut short and later quotes "
                   "cannot be checked against it")
    if primaries:
        reason += "; primary sources marked in their front matter are trusted too"
    return (chosen, *primaries), reason + "."


def is_excerpt(version: Version) -> bool:
    """True when a version is an excerpt of a longer article: it ends at a crosshead or mid-sentence,
    or a paywall or continue-reading line was taken out of it."""
    body = version.text.rstrip()
    ends_mid_sentence = bool(body) and body[-1] not in ".!?…\"”’')»"
    return cut_short(version) or ends_mid_sentence or \
        any("paywall" in line.reason or "continue reading" in line.text.lower() for line in version.removed)


def cut_short(version: Version) -> bool:
    """True when a version ends at a crosshead, the body after it missing."""
    last = paragraphs(version.text)[-1:] if version.text else []
    return bool(last) and is_heading(version.text[last[0].start:last[0].end])


def _plan(story_id: str, members: list[Prepared], config: StoryMeta | None) -> StoryPlan:
    if config and config.references:
        references, reason = tuple(config.references), "named in story.yml"
    else:
        references, reason = choose_references(members)
    by_id = {p.version.id: p for p in members}
    ordered = [by_id[r] for r in references] + sorted((p for p in members if p.version.id not in references),
                                                      key=lambda p: p.version.id)
    first = by_id[references[0]].version
    title = (config.title if config and config.title else None) or first.headline or _first_sentence(first.text)
    return StoryPlan(story_id, title, tuple(ordered), references, reason, config.notes if config else None,
                     cut_short(first))


def _first_sentence(text: str) -> str:
    first_paragraph = text.strip().split("\n\n", 1)[0]
    sentence = re.split(r"(?<=[.!?])\s", first_paragraph, maxsplit=1)[0]
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"


def group(prepared: list[Prepared], configs: dict[str, StoryMeta], exhaustive_pairs: int = EXHAUSTIVE_PAIRS,
          features: Mapping[str, TextFeatures] | None = None,
          find_similar: FindSimilar = find_here) -> tuple[list[StoryPlan], list[Unrelated]]:
    """Stories and the loose files that belong to none (``exhaustive_pairs``: see
    :data:`.loose.EXHAUSTIVE_PAIRS`; ``features``: the versions'
    :func:`.loose.text_features` by path, when worked out beforehand; ``find_similar``: where
    the candidate indexes are built)."""
    by_path = {p.version.path: p for p in prepared}
    loose = sorted(p.version.path for p in prepared if p.version.folder is None)
    folders: dict[str, list[str]] = {}
    for p in prepared:
        if p.version.folder is not None:
            folders.setdefault(p.version.folder, []).append(p.version.path)
    # Only loose files are compared (with every file): folder stories need no comparing.
    links = loose_links({path: p.version.text for path, p in by_path.items()}, loose,
                        lambda path, other, similarity: _linked(by_path[path], by_path[other], similarity),
                        SHARED_QUOTE_SIMILARITY, exhaustive_pairs, features, find_similar)
    edges = set(links.edges)
    for members in folders.values():
        edges.update((members[0], m) for m in members[1:])
    plans, unrelated = [], []
    used_ids = set(configs)
    for component in _components(sorted(by_path), edges):
        folder_names = sorted({by_path[p].version.folder for p in component if by_path[p].version.folder})
        members = [by_path[p] for p in component]
        if folder_names:
            # A loose file close to two folders joins the first; folders never merge.
            story_id = folder_names[0]
            members = [m for m in members if m.version.folder in (None, story_id)]
            plans.append(_plan(story_id, members, configs.get(story_id)))
            for other in folder_names[1:]:
                plans.append(_plan(other, [by_path[p] for p in folders[other]], configs.get(other)))
        elif len(members) == 1:
            only = members[0].version
            unrelated.append(Unrelated(only, _unrelated_reason(links.closest.get(only.path), by_path,
                                                               links.exhaustive)))
        else:
            references, _ = choose_references(members)
            reference = next(m.version for m in members if m.version.id == references[0])
            story_id = _slug(reference.headline or _first_sentence(reference.text))
            while story_id in used_ids:
                story_id += "-2"
            used_ids.add(story_id)
            plans.append(_plan(story_id, members, None))
    return sorted(plans, key=lambda p: p.id), sorted(unrelated, key=lambda u: u.version.id)
