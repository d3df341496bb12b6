"""A progress line for long ingests: documents, pages, failures, rate and ETA.

On a terminal it redraws one line; otherwise (a log, CI) it prints a line at
most every ``interval`` seconds and once at the end.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}"


@dataclass
class Progress:
    total: int
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    interval: float = 5.0
    documents: int = 0
    pages: int = 0
    failures: int = 0
    started: float = field(default_factory=time.monotonic)
    _last: float = 0.0

    def advance(self, pages: int = 0, failed: bool = False) -> None:
        self.documents += 1
        self.pages += pages
        self.failures += int(failed)
        self._draw(final=self.documents >= self.total)

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        rate = self.documents / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.documents) / rate if rate > 0 else 0.0
        width = 24
        filled = int(width * self.documents / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        return (
            f"[{bar}] {self.documents}/{self.total} documents, {self.pages} pages, {self.failures} failed, "
            f"{rate:.1f} docs/s, elapsed {format_duration(elapsed)}, ETA {format_duration(eta)}"
        )

    def _draw(self, final: bool) -> None:
        now = time.monotonic()
        tty = self.stream.isatty()
        if not final and not tty and now - self._last < self.interval:
            return
        self._last = now
        if tty:
            self.stream.write("\r" + self.line() + ("\n" if final else ""))
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()
