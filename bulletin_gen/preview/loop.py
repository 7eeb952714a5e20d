"""The rebuild loop of the live preview: one rebuild per burst of changes, and no change ever lost.

Saving one file makes several events (write, close, rename), and a git
checkout makes hundreds; the loop waits until the changes have been quiet
for a moment and then rebuilds once. A change that arrives while a build
runs starts another build as soon as that one is done, so the last build
always sees the last change. Builds run one at a time, on the loop's own
thread, never on the watcher's or the server's.

The loop also gathers which content files the changes touched, so a build
need not look at the thousands of files nobody touched; any change it
cannot put a file name to makes the next build look at everything.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, Iterable

# How long changes must be quiet before a build starts. A file closed after
# writing (or renamed into place) is finished, so a short pause only gathers
# the rest of a burst; a file merely modified may still be half written.
SETTLED_QUIET_SECONDS = 0.01
UNSETTLED_QUIET_SECONDS = 0.04
LONGEST_WAIT_SECONDS = 1.0  # changes that never stop (a log file written in content/) still get built
# A burst of more changes than this (a git checkout, a folder copied in) makes the next build look at
# every file: in such bursts the kernel may drop change reports, and watchdog does not say it did.
MOST_NAMED_CHANGES = 1000


class RebuildLoop:
    def __init__(self, rebuild: Callable[[frozenset[str] | None], None], longest: float = LONGEST_WAIT_SECONDS):
        # Called with the content files changed since the last build, or None for "look at everything".
        self._rebuild = rebuild  # must not raise: it reports its own failures
        self._changed: set[str] | None = None  # the first build looks at everything
        self._changes = 0  # reported since the last build started
        self._longest = longest
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._first_change = 0.0
        self._quiet_until = 0.0
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="bulletin-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def changed(self, settled: bool = False, files: Iterable[str] | None = None) -> None:
        """Something the site is built from changed; `settled`: the file is completely written;
        `files`: the content files it touched (none for a template or site.yaml), None when unknown.
        Safe to call from any thread."""
        now = time.monotonic()
        with self._lock:
            self._changes += 1
            if files is None or self._changes > MOST_NAMED_CHANGES:
                self._changed = None
            elif self._changed is not None:
                self._changed.update(files)
            if not self._wake.is_set():
                self._first_change = now
            self._quiet_until = now + (SETTLED_QUIET_SECONDS if settled else UNSETTLED_QUIET_SECONDS)
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
                changed, self._changed, self._changes = self._changed, set(), 0
            self._rebuild(frozenset(changed) if changed is not None else None)
            with self._lock:
                if self._wake.is_set():  # saves kept coming during the build: a burst; let it finish
                    self._quiet_until = max(self._quiet_until, time.monotonic() + UNSETTLED_QUIET_SECONDS)

    def _wait_for_quiet(self) -> None:
        while not self._stopping:
            with self._lock:
                now = time.monotonic()
                left = min(self._quiet_until, self._first_change + self._longest) - now
            if left <= 0:
                return
            time.sleep(left)
