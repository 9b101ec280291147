"""Word-level diff with diff-match-patch: words mapped to characters, semantic cleanup.

Each distinct comparison key becomes one private-use character, so the
character diff of diff-match-patch becomes a word diff; its semantic cleanup
then merges scattered one-word matches into readable runs.  No timeout: the
result must not depend on the machine's speed.
"""

from __future__ import annotations

from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from generator.model import DiffOp

from .normalize import Token, tokens

try:  # The C++ implementation of the same algorithm: same runs, about three times faster.
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - it is an optional speed-up
    _fast = None

_PRIVATE_USE_START = 0xF0000  # plane 15: never in article text after cleaning
_OPS = {0: "=", -1: "-", 1: "+"}

USE_FAST = _fast is not None
"""True when the C++ diff-match-patch is installed and used (tests turn it off to compare)."""


def _runs(old_chars: str, new_chars: str, cleanup: bool) -> list[tuple[str, int]]:
    """(op, length) of the character diff, semantic cleanup when ``cleanup``; no timeout."""
    if USE_FAST and _fast is not None:
        return _fast.diff(old_chars, new_chars, timelimit=0, checklines=False,
                          cleanup="Semantic" if cleanup else "No", counts_only=True)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    raw = engine.diff_main(old_chars, new_chars, False)
    if cleanup:
        engine.diff_cleanupSemantic(raw)
    return [(_OPS[code], len(chars)) for code, chars in raw]


@dataclass(frozen=True)
class Run:
    """One run of a word diff over token lists."""

    op: str
    """``=`` kept, ``-`` only in the old text, ``+`` only in the new one."""
    old: tuple[int, int]
    """Half-open token range in the old text (empty for ``+``)."""
    new: tuple[int, int]
    """Half-open token range in the new text (empty for ``-``)."""


def _encode(old: list[str], new: list[str]) -> tuple[str, str]:
    codes: dict[str, str] = {}

    def encode(words: list[str]) -> str:
        return "".join(codes.setdefault(word, chr(_PRIVATE_USE_START + len(codes))) for word in words)

    return encode(old), encode(new)


def diff_keys(old: list[str], new: list[str], cleanup: bool = True) -> list[Run]:
    """Word diff of two key lists, cleaned up for people to read (``cleanup``)
    or kept minimal, every shared word matched (for measuring overlap)."""
    old_chars, new_chars = _encode(old, new)
    runs, i, j = [], 0, 0
    for op, size in _runs(old_chars, new_chars, cleanup):
        if op == "=":
            runs.append(Run(op, (i, i + size), (j, j + size)))
            i, j = i + size, j + size
        elif op == "-":
            runs.append(Run(op, (i, i + size), (j, j)))
            i += size
        else:
            runs.append(Run(op, (i, i), (j, j + size)))
            j += size
    return runs


def trim_unquoted_ends(runs: list[Run]) -> tuple[list[Run], int, int]:
    """Drop old-only runs at either end: trusted words a partial quote never reached.

    Returns the remaining runs and how many old tokens were dropped before and after.
    """
    before = after = 0
    if runs and runs[0].op == "-":
        before = runs[0].old[1] - runs[0].old[0]
        runs = runs[1:]
    if runs and runs[-1].op == "-":
        after = runs[-1].old[1] - runs[-1].old[0]
        runs = runs[:-1]
    return runs, before, after


def display_ops(old_text: str, new_text: str, runs: list[Run],
                old_tokens: list[Token] | None = None, new_tokens: list[Token] | None = None) -> tuple[DiffOp, ...]:
    """Runs turned back into display text: kept runs in the new text's words,
    with the spaces and punctuation around changes kept on the kept side."""
    old_tokens = tokens(old_text) if old_tokens is None else old_tokens
    new_tokens = tokens(new_text) if new_tokens is None else new_tokens
    ops: list[list[str]] = []
    position = 0
    for index, run in enumerate(runs):
        if run.op == "-":
            first, last = old_tokens[run.old[0]], old_tokens[run.old[1] - 1]
            ops.append(["-", old_text[first.start:last.end]])
            continue
        first, last = new_tokens[run.new[0]], new_tokens[run.new[1] - 1]
        if run.op == "=":
            start = position if ops or index else 0
            # The next run on the version's side: an insertion right after this run
            # (perhaps behind a removal) starts where the kept text's gap ends.
            following = next((r for r in runs[index + 1:] if r.op != "-"), None)
            following = following if following is not None and following.op == "+" else None
            end = last.end
            if index < len(runs) - 1:
                end = new_tokens[following.new[0]].start if following else _gap_end(new_text, last.end)
            ops.append(["=", new_text[start:end]])
            position = end
        else:
            # Two added runs in a row (an alteration, then an extension) keep the gap between them.
            start = position if ops and ops[-1][0] == "+" else max(position, first.start)
            ops.append(["+", new_text[start:last.end]])
            position = last.end
    if position < len(new_text) and any(op != "-" for op, _ in ops):
        tail = new_text[position:]
        last_new = max(i for i, (op, _) in enumerate(ops) if op != "-")
        if last_new == len(ops) - 1:
            ops[last_new][1] += tail
        else:
            ops.append(["=", tail])
    return tuple((op, text) for op, text in _merge(ops) if text)


def _gap_end(text: str, end: int) -> int:
    """Offset of the next word after ``end``: kept text keeps the space after it."""
    following = tokens(text[end:])
    return end + following[0].start if following else len(text)


def _merge(ops: list[list[str]]) -> list[list[str]]:
    merged: list[list[str]] = []
    for op, text in ops:
        if merged and merged[-1][0] == op:
            merged[-1][1] += text
        else:
            merged.append([op, text])
    return merged


def word_diff(old_text: str, new_text: str) -> tuple[DiffOp, ...]:
    """Display word diff from ``old_text`` to ``new_text``."""
    old_tokens, new_tokens = tokens(old_text), tokens(new_text)
    runs = diff_keys([t.key for t in old_tokens], [t.key for t in new_tokens])
    return display_ops(old_text, new_text, runs, old_tokens, new_tokens)
