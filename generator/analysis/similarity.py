"""Text and quote similarity measures shared by grouping, reference choice and alignment."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from .diff import diff_keys
from .normalize import keys

STOPWORDS = frozenset("""
a about above across after again against all also am among amid an and any are around as at back be been before
being below between both but by can could did do does doing don down during each even ever every few for from
further had has have having he her here hers him his how however i if in including into is it its itself just
least less like made make many may me might more most much must my no nor not now of off on once one only or
other our out over own per said same say says she should since so some still such than that the their them then
there these they this those though through to too toward towards two under until up upon us very was we well were
what when where whether which while who whom whose why will with within without would yet you your
""".split())


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


def tfidf_vectors(documents: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """Log-scaled TF-IDF vectors, the IDF taken over the given documents."""
    count = len(documents)
    frequency = Counter(term for terms in documents.values() for term in set(terms))
    return {
        name: {term: (1 + math.log(n)) * math.log((count + 1) / frequency[term]) for term, n in Counter(terms).items()}
        for name, terms in documents.items()
    }


def cosine(first: dict[str, float], second: dict[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    dot = sum(weight * second.get(term, 0.0) for term, weight in first.items())
    norm = math.sqrt(sum(w * w for w in first.values()) * sum(w * w for w in second.values()))
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
