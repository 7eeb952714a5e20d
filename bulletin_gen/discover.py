"""Finding the issue files under content/."""

from __future__ import annotations

import os
from pathlib import Path

from bulletin_gen.problems import Problems


def is_content_file(name: str) -> bool:
    """Markdown files, minus hidden files and the temp/backup files editors leave behind."""
    return (
        name.endswith(".md")
        and not name.startswith((".", "~"))
        and not name.endswith("~")
    )


def discover(content_dir: Path, problems: Problems) -> list[Path]:
    """Every issue file, in a stable order; links that lead outside content/ are refused."""
    if not content_dir.is_dir():
        problems.error("content.missing_dir", None, None, path=content_dir)
        return []
    root = content_dir.resolve()
    found = []
    for relative, path, linked in _walk(content_dir):
        if not is_content_file(path.name):
            continue
        # Only a link can lead elsewhere; resolving is slow, so only links are resolved.
        if linked and not path.resolve().is_relative_to(root):
            problems.error("content.outside", path, None, path=relative)
            continue
        found.append(path)
    if not found and not problems.has_errors():
        problems.warning("content.empty", None, None, path=content_dir)
    return found


def _walk(content_dir: Path) -> list[tuple[str, Path, bool]]:
    """(relative POSIX path, path, is a symlink) of every file, sorted by relative path.

    Hidden directories are skipped, and directory links are not followed (so
    a link loop cannot hang the build); a linked file is checked by the caller.
    scandir's entries know their type without a system call per file.
    """
    files = []
    pending = [(content_dir, "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        pending.append((Path(entry.path), relative + "/"))
                elif entry.is_file():
                    files.append((relative, _path(entry.path), entry.is_symlink()))
    return sorted(files)


# The same files are found again after every save while a preview runs, and
# making a Path costs more than finding the file; keep the ones made before.
_known_paths: dict[str, Path] = {}


def _path(text: str) -> Path:
    path = _known_paths.get(text)
    if path is None:
        path = _known_paths[text] = Path(text)
    return path
