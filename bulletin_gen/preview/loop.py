"""The rebuild loop of the live preview: one rebuild per burst of changes, and no change ever lost.

Saving one file makes several events (write, close, rename), and a git
checkout makes hundreds; the loop waits until the changes have been quiet
for a moment and then rebuilds once. A change that arrives while a build
runs starts another build as soon as that one is done, so the last build
always sees the last change. Builds run one at a time, on the loop's own
thread, never on the watcher's or the server's.
"""

from __future__ import annotations

import threading
import time
from typing import Callable

QUIET_SECONDS = 0.03  # a save's events come within a millisecond or two; a checkout's within a few
LONGEST_WAIT_SECONDS = 1.0  # changes that never stop (a log file written in content/) still get built


class RebuildLoop:
    def __init__(self, rebuild: Callable[[], None], quiet: float = QUIET_SECONDS,
                 longest: float = LONGEST_WAIT_SECONDS):
        self._rebuild = rebuild  # must not raise: it reports its own failures
        self._quiet = quiet
        self._longest = longest
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._first_change = 0.0
        self._last_change = 0.0
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="bulletin-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def changed(self) -> None:
        """Something the site is built from changed; safe to call from any thread."""
        now = time.monotonic()
        with self._lock:
            if not self._wake.is_set():
                self._first_change = now
            self._last_change = now
            self._wake.set()

    def stop(self) -> None:
        """Stop after the build that is running, if any, has finished (so it leaves no staging behind)."""
        self._stopping = True
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            if self._stopping:
                return
            self._wait_for_quiet()
            if self._stopping:
                return
            with self._lock:
                self._wake.clear()  # a change from here on starts the next build
            self._rebuild()

    def _wait_for_quiet(self) -> None:
        while not self._stopping:
            with self._lock:
                now = time.monotonic()
                quiet_for = now - self._last_change
                waited = now - self._first_change
            if quiet_for >= self._quiet or waited >= self._longest:
                return
            time.sleep(min(self._quiet - quiet_for, self._longest - waited))
