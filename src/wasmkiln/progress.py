"""Progress display on stderr: a live status line on a terminal, sparse lines elsewhere."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _fmt_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.1f} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return f"{n:.1f} GiB"


class Status:
    """One updating line; on a non-terminal prints at most one line per `quiet_every` seconds."""

    def __init__(self, title: str, stream: TextIO | None = None, quiet_every: float = 30.0):
        self.title = title
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.start = time.monotonic()
        self.quiet_every = quiet_every
        self._last_print = 0.0
        self._width = 0

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def update(self, detail: str) -> None:
        now = time.monotonic()
        if self.tty:
            if now - self._last_print < 0.1:
                return
            line = f"{self.title} [{self.elapsed():5.0f}s] {detail}"[:118]
            self.stream.write("\r" + line.ljust(self._width))
            self._width = len(line)
        elif now - self._last_print >= self.quiet_every:
            self.stream.write(f"{self.title} [{self.elapsed():.0f}s] {detail[:100]}\n")
        else:
            return
        self._last_print = now
        self.stream.flush()

    def done(self, summary: str) -> None:
        prefix = "\r" + " " * self._width + "\r" if self.tty and self._width else ""
        self.stream.write(f"{prefix}{self.title}: {summary}\n")
        self.stream.flush()


class ByteProgress(Status):
    """Download progress: bytes so far of an optional total."""

    def __init__(self, title: str, total: int | None, stream: TextIO | None = None):
        super().__init__(title, stream)
        self.total = total

    def advance(self, done: int) -> None:
        if self.total:
            self.update(f"{_fmt_bytes(done)} / {_fmt_bytes(self.total)} "
                        f"({100 * done / self.total:.0f}%)")
        else:
            self.update(_fmt_bytes(done))
