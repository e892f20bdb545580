"""Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, stream=None, every_s: float = 5.0):
        self.total, self.done, self.failed = total, 0, 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.every_s = every_s
        self.started = self.last = time.monotonic()

    def advance(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        # the first document is reported at once, so a log shows the run has started
        if self.tty or self.done in (1, self.total) or now - self.last >= self.every_s:
            self.last = now
            self._show(now)

    def _show(self, now: float) -> None:
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        counts = f"{self.done}/{self.total} documents, {self.failed} failed, {rate:.1f} docs/s, ~{left:.0f} s left"
        if self.tty:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {counts}  ")
        else:
            self.stream.write(f"kehoach: {counts}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.total:
            self.stream.write("\n")
            self.stream.flush()
