"""A seeds tree whose every field a contributor controls carries hostile strings.

Each string would set ``window.__pwned`` or open a dialog if any layer (raw
HTML, Markdown links, CriticMarkup, snippets, attr_list, page titles, front
matter) let it through.
"""

from __future__ import annotations

from pathlib import Path

import yaml

PWN = "window.__pwned=1"

HOSTILE = (
    f"<script>{PWN}</script>",
    f'<img src="x" onerror="{PWN}">',
    "<svg onload=alert(1)>",
    f"[click me](javascript:{PWN})",
    f"{{++<script>{PWN}</script>++}} {{--gone--}}",
    '--8<-- "mkdocs.yml"',
    f"</title><script>{PWN}</script>",
    f'word{{: onclick="{PWN}" }}',
    f'<a href="javascript:{PWN}">link</a>',
    "{{ config.site_name }} <!-- hidden -->",
)
"""The strings planted in the tree."""

TITLE = f"Hostile </title><script>{PWN}</script> story"
"""The story's title (story.yml)."""

HEADLINE = f"Headline </title><script>{PWN}</script>"
"""A version's front-matter title."""

VISIBLE_MARKERS = ("<script>window.__pwned=1</script>", "</title><script>")
"""Text that must be shown literally somewhere on the built pages."""

HOSTILE_NAMES = (
    f'<img src="x" onerror="{PWN}">',
    f'word{{: onclick="{PWN}" }}',
    "[click me](javascript:alert(1))",
    "{++inserted++} <svg onload=alert(1)>",
)
"""Version file names (no slash, so each is a file) for a story whose copies form a lineage:
the names land in the provenance map's SVG, the tracker's headers and titles, the chart and
the folded findings' titles."""


def _article(lead: str) -> str:
    lines = [lead]
    for number, text in enumerate(HOSTILE):
        lines.append(
            f"Minister Jane Doe said: “The budget of £{number + 1}bn is final {text}” "
            f"in a statement on Monday. Reporters noted {text} in the margin."
        )
    return "\n\n".join(lines) + "\n"


def _with_front_matter(fields: dict[str, object], body: str) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=True) + "---\n\n" + body


def write_hostile_seeds(seeds: Path) -> Path:
    """Write the tree under ``seeds`` (created) and return it."""
    story = seeds / "hostile-story"
    story.mkdir(parents=True)
    (story / "story.yml").write_text(
        yaml.safe_dump(
            {"title": TITLE, "references": ["original"], "notes": " ".join(HOSTILE)},
            allow_unicode=True,
            sort_keys=True,
        ),
        encoding="utf-8",
    )
    (story / "original.md").write_text(
        _with_front_matter(
            {
                "title": HEADLINE,
                "outlet": HOSTILE[1],
                "author": HOSTILE[3],
                "kind": "original",
                "published": "2025-09-18",
            },
            _article("The government published its budget statement today."),
        ),
        encoding="utf-8",
    )
    (story / "rewrite.md").write_text(
        _with_front_matter(
            {"title": HOSTILE[0], "outlet": HOSTILE[6], "author": HOSTILE[8], "kind": "rewrite"},
            _article("A rewritten copy of the budget story.").replace("is final", "is settled"),
        ),
        encoding="utf-8",
    )
    lineage = seeds / "hostile-lineage"
    lineage.mkdir()
    (lineage / "story.yml").write_text(
        yaml.safe_dump({"title": "Copies with hostile names", "references": [HOSTILE_NAMES[0]]}, sort_keys=True),
        encoding="utf-8",
    )
    for number, name in enumerate(HOSTILE_NAMES):
        text = _article("The council approved the harbour budget statement today after a long debate.")
        if number:
            text = text.replace("is final", "is settled") if number % 2 else text + f"\nAn added line {name}.\n"
        (lineage / f"{name}.txt").write_text(
            _with_front_matter({"outlet": HOSTILE[(number + 4) % len(HOSTILE)], "kind": "syndicated"}, text),
            encoding="utf-8",
        )
    (seeds / "loose-note.txt").write_text(
        f"Gardening tips {HOSTILE[0]}\n\nWater the roses {HOSTILE[3]} every morning.\n",
        encoding="utf-8",
    )
    return seeds
