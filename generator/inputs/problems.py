"""Problems with the input: the error a bad seed raises, and the one-line records of what was refused.

Seeds come from the public, so a message quotes what it refers to in a form
that stays one honest, printable line whatever the file held.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from generator.model import Problem, ProblemLevel


class SeedError(Exception):
    """A seed file that cannot be used; the message names the file."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


MAX_MESSAGE_LENGTH = 300
"""Longest problem message kept; longer ones (an exception's text) are cut."""

_WHITESPACE_RUN = re.compile(r"\s+")


def problem(path: str, message: str, line: int | None = None, level: ProblemLevel = "error") -> Problem:
    """A :class:`Problem` whose message is one printable line, however odd the input it quotes."""
    one_line = printable(_WHITESPACE_RUN.sub(" ", message).strip())
    if len(one_line) > MAX_MESSAGE_LENGTH:
        one_line = one_line[: MAX_MESSAGE_LENGTH - 1] + "…"
    return Problem(printable(path), line, one_line, level)


def problem_from(error: SeedError, consequence: str, level: ProblemLevel = "error") -> Problem:
    """The problem of a :class:`SeedError`, with what the generator did about it."""
    return problem(error.path, f"{error.message}; {consequence}", error.line, level)


def problem_line(found: Problem) -> str:
    """``error: <path>:<line>: <message>`` (no line number when there is none)."""
    where = f"{found.path}:{found.line}" if found.line else found.path
    return f"{found.level}: {where}: {found.message}"


def sorted_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Problems in a stable order: by path, line, then message; duplicates dropped."""
    return tuple(sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message, p.level)))


def printable(text: str) -> str:
    """``text`` with control characters, direction overrides and undecodable
    bytes of a file name shown as escapes, so a message stays one honest line."""
    return "".join(_printable_char(char) for char in text)


def _printable_char(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        # A byte of a file name that is not UTF-8 (Python's surrogateescape).
        return f"\\x{code - 0xDC00:02x}"
    if unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS:
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Direction marks, embeddings, overrides and isolates: in a file name they can
make ``gnp.exe`` look like ``exe.png``."""
