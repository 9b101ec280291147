"""Text and quote similarity measures shared by grouping, reference choice and alignment."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import mul

from .diff import diff_keys
from .normalize import keys, tokens

STOPWORDS = frozenset("""
a about above across after again against all also am among amid an and any are around as at back be been before
being below between both but by can could did do does doing don down during each even ever every few for from
further had has have having he her here hers him his how however i if in including into is it its itself just
least less like made make many may me might more most much must my no nor not now of off on once one only or
other our out over own per said same say says she should since so some still such than that the their them then
there these they this those though through to too toward towards two under until up upon us very was we well were
what when where whether which while who whom whose why will with within without would yet you your
""".split())

QUOTE_OVERLAP = 0.5
"""Share of a quote's words that must be in another for the two to fill a frame alike."""
MIN_FRAME_WORDS = 4
"""Words, besides its names, numbers and quotes, a sentence needs before its frame can tell a template."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem, enough to see 'future' in 'futures' when grouping."""
    for suffix in ("ing", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_terms(text: str) -> list[str]:
    """Stemmed content words and named phrases of a text, for comparing whole articles."""
    words = [stem(k) for k in keys(text) if len(k) >= 3 and k not in STOPWORDS and not k[0].isdigit()]
    names = re.findall(r"\b[A-Z][\w’'-]+(?:\s+(?:of\s+)?[A-Z][\w’'-]+)+", text)
    return words + ["name:" + " ".join(keys(n)) for n in names]


_SENTENCE_OPENERS = frozenset(".!?:;\"“”‘’'«»([—–-")
"""Characters after which a capital letter may only open a sentence or a quote."""
_SENTENCE_ENDS = frozenset(".!?")
_QUOTE_MARKS = frozenset('"“”«»')
_NAME_JOINERS = frozenset({"of", "de", "la", "le", "du", "da", "von", "van", "der", "del", "al", "bin"})
"""Lower-case words that join the parts of a name ("Bank of England", "Ana de la Cruz")."""

Slots = dict[str, frozenset[tuple[str, ...]]]
"""Sentence frames (the words, names and numbers blanked out) and what fills their blanks."""


@dataclass(frozen=True)
class Particulars:
    """What a text names and counts, and where: what tells one story from another."""

    specifics: frozenset[str]
    """Its names and numbers: the words written with a capital inside a sentence (people,
    places, bodies, days, as ``@key``), the runs of such words (``@kerrow general hospital``),
    and the numbers, amounts and years (``#key``, their comparison keys, so "£40m" is "£40
    million").  A capitalised word that opens a sentence is no name on its own (it may be
    any word) unless the next word is capitalised too ("Kerrow General Hospital will...")."""
    slots: Slots
    """Each sentence's frame and its fillings: two stories written from one template have
    sentences of one frame filled with other names, numbers and quotes; two versions of one
    story fill them alike."""


def particulars(text: str) -> Particulars:
    """The names, numbers and sentence frames of a text (one pass over its words)."""
    found = tokens(text)
    capital = [text[token.start].isupper() for token in found]
    gaps = [text[found[index - 1].end:token.start] if index else text[:token.start] for index, token in enumerate(found)]
    specifics: set[str] = set()
    runs: list[list[str]] = []
    in_run = quoted = False
    sentences: list[list[tuple[str, str]]] = []
    for index, token in enumerate(found):
        gap = gaps[index]
        breaks = not index or "\n" in gap or not _SENTENCE_ENDS.isdisjoint(gap)
        if breaks:
            sentences.append([])
        if "\n" in gap:
            quoted = False  # a paragraph ends any quote (a mark left open is a typo more often than a long quote)
        if not _QUOTE_MARKS.isdisjoint(gap):
            quoted = _quoted_after(gap.rsplit("\n", 1)[-1], quoted)
        opening = breaks or not _SENTENCE_OPENERS.isdisjoint(gap)
        joined = index > 0 and gap == " "
        follows = index + 1 < len(found) and capital[index + 1] and gaps[index + 1] == " "
        if token.key[0].isdigit():
            specifics.add("#" + token.key)
            sentences[-1].append((token.key, _QUOTE if quoted else _SLOT))
            in_run = False
            continue
        named = capital[index] and (not opening or follows)
        joiner = not capital[index] and token.key in _NAME_JOINERS and in_run and joined and follows
        if named or joiner:
            if not (in_run and joined):
                runs.append([])
            runs[-1].append(token.key)
            in_run = True
        else:
            in_run = False
        specific = named and token.key not in STOPWORDS
        if specific:
            specifics.add("@" + token.key)
        sentences[-1].append((token.key, _QUOTE if quoted else _SLOT if specific else _WORD))
    for parts in runs:
        while parts and (parts[0] in STOPWORDS or parts[-1] in _NAME_JOINERS):
            parts.pop(0 if parts[0] in STOPWORDS else -1)
        if len(parts) > 1:
            specifics.add("@" + " ".join(parts))
    return Particulars(frozenset(specifics), _slots(sentences))


_WORD, _SLOT, _QUOTE = "word", "slot", "quote"
"""What a word of a sentence is to its frame: part of it, a blank (a name or number), or quoted."""


def _quoted_after(gap: str, quoted: bool) -> bool:
    """Whether the next word is inside quotation marks, given the marks between it and the last."""
    for char in gap:
        if char in "“«":
            quoted = True
        elif char in "”»":
            quoted = False
        elif char == '"':
            quoted = not quoted
    return quoted


def _slots(sentences: list[list[tuple[str, str]]]) -> Slots:
    """Each sentence's frame: its words, a blank for each name or number and one for each quote;
    and its filling: the names, numbers and quoted words."""
    slots: dict[str, set[tuple[str, ...]]] = {}
    for sentence in sentences:
        frame: list[str] = []
        fills: list[str] = []
        words = 0
        for index, (word, kind) in enumerate(sentence):
            if kind == _WORD:
                frame.append(word)
                words += 1
            elif kind == _SLOT:
                frame.append("_")
                fills.append(word)
            elif index and sentence[index - 1][1] == _QUOTE:
                fills[-1] += " " + word
            else:
                frame.append("«»")
                fills.append("«" + word)
        if fills and words >= MIN_FRAME_WORDS:
            slots.setdefault(" ".join(frame), set()).add(tuple(fills))
    return {frame: frozenset(fillings) for frame, fillings in slots.items()}


def filled_alike(first: Slots, second: Slots) -> tuple[int, int]:
    """Of the sentence frames two texts share, how many they fill alike and how many differently
    (a quote fills alike when most of its words are the same: copies alter quotes)."""
    if len(second) < len(first):
        first, second = second, first
    alike = differently = 0
    for frame, fills in first.items():
        other = second.get(frame)
        if other is not None:
            if fills & other or any(_fills_alike(a, b) for a in fills for b in other):
                alike += 1
            else:
                differently += 1
    return alike, differently


def _fills_alike(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    return len(first) == len(second) and all(
        a == b or (a[0] == b[0] == "«" and _words_overlap(a[1:], b[1:])) for a, b in zip(first, second))


def _words_overlap(first: str, second: str) -> bool:
    """True when most words of the shorter of two quotes are in the other."""
    a, b = set(first.split()), set(second.split())
    return len(a & b) >= QUOTE_OVERLAP * min(len(a), len(b))


def word_shingles(text: str, size: int = 3) -> set[str]:
    """Runs of ``size`` consecutive word keys: what a copy keeps of its source's wording."""
    words = keys(text)
    return {" ".join(words[start:start + size]) for start in range(max(1, len(words) - size + 1))} if words else set()


def inverse_frequencies(documents: dict[str, frozenset[str]], at_least: int = 0) -> dict[str, float]:
    """Each term's inverse document frequency, ``log((N + 1) / n)``: a term every text has weighs
    next to nothing, one text's own names weigh most.  ``N`` is at least ``at_least``: among a
    handful of texts, all of one story, what they all share is the story, not a commonplace."""
    count = max(len(documents), at_least)
    frequency = Counter(term for terms in documents.values() for term in terms)
    return {term: math.log((count + 1) / n) for term, n in frequency.items()}


def total_weight(terms: frozenset[str], weights: Mapping[str, float]) -> float:
    """The weights of a set of terms added up (exactly rounded, so the order of a set's terms,
    which changes between processes, never changes the total)."""
    return math.fsum(map(weights.get, terms, repeat(0.0)))


def weighted_containment(first: frozenset[str], second: frozenset[str], weights: Mapping[str, float],
                         totals: tuple[float, float] | None = None) -> float:
    """The weight of what two sets share over the weight of the lighter set, 0 to 1: how much
    of what the shorter text names the other names too (an excerpt is wholly contained).
    ``totals``: the two sets' :func:`total_weight`, when known."""
    first_total, second_total = totals or (total_weight(first, weights), total_weight(second, weights))
    lighter = min(first_total, second_total)
    if lighter <= 0:
        return 0.0
    return total_weight(first & second, weights) / lighter


def tfidf_vectors(documents: Mapping[str, list[str] | Counter[str]]) -> dict[str, dict[str, float]]:
    """Log-scaled TF-IDF vectors, the IDF taken over the given documents."""
    count = len(documents)
    frequency = Counter(term for terms in documents.values() for term in set(terms))
    # Each term's IDF worked out once, not once per document (the same values, bit for bit).
    idf = {term: math.log((count + 1) / n) for term, n in frequency.items()}
    return {name: {term: (1 + math.log(n)) * idf[term] for term, n in Counter(terms).items()}
            for name, terms in documents.items()}


def cosine(first: dict[str, float], second: dict[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    return cosine_with_norms(first, second, squared_norm(first), squared_norm(second))


def squared_norm(vector: dict[str, float]) -> float:
    """A sparse vector's squared length, as :func:`cosine` adds it up."""
    values = vector.values()
    return sum(map(mul, values, values))


def cosine_with_norms(first: dict[str, float], second: dict[str, float], first_norm: float,
                      second_norm: float) -> float:
    """:func:`cosine` given the two vectors' :func:`squared_norm` (the same value, to the bit),
    for comparing one vector with many."""
    # map, not a generator: the same products added in the same order, at half the cost
    # (grouping compares one vector with many thousands).
    dot = sum(map(mul, first.values(), map(second.get, first, repeat(0.0))))
    norm = math.sqrt(first_norm * second_norm)
    return dot / norm if norm else 0.0


def matched_tokens(old: list[str], new: list[str]) -> int:
    """How many tokens a word diff keeps between two key lists."""
    return sum(run.old[1] - run.old[0] for run in diff_keys(old, new, cleanup=False) if run.op == "=")


def text_similarity(first: str, second: str) -> float:
    """Share of words two texts keep in common, 0 to 1 (Dice over a word diff)."""
    a, b = keys(first), keys(second)
    return 2 * matched_tokens(a, b) / (len(a) + len(b)) if a or b else 1.0


def quotes_overlap(first: str, second: str) -> bool:
    """True when two quotes plainly render the same words (for grouping articles)."""
    a = [stem(k) for k in keys(first)]
    b = [stem(k) for k in keys(second)]
    shorter = min(len(a), len(b))
    if shorter < 3:
        return False
    kept = matched_tokens(a, b)
    return kept >= 3 and kept / shorter >= 0.6
