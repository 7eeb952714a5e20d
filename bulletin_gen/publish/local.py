"""A publish target that is a folder on this machine or a mounted share: the web root itself."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bulletin_gen.write.output import same_bytes
from bulletin_gen.base.problems import os_reason
from bulletin_gen.base import filelock as lock
from bulletin_gen.publish.releases import (CURRENT, DELETING_PREFIX, INCOMING_PREFIX, INFO_NAME, LEFTOVER_PREFIXES,
                                           LOCK_NAME, MANIFEST_NAME, NEW_LINK, RELEASES_DIR, Changes, Completeness,
                                           Release, ReleaseInfo, TargetState, changes_between, completeness,
                                           is_release_name, manifest, read_manifest, release_of_link,
                                           sorted_releases)
from bulletin_gen.publish.targets import TargetError, Transfer


class LocalTarget:
    def __init__(self, root: Path):
        self.root = root.absolute()
        self.releases = self.root / RELEASES_DIR
        self.label = str(root)

    @contextmanager
    def lock(self) -> Iterator[None]:
        if self.root.exists() and not self.root.is_dir():
            raise TargetError("publish.target_not_folder", target=self.label)
        if self.releases.exists() and not self.releases.is_dir():
            raise TargetError("publish.releases_not_folder", target=self.label, path=self.releases)
        try:
            self.releases.mkdir(parents=True, exist_ok=True)
            with lock.held(self.root / LOCK_NAME):
                yield
        except lock.Busy as busy:
            raise TargetError("publish.locked", target=self.label, holder=str(busy) or "?") from None
        except OSError as exc:  # read-only, full, or not ours to write: nothing went live
            raise TargetError("publish.target_unwritable", target=self.label, reason=os_reason(exc)) from None

    def state(self) -> TargetState:
        current = self.root / CURRENT
        releases, incoming = [], []
        if self.releases.is_dir():
            for entry in sorted(os.scandir(self.releases), key=lambda e: e.name):
                if entry.is_symlink() or not entry.is_dir():
                    continue
                if entry.name.startswith(LEFTOVER_PREFIXES):
                    incoming.append(entry.name)
                elif is_release_name(entry.name):
                    releases.append(Release(entry.name, _read_info(Path(entry.path))))
        live = self._release_behind(current) if current.is_symlink() else None
        pinned = {self._release_behind(link) for link in self._links()} - {None}
        return TargetState(sorted_releases(releases), live, frozenset(pinned), tuple(incoming),  # type: ignore[arg-type]
                           current_is_link=current.is_symlink() or not current.exists())

    def _links(self) -> Iterator[Path]:
        for folder in (self.root, self.releases):
            if folder.is_dir():
                yield from (Path(e.path) for e in os.scandir(folder) if e.is_symlink())

    def _release_behind(self, link: Path) -> str | None:
        return release_of_link(os.path.realpath(link).replace(os.sep, "/"),
                               os.path.realpath(self.releases).replace(os.sep, "/"))

    def clear_incoming(self, state: TargetState) -> None:
        for name in state.incoming:  # left by a publish that was cut short; we hold the lock, so no one's
            if name.startswith(LEFTOVER_PREFIXES):
                shutil.rmtree(self.releases / name, ignore_errors=True)

    def changes(self, build: Path, files: list[str], live: str | None) -> Changes:
        live_dir = self.releases / live if live else None
        theirs = _files_under(live_dir) if live_dir else []
        differing = [f for f in files if live_dir and not same_bytes(build / f, live_dir / f)]
        return changes_between(files, theirs, differing)

    def upload(self, build: Path, files: list[str], name: str, live: str | None, info: ReleaseInfo) -> Transfer:
        """Copy the build into releases/<name>, sharing unchanged files with the live release by hard link.

        It is copied to a hidden folder first and renamed into place once
        complete, so releases/ never shows a half-copied release.
        """
        incoming = self.releases / (INCOMING_PREFIX + name)
        live_dir = self.releases / live if live else None
        copied = linked = sent = 0
        incoming.mkdir()
        try:
            for relative in files:
                source, target = build / relative, incoming / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                if live_dir and same_bytes(source, live_dir / relative) and _link(live_dir / relative, target):
                    linked += 1
                else:
                    shutil.copy2(source, target)
                    copied, sent = copied + 1, sent + target.stat().st_size
            (incoming / MANIFEST_NAME).write_bytes(manifest({f: (build / f).stat().st_size for f in files}))
            (incoming / INFO_NAME).write_bytes(info.to_json())
            os.replace(incoming, self.releases / name)
        except BaseException:
            shutil.rmtree(incoming, ignore_errors=True)
            raise
        return Transfer(len(files), copied, linked, sent)

    def switch(self, name: str) -> None:
        """Point `current` at releases/<name> in one rename: a reader gets the old site or the new, never neither."""
        new_link = self.root / NEW_LINK
        new_link.unlink(missing_ok=True)  # left by a switch that was cut short
        try:
            # Relative, so the link still holds when the share is mounted at another path.
            os.symlink(os.path.join(RELEASES_DIR, name), new_link, target_is_directory=True)
        except OSError as exc:
            raise TargetError("publish.no_symlinks", target=self.label, reason=exc.strerror or str(exc)) from None
        os.replace(new_link, self.root / CURRENT)

    def completeness(self, name: str) -> Completeness:
        release = self.releases / name
        try:
            listed = read_manifest((release / MANIFEST_NAME).read_bytes())
        except OSError:
            listed = None
        found = {path: (release / path).stat().st_size for path in _files_under(release)
                 if path not in (INFO_NAME, MANIFEST_NAME)}
        return completeness(listed, _read_info(release), found)

    def remove(self, names: list[str]) -> None:
        for name in names:
            # Out of the releases in one rename first: a prune cut short leaves a leftover, never half a release.
            leaving = self.releases / (DELETING_PREFIX + name)
            os.replace(self.releases / name, leaving)
            shutil.rmtree(leaving, ignore_errors=True)


def _read_info(release: Path) -> ReleaseInfo | None:
    try:
        return ReleaseInfo.from_json((release / INFO_NAME).read_bytes())
    except OSError:
        return None


def _files_under(folder: Path) -> list[str]:
    found = []
    for parent, _, names in os.walk(folder):
        found += [(Path(parent) / n).relative_to(folder).as_posix() for n in names]
    return found


def _link(existing: Path, new: Path) -> bool:
    """A hard link, or False where the file system has none (some shares): then the file is copied."""
    try:
        os.link(existing, new)
        return True
    except OSError:
        return False
