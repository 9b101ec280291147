"""Typed records passed between the pipeline stages.

Every stage is a pure function from these records to these records; only
:mod:`generator.inputs` reads seed files and only :mod:`generator.site` writes pages.  Offsets are character
offsets into :attr:`Version.text`, the cleaned display text, so any stage can
point back at the exact words a reader sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

VersionKind = Literal["original", "wire", "syndicated", "translation", "rewrite", "primary"]
"""What a version is, when its front matter says so."""

SpeakerKind = Literal["person", "organisation", "document", "unknown"]
"""Who or what a quote is attributed to."""

QuoteForm = Literal["full", "partial", "scare"]
"""How a quote sits in its sentence: a whole utterance, words quoted inside
narration, or a word or two set off in quotation marks."""

RenderingStatus = Literal[
    "reference",
    "verbatim",
    "partial",
    "cosmetic",
    "altered",
    "truncated",
    "extended",
    "misattributed",
    "unsupported",
    "omitted",
    "consensus",
]
"""How one version renders one quote group, compared with the trusted rendering (or, where no
trusted version has the quote, with the wording most versions agree on: ``consensus``)."""

Severity = Literal["high", "medium", "low"]

FindingKind = Literal[
    "altered_quote",
    "truncated_quote",
    "extended_quote",
    "misattributed_quote",
    "unsupported_quote",
    "omitted_quote",
    "number_drift",
    "date_drift",
    "title_drift",
    "name_drift",
    "unsupported_claim",
]

DiffOp = tuple[Literal["=", "-", "+"], str]
"""One run of a word diff: ``=`` kept, ``-`` only in the trusted rendering,
``+`` only in the version."""


@dataclass(frozen=True)
class VersionMeta:
    """Optional facts about a version, from its YAML front matter."""

    title: str | None = None
    """The headline."""
    outlet: str | None = None
    """Who published this copy ("BBC News", "an aggregator")."""
    url: str | None = None
    """Where this copy was found: the original address, also for a copy read from an archive."""
    published: str | None = None
    """Publication date as written in the front matter (ISO 8601 preferred)."""
    retrieved: str | None = None
    """When this copy was retrieved."""
    language: str | None = None
    """BCP 47 language tag of the text."""
    author: str | None = None
    """Byline."""
    kind: VersionKind | None = None
    """What this version is: original, wire copy, translation, rewrite..."""
    reference: bool = False
    """True when the front matter marks this version as a trusted rendering."""
    archived: str | None = None
    """The archive's address when the page was read from an archived copy (``url`` stays the original)."""
    sha256: str | None = None
    """SHA-256 of the page's bytes as ``import`` read them, so the text can be derived again from its source."""


_WEB_HOST = re.compile(r"\Ahttps?://(?:[^/?#@]*@)?(?P<host>\[[^\]/]*\]|[^/?#:\s]+)", re.IGNORECASE)


def web_host(url: str | None) -> str | None:
    """The host of an http(s) address, lowercased and without ``www.``
    (``https://www.bbc.co.uk/news/1`` gives ``bbc.co.uk``); None for anything else.

    A regular expression rather than :mod:`urllib`: the model and the
    analysis import nothing that could reach files or the network."""
    match = _WEB_HOST.match(url or "")
    if not match:
        return None
    host = match["host"].lower().rstrip(".")
    if host.startswith("www.") and "." in host[4:]:
        host = host[4:]
    return host or None


@dataclass(frozen=True)
class RemovedLine:
    """A line of page furniture taken out of the article text."""

    text: str
    """The line exactly as it stood in the file."""
    reason: str
    """Why it was removed, in words a reader understands ("sharing buttons")."""


@dataclass(frozen=True)
class StoryMeta:
    """Optional facts about a story folder, from its ``story.yml``."""

    title: str | None = None
    """The story's title."""
    references: tuple[str, ...] = ()
    """Trusted versions, in priority order (only versions that were loaded)."""
    exclude: tuple[str, ...] = ()
    """Version ids left out of the story."""
    notes: str | None = None
    """What the folder's maintainers say about the story."""


@dataclass(frozen=True)
class SeedFile:
    """One article version as read from disk, before cleaning."""

    version_id: str
    """File name without extension."""
    path: str
    """Path shown to readers and contributors, starting with the seeds folder's name."""
    folder: str | None
    """Story folder name; None for a loose file."""
    meta: VersionMeta
    """Front matter, validated."""
    body: str
    """The text after the front matter."""
    markdown: bool
    """True for ``.md`` files."""


@dataclass(frozen=True)
class Version:
    """One article version after loading and cleaning."""

    id: str
    """File name without extension; unique within a story."""
    path: str
    """Path of the source file, relative to the folder above ``seeds/``
    (what a contributor edits)."""
    folder: str | None
    """Name of the story folder the file sits in; None for a loose file."""
    meta: VersionMeta
    """Front matter."""
    text: str
    """Cleaned display text: paragraphs separated by one blank line."""
    headline: str | None = None
    """Headline: the front-matter title, else one found in the page furniture."""
    removed: tuple[RemovedLine, ...] = ()
    """Page furniture removed by cleaning, in file order."""
    language: str | None = None
    """ISO 639-1 code of the language it is written in: its front matter's, else detected; None when unsure."""


@dataclass(frozen=True)
class Speaker:
    """Who a quote is attributed to, as written and as unified."""

    canonical: str
    """Unified name ("Keir Starmer", "UK government", "Memorandum of Understanding")."""
    as_written: str
    """The words naming the speaker at this quote ("Prime Minister Sir Keir Starmer", "He")."""
    kind: SpeakerKind = "unknown"
    """Person, organisation or document."""
    title: str | None = None
    """Title or role written next to the name ("Technology secretary")."""
    via_pronoun: bool = False
    """True when the speaker was reached by resolving a pronoun."""
    speaks_for: str | None = None
    """Canonical name of the body this speaker speaks for (a spokesman speaks
    for the government); words given to one or the other are not misattributed."""


@dataclass(frozen=True)
class Quote:
    """Words inside quotation marks in one version."""

    id: str
    """``<version>:q<n>``, numbered in text order from 1."""
    version: str
    """Version id."""
    start: int
    """Offset of the first quoted character in :attr:`Version.text`."""
    end: int
    """Offset just past the last quoted character."""
    text: str
    """The quoted words as displayed (several parts joined by a space when a
    quote runs across paragraphs)."""
    form: QuoteForm
    """Whole utterance, partial quote inside narration, or scare quote."""
    sentence: str
    """The sentence the quote stands in, for context."""
    speaker: Speaker | None = None
    """Who the version says said it; None when the version does not say."""
    cue: str | None = None
    """The attribution verb ("said", "described", "told")."""
    nested: tuple[str, ...] = ()
    """Quotations nested inside this one (single marks inside double)."""
    parts: tuple[tuple[int, int], ...] = ()
    """Offsets of each part when the quote runs across paragraphs (the text
    between parts is a paragraph break and the next part's opening mark);
    empty for a quote in one piece."""
    cut_off: bool = False
    """True when the version's text ends inside the quote (an excerpt cut mid-quote): the
    words missing after it, and a last word cut short, are the excerpt's end, not the version's doing."""


@dataclass(frozen=True)
class Change:
    """One changed place inside a quote, compared with the trusted words."""

    removed: str
    """Trusted words that are gone (empty for an insertion)."""
    added: str
    """Words the version has instead (empty for a cut)."""
    marked: bool = False
    """True for a cut the version marks with an ellipsis or square brackets."""


@dataclass(frozen=True)
class Rendering:
    """How one version renders one quote group."""

    version: str
    """Version id."""
    status: RenderingStatus
    """Verdict on this rendering compared with the trusted one."""
    quote: Quote | None = None
    """The version's quote; None when the version leaves the quote out."""
    score: float = 0.0
    """Match confidence between 0 and 1 (1 for the trusted rendering itself)."""
    diff: tuple[DiffOp, ...] = ()
    """Word diff from the trusted words (the part the version quotes) to the version's words."""
    summary: str = ""
    """One line saying what changed ("'step change' became 'shift'")."""
    against: str | None = None
    """Version id of the trusted rendering this one was compared with."""
    changes: tuple[Change, ...] = ()
    """Alterations inside the quote, in order."""
    extension: str = ""
    """Words added beyond either end of the trusted quote ('' when none)."""
    cut: str = ""
    """Trusted words the rendering stops short of ('' when it reaches both ends)."""


@dataclass(frozen=True)
class QuoteGroup:
    """One quote lined up across every version of a story."""

    id: str
    """Stable slug made from the speaker and the first words of the trusted text."""
    speaker: str | None
    """Canonical speaker of the trusted rendering (or of the first rendering)."""
    trusted: Quote | None
    """The trusted rendering, from the best reference that has the quote; None
    when no trusted version has it."""
    renderings: tuple[Rendering, ...]
    """One rendering per version, in story version order."""
    consensus: Quote | None = None
    """Where no trusted version has the quote: the rendering most versions agree on (None when
    none is agreed on by two versions or more)."""
    supporters: tuple[str, ...] = ()
    """Versions whose rendering agrees with the trusted or agreed wording, in story version order."""


VerdictKind = Literal[
    "confirmed-misquote",
    "acceptable-paraphrase",
    "translation-variant",
    "verified-primary-source",
    "false-alarm",
]
"""What a human reviewer concluded about a finding (the fixed vocabulary of corrections.yml)."""

LogType = Literal["material", "minor"]
"""Whether a correction changes what a reader takes away (material) or not (minor)."""


@dataclass(frozen=True)
class Source:
    """Evidence a verdict cites: a web page, or a file of this repository."""

    url: str | None = None
    """Web address of the source (always http or https)."""
    archived: str | None = None
    """Address of an archived copy (always http or https)."""
    retrieved: str | None = None
    """When the source was read, ISO 8601 date."""
    seed: str | None = None
    """Path of a file in this repository (``seeds/<story>/<version>.txt``) cited as the source."""
    title: str | None = None
    """What the source is, in a few words ("Statement on gov.uk")."""


@dataclass(frozen=True)
class Verdict:
    """A human verdict on one finding, from ``seeds/<story>/corrections.yml``."""

    finding: str
    """Id of the finding it settles."""
    verdict: VerdictKind
    """What the reviewer concluded."""
    note: str
    """What the sources show, in a sentence or two."""
    sources: tuple[Source, ...]
    """Evidence, at least one."""
    reviewer: str
    """GitHub handle of the reviewer."""
    date: str
    """When the verdict was given, ISO 8601 date."""
    severity: Severity | None = None
    """Severity set by the reviewer, shown instead of the automatic one (which stays visible)."""
    path: str = ""
    """The corrections file it comes from (``seeds/<story>/corrections.yml``)."""
    line: int | None = None
    """Line of the verdict in that file."""


@dataclass(frozen=True)
class LogEntry:
    """One entry of a story's corrections log."""

    date: str
    """When the correction was made, ISO 8601 date."""
    summary: str
    """What changed, in a sentence."""
    type: LogType
    """Material (changes what a reader takes away) or minor."""


@dataclass(frozen=True)
class Finding:
    """One problem found in one version, with its evidence."""

    id: str
    """Stable id derived from story, version, kind and the normalised words."""
    kind: FindingKind
    """One of the finding kinds of the design notes."""
    severity: Severity
    """How much the problem changes what a reader takes away."""
    version: str
    """Version in which the problem stands."""
    speaker: str | None
    """Canonical speaker concerned, if any."""
    reference_version: str | None
    """Trusted version the words were compared with."""
    reference_text: str
    """Trusted words (empty when there are none)."""
    version_text: str
    """The version's words that carry the problem."""
    explanation: str
    """One line a reader understands."""
    diff: tuple[DiffOp, ...] = ()
    """Word diff from ``reference_text`` to ``version_text``."""
    group: str | None = None
    """Quote group id, for quote findings."""
    verdict: Verdict | None = None
    """A contributor's verdict on this finding, from the story's corrections.yml
    (attached by the merge stage; None while no one has settled it)."""


FactKind = Literal["number", "date", "title", "name"]
"""What a tracked fact is."""

FactStatus = Literal["reference", "same", "drift", "missing", "added"]
"""How one version states a fact, compared with the trusted versions."""


@dataclass(frozen=True)
class FactValue:
    """One version's statement of a fact."""

    version: str
    """Version id."""
    status: FactStatus
    """Same as the reference, drifted, missing, or added with no support."""
    text: str = ""
    """The words as written ("£31bn", "September 2023", "then-US President"); empty when missing."""
    sentence: str = ""
    """The sentence the words stand in, for context."""


@dataclass(frozen=True)
class Fact:
    """A number, date, title or name lined up across the versions of a story."""

    id: str
    """Stable slug ("number-planned-spending", "title-donald-trump")."""
    kind: FactKind
    """Number, date, person's title, or name."""
    subject: str
    """What the fact is about, in words ("Donald Trump's title", "planned spending by tech giants")."""
    values: tuple[FactValue, ...]
    """One value per version that states it (and 'missing' for the others), in story version order."""


@dataclass(frozen=True)
class Descent:
    """One version copied or rewritten from another."""

    child: str
    """Version id of the copy."""
    parent: str
    """Version id it descends from."""
    shared: float
    """Share of the copy's narration its parent holds, 0 to 1 (1: a word-for-word copy)."""


@dataclass(frozen=True)
class Lineage:
    """Versions that descend from one source, by the narration they share."""

    id: str
    """Id of the member closest to the source."""
    members: tuple[str, ...]
    """Version ids, closest to the source first."""
    reason: str
    """Why the first member is taken as closest to the source."""
    descent: tuple[Descent, ...] = ()
    """Who copied whom inside the lineage, in the order the members join its tree."""


@dataclass(frozen=True)
class VersionSummary:
    """Per-version numbers shown in a story's versions table."""

    version: Version
    """The version."""
    role: Literal["reference", "version"]
    """Whether it is a trusted rendering."""
    similarity: float
    """Similarity of its text to the (first) reference, 0 to 1."""
    quotes: tuple[Quote, ...]
    """Every quote found in it, in text order."""


@dataclass(frozen=True)
class Story:
    """A story: its versions lined up and judged."""

    id: str
    """Folder name, or a slug made from the title for grouped loose files."""
    title: str
    """Story title."""
    references: tuple[str, ...]
    """Trusted version ids, in priority order."""
    reference_reason: str
    """Why these references: named in story.yml, or chosen by the generator and why."""
    versions: tuple[VersionSummary, ...]
    """Versions, references first, then by id."""
    groups: tuple[QuoteGroup, ...]
    """Quote groups, in the order they appear in the first reference."""
    findings: tuple[Finding, ...]
    """Findings, sorted by version, then severity, then position."""
    notes: str | None = None
    """Free notes from story.yml."""
    facts: tuple[Fact, ...] = ()
    """Numbers, dates, titles and names lined up across versions, drift marked."""
    corrections_log: tuple[LogEntry, ...] = ()
    """The story's corrections log from its corrections.yml, newest first."""
    lineages: tuple[Lineage, ...] = ()
    """The story's versions grouped by descent, the lineage of the first reference first."""


@dataclass(frozen=True)
class Unrelated:
    """A loose file that belongs to no story."""

    version: Version
    """The version."""
    reason: str
    """Why it was set apart."""


ProblemLevel = Literal["error", "warning"]
"""``error``: something in the input was refused or ignored; ``warning``: it
was used, with a fallback worth fixing."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input, reported instead of stopping the run."""

    path: str
    """The file (or folder) to fix, as shown to contributors (``seeds/...``)."""
    line: int | None
    """Line in that file, counted from 1, when the problem has one."""
    message: str
    """What is wrong and what the generator did about it, in one line."""
    level: ProblemLevel = "error"
    """Whether the input was refused (error) or used with a fallback (warning)."""


@dataclass(frozen=True)
class Corpus:
    """Everything the generator knows after judging: what ``render`` renders."""

    stories: tuple[Story, ...]
    """Stories, by id."""
    unrelated: tuple[Unrelated, ...] = field(default_factory=tuple)
    """Loose files set apart."""
    problems: tuple[Problem, ...] = ()
    """Problems with the input, sorted by path and line; the run went on without the refused parts."""
