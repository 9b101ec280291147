"""Extract stage: quotation spans in a cleaned version, with their sentences.

Handles straight and curly marks, guillemets, quotes that run across
paragraphs (no closing mark at the paragraph's end, an opening mark at the
next one's start), single quotes nested in double ones, and British-style
single-quoted quotes.  Headings are not searched: a crosshead in quotation
marks names a section, it does not quote anyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.model import Quote, QuoteForm, Version

_DOUBLE_OPEN, _DOUBLE_CLOSE, _DOUBLE_EITHER = "“„«", "”»", '"'
_SINGLE_OPEN, _SINGLE_CLOSE, _SINGLE_EITHER = "‘‚‹", "’›", "'"
_LOW_OPENERS = {"„": "“”", "‚": "‘’"}
_OPENING_CONTEXT = " \t\n([{—–-/:"
_TRAILING_JOINERS = ",;:"
_ABBREVIATIONS = re.compile(r"\b(Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|No|vs|etc|e\.g|i\.e|U\.S|U\.K)\.$")
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9£$€])")


@dataclass(frozen=True)
class Span:
    """A half-open character range."""

    start: int
    """First character."""
    end: int
    """One past the last character."""


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted words found in a text, before attribution."""

    parts: tuple[Span, ...]
    """The quoted words of each part (one per paragraph), marks excluded."""
    nested: tuple[str, ...]
    """Single-quoted words inside."""


def _role(text: str, index: int, either: str, opening: str, closing: str) -> str:
    """'open', 'close' or 'either' for the quotation mark at ``index``."""
    mark = text[index]
    if mark in opening:
        return "open"
    if mark in closing:
        return "close"
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before in _OPENING_CONTEXT and not after.isspace():
        return "open"
    if not before.isspace():
        return "close"
    return "either"


def _is_apostrophe(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


@lru_cache(maxsize=16)
def _marks_pattern(marks: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(marks)}]")


def _pairs(text: str, marks: str, opening: str, closing: str, either: str,
           skip_apostrophes: bool) -> tuple[list[Span], int | None]:
    """Paired quotation marks of one kind in one paragraph, and the start of an
    unclosed quote at its end (None when all are closed)."""
    spans: list[Span] = []
    open_at: int | None = None
    opened_with = ""
    # Only the marks matter: jump from one to the next instead of visiting every character.
    for found in _marks_pattern(marks).finditer(text):
        index, char = found.start(), found.group()
        if skip_apostrophes and _is_apostrophe(text, index):
            continue
        role = _role(text, index, either, opening, closing)
        if open_at is not None and opened_with in _LOW_OPENERS and char in _LOW_OPENERS[opened_with]:
            role = "close"  # German style: „ ... “ and ‚ ... ‘
        if open_at is None and role in ("open", "either"):
            if skip_apostrophes and role == "either":
                continue
            open_at, opened_with = index + 1, char
        elif open_at is not None and role in ("close", "either"):
            spans.append(Span(open_at, index))
            open_at = None
        elif open_at is not None and role == "open" and not skip_apostrophes:
            # An opening mark while a quote is open: the earlier one was never
            # closed. End it where the new one starts.
            spans.append(Span(open_at, index))
            open_at, opened_with = index + 1, char
    return spans, open_at


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_JOINERS):
        end -= 1
    return Span(start, end)


def is_heading(paragraph: str) -> bool:
    """A crosshead or section title: short, no sentence punctuation at its end."""
    words = paragraph.split()
    return 0 < len(words) <= 8 and not re.search(r"[.!?:;,…]\W*$", paragraph.rstrip("'’\"”"))


def paragraphs(text: str) -> list[Span]:
    """The paragraphs of a cleaned text."""
    spans, start = [], 0
    for match in re.finditer(r"\n\n", text):
        spans.append(Span(start, match.start()))
        start = match.end()
    spans.append(Span(start, len(text)))
    return [s for s in spans if s.end > s.start]


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quotation in a cleaned text, in order."""
    found: list[QuoteSpan] = []
    pending: list[Span] = []  # parts of a quote running on into the next paragraph
    for paragraph in paragraphs(text):
        body = text[paragraph.start:paragraph.end]
        if is_heading(body):
            pending = []
            continue
        doubles, unclosed = _pairs(body, _DOUBLE_OPEN + _DOUBLE_CLOSE + _DOUBLE_EITHER,
                                   _DOUBLE_OPEN, _DOUBLE_CLOSE, _DOUBLE_EITHER, False)
        if pending:
            starts_quoted = body[:1] in _DOUBLE_OPEN + _DOUBLE_EITHER
            if starts_quoted and doubles and doubles[0].start == 1:
                found.append(_quote(text, pending + [_shift(doubles[0], paragraph.start)]))
                doubles = doubles[1:]
            elif starts_quoted and not doubles and unclosed == 1:
                pending.append(Span(paragraph.start + 1, paragraph.end))
                continue
            else:
                found.append(_quote(text, pending))
            pending = []
        inside = [_shift(s, paragraph.start) for s in doubles]
        if unclosed is not None:
            pending = [Span(paragraph.start + unclosed, paragraph.end)]
        singles, _ = _pairs(body, _SINGLE_OPEN + _SINGLE_CLOSE + _SINGLE_EITHER,
                            _SINGLE_OPEN, _SINGLE_CLOSE, _SINGLE_EITHER, True)
        for single in (_shift(s, paragraph.start) for s in singles):
            if not any(d.start <= single.start and single.end <= d.end for d in inside):
                inside.append(single)
        for span in sorted(inside, key=lambda s: s.start):
            found.append(_quote(text, [span]))
    if pending:
        found.append(_quote(text, pending))
    # A quote needs a word: marks around punctuation alone quote nothing.
    found = [q for q in found if q.parts and any(re.search(r"[^\W_]", text[p.start:p.end]) for p in q.parts)]
    # Drop spans nested in another (single inside double): they are recorded as nested.
    outer = [q for q in found if not any(o is not q and o.parts[0].start < q.parts[0].start
                                         and q.parts[-1].end <= o.parts[-1].end for o in found)]
    return outer


def _shift(span: Span, offset: int) -> Span:
    return Span(span.start + offset, span.end + offset)


def _quote(text: str, parts: list[Span]) -> QuoteSpan:
    trimmed = tuple(t for t in (_trim(text, p) for p in parts) if t.end > t.start)
    nested = []
    for part in trimmed:
        singles, _ = _pairs(text[part.start:part.end], _SINGLE_OPEN + _SINGLE_CLOSE + _SINGLE_EITHER,
                            _SINGLE_OPEN, _SINGLE_CLOSE, _SINGLE_EITHER, True)
        nested.extend(text[part.start + s.start:part.start + s.end] for s in singles)
    return QuoteSpan(trimmed, tuple(nested))


def sentences(text: str, quotes: list[QuoteSpan]) -> list[Span]:
    """Sentence spans of a cleaned text; no sentence break falls inside a quote."""
    quoted = [(q.parts[0].start, q.parts[-1].end) for q in quotes if q.parts]
    spans: list[Span] = []
    for paragraph in paragraphs(text):
        start = paragraph.start
        body = text[paragraph.start:paragraph.end]
        for match in _SENTENCE_BREAK.finditer(body):
            cut = paragraph.start + match.end()
            mark = paragraph.start + match.start()
            if any(s < mark < e - 1 for s, e in quoted):
                continue
            if _ABBREVIATIONS.search(text[max(start, mark - 6):mark + 1]):
                continue
            spans.append(Span(start, cut))
            start = cut
        spans.append(Span(start, paragraph.end))
    return [s for s in spans if s.end > s.start]


def mask_quotes(text: str, quotes: list[QuoteSpan]) -> str:
    """``text`` with the given quotes, marks included, blanked out; offsets kept.
    Narration is read without the words people are quoted as saying."""
    masked = list(text)
    for quote in quotes:
        for part in quote.parts:
            for index in range(max(0, part.start - 1), min(len(masked), part.end + 1)):
                masked[index] = " "
    return "".join(masked)


def classify(text: str, quote: QuoteSpan, sentence: Span) -> QuoteForm:
    """Whole utterance, partial quote inside narration, or scare quote."""
    words = " ".join(text[p.start:p.end] for p in quote.parts).split()
    before = text[sentence.start:quote.parts[0].start - 1].rstrip()
    after = text[quote.parts[-1].end:sentence.end]
    starts_capital = bool(words) and (words[0][:1].isupper() or words[0][:1].isdigit())
    opens_sentence = before == "" or before.endswith((":", "—", "–"))
    closes_with_attribution = bool(re.match(r"^[,.!?]?[\"”’']\s*[,—–]?\s*\w", after)) and \
        text[quote.parts[-1].end:quote.parts[-1].end + 1] in ",!?" or \
        bool(re.match(r"^,[\"”’']", text[quote.parts[-1].end:quote.parts[-1].end + 2]))
    if len(words) >= 4 and starts_capital and (opens_sentence or closes_with_attribution):
        return "full"
    return "scare" if len(words) <= 3 else "partial"


def extract(version: Version) -> list[Quote]:
    """The quotes of a version, without speakers (see ``attribute``)."""
    text = version.text
    spans = find_quotes(text)
    sentence_spans = sentences(text, spans)
    quotes = []
    for number, span in enumerate(spans, start=1):
        first, last = span.parts[0], span.parts[-1]
        sentence = next((s for s in sentence_spans if s.start <= first.start < s.end), Span(first.start, last.end))
        sentence_end = next((s.end for s in sentence_spans if s.start <= last.end <= s.end), sentence.end)
        quotes.append(Quote(
            id=f"{version.id}:q{number}",
            version=version.id,
            start=first.start,
            end=last.end,
            text=" ".join(text[p.start:p.end] for p in span.parts),
            form=classify(text, span, Span(sentence.start, sentence_end)),
            sentence=" ".join(text[sentence.start:sentence_end].split()),
            nested=span.nested,
            parts=tuple((p.start, p.end) for p in span.parts) if len(span.parts) > 1 else (),
            # Nothing after the quoted words, not even a closing mark: the text stops inside the quote.
            cut_off=not text[last.end:].strip(),
        ))
    return quotes
