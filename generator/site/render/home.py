"""The list of stories: the stories index page and the fragment the
hand-written home page includes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import Story, Unrelated

from .escape import front_matter, id_text, table_cell
from .headline import headline, most_serious
from .labels import finding_rank, plural, severity_summary
from .markdown import bullets, link, page, table
from .paths import (
    FINDINGS_INDEX,
    PEOPLE_INDEX,
    SITE_FEED,
    STORIES_INDEX,
    SiteMap,
    relative_link,
)
from .story import story_link, worst_finding_line

HOME_PAGE = "index.md"
"""The hand-written home page, relative to ``docs/``: the fragment's links
are resolved from there, since that is where it is included."""

HOME_STORIES = 50
"""Stories listed on the home page, most serious first; the stories index has all."""


@dataclass(frozen=True)
class HomeEntry:
    """One story's line on the home page and row in the stories index."""

    seriousness: tuple[int, int, str]
    """Sort key: the rank of its most serious finding, then its id."""
    home_item: str
    """Markdown of its item on the home page (links relative to the home page)."""
    stories_row: tuple[str, ...]
    """Markdown cells of its row in the stories index."""


def home_entry(story: Story, site: SiteMap) -> HomeEntry:
    """What ``story`` shows on the home page and the stories index."""
    return HomeEntry(_seriousness(story), _home_item(story, site, HOME_PAGE), _stories_row(story, site, STORIES_INDEX))


def render_stories_index(entries: Sequence[HomeEntry], unrelated: Sequence[Unrelated], site: SiteMap) -> str:
    """Markdown of the page listing every story (``entries``, in story order) and every file set apart."""
    here = STORIES_INDEX
    return page(
        front_matter("Stories"),
        f"Verbatim compares {plural(len(entries), 'story', 'stories')}. "
        "Open one to see its versions, its quotes lined up side by side, and what changed.",
        _stories_table(entries),
        "## Set apart as unrelated",
        _unrelated_table(unrelated, site, here),
    )


def render_home_fragment(entries: Sequence[HomeEntry], unrelated: Sequence[Unrelated]) -> str:
    """Markdown included into the home page: each story with its headline
    numbers and its most serious finding, most serious first."""
    here = HOME_PAGE
    ranked = sorted(entries, key=lambda entry: entry.seriousness)
    items = [entry.home_item for entry in ranked[:HOME_STORIES]]
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
    set_apart = (
        f" {plural(len(unrelated), 'file')} belonged to no story and "
        f"{'was' if len(unrelated) == 1 else 'were'} set apart."
        if unrelated
        else ""
    )
    return page(listing, f"{more}.{set_apart}")


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


def _stories_row(story: Story, site: SiteMap, here: str) -> tuple[str, ...]:
    numbers = headline(story)
    return (
        story_link(story, site, here),
        str(numbers.versions),
        str(numbers.quotes),
        str(numbers.altered),
        str(numbers.misattributions),
        str(numbers.factual_drifts),
        severity_summary([finding.severity for finding in story.findings]),
    )


def _stories_table(entries: Sequence[HomeEntry]) -> str:
    if not entries:
        return "No stories yet: add article versions under `seeds/`."
    header = ["Story", "Versions", "Quotes tracked", "Quotes altered", "Misattributions"]
    return table([*header, "Factual drifts", "Findings"], [list(entry.stories_row) for entry in entries])


def _unrelated_table(unrelated: Sequence[Unrelated], site: SiteMap, here: str) -> str:
    if not unrelated:
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
        for item in unrelated
    ]
    intro = "These files were not grouped with any story; each has its own page."
    return f"{intro}\n\n" + table(["File", "Source file", "Why it was set apart"], rows)
