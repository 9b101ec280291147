"""A progress bar on stderr for long runs, written by hand (no dependency).

Silent unless the stream is a terminal, so logs, pipes and tests never see
it; ``--quiet`` silences it too.  It redraws one line with a carriage return
at most a few times a second, and clears the line when done.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_SECONDS = 0.1
"""Shortest time between two redraws."""

BAR_WIDTH = 28
"""Characters of the bar itself."""


def is_terminal(stream: TextIO) -> bool:
    """True when ``stream`` is an interactive terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class Progress:
    """Counts work done out of ``total`` and draws ``label [####----] done/total  elapsed`` on one line."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, quiet: bool = False,
                 clock: object = time.monotonic) -> None:
        self.total = max(total, 0)
        """Units of work expected."""
        self.label = label
        """What is being done ("Judging stories")."""
        self.stream = stream if stream is not None else sys.stderr
        """Where the bar is drawn."""
        self.enabled = not quiet and is_terminal(self.stream)
        """False when nothing is drawn (not a terminal, or quiet)."""
        self.done = 0
        """Units done so far."""
        self._clock = clock
        self._started = clock()  # type: ignore[operator]
        self._drawn_at: float | None = None

    def advance(self, amount: int = 1) -> None:
        """Count ``amount`` more units done, and redraw if it is time to."""
        self.done += amount
        now = self._clock()  # type: ignore[operator]
        if self._drawn_at is None or now - self._drawn_at >= REDRAW_SECONDS or self.done >= self.total:
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The text of the bar as it stands."""
        now = self._clock() if now is None else now  # type: ignore[operator]
        share = self.done / self.total if self.total else 1.0
        filled = min(BAR_WIDTH, int(share * BAR_WIDTH))
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total}  {now - self._started:.1f} s"

    def _draw(self, now: float) -> None:
        self._drawn_at = now
        if self.enabled:
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        """Clear the bar's line (nothing to do when nothing was drawn)."""
        if self.enabled and self._drawn_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
