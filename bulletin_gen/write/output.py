"""Writing the output directory safely and atomically.

Every build renders into a hidden sibling directory first, so a failed build
leaves the previous output as it was. A full build then swaps the whole new
tree in at once; an incremental build moves in only the files that changed,
each by one rename. The output directory belongs to the build, so it
refuses directories that hold anything else.

An incremental build killed while it moves files in (kill -9, a power cut)
leaves the directory part old, part new; the marker then says "unfinished"
(it is rewritten before the first move and after the last), publish refuses
such a directory, and the next build replaces it whole. A build holds the
output's lock (a hidden sibling file) from staging to marker, so two builds
never write one output at once, and clears what a killed build left beside it.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from bulletin_gen.base import filelock
from bulletin_gen.base.problems import BuildFailed, Msg, Problems, os_reason

MARKER = ".bulletin-gen"  # marks a directory as ours to replace
_MARKER_TEXT = b"This directory is written by bulletin-gen; every build replaces it.\n"


def check_output_dir(output: Path, site_root: Path, content_dir: Path, problems: Problems,
                     setting: tuple[Path | None, int | None] = (None, None)) -> None:
    """Refuse an output directory whose replacement would delete someone's files.

    `setting`: the file and line that chose this directory (site.yaml's output_dir), if one did.
    """
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
    if reason is None and (out.is_file() or (out.exists() and not out.is_dir())):
        reason = Msg.of("output.reason.not_folder")  # it would be moved aside and replaced by the site
    if reason is not None:
        problems.error("output.unsafe", *setting, path=output, reason=reason)
    elif out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        problems.error("output.foreign", *setting, path=output)
    else:
        return
    raise BuildFailed(problems)  # for its own refusal only: a caller may be collecting other problems


def _contains(directory: Path, other: Path) -> bool:
    return directory == other or directory in other.parents


def safe_relative(path: str) -> PurePosixPath:
    """Every output path must stay inside the output directory."""
    relative = PurePosixPath(path)
    # A backslash or a colon would mean a parent folder or a drive to Windows (C:x).
    if relative.is_absolute() or ".." in relative.parts or "\\" in path or ":" in path or not relative.parts:
        raise ValueError(f"output path escapes the output directory: {path!r}")
    return relative


def _staging_prefixes(output: Path) -> tuple[str, str]:
    return f".{output.name}-new-", f".{output.name}-old-"


def _marker_prefix(output: Path) -> str:
    return f".{output.name}-marker-"


def _write_marker(output: Path, key: str | None) -> None:
    """The output's marker, replaced in one rename. Its temporary file is written beside the
    output, not in it: a build killed between the two steps leaves nothing inside the site."""
    temporary = output.parent / f"{_marker_prefix(output)}{os.getpid()}.tmp"
    temporary.write_bytes(_marker(key))
    os.replace(temporary, output / MARKER)


@contextmanager
def writing(output: Path, problems: Problems) -> Iterator[None]:
    """Hold the output's lock while a build writes it; first clear what killed builds left beside it."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with _held_soon(output.parent / f".{output.name}.lock"):
            for leftover in output.parent.iterdir():
                if leftover.name.startswith(_staging_prefixes(output)) and leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                elif leftover.name.startswith(_marker_prefix(output)) and leftover.is_file():
                    leftover.unlink(missing_ok=True)
            yield
    except filelock.Busy as busy:
        problems.error("output.busy", None, None, path=output, holder=str(busy) or "?")
        raise BuildFailed(problems) from None
    except OSError as exc:  # a full or read-only disk: the staging folder is gone, the old output stays
        problems.error("output.write_failed", None, None, path=output, reason=os_reason(exc))
        raise BuildFailed(problems) from None


_LOCK_PATIENCE = 2.0  # seconds: a killed build's workers hold its lock until they notice, within 0.5 s


@contextmanager
def _held_soon(path: Path) -> Iterator[None]:
    """The lock, waiting briefly for it: the holder may be a killed build's workers on their way out."""
    deadline = time.monotonic() + _LOCK_PATIENCE
    while True:
        try:
            with filelock.held(path):
                yield
            return
        except filelock.Busy:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def new_staging(output: Path) -> Path:
    """A hidden sibling of the output directory, on the same file system, so files move in by rename."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=_staging_prefixes(output)[0], dir=output.parent))


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def write_staged(staging: Path, relative: str, data: bytes) -> None:
    """Write one output file into the staging directory; its path may not leave it."""
    target = staging.joinpath(*safe_relative(relative).parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def build_key(output: Path) -> str | None:
    """The key the marker records for the build that wrote this directory; None if unknown or unfinished."""
    try:
        text = (output / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = re.search(r"^build ([0-9a-f]+)$", text, re.MULTILINE)
    return match.group(1) if match else None


def _marker(key: str | None) -> bytes:
    return _MARKER_TEXT + (f"build {key}\n".encode() if key else b"")


def write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def swap_in(staging: Path, output: Path, key: str) -> None:
    """Replace the whole output directory with the complete tree in `staging`, in one step."""
    (staging / MARKER).write_bytes(_marker(key))
    _swap_in(staging, output.resolve())


def apply_changes(staging: Path, output: Path, changed: Iterable[str], removed: Iterable[str],
                  key: str) -> list[str]:
    """Move re-rendered files from `staging` into the existing output; delete files no longer built.

    Only files whose bytes differ are moved, so unchanged files keep their
    mtime. Every file is replaced by a rename, so a reader gets either the
    old or the new page, never a torn one. The marker says "unfinished" while
    files move: if the build is killed meanwhile, the next one starts clean.
    Returns the files written.
    """
    _write_marker(output, None)
    written = []
    for relative in changed:
        parts = safe_relative(relative).parts
        source, target = staging.joinpath(*parts), output.joinpath(*parts)
        if same_bytes(source, target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        written.append(relative)
    for relative in removed:
        target = output.joinpath(*safe_relative(relative).parts)
        target.unlink(missing_ok=True)
        _remove_empty_parents(target.parent, output)
    _write_marker(output, key)
    return written


def stamps(directory: Path, paths: Iterable[str]) -> dict[str, int | None]:
    """Each output file's stamp: its size, mtime, inode and ctime as one number; None when it is gone.

    An edit by hand moves the ctime even when `cp -p` or `touch -r` put the mtime back.
    """
    found: dict[str, int | None] = {}
    for relative in paths:
        try:
            st = os.stat(os.path.join(directory, relative))
        except OSError:
            found[relative] = None
            continue
        found[relative] = hash((st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns))
    return found


def touched(now: dict[str, int | None], recorded: dict[str, int | None]) -> list[str]:
    """The files whose stamp `now` is not the one recorded when the build wrote them: gone, or edited by hand."""
    return sorted(path for path, stamp in now.items() if stamp is None or stamp != recorded.get(path))


def same_bytes(a: Path, b: Path) -> bool:
    """Both files exist and hold the same bytes; read in chunks, as a published file may be large."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with open(a, "rb") as left, open(b, "rb") as right:
            while True:
                chunk = left.read(1 << 16)
                if chunk != right.read(1 << 16):
                    return False
                if not chunk:
                    return True
    except OSError:
        return False


def _remove_empty_parents(directory: Path, root: Path) -> None:
    while directory != root and root in directory.parents:
        try:
            directory.rmdir()
        except OSError:
            return  # not empty
        directory = directory.parent


def _swap_in(staging: Path, output: Path) -> None:
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
    if not output.exists():
        os.replace(staging, output)
        return
    if _exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old site
        return
    # No atomic exchange here (not Linux): two renames, with the old site kept until the new is in place.
    retired = Path(tempfile.mkdtemp(prefix=_staging_prefixes(output)[1], dir=output.parent))
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
    import ctypes.util  # here, not at the top: it costs every command's start-up, and only a swap needs it

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
