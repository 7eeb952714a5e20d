"""Writing the output directory safely and atomically.

The new site is written into a hidden sibling directory and swapped in only
when every file is there, so a failed build leaves the previous output as it
was and a web server never serves a half-written site. A build replaces the
whole output directory, so it refuses directories that hold anything else.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable

from bulletin_gen.problems import BuildFailed, Msg, Problems

@dataclass(frozen=True)
class OutputFile:
    path: str  # POSIX, relative to the output directory
    data: bytes


MARKER = ".bulletin-gen"  # marks a directory as ours to replace
_MARKER_TEXT = b"This directory is written by bulletin-gen; every build replaces it.\n"


def check_output_dir(output: Path, site_root: Path, content_dir: Path, problems: Problems) -> None:
    """Refuse an output directory whose replacement would delete someone's files."""
    out = output.resolve()
    reason: Msg | None = None
    if out == site_root.resolve():
        reason = Msg.of("output.reason.site")
    elif out == Path.home().resolve():
        reason = Msg.of("output.reason.home")
    elif _contains(out, content_dir.resolve()):
        reason = Msg.of("output.reason.contains", what=content_dir.name + "/")
    elif _contains(out, site_root.resolve()):
        reason = Msg.of("output.reason.contains", what="site.yaml")
    elif content_dir.resolve() in out.parents:
        reason = Msg.of("output.reason.inside_content")
    if reason is not None:
        problems.error("output.unsafe", None, None, path=output, reason=reason)
    elif out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        problems.error("output.foreign", None, None, path=output)
    if problems.has_errors():
        raise BuildFailed(problems)


def _contains(directory: Path, other: Path) -> bool:
    return directory == other or directory in other.parents


def safe_relative(path: str) -> PurePosixPath:
    """Every output path must stay inside the output directory."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or "\\" in path or not relative.parts:
        raise ValueError(f"output path escapes the output directory: {path!r}")
    return relative


def write_tree(files: Iterable[OutputFile], output: Path) -> int:
    """Write every file into a fresh sibling directory, then swap it in. Returns the file count."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        count = 0
        for item in files:
            target = staging.joinpath(*safe_relative(item.path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item.data)
            count += 1
        (staging / MARKER).write_bytes(_MARKER_TEXT)
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _swap_in(staging: Path, output: Path) -> None:
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
    if not output.exists():
        os.replace(staging, output)
        return
    if _exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old site
        return
    # No atomic exchange here (not Linux): two renames, with the old site kept until the new is in place.
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
    os.rmdir(retired)
    os.replace(output, retired)
    try:
        os.replace(staging, output)
    except BaseException:
        os.replace(retired, output)
        raise
    shutil.rmtree(retired, ignore_errors=True)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): both names swap in one step, never missing."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
