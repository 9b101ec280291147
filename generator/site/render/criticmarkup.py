"""Word diffs as CriticMarkup, plus the same changes in words for screen readers.

``pymdownx.critic`` (mode ``view``) turns ``{--old--}`` into ``<del>`` and
``{++new++}`` into ``<ins>``.  The words inside are escaped, so no ``--}`` or
``++}`` can occur in them and close a run early.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import DiffOp

from .escape import clean_text, markdown_text

_MARKUP = {"-": ("{--", "--}"), "+": ("{++", "++}")}


def critic_diff(diff: Sequence[DiffOp]) -> str:
    """Inline Markdown showing ``diff``: kept words plain, removed words as
    ``{--...--}``, added words as ``{++...++}``.

    Edge spaces are moved outside the runs, and adjacent runs are always
    separated by a space: the search index otherwise glues them into one word.
    """
    pieces: list[str] = []
    previous_was_run = False
    previous_text = ""
    for op, text in diff:
        cleaned = clean_text(text)
        if op not in _MARKUP:
            # Two words must not run together where a run ends ("{--a--}comment").
            gap = " " if previous_was_run and _joins_words(previous_text, cleaned) else ""
            pieces.append(gap + markdown_text(cleaned, strip=False))
            previous_was_run = False
            previous_text = cleaned or previous_text
            continue
        core = cleaned.strip()
        if not core:
            pieces.append(" " if cleaned else "")
            continue
        opening, closing = _MARKUP[op]
        joined = _joins_words(previous_text, cleaned)
        leading = " " if cleaned[0] == " " or previous_was_run or joined else ""
        trailing = " " if cleaned[-1] == " " else ""
        pieces.append(f"{leading}{opening}{markdown_text(core)}{closing}{trailing}")
        previous_was_run = True
        previous_text = cleaned
    return _collapse_spaces("".join(pieces))


def _joins_words(before: str, after: str) -> bool:
    """True when ``before`` ends and ``after`` starts with a letter or digit,
    so that writing them side by side would glue two words into one."""
    return bool(before) and bool(after) and before[-1].isalnum() and after[0].isalnum()


def describe_changes(diff: Sequence[DiffOp]) -> str:
    """The changes of ``diff`` in plain words ("removed: step change; added:
    shift"), escaped, for readers who cannot see struck-out text."""
    parts = []
    for op, text in diff:
        words = clean_text(text).strip()
        if op in _MARKUP and words:
            verb = "removed" if op == "-" else "added"
            parts.append(f"{verb}: {words}")
    return markdown_text("; ".join(parts)) if parts else "no words changed"


def accessible_diff(diff: Sequence[DiffOp]) -> str:
    """:func:`critic_diff` preceded by :func:`describe_changes` in a visually
    hidden span, so screen readers announce what the strike-through shows."""
    return f'<span class="vb-sr">Changes: {describe_changes(diff)}.</span> {critic_diff(diff)}'


def has_changes(diff: Sequence[DiffOp]) -> bool:
    """True when ``diff`` removes or adds any words."""
    return any(op in _MARKUP and text.strip() for op, text in diff)


def _collapse_spaces(markdown: str) -> str:
    while "  " in markdown:
        markdown = markdown.replace("  ", " ")
    return markdown.strip()
