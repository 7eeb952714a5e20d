"""One writer at a time: an OS file lock, released by the OS if the holder dies (publish targets, build output).

A lock *file* whose mere existence meant "busy" would outlive a killed
publish or build and block the next one until someone deleted it by hand. An OS lock
(flock on POSIX, msvcrt.locking on Windows) ends with its process, so the
file itself is never deleted; it only names the holder, for the message.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


class Busy(Exception):
    """Another process holds the lock; the text says who, if it could be read."""


@contextmanager
def held(path: Path) -> Iterator[None]:
    """Hold the lock at `path` for the block; raise Busy at once if someone else holds it."""
    handle = open(path, "a+b")
    try:
        if not _try_lock(handle):
            raise Busy(_holder(handle))
        handle.seek(0)
        handle.truncate()
        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        handle.write(f"pid {os.getpid()} on {socket.gethostname()} since {stamp}\n".encode())
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock


def _holder(handle: IO[bytes]) -> str:
    try:
        handle.seek(0)
        return handle.read(300).decode("utf-8", "replace").strip()
    except OSError:  # Windows will not read a locked byte
        return ""


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
