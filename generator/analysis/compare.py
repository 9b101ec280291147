"""Compare one rendering of a quote with a trusted rendering, word by word.

The comparison runs on comparison keys, so cosmetic differences never count;
trusted words a partial quote never reached are not changes; words a version
adds beyond either end of the trusted quote are an extension, not an alteration.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from generator.model import Change, DiffOp, Quote, RenderingStatus

from .cosmetic import ELLIPSIS, in_brackets, is_cosmetic, real_part, without_moves
from .diff import Run, diff_keys, display_ops
from .normalize import Token, tokens
from .similarity import STOPWORDS, stem

_ELLIPSIS = ELLIPSIS
_SHORT_QUOTE = 2
"""Quotes of this many words or fewer must appear word for word to match."""


@dataclass(frozen=True)
class Comparison:
    """How a rendering differs from a trusted rendering."""

    score: float
    """Match confidence, 0 to 1: word overlap with the trusted words it renders."""
    status: RenderingStatus
    """verbatim, partial, cosmetic, altered, truncated or extended."""
    diff: tuple[DiffOp, ...]
    """Display word diff from the trusted words reached to the version's words."""
    changes: tuple[Change, ...]
    """Alterations inside the quote."""
    extension: str
    """Words added beyond the ends of the trusted quote ('' when none)."""
    cut: str
    """Trusted words the rendering stops short of, at either end ('' when none)."""

    @property
    def summary(self) -> str:
        """One line a reader understands."""
        parts = [describe(change) for change in self.changes]
        if self.extension:
            parts.append(f"adds '{self.extension}' beyond the trusted words")
        if self.status == "truncated":
            parts.append(f"stops short, leaving out '{self.cut}'")
        if parts:
            return "; ".join(parts)
        return {
            "verbatim": "word for word",
            "cosmetic": "the same words; only quotation marks, case, punctuation or spelling differ",
            "partial": "quotes part of the trusted words, word for word",
        }.get(self.status, "")


def describe(change: Change) -> str:
    """One change in words a reader understands."""
    if change.removed and change.added:
        return f"'{change.removed}' became '{change.added}'" + (" (marked in brackets)" if change.marked else "")
    if change.removed:
        return f"leaves out '{change.removed}'" + (" (marked as a cut)" if change.marked else "")
    return f"inserts '{change.added}'"


def _span(text: str, words: list[Token], start: int, end: int) -> str:
    return text[words[start].start:words[end - 1].end] if end > start else ""


def _trim(runs: list[Run]) -> tuple[list[Run], Run | None, Run | None]:
    """Trusted-only runs at the ends that the quote never reached: a partial quote."""
    before = after = None
    if len(runs) > 1 and runs[0].op == "-" and runs[1].op == "=":
        before, runs = runs[0], runs[1:]
    if len(runs) > 1 and runs[-1].op == "-" and runs[-2].op == "=":
        after, runs = runs[-1], runs[:-1]
    return runs, before, after


def _split_tail(runs: list[Run], new_text: str, new_words: list[Token]) -> tuple[list[Run], Run | None]:
    """A last replacement far longer than what it replaces hides an extension
    ("'US' became 'United States, shaping ... Atlantic'"): split it off at the
    first clause break, or after as many words as were replaced."""
    if len(runs) < 2 or runs[-1].op != "+" or runs[-2].op != "-":
        return runs, None
    removed = runs[-2].old[1] - runs[-2].old[0]
    start, end = runs[-1].new
    if end - start < removed + 4:
        return runs, None
    split = start + removed
    for index in range(start + 1, end):
        gap = new_text[new_words[index - 1].end:new_words[index].start]
        if re.search(r"[,;:—–(]", gap) and index - start >= 1:
            split = index
            break
    head = Run("+", runs[-1].old, (start, split))
    tail = Run("+", runs[-1].old, (split, end))
    return runs[:-1] + [head], tail


def _changes(runs: list[Run], old_text: str, old_words: list[Token], new_text: str,
             new_words: list[Token]) -> list[Change]:
    """The changed places of a diff, each as a reader would name it.  A place that is
    cosmetic (a compound written closed against open or hyphenated) is no change; a
    place that holds a cosmetic part and a real one is narrowed to the real one."""
    changes: list[Change] = []
    index = 0
    while index < len(runs):
        run = runs[index]
        if run.op == "=":
            index += 1
            continue
        old_range, new_range = run.old, run.new
        if run.op == "-" and index + 1 < len(runs) and runs[index + 1].op == "+":
            index += 1
            new_range = runs[index].new
        removed_keys = [t.key for t in old_words[old_range[0]:old_range[1]]]
        added_keys = [t.key for t in new_words[new_range[0]:new_range[1]]]
        index += 1
        if is_cosmetic(removed_keys, added_keys):
            continue
        narrowed = real_part(removed_keys, added_keys)
        if narrowed is not None:
            (old_start, old_end), (new_start, new_end) = narrowed
            old_range = (old_range[0] + old_start, old_range[0] + old_end)
            new_range = (new_range[0] + new_start, new_range[0] + new_end)
        removed = _span(old_text, old_words, *old_range)
        added = _span(new_text, new_words, *new_range)
        marked = False
        if added:
            # "[The ruling group]" for "They", "to reach [the capital]": words the version marks as its own.
            marked = in_brackets(new_text, new_words[new_range[0]].start, new_words[new_range[1] - 1].end)
        elif removed:
            # A cut marked with an ellipsis ("...", ". . .", "…") or brackets at this point is legitimate.
            position = new_words[new_range[0] - 1].end if new_range[0] > 0 else 0
            following = new_words[new_range[0]].start if new_range[0] < len(new_words) else len(new_text)
            marked = bool(_ELLIPSIS.search(new_text[position:following]))
        changes.append(Change(removed, added, marked))
    return changes


def _content_words(words: list[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS]


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[Token, ...]:
    """Tokens of a quote, cached: alignment compares each quote with many others."""
    return tuple(tokens(text))


def compare(trusted: Quote, rendering: Quote, loose: bool = False) -> Comparison | None:
    """How ``rendering`` renders ``trusted``, or None when it is not the same quote.

    ``loose`` accepts a rendering that keeps fewer of the words (a synonym-spun copy keeps about
    a third): for a caller that already knows, from the speaker and the sentence around it, that
    it is the same quote."""
    least = (0.3, 0.35, 4) if loose else (0.5, 0.6, 4)
    old_words, new_words = list(_tokens(trusted.text)), list(_tokens(rendering.text))
    old_keys, new_keys = [t.key for t in old_words], [t.key for t in new_words]
    # A word cut short where an excerpt ends ("pro" for "proved") is the excerpt's end, not a change.
    if rendering.cut_off and len(new_keys) > 1 and _cut_word(new_keys[-1], old_keys):
        new_words, new_keys = new_words[:-1], new_keys[:-1]
    if trusted.cut_off and len(old_keys) > 1 and _cut_word(old_keys[-1], new_keys):
        old_words, old_keys = old_words[:-1], old_keys[:-1]
    if not old_keys or not new_keys:
        return None
    if old_keys == new_keys:
        return Comparison(1.0, "verbatim", (("=", rendering.text),), (), "", "")
    # Words in common bound the words a diff can keep: most pairs stop here, undiffed.
    shared = sum((Counter(stem(k) for k in old_keys) & Counter(stem(k) for k in new_keys)).values())
    if len(new_keys) > _SHORT_QUOTE and (shared < 2 or (shared / len(new_keys) < least[0]
                                                        and (shared / len(old_keys) < least[1] or shared < least[2]))):
        return None
    if len(new_keys) <= _SHORT_QUOTE:
        if not any(old_keys[i:i + len(new_keys)] == new_keys for i in range(len(old_keys) - len(new_keys) + 1)):
            return None
    stemmed = diff_keys([stem(k) for k in old_keys], [stem(k) for k in new_keys], cleanup=False)
    kept_runs = [r for r in stemmed if r.op == "="]
    kept = sum(r.old[1] - r.old[0] for r in kept_runs)
    kept_content = sum(1 for r in kept_runs for k in old_keys[r.old[0]:r.old[1]] if k not in STOPWORDS)
    precision, recall = kept / len(new_keys), kept / len(old_keys)
    long_enough = len(new_keys) <= _SHORT_QUOTE or (kept >= 2 and kept_content >= 1)
    if not kept_runs or not long_enough or not (precision >= least[0] or (recall >= least[1] and kept >= least[2])):
        return None
    start, end = _window(kept_runs, len(old_keys), len(new_keys))
    window = old_words[start:end]
    # A spun quote changes every few words: without semantic clean-up the diff shows each swap.
    runs, before, after = _trim(diff_keys(old_keys[start:end], new_keys, cleanup=not loose))
    reached = (before.old[1] if before else 0, after.old[0] if after else len(window))
    missing_before, missing_after = start + reached[0], len(old_keys) - start - reached[1]
    runs, extension_tail = _split_tail(runs, rendering.text, new_words)
    extension_head = runs[0] if len(runs) > 1 and runs[0].op == "+" and runs[1].op == "=" and not missing_before else None
    if extension_head:
        runs = runs[1:]
    if (len(runs) > 1 and runs[-1].op == "+" and runs[-2].op == "=" and not missing_after
            and extension_tail is None):
        extension_tail, runs = runs[-1], runs[:-1]
    if trusted.cut_off and extension_tail is not None and not missing_after:
        extension_tail = None  # the trusted copy stops inside the quote: what follows is beyond its end
    changes = without_moves(_changes(runs, trusted.text, window, rendering.text, new_words))
    extension = " … ".join(
        _span(rendering.text, new_words, *run.new) for run in (extension_head, extension_tail) if run is not None
    )
    absolute = (start + reached[0], start + reached[1])
    cut = " … ".join(part for part in (_span(trusted.text, old_words, 0, absolute[0]),
                                       _span(trusted.text, old_words, absolute[1], len(old_words))) if part)
    status = _status(changes, extension, missing_before + missing_after)
    # A fair quote may stop short; a cut that drops a condition or a negation changes what it says.
    # Where the version's own text stops inside the quote (an excerpt), it stopped nothing.
    # A whole quote can drop what qualifies it at either end; words quoted inside narration are a fair
    # partial quote unless the negation they depend on was left before them ("could 'balance the next
    # one'" for "I cannot promise that we can balance the next one").
    if status == "partial" and not rendering.cut_off and not _ELLIPSIS.search(rendering.text) and \
            _cut_turns_meaning(trusted.text, old_words, absolute, tail=rendering.form == "full"):
        status = "truncated"
    reached_words = window[reached[0]:reached[1]]
    ordered = ([extension_head] if extension_head else []) + runs + ([extension_tail] if extension_tail else [])
    shifted = [Run(r.op, (r.old[0] - reached[0], r.old[1] - reached[0]), r.new) for r in ordered]
    diff = display_ops(trusted.text, rendering.text, shifted, reached_words, new_words)
    score = round(2 * kept / (len(new_keys) + max(1, reached[1] - reached[0])), 2)
    return Comparison(min(score, 1.0), status, diff, tuple(changes), extension, cut)


def _window(kept: list[Run], old_size: int, new_size: int) -> tuple[int, int]:
    """The trusted words a rendering stands for: from the first to the last word
    they share, widened over trusted words the rendering replaced at either end."""
    first_old, last_old = kept[0].old[0], kept[-1].old[1]
    lead, trail = kept[0].new[0], new_size - kept[-1].new[1]
    start = first_old if not lead else (0 if first_old <= 3 * lead + 3 else first_old - lead)
    end = last_old if not trail else (old_size if old_size - last_old <= 3 * trail + 3 else last_old + trail)
    return start, end


def _status(changes: list[Change], extension: str, missing: int) -> RenderingStatus:
    if any(not change.marked for change in changes):
        return "altered"
    if extension:
        return "extended"
    if missing or changes:
        return "partial"
    return "verbatim"


def _cut_word(word: str, others: list[str]) -> bool:
    """True when ``word`` is another word cut short: the first letters of a word of ``others``
    (or its first digits: "5,0" of "5,000", whose key is "5000")."""
    digits = word.replace(",", "").replace(".", "")
    return any(other != word and (other.startswith(word) or (digits.isdigit() and other.startswith(digits)))
               for other in others)


_TURNING_WORDS = frozenset({"not", "no", "never", "cannot", "can't", "won't", "don't", "isn't", "wasn't", "unless",
                            "if", "only", "without", "except", "nor", "neither"})
_QUALIFYING_WORDS = frozenset({"unless", "if", "except", "provided", "until", "not", "never", "no", "only", "half",
                               "third", "quarter", "percent"})
_CLAUSE_BREAK = re.compile(r"[,;:.!?—–]|\b(?:but|and|or|while|whereas)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s*$")


def _cut_turns_meaning(text: str, words: list[Token], reached: tuple[int, int], tail: bool = True) -> bool:
    """True when a partial quote stops short of what qualifies its own sentence: a negation or a
    condition before it ("I cannot promise that | we can balance the next one"), or after it a
    condition, a negation or a quantity ("we will not raise council tax | , unless ...", "cut
    waiting lists | by half within two years").  Quoting whole sentences of a longer quote is fair."""
    start, end = reached
    if start > 0 and end - start >= _CLAIM_WORDS:
        lead = text[:words[start].start]
        clause = _CLAUSE_BREAK.split(lead)[-1]
        if not _SENTENCE_END.search(lead) and \
                any(k in _TURNING_WORDS for k in re.findall(r"[a-z']+", clause.lower().replace("’", "'"))):
            return True
    if end < len(words) and tail:
        if _SENTENCE_END.search(text[:words[end - 1].end + 1]) or _SENTENCE_END.search(text[:words[end - 1].end]):
            return False  # the quote stops at the end of a sentence: the rest is another sentence
        tail = text[words[end - 1].end:]
        if _NEXT_CLAUSE.match(tail):
            return False  # the cut words are a clause of their own (", but ...", ": the business ..."), fairly left out
        rest = re.split(r"[.!?…]", tail, maxsplit=1)[0]
        found = re.findall(r"[a-z']+|\d+", rest.lower().replace("’", "'"))
        return any(k in _QUALIFYING_WORDS or k.isdigit() or k in _NUMBER_WORDS for k in found)
    return False


_NEXT_CLAUSE = re.compile(r"^\s*(?:[:;—–]|,?\s*(?:but|and|or|yet|so|while|whereas)\b)", re.IGNORECASE)
_CLAIM_WORDS = 5
"""Words a quoted fragment needs before a negation left out before it can turn it ('a "bond"' quotes no claim)."""

_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
                           "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion"})


def display_differs(trusted: Quote, rendering: Quote) -> bool:
    """True when two renderings with the same words still look different."""
    def plain(text: str) -> str:
        return " ".join(text.replace("’", "'").split()).rstrip(".,;:!?")
    return plain(trusted.text) != plain(rendering.text)
