"""The list of stories: the stories index page and the fragment the
hand-written home page includes."""

from __future__ import annotations

from generator.model import Corpus
from generator.render.escape import front_matter, id_text, table_cell
from generator.render.labels import plural, severity_summary
from generator.render.markdown import bullets, link, page, table
from generator.render.paths import STORIES_INDEX, SiteMap, relative_link
from generator.render.story import story_link, story_summary

HOME_PAGE = "index.md"
"""The hand-written home page, relative to ``docs/``: the fragment's links
are resolved from there, since that is where it is included."""


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
    """Markdown included into the home page: one line per story."""
    here = HOME_PAGE
    items = [f"{story_link(story, site, here)}: {story_summary(story)}" for story in corpus.stories]
    listing = bullets(items) if items else "No stories yet."
    more = link("All stories and the files set apart", relative_link(here, STORIES_INDEX))
    unrelated = (
        f" {plural(len(corpus.unrelated), 'file')} belonged to no story and "
        f"{'was' if len(corpus.unrelated) == 1 else 'were'} set apart."
        if corpus.unrelated
        else ""
    )
    return page(listing, f"{more}.{unrelated}")


def _stories_table(corpus: Corpus, site: SiteMap, here: str) -> str:
    if not corpus.stories:
        return "No stories yet: add article versions under `seeds/`."
    rows = [
        [
            story_link(story, site, here),
            str(len(story.versions)),
            str(len(story.groups)),
            severity_summary([finding.severity for finding in story.findings]),
        ]
        for story in corpus.stories
    ]
    return table(["Story", "Versions", "Quotes tracked", "Findings"], rows)


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
