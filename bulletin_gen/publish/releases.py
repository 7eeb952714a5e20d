"""Releases on a publish target, as plain data: their names, which is live, what to prune, what to roll back to.

A target holds

    releases/20261122T021500Z/   one complete build each, never changed once in place
    releases/.incoming-<name>/   an upload still under way (or cut short: removed by the next publish)
    releases/.deleting-<name>/   a pruned release, renamed out of the releases before it is deleted,
                                 so that a prune cut short never leaves half a release to roll back to
    current -> releases/<name>   the live release; nginx serves through this link
    .bulletin-publish.lock       held while a publish changes anything

Everything here is pure: the targets (local.py, remote.py) gather a
TargetState, and these functions decide.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import asdict, dataclass
from typing import Iterable

RELEASES_DIR = "releases"
CURRENT = "current"
INFO_NAME = ".bulletin-release.json"  # inside each release: what it holds, for --list
MANIFEST_NAME = ".bulletin-release-files"  # inside each release: every file and its size, "size\tpath" lines
INCOMING_PREFIX = ".incoming-"
DELETING_PREFIX = ".deleting-"
LEFTOVER_PREFIXES = (INCOMING_PREFIX, DELETING_PREFIX)  # what a publish cut short leaves, cleared by the next
NEW_LINK = ".current.new"  # the next `current`, renamed over it in one step
LOCK_NAME = ".bulletin-publish.lock"

_NAME = re.compile(r"^\d{8}T\d{6}Z$")
_NAME_FORMAT = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class ReleaseInfo:
    """What a release holds, written into it as INFO_NAME."""

    issues: int
    newest_date: str  # of the newest issue, 2025-11-20; "" for a site without issues
    newest_number: int  # its 期号; 0 for none
    files: int
    build: str  # the build key (see render/keys.build_key): equal keys, equal sites
    published: str  # ISO 8601 with the office's UTC offset
    tool: str

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"

    @classmethod
    def from_json(cls, data: bytes | str) -> "ReleaseInfo | None":
        """None for anything but a well-formed info file: a release made by hand still lists, without detail."""
        try:
            raw = json.loads(data)
            return cls(int(raw["issues"]), str(raw["newest_date"]), int(raw["newest_number"]),
                       int(raw["files"]), str(raw["build"]), str(raw["published"]), str(raw["tool"]))
        except (ValueError, TypeError, KeyError):
            return None


@dataclass(frozen=True)
class Release:
    name: str
    info: ReleaseInfo | None


@dataclass(frozen=True)
class TargetState:
    releases: tuple[Release, ...]  # oldest first
    live: str | None  # the release `current` points to
    pinned: frozenset[str]  # releases a link in the target points to (the live one among them)
    incoming: tuple[str, ...]  # unfinished uploads' folder names
    current_is_link: bool = True  # False: `current` is a real folder, which publish will not replace

    def release(self, name: str) -> Release | None:
        return next((r for r in self.releases if r.name == name), None)

    @property
    def live_release(self) -> Release | None:
        return self.release(self.live) if self.live else None


def is_release_name(name: str) -> bool:
    return bool(_NAME.match(name))


def sorted_releases(releases: Iterable[Release]) -> tuple[Release, ...]:
    return tuple(sorted(releases, key=lambda r: r.name))  # the names are UTC times: text order is time order


def next_name(now: dt.datetime, existing: Iterable[str]) -> str:
    """The new release's name: the UTC time, and always after every release there (clocks can go back)."""
    moment = now.astimezone(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    names = [n for n in existing if is_release_name(n)]
    if names:
        newest = dt.datetime.strptime(max(names), _NAME_FORMAT)
        moment = max(moment, newest + dt.timedelta(seconds=1))
    return moment.strftime(_NAME_FORMAT)


def release_of_link(link_target: str, releases_dir: str) -> str | None:
    """The release a link's resolved target names, if it is one inside `releases_dir`."""
    parent, name = posixpath.split(link_target.rstrip("/"))
    return name if parent == releases_dir.rstrip("/") and is_release_name(name) else None


def to_prune(state: TargetState, keep: int) -> list[str]:
    """Releases beyond the newest `keep`, leaving any that a link points to, the live one above all."""
    older = [r.name for r in state.releases][:-keep] if keep > 0 else [r.name for r in state.releases]
    return [name for name in older if name not in state.pinned and name != state.live]


def rollback_target(state: TargetState, wanted: str | None) -> str | None:
    """The release to switch to: `wanted`, or the newest one older than the live one; None if there is none."""
    if wanted:
        return wanted if state.release(wanted) else None
    names = [r.name for r in state.releases]
    if state.live not in names:
        return names[-1] if names else None
    before = names[:names.index(state.live)]
    return before[-1] if before else None


# --- is a release complete? ------------------------------------------------------

def manifest(sizes: dict[str, int]) -> bytes:
    """The manifest written into a release: every file the build made, with its size."""
    return "".join(f"{sizes[path]}\t{path}\n" for path in sorted(sizes)).encode("utf-8")


def read_manifest(data: bytes | str) -> dict[str, int] | None:
    """The files and sizes a manifest lists; None when it is not one."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    found: dict[str, int] = {}
    for line in text.splitlines():
        size, tab, path = line.partition("\t")
        if not tab or not size.isdigit() or not path:
            return None
        found[path] = int(size)
    return found


@dataclass(frozen=True)
class Completeness:
    """What a release lacks against its manifest: nothing, or the files missing or of the wrong size."""

    wrong: tuple[str, ...]
    no_manifest: bool = False

    @property
    def complete(self) -> bool:
        return not self.wrong and not self.no_manifest


def completeness(listed: dict[str, int] | None, info: ReleaseInfo | None, found: dict[str, int]) -> Completeness:
    """`found`: the files in the release and their sizes (its own two record files left out).

    A release from before manifests were written is judged by its info's file count.
    """
    if listed is None:
        if info is not None and info.files == len(found):
            return Completeness(())
        return Completeness((), no_manifest=True)
    wrong = [path for path, size in listed.items() if found.get(path) != size]
    return Completeness(tuple(sorted(wrong)))


@dataclass(frozen=True)
class Changes:
    """What publishing a build would change on the live site, file by file."""

    new: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def none(self) -> bool:
        return not (self.new or self.changed or self.removed)


def changes_between(ours: Iterable[str], theirs: Iterable[str], differing: Iterable[str]) -> Changes:
    """`ours`: the build's files; `theirs`: the live release's; `differing`: files in both whose bytes differ."""
    mine, live = set(ours), set(theirs) - {INFO_NAME}
    return Changes(tuple(sorted(mine - live)), tuple(sorted(set(differing) & mine & live)),
                   tuple(sorted(live - mine)))


def parse_itemized(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """rsync --itemize-changes lines → (new files, changed files); folders and unchanged files are left out."""
    new, changed = [], []
    for line in lines:
        code, _, path = line.partition(" ")
        if len(code) != 11 or code[1] != "f" or code[0] not in "<>c.":
            continue
        (new if "+++" in code else changed).append(path)
    return new, changed
