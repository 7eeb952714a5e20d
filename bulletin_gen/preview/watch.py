"""Watching the site's sources for the live preview, and telling real edits from editors' litter.

What is watched: the content folder and the theme (its own files, the site's
templates/ and static/ overrides), each as a tree, plus the site folder on its
own for site.yaml and for those folders appearing or going.

Editors save in many ways: in place, by writing a temporary file and renaming
it over the original (vim, VS Code, JetBrains), or by deleting and recreating
the file; along the way they leave swap, backup and lock files. A rename
counts when either of its ends is a file that matters, so a rename-save is
seen as the edit it is while the scratch files around it are not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent,
                             FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from bulletin_gen.sources.discover import is_content_file, is_other_file

POLL_SECONDS = 0.5  # --poll: how often every watched file is looked at

# Names of the files editors write next to the real one while saving:
# vim swap files and its "4913" write test, Emacs autosaves, JetBrains' safe
# write, Office lock files, partial downloads, backups.
_SCRATCH_PREFIXES = (".", "~", "#")
_SCRATCH_SUFFIXES = ("~", "#", ".swp", ".swo", ".swx", ".swpx", ".tmp", ".temp", ".bak", ".part",
                     ".crdownload", "___jb_tmp___", "___jb_old___")
_IGNORED_EVENTS = {"opened", "closed_no_write"}  # reading a file changes nothing


@dataclass(frozen=True)
class WatchSet:
    """What the preview depends on, as absolute paths."""

    site: Path  # site.yaml lives here; watched on its own, not as a tree
    content: Path
    trees: tuple[Path, ...]  # the theme and the site's templates/ and static/: any file in them counts
    ignored: tuple[Path, ...]  # output directories, in case one sits inside a watched folder

    @classmethod
    def of_site(cls, site: Path, content: Path, theme: Path | None, ignored: tuple[Path, ...]) -> "WatchSet":
        site = site.absolute()
        trees = [site / "templates", site / "static"]
        if theme is not None:
            trees.insert(0, theme.absolute())
        return cls(site, content.absolute(), tuple(trees), tuple(p.absolute() for p in ignored))


def is_scratch(name: str) -> bool:
    """A file an editor or tool writes while saving, never content of its own."""
    return name.startswith(_SCRATCH_PREFIXES) or name.endswith(_SCRATCH_SUFFIXES) or name.isdigit()


def _inside(path: str, directory: Path) -> tuple[str, ...] | None:
    """The parts of `path` below `directory`, or None when it is not below it."""
    base = str(directory)
    if path == base:
        return ()
    if not path.startswith(base.rstrip(os.sep) + os.sep):
        return None
    return tuple(path[len(base):].strip(os.sep).split(os.sep))


def matters(event_type: str, path: str, is_directory: bool, watched: WatchSet) -> bool:
    """Whether this change to one path can change the built site."""
    if event_type in _IGNORED_EVENTS or (is_directory and event_type in ("modified", "attrib")):
        return False  # a folder's own mtime moves whenever a file in it does
    if any(_inside(path, ignored) is not None for ignored in watched.ignored):
        return False
    for tree in (watched.content, *watched.trees):
        parts = _inside(path, tree)
        if parts is None:
            continue
        if any(part.startswith(".") for part in parts) or (parts and not is_directory and is_scratch(parts[-1])):
            return False  # scratch, hidden, or in a hidden folder (.git, .bulletin-cache)
        # In content/: an issue, or a picture or attachment an issue may show.
        return (is_directory or tree != watched.content or not parts or is_content_file(parts[-1])
                or is_other_file(parts[-1]))
    parts = _inside(path, watched.site)
    if parts is None or len(parts) != 1:
        return False
    # In the site folder itself: site.yaml, or a folder such as templates/ appearing or going.
    return parts[0] == "site.yaml" or (is_directory and not is_scratch(parts[0]))


# A write finished: closed after writing, or renamed into place (a rename-save).
_SETTLED_EVENTS = {"closed", "moved"}
# Everything but reads: a build opens every template, and hearing of that would only cost time.
_EVENTS = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


def content_files(ends: list[str], is_directory: bool, watched: WatchSet) -> frozenset[str] | None:
    """The content files one change touched; None when a folder in content/ changed, which only a look
    at the whole folder can follow."""
    inside = [end for end in ends if _inside(end, watched.content) is not None]
    if is_directory and inside:
        return None
    return frozenset(inside)


class _Relay(FileSystemEventHandler):
    def __init__(self, watcher: "Watcher"):
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        watched = self._watcher.watched
        ends = [os.fsdecode(end) for end in (event.src_path, getattr(event, "dest_path", "") or "") if end]
        if any(matters(event.event_type, end, event.is_directory, watched) for end in ends):
            self._watcher.on_change(event.event_type in _SETTLED_EVENTS,
                                    content_files(ends, event.is_directory, watched))


class Watcher:
    """Calls `on_change(settled, files)` (from its own thread) whenever something the site is built from
    changes; `settled` says the change is a finished write, `files` which content files it touched
    (None: a folder in content/ changed)."""

    def __init__(self, watched: WatchSet, on_change: Callable[[bool, frozenset[str] | None], None],
                 poll: bool = False):
        self.watched = watched
        self.on_change = on_change
        self._observer: BaseObserver = PollingObserver(timeout=POLL_SECONDS) if poll else Observer()
        self._relay = _Relay(self)
        self._scheduled: dict[tuple[Path, bool], tuple[tuple[int, int], ObservedWatch]] = {}

    def start(self) -> None:
        self._schedule()
        self._observer.start()

    def update(self, watched: WatchSet) -> None:
        """Follow a changed site.yaml, or a watched folder that was deleted and made anew."""
        self.watched = watched
        self._schedule()

    def _schedule(self) -> None:
        wanted = {(self.watched.site, False): None}
        for tree in (self.watched.content, *self.watched.trees):
            wanted[(tree, True)] = None
        for key in list(self._scheduled):
            identity, watch = self._scheduled[key]
            if key not in wanted or _identity(key[0]) != identity:
                self._observer.unschedule(watch)
                del self._scheduled[key]
        for key in wanted:
            identity = _identity(key[0])
            if key not in self._scheduled and identity is not None:
                watch = self._observer.schedule(self._relay, str(key[0]), recursive=key[1], event_filter=_EVENTS)
                self._scheduled[key] = (identity, watch)

    def stop(self) -> None:
        self._observer.stop()
        if self._observer.is_alive():
            self._observer.join(timeout=5)


def _identity(directory: Path) -> tuple[int, int] | None:
    """Which folder is at this path now: a folder deleted and made again is a new one to watch."""
    try:
        st = directory.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if os.path.isdir(directory) else None
