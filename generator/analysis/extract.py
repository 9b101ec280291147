"""Extract stage: quotation spans in a cleaned version, with their sentences.

Handles straight and curly marks; the marks of other typographies: French
guillemets with inner spaces (« text »), reversed German and Danish ones
(» text «), German and Polish low-high marks („ text “, „ text ”), Swedish
”text”, single guillemets and low-9 singles (‹ › › ‹ ‚ ‘), and the look-alikes
some publishing systems type for a quotation mark (″ double prime, ‶ ″, 〃,
fullwidth ＂); quotes that run across paragraphs (no closing mark at the
paragraph's end, an opening mark at the next one's start), single quotes nested
in double ones, and British-style single-quoted quotes.  Apostrophes (also in
"rock 'n' roll" and "the '90s") and measurements (6′2″, 6'2") are no quotation
marks.  Headings are not searched: a crosshead in quotation marks names a
section, it does not quote anyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.model import Quote, QuoteForm, Version

_DOUBLE_OPEN, _DOUBLE_CLOSE, _DOUBLE_EITHER = "“„«‶", "”»", '"″〃＂'
_SINGLE_OPEN, _SINGLE_CLOSE, _SINGLE_EITHER = "‘‚‹", "’›", "'"
_LOW_OPENERS = {"„": "“”", "‚": "‘’"}
_OPENING_CONTEXT = " \t\n\u00a0\u202f([{—–-/:"
_TRAILING_JOINERS = ",;:"
_DOUBLE_MARKS = _DOUBLE_OPEN + _DOUBLE_CLOSE + _DOUBLE_EITHER
_SINGLE_MARKS = _SINGLE_OPEN + _SINGLE_CLOSE + _SINGLE_EITHER
QUOTE_MARKS = _DOUBLE_MARKS + _SINGLE_MARKS + "›‹"
"""Every character read as a quotation mark, of any typography."""
_CLOSERS = re.escape("\"”’'»«›‹“‘″〃＂")
_OPENERS = re.escape("\"“‘'«»‹›„‚‶″〃＂")
_GUILLEMET_PAIRS = ("«»", "‹›")
_INCH_MARKS = '"″＂'
_FEET_AND_INCHES = re.compile(r"\d\s?['′’]\s?\d{1,2}(?:[.,]\d+)?$")
_ELIDED = re.compile(r"['’](?:\d\d(?:s\b|\b)|n['’])")
"""Apostrophes that open a word: "the '90s", "in '08", "rock 'n' roll"."""
_ABBREVIATIONS = re.compile(r"\b(Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|No|vs|etc|e\.g|i\.e|U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.$")
_SENTENCE_BREAK = re.compile(rf"[.!?…]+[{_CLOSERS})\]]*\s+(?=[{_OPENERS}(\[]?\s?[A-Z0-9£$€])")


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


def _family(mark: str) -> str:
    """Guillemets and the other marks nest inside each other, never in themselves."""
    return "guillemet" if mark in "«»‹›" else "mark"


def _opens_nested(text: str, index: int, opened_with: str) -> bool:
    """True for a mark of the other family opening a quote inside the open one."""
    mark = text[index]
    if _family(mark) == _family(opened_with) or mark in _LOW_OPENERS.get(opened_with, ""):
        return False
    spaced_guillemet = _family(mark) == "guillemet" and text[index + 1:index + 2].isspace()
    return _placed_as_opening(text, index) or spaced_guillemet


def _placed_as_opening(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return before in _OPENING_CONTEXT and after.isalnum()


def _is_apostrophe(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    # "the '90s", "rock 'n' roll": an elision, not a quotation.
    return bool(_ELIDED.match(text, index) or (index >= 2 and _ELIDED.match(text, index - 2)))


def _plural_possessive(text: str, index: int, marks: str, either: str, opening: str, closing: str) -> bool:
    """True for the apostrophe of a plural possessive inside a single-quoted quote
    ("‘The workers’ union is strong,’ she said"): after an s, before a lower-case word,
    and the next mark of the paragraph closes the quote rather than opening another."""
    if text[index - 1:index] not in ("s", "S") or not re.match(r" [a-z0-9]", text[index + 1:index + 3]):
        return False
    for later in _marks_pattern(marks).finditer(text, index + 1):
        if _is_apostrophe(text, later.start()):
            continue
        return _role(text, later.start(), either, opening, closing) in ("close", "either")
    return False


def _is_measure(text: str, index: int, opened_with: str) -> bool:
    """True for an inch mark: after feet (6′2″, 6'2"), or right after a number inside a
    quote opened with another mark ("a 12″ screen" inside “...”)."""
    if text[index] not in _INCH_MARKS:
        return False
    before = text[max(0, index - 12):index]
    if _FEET_AND_INCHES.search(before):
        return True
    return bool(before[-1:].isdigit()) and opened_with != "" and opened_with != text[index]


def _oriented(text: str) -> str:
    """``text`` with reversed guillemets (German and Danish » text «, › text ‹) turned
    the French way round, offsets kept: a text whose first guillemet is a closing one
    and that has an opening one after it writes them reversed."""
    table: dict[str, str] = {}
    for left, right in _GUILLEMET_PAIRS:
        first_right = text.find(right)
        first_left = text.find(left)
        if first_right >= 0 and (first_left < 0 or first_right < first_left) and text.find(left, first_right) >= 0:
            table[left], table[right] = right, left
    return text.translate(str.maketrans(table)) if table else text


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
    inner = ""  # the family of a quote nested in the open one: »...« inside „...”, “...” inside « ... »
    # Only the marks matter: jump from one to the next instead of visiting every character.
    for found in _marks_pattern(marks).finditer(text):
        index, char = found.start(), found.group()
        if skip_apostrophes and _is_apostrophe(text, index):
            continue
        if _is_measure(text, index, opened_with if open_at is not None else ""):
            continue
        role = _role(text, index, either, opening, closing)
        if inner:
            if _family(char) == inner and role in ("close", "either"):
                inner = ""
            continue
        if open_at is not None and role in ("open", "either") and _opens_nested(text, index, opened_with):
            inner = _family(char)
            continue
        if role == "close" and open_at is None and not skip_apostrophes and _placed_as_opening(text, index):
            role = "open"  # Swedish ”text”, Finnish »text»: the closing mark on both sides
        if open_at is not None and opened_with in _LOW_OPENERS and char in _LOW_OPENERS[opened_with]:
            role = "close"  # German style: „ ... “ and ‚ ... ‘
        if (skip_apostrophes and open_at is not None and role in ("close", "either")
                and _plural_possessive(text, index, marks, either, opening, closing)):
            continue
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
    return 0 < len(words) <= 8 and not re.search(r"[.!?:;,…]\W*$", paragraph.rstrip(QUOTE_MARKS + " "))


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
    return list(_quotes_of(text))


@lru_cache(maxsize=4096)
def _quotes_of(text: str) -> tuple[QuoteSpan, ...]:
    """Memoised: most stages look for the quotes of the same texts and sentences again."""
    found: list[QuoteSpan] = []
    pending: list[Span] = []  # parts of a quote running on into the next paragraph
    marks = _oriented(text)  # the same offsets, guillemets the French way round
    for paragraph in paragraphs(text):
        body = marks[paragraph.start:paragraph.end]
        if is_heading(body):
            pending = []
            continue
        doubles, unclosed = _pairs(body, _DOUBLE_MARKS, _DOUBLE_OPEN, _DOUBLE_CLOSE, _DOUBLE_EITHER, False)
        if pending:
            starts_quoted = body[:1] in _DOUBLE_MARKS
            if starts_quoted and doubles and doubles[0].start == 1:
                found.append(_quote(text, marks, pending + [_shift(doubles[0], paragraph.start)]))
                doubles = doubles[1:]
            elif starts_quoted and not doubles and unclosed == 1:
                pending.append(Span(paragraph.start + 1, paragraph.end))
                continue
            else:
                found.append(_quote(text, marks, pending))
            pending = []
        inside = [_shift(s, paragraph.start) for s in doubles]
        if unclosed is not None:
            pending = [Span(paragraph.start + unclosed, paragraph.end)]
        singles, _ = _pairs(body, _SINGLE_MARKS, _SINGLE_OPEN, _SINGLE_CLOSE, _SINGLE_EITHER, True)
        for single in (_shift(s, paragraph.start) for s in singles):
            if not any(d.start <= single.start and single.end <= d.end for d in inside):
                inside.append(single)
        for span in sorted(inside, key=lambda s: s.start):
            found.append(_quote(text, marks, [span]))
    if pending:
        found.append(_quote(text, marks, pending))
    # A quote needs a word: marks around punctuation alone quote nothing.
    found = [q for q in found if q.parts and any(re.search(r"[^\W_]", text[p.start:p.end]) for p in q.parts)]
    # Drop spans nested in another (single inside double): they are recorded as nested.
    outer = [q for q in found if not any(o is not q and o.parts[0].start < q.parts[0].start
                                         and q.parts[-1].end <= o.parts[-1].end for o in found)]
    return tuple(outer)


def _shift(span: Span, offset: int) -> Span:
    return Span(span.start + offset, span.end + offset)


def _quote(text: str, marks: str, parts: list[Span]) -> QuoteSpan:
    """The quote made of ``parts``; ``marks`` is ``text`` with guillemets oriented."""
    trimmed = tuple(t for t in (_trim(text, p) for p in parts) if t.end > t.start)
    nested = []
    for part in trimmed:
        singles, _ = _pairs(marks[part.start:part.end], _SINGLE_MARKS, _SINGLE_OPEN, _SINGLE_CLOSE,
                            _SINGLE_EITHER, True)
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
    # The opening mark (and the space inside French guillemets) is not narration.
    before = text[sentence.start:quote.parts[0].start].rstrip().rstrip(QUOTE_MARKS).rstrip()
    after = text[quote.parts[-1].end:sentence.end]
    starts_capital = bool(words) and (words[0][:1].isupper() or words[0][:1].isdigit())
    opens_sentence = before == "" or before.endswith((":", "—", "–"))
    closes_with_attribution = bool(re.match(rf"^[,!?]\s?[{_CLOSERS}]\s*[,—–]?\s*\w", after)) or \
        bool(re.match(rf"^\s?,\s?[{_CLOSERS}]", after)) or \
        bool(re.match(r"^\s?[»«›‹“]\s?,\s*\w", after))  # « Nous sommes prêts », a-t-il dit
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
