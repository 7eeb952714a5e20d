"""A progress bar for long builds, on a terminal only.

It appears once a build has run for over a second, so small sites never see
it, and never in CI logs or when output goes to a pipe or file, where
carriage-return redraws would turn into pages of noise.
"""

from __future__ import annotations

import os
import time
from typing import Callable, Mapping, TextIO

from bulletin_gen.base import i18n
from bulletin_gen.console.report import columns

DELAY = 1.0  # seconds of work before the bar appears
REDRAW = 0.1  # at most ten redraws a second
WIDTH = 30  # characters of bar


def wanted(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """A person is watching this stream: a terminal, not CI, not a dumb terminal."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not environ.get("CI") and environ.get("TERM") != "dumb"


class TerminalProgress:
    def __init__(self, stream: TextIO, language: str, clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.language = language
        self.clock = clock
        self.started = clock()
        self.stage, self.total, self.done = "", 0, 0
        self._drawn_at: float | None = None
        self._width = 0

    def start(self, stage: str, total: int) -> None:
        self.stage, self.total, self.done = stage, total, 0
        self._draw(force=True)

    def advance(self, done: int) -> None:
        self.done += done
        self._draw(force=self.done >= self.total)

    def finish(self) -> None:
        """Clear the bar, so the build's summary line starts on a clean line."""
        if self._drawn_at is not None:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()

    def _draw(self, force: bool) -> None:
        now = self.clock()
        if not self.total or now - self.started < DELAY:
            return
        if not force and self._drawn_at is not None and now - self._drawn_at < REDRAW:
            return
        filled = WIDTH * self.done // self.total
        label = i18n.message(f"progress.{self.stage}", self.language)
        line = f"{label} [{'#' * filled}{'-' * (WIDTH - filled)}] {self.done}/{self.total}"
        shown = columns(line)
        self.stream.write("\r" + line + " " * max(0, self._width - shown))
        self.stream.flush()
        self._width = max(self._width, shown)
        self._drawn_at = now
