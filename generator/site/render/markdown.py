"""Small Markdown builders shared by the page renderers.

They take text that is already escaped (see :mod:`generator.site.render.escape`)
and link targets built by :mod:`generator.site.render.paths`.
"""

from __future__ import annotations

from collections.abc import Sequence


def link(label: str, target: str) -> str:
    """``[label](target)``; ``label`` must be escaped, ``target`` generated."""
    return f"[{label}]({target})"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table; cells must be escaped already (pipes included)."""
    lines = [_row(header), _row(["---"] * len(header))]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def bullets(items: Sequence[str]) -> str:
    """A bulleted list, one already-escaped item per line."""
    return "\n".join(f"- {item}" for item in items)


def page(*blocks: str) -> str:
    """Join Markdown blocks with blank lines; empty blocks are skipped; the
    text ends with exactly one newline."""
    return "\n\n".join(block.strip("\n") for block in blocks if block.strip()) + "\n"


def folded(title: str, body: str, *, kind: str = "note") -> str:
    """A collapsed admonition (pymdownx.details) holding ``body``; ``title`` must be plain
    words the generator made (slugs, counts), never corpus text: it is written as it is."""
    if '"' in title or "\n" in title:
        raise ValueError(f"a fold's title is written as it is: {title!r}")
    indented = "\n".join(f"    {line}" if line else "" for line in body.rstrip("\n").split("\n"))
    return f'??? {kind} "{title}"\n\n{indented}'
