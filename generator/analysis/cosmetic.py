"""Cosmetic changes: a changed place in a quote that a reader would not call a change.

The comparison keys of ``normalize`` fold what one word shows on its own (quote
marks, case, spelling, how an amount is written).  What needs both sides at once
is decided here: a compound written closed on one side and open or hyphenated on
the other ("hardworking" / "hard working" / "hard-working"), and how a version
marks its own words in the quote (an ellipsis for a cut, square brackets for an
editorial substitution).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.model import Change

from .diff import diff_keys
from .normalize import keys

ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…|\[[^\]]*\]")
"""A mark for words left out: '...', '. . .', '…', or anything in square brackets ('[…]')."""


def is_cosmetic(removed: Sequence[str], added: Sequence[str]) -> bool:
    """True when the trusted words' keys ``removed`` and the version's keys ``added`` are
    one compound written two ways: the same letters once the spaces between words go.

    Every word on both sides must have two letters or more: "a part" is not "apart",
    "a way" is not "away".  Numbers are never joined ("2 000" stays apart from "2000";
    their keys already fold how an amount is written)."""
    if not removed or not added or len(removed) == len(added):
        return False
    if any(len(word) < 2 or not word.replace("'", "").isalpha() for word in (*removed, *added)):
        return False
    return "".join(removed) == "".join(added)


def in_brackets(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` stands inside one pair of square brackets: words the
    version marks as its own ("to reach [the capital]", "[Paris] will")."""
    opening = text.rfind("[", 0, start)
    if opening < 0 or "]" in text[opening:start]:
        return False
    closing = text.find("]", end)
    return closing >= 0 and "[" not in text[end:closing]


def real_part(removed: Sequence[str], added: Sequence[str]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The part of one changed place that is a real change, as ranges into ``removed``
    and ``added``, when the place also holds a cosmetic one ("hard-working staff cut" /
    "hardworking staff slashed" is "cut" / "slashed"); None when nothing is cosmetic."""
    places: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for run in diff_keys(list(removed), list(added), cleanup=False):
        if run.op == "=":
            continue
        if places and places[-1][0][1] == run.old[0] and places[-1][1][1] == run.new[0]:
            (old_start, _), (new_start, _) = places[-1]
            places[-1] = ((old_start, run.old[1]), (new_start, run.new[1]))
        else:
            places.append((run.old, run.new))
    real = [(old, new) for old, new in places
            if not is_cosmetic(removed[old[0]:old[1]], added[new[0]:new[1]])]
    if len(real) == len(places) or not real:
        return None
    return ((real[0][0][0], real[-1][0][1]), (real[0][1][0], real[-1][1][1]))


_TURNING = frozenset({"not", "no", "never", "unless", "if", "only", "until", "without", "except", "nor", "neither"})


def without_moves(changes: Sequence[Change]) -> list[Change]:
    """The changes, less a word or two moved within the quote ("March 2" / "2 March"): one cut and
    one insertion of the same words.  A moved negation or condition is a change ("not now, but
    later" / "now, but not later") and stays."""
    kept = list(changes)
    for cut in list(kept):
        if cut.added or not cut.removed or cut.marked:
            continue
        words = keys(cut.removed)
        if not 0 < len(words) <= 2 or set(words) & _TURNING:
            continue
        insertion = next((c for c in kept if c is not cut and not c.removed and keys(c.added) == words), None)
        if insertion is not None:
            kept.remove(cut)
            kept.remove(insertion)
    return kept
