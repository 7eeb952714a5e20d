"""Finding the issue files under content/: by walking the folder, or from the last walk and a list of changes."""

from __future__ import annotations

import errno
import functools
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from bulletin_gen.base.problems import Msg, Problems


def is_content_file(name: str) -> bool:
    """Markdown files, minus hidden files and the temp/backup files editors leave behind."""
    return (
        name.endswith(".md")
        and not name.startswith((".", "~"))
        and not name.endswith("~")
    )


# What Windows and macOS leave in folders by themselves: nobody's picture or attachment.
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})


def is_other_file(name: str) -> bool:
    """A file beside the issues that a page may use (a picture, an attachment): not hidden, not a temp file."""
    return not (name.startswith((".", "~")) or name.endswith("~") or name.lower() in _SYSTEM_FILES
                or is_content_file(name))


@dataclass(frozen=True)
class Found:
    """The issue files of one content folder, as one walk found them."""

    content_dir: Path
    files: tuple[tuple[str, Path], ...]  # (relative POSIX path, path), sorted by relative path
    trusted: bool  # no links and no problems: a list of changes is enough to bring it up to date
    others: frozenset[str] = frozenset()  # every other file's relative POSIX path: pictures, attachments

    @functools.cached_property
    def paths(self) -> list[Path]:
        return [path for _, path in self.files]

    @functools.cached_property
    def names(self) -> list[str]:
        """The paths as strings, made once: str() of a Path is slow enough to count here."""
        return list(map(str, self.paths))


def discover(content_dir: Path, problems: Problems,
             setting: tuple[Path | None, int | None] = (None, None)) -> Found:
    """Every issue file, in a stable order; links that lead outside content/ are refused.

    `setting`: site.yaml's content_dir line, named if the folder is not there.
    """
    if not content_dir.is_dir():
        problems.error("content.missing_dir", *setting, path=content_dir)
        return Found(content_dir, (), trusted=False)
    root = content_dir.resolve()
    reported = len(problems.items)
    found = []
    others = set()
    links = False
    for relative, path, linked in _walk(content_dir, problems):
        if not is_content_file(path.name):
            # A linked picture that leads outside content/ is refused where a page uses it.
            if is_other_file(path.name):
                others.add(relative)
            continue
        links = links or linked
        # Only a link can lead elsewhere; resolving is slow, so only links are resolved.
        if linked and not path.resolve().is_relative_to(root):
            problems.error("content.outside", path, None, path=relative)
            continue
        found.append((relative, path))
    if not found and not problems.has_errors():
        problems.warning("content.empty", None, None, path=content_dir)
    return Found(content_dir, tuple(found), trusted=bool(found) and not links and len(problems.items) == reported,
                 others=frozenset(others))


def rediscover(last: Found, changed: Iterable[str]) -> Found | None:
    """`last` brought up to date with the files a watcher saw change (absolute paths), without a walk.

    None when only a walk can tell: `last` had links or problems, or a change
    is not plainly a file in the content folder (a link, or a path spelled
    otherwise than the folder is).
    """
    if not last.trusted:
        return None
    base = str(last.content_dir)
    files = dict(last.files)
    others = set(last.others)
    moved = False
    for text in changed:
        if not text.startswith(base + os.sep) or os.path.islink(text):
            return None
        relative = text[len(base) + 1:].replace(os.sep, "/")
        parts = relative.split("/")
        if any(part.startswith(".") for part in parts):
            continue
        if not is_content_file(parts[-1]):
            if is_other_file(parts[-1]):
                (others.add if os.path.isfile(text) else others.discard)(relative)
            continue
        if os.path.isfile(text) == (relative in files):
            continue  # edited in place: still there, at the same place in the order
        moved = True
        if relative in files:
            del files[relative]
        else:
            files[relative] = _path(text)
    if not moved:
        return last if others == last.others else Found(last.content_dir, last.files, True, frozenset(others))
    if not files:
        return None  # the walk says why there is nothing
    return Found(last.content_dir, tuple(sorted(files.items())), trusted=True, others=frozenset(others))


def _walk(content_dir: Path, problems: Problems) -> list[tuple[str, Path, bool]]:
    """(relative POSIX path, path, is a symlink) of every file, sorted by relative path.

    Hidden directories are skipped, and directory links are not followed (so
    a link loop cannot hang the build); a linked file is checked by the caller.
    scandir's entries know their type without a system call per file. What is
    passed over for another reason is reported: a link to a folder, a link to
    nothing or to itself, a name that is not UTF-8.
    """
    files = []
    pending = [(content_dir, "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if not _readable_name(entry, relative, problems):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        pending.append((Path(entry.path), relative + "/"))
                elif entry.is_symlink():
                    if _usable_link(entry, relative, problems):
                        files.append((relative, _path(entry.path), True))
                elif entry.is_file():
                    files.append((relative, _path(entry.path), False))
    return sorted(files)


def _readable_name(entry: os.DirEntry[str], relative: str, problems: Problems) -> bool:
    """A name Python could decode only with surrogate escapes is not UTF-8: nothing can print or write it."""
    try:
        entry.name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        raw = os.fsencode(entry.name)
        if entry.name.startswith(".") or not (raw.endswith(b".md") or entry.is_dir(follow_symlinks=False)):
            return False  # not something the build would read
        shown = os.fsencode(relative).decode("utf-8", "backslashreplace")
        problems.error("content.undecodable_name", None, None, name=shown,
                       suggested=raw.decode("gb18030", "replace"))
        return False


def _usable_link(entry: os.DirEntry[str], relative: str, problems: Problems) -> bool:
    """A linked file to read; a link to a folder, to nothing or to itself is reported and passed over."""
    try:
        target = os.stat(entry.path)
    except OSError as exc:
        if is_content_file(entry.name):
            reason = "content.link_loop" if exc.errno == errno.ELOOP else "content.link_missing"
            problems.warning("content.broken_link", Path(entry.path), None, path=relative, reason=Msg.of(reason))
        return False
    if stat.S_ISDIR(target.st_mode):
        if not entry.name.startswith("."):
            problems.warning("content.dir_link", Path(entry.path), None, path=relative,
                             target=os.path.realpath(entry.path))
        return False
    return stat.S_ISREG(target.st_mode)


# The same files are found again after every save while a preview runs, and
# making a Path costs more than finding the file; keep the ones made before.
_known_paths: dict[str, Path] = {}


def _path(text: str) -> Path:
    path = _known_paths.get(text)
    if path is None:
        path = _known_paths[text] = Path(text)
    return path
