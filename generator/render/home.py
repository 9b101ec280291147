"""The list of stories: the stories index page and the fragment the
hand-written home page includes."""

from __future__ import annotations

from generator.model import Corpus, Story
from generator.render.escape import front_matter, id_text, table_cell
from generator.render.headline import headline, most_serious
from generator.render.labels import finding_rank, plural, severity_summary
from generator.render.markdown import bullets, link, page, table
from generator.render.paths import (
    FINDINGS_INDEX,
    PEOPLE_INDEX,
    SITE_FEED,
    STORIES_INDEX,
    SiteMap,
    relative_link,
)
from generator.render.story import story_link, worst_finding_line

HOME_PAGE = "index.md"
"""The hand-written home page, relative to ``docs/``: the fragment's links
are resolved from there, since that is where it is included."""

HOME_STORIES = 50
"""Stories listed on the home page, most serious first; the stories index has all."""


def render_stories_index(corpus: Corpus, site: SiteMap) -> str:
    """Markdown of the page listing every story and every file set apart."""
    here = STORIES_INDEX
    return page(
        front_matter("Stories"),
        f"Verbatim compares {plural(len(corpus.stories), 'story', 'stories')}. "
        "Open one to see its versions, its quotes lined up side by side, and what changed.",
        _stories_table(corpus, site, here),
        "## Set apart as unrelated",
        _unrelated_table(corpus, site, here),
    )


def render_home_fragment(corpus: Corpus, site: SiteMap) -> str:
    """Markdown included into the home page: each story with its headline
    numbers and its most serious finding, most serious first."""
    here = HOME_PAGE
    ranked = sorted(corpus.stories, key=_seriousness)
    items = [_home_item(story, site, here) for story in ranked[:HOME_STORIES]]
    listing = bullets(items) if items else "No stories yet."
    shown = (
        f"The {HOME_STORIES} stories with the most serious findings are listed. "
        if len(ranked) > HOME_STORIES
        else ""
    )
    more = shown + link("All stories and the files set apart", relative_link(here, STORIES_INDEX))
    more += (
        f"; {link('findings by kind and severity', relative_link(here, FINDINGS_INDEX))}"
        f"; {link('people quoted', relative_link(here, PEOPLE_INDEX))}"
        f"; {link('Atom feed of findings', relative_link(here, SITE_FEED))}"
    )
    unrelated = (
        f" {plural(len(corpus.unrelated), 'file')} belonged to no story and "
        f"{'was' if len(corpus.unrelated) == 1 else 'were'} set apart."
        if corpus.unrelated
        else ""
    )
    return page(listing, f"{more}.{unrelated}")


def _seriousness(story: Story) -> tuple[int, int, str]:
    worst = most_serious(story.findings)
    rank = finding_rank(worst.severity, worst.kind) if worst else (99, 99)
    return (*rank, story.id)


def _home_item(story: Story, site: SiteMap, here: str) -> str:
    numbers = headline(story)
    figures = " · ".join(
        [
            plural(numbers.versions, "version"),
            plural(numbers.quotes, "quote") + " tracked",
            f"{numbers.altered} altered",
            plural(numbers.misattributions, "misattribution"),
            plural(numbers.factual_drifts, "factual drift"),
        ]
    )
    worst = (
        f"Most serious: {worst_finding_line(numbers.worst, story, site, here)}"
        if numbers.worst
        else "No findings: every version matches its trusted rendering."
    )
    return f"**{story_link(story, site, here)}**  \n  {figures}  \n  {worst}"


def _stories_table(corpus: Corpus, site: SiteMap, here: str) -> str:
    if not corpus.stories:
        return "No stories yet: add article versions under `seeds/`."
    rows = []
    for story in corpus.stories:
        numbers = headline(story)
        rows.append(
            [
                story_link(story, site, here),
                str(numbers.versions),
                str(numbers.quotes),
                str(numbers.altered),
                str(numbers.misattributions),
                str(numbers.factual_drifts),
                severity_summary([finding.severity for finding in story.findings]),
            ]
        )
    header = ["Story", "Versions", "Quotes tracked", "Quotes altered", "Misattributions"]
    return table([*header, "Factual drifts", "Findings"], rows)


def _unrelated_table(corpus: Corpus, site: SiteMap, here: str) -> str:
    if not corpus.unrelated:
        return "Every file belongs to a story."
    rows = [
        [
            link(
                id_text(item.version.id),
                relative_link(here, site.unrelated_page(item.version.id)),
            ),
            table_cell(item.version.path),
            table_cell(item.reason),
        ]
        for item in corpus.unrelated
    ]
    intro = "These files were not grouped with any story; each has its own page."
    return f"{intro}\n\n" + table(["File", "Source file", "Why it was set apart"], rows)
