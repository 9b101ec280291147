"""A hand-built Corpus for the render tests: one realistic mini story and one
file set apart.

The story: the government's statement (the trusted reference) and an
aggregator's rewrite that turns "generational step change" into
"generational shift", drops Liz Kendall's quote, adds a quote nobody else
has, moves the date and adds an unsupported figure.
"""

from __future__ import annotations

from generator.model import (
    Corpus,
    Fact,
    FactValue,
    Finding,
    Quote,
    QuoteGroup,
    RemovedLine,
    Rendering,
    Speaker,
    Story,
    Unrelated,
    Version,
    VersionMeta,
    VersionSummary,
)

STORY_ID = "uk-us-tech-deal"
REFERENCE_ID = "gov-statement"
COPY_ID = "aggregator-copy"
UNRELATED_ID = "trade-roundup"

STARMER_GROUP = "keir-starmer-this-tech-prosperity-deal-marks"
KENDALL_GROUP = "liz-kendall-shape-the-futures-of-millions"
SPOKESPERSON_GROUP = "spokesperson-going-well"

REFERENCE_TEXT = (
    "Prime Minister Keir Starmer said: “This Tech Prosperity Deal marks a generational step change "
    "in our relationship with the US.”\n"
    "\n"
    "Technology Secretary Liz Kendall said the partnership would “shape the futures of millions of "
    "people” on both sides of the Atlantic.\n"
    "\n"
    "The partnership was unveiled in September during the state visit."
)

COPY_TEXT = (
    "Sir Keir Starmer welcomed the agreement. He said: “This Tech Prosperity Deal marks a "
    "generational shift in our relationship with the US.”\n"
    "\n"
    "The deal, worth £31bn, was unveiled in October. A spokesperson said the talks were "
    "“going well”."
)

STARMER_WORDS = "This Tech Prosperity Deal marks a generational step change in our relationship with the US"
STARMER_COPY_WORDS = "This Tech Prosperity Deal marks a generational shift in our relationship with the US"
KENDALL_WORDS = "shape the futures of millions of people"
SPOKESPERSON_WORDS = "going well"


def _quote(version: str, number: int, text: str, words: str, **fields: object) -> Quote:
    start = text.index(words)
    sentence_start = text.rfind("\n", 0, start) + 1
    sentence_end = text.find("\n", start)
    return Quote(
        id=f"{version}:q{number}",
        version=version,
        start=start,
        end=start + len(words),
        text=words,
        sentence=text[sentence_start : sentence_end if sentence_end != -1 else len(text)],
        **fields,  # type: ignore[arg-type]
    )


def sample_facts() -> tuple[Fact, ...]:
    """Facts of the sample story: a drifting date, an added amount, a changed title
    and a title the copy does not give."""
    return (
        Fact(
            id="date-unveiled",
            kind="date",
            subject="when the partnership was unveiled",
            values=(
                FactValue(REFERENCE_ID, "reference", "September",
                          "The partnership was unveiled in September during the state visit."),
                FactValue(COPY_ID, "drift", "October", "The deal, worth £31bn, was unveiled in October."),
            ),
        ),
        Fact(
            id="number-deal-value",
            kind="number",
            subject="value of the deal",
            values=(
                FactValue(REFERENCE_ID, "missing"),
                FactValue(COPY_ID, "added", "£31bn", "The deal, worth £31bn, was unveiled in October."),
            ),
        ),
        Fact(
            id="title-keir-starmer",
            kind="title",
            subject="Keir Starmer’s title",
            values=(
                FactValue(REFERENCE_ID, "reference", "Prime Minister", REFERENCE_TEXT.split("\n")[0]),
                FactValue(COPY_ID, "drift", "Sir", COPY_TEXT.split("\n")[0]),
            ),
        ),
        Fact(
            id="title-liz-kendall",
            kind="title",
            subject="Liz Kendall’s title",
            values=(
                FactValue(REFERENCE_ID, "reference", "Technology Secretary", REFERENCE_TEXT.split("\n")[2]),
                FactValue(COPY_ID, "missing"),
            ),
        ),
    )


def sample_corpus() -> Corpus:
    """The fixture Corpus every render test uses."""
    starmer = Speaker(canonical="Keir Starmer", as_written="Prime Minister Keir Starmer", kind="person",
                      title="Prime Minister")
    kendall = Speaker(canonical="Liz Kendall", as_written="Technology Secretary Liz Kendall",
                      kind="person", title="Technology Secretary")
    starmer_by_pronoun = Speaker(canonical="Keir Starmer", as_written="He", kind="person",
                                 via_pronoun=True)
    spokesperson = Speaker(canonical="A spokesperson", as_written="A spokesperson", kind="person")

    ref_starmer = _quote(REFERENCE_ID, 1, REFERENCE_TEXT, STARMER_WORDS, form="full", speaker=starmer,
                         cue="said")
    ref_kendall = _quote(REFERENCE_ID, 2, REFERENCE_TEXT, KENDALL_WORDS, form="partial",
                         speaker=kendall, cue="said")
    copy_starmer = _quote(COPY_ID, 1, COPY_TEXT, STARMER_COPY_WORDS, form="full",
                          speaker=starmer_by_pronoun, cue="said")
    copy_spokesperson = _quote(COPY_ID, 2, COPY_TEXT, SPOKESPERSON_WORDS, form="partial",
                               speaker=spokesperson, cue="said")

    reference = Version(
        id=REFERENCE_ID,
        path=f"seeds/{STORY_ID}/{REFERENCE_ID}.md",
        folder=STORY_ID,
        meta=VersionMeta(title="UK and US sign Technology Prosperity Deal", outlet="GOV.UK",
                         url="https://www.gov.uk/government/news/example", published="2025-09-18",
                         language="en", kind="primary", reference=True),
        text=REFERENCE_TEXT,
        headline="UK and US sign Technology Prosperity Deal",
    )
    copy = Version(
        id=COPY_ID,
        path=f"seeds/{STORY_ID}/{COPY_ID}.txt",
        folder=STORY_ID,
        meta=VersionMeta(outlet="Tech News Daily", kind="rewrite"),
        text=COPY_TEXT,
        headline=None,
        removed=(
            RemovedLine(text="← Back to articles", reason="navigation link"),
            RemovedLine(text="Share this article", reason="sharing buttons"),
        ),
    )

    altered_diff = (
        ("=", "This Tech Prosperity Deal marks a generational "),
        ("-", "step change"),
        ("+", "shift"),
        ("=", " in our relationship with the US"),
    )
    groups = (
        QuoteGroup(
            id=STARMER_GROUP,
            speaker="Keir Starmer",
            trusted=ref_starmer,
            renderings=(
                Rendering(version=REFERENCE_ID, status="reference", quote=ref_starmer, score=1.0,
                          diff=(("=", STARMER_WORDS),), summary="The trusted rendering."),
                Rendering(version=COPY_ID, status="altered", quote=copy_starmer, score=0.93,
                          diff=altered_diff, summary="'step change' became 'shift'"),
            ),
        ),
        QuoteGroup(
            id=KENDALL_GROUP,
            speaker="Liz Kendall",
            trusted=ref_kendall,
            renderings=(
                Rendering(version=REFERENCE_ID, status="reference", quote=ref_kendall, score=1.0,
                          diff=(("=", KENDALL_WORDS),), summary="The trusted rendering."),
                Rendering(version=COPY_ID, status="omitted", summary="This version leaves the quote out."),
            ),
        ),
        QuoteGroup(
            id=SPOKESPERSON_GROUP,
            speaker="A spokesperson",
            trusted=None,
            renderings=(
                Rendering(version=REFERENCE_ID, status="omitted"),
                Rendering(version=COPY_ID, status="unsupported", quote=copy_spokesperson, score=0.0,
                          summary="No trusted rendering has these words."),
            ),
        ),
    )
    findings = (
        Finding(
            id=f"{STORY_ID}/{COPY_ID}/altered_quote/step-change-shift",
            kind="altered_quote", severity="high", version=COPY_ID, speaker="Keir Starmer",
            reference_version=REFERENCE_ID, reference_text=STARMER_WORDS,
            version_text=STARMER_COPY_WORDS, explanation="'step change' became 'shift'",
            diff=altered_diff, group=STARMER_GROUP,
        ),
        Finding(
            id=f"{STORY_ID}/{COPY_ID}/date_drift/september-october",
            kind="date_drift", severity="medium", version=COPY_ID, speaker=None,
            reference_version=REFERENCE_ID,
            reference_text="The partnership was unveiled in September",
            version_text="The deal, worth £31bn, was unveiled in October",
            explanation="'September' became 'October'",
            diff=(("=", "unveiled in "), ("-", "September"), ("+", "October")),
        ),
        Finding(
            id=f"{STORY_ID}/{COPY_ID}/unsupported_quote/going-well",
            kind="unsupported_quote", severity="medium", version=COPY_ID, speaker="A spokesperson",
            reference_version=None, reference_text="", version_text=SPOKESPERSON_WORDS,
            explanation="No trusted rendering has the spokesperson's words 'going well'",
            group=SPOKESPERSON_GROUP,
        ),
        Finding(
            id=f"{STORY_ID}/{COPY_ID}/unsupported_claim/worth-31bn",
            kind="unsupported_claim", severity="medium", version=COPY_ID, speaker=None,
            reference_version=None, reference_text="", version_text="The deal, worth £31bn",
            explanation="No trusted rendering gives the deal's value",
        ),
        Finding(
            id=f"{STORY_ID}/{COPY_ID}/omitted_quote/shape-the-futures",
            kind="omitted_quote", severity="low", version=COPY_ID, speaker="Liz Kendall",
            reference_version=REFERENCE_ID, reference_text=KENDALL_WORDS, version_text="",
            explanation="Liz Kendall's quote is left out", group=KENDALL_GROUP,
        ),
    )
    story = Story(
        id=STORY_ID,
        title="UK–US Technology Prosperity Deal",
        references=(REFERENCE_ID,),
        reference_reason="Named in story.yml: the government's own statement is the primary source.",
        versions=(
            VersionSummary(version=reference, role="reference", similarity=1.0,
                           quotes=(ref_starmer, ref_kendall)),
            VersionSummary(version=copy, role="version", similarity=0.618,
                           quotes=(copy_starmer, copy_spokesperson)),
        ),
        groups=groups,
        findings=findings,
        notes="The aggregator copy was retrieved from a scraper site.",
        facts=sample_facts(),
    )
    unrelated = Unrelated(
        version=Version(
            id=UNRELATED_ID,
            path=f"seeds/{UNRELATED_ID}.txt",
            folder=None,
            meta=VersionMeta(),
            text="US-China-UK Seek Trade Deals & Economic Alignment\n\nMarkets rose on Monday.",
            headline="US-China-UK Seek Trade Deals & Economic Alignment",
            removed=(RemovedLine(text="Home » Economy", reason="breadcrumb"),),
        ),
        reason="It shares no quotes and few words with any story (best similarity 4%).",
    )
    return Corpus(stories=(story,), unrelated=(unrelated,))
