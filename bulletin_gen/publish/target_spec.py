"""Which target a publish spec names: a folder (C:\\www, /srv/zgxx) or [user@]host:/path over ssh."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from bulletin_gen.publish.local import LocalTarget
from bulletin_gen.publish.remote import RemoteTarget
from bulletin_gen.publish.targets import Target

_DRIVE = re.compile(r"^[A-Za-z]:([\\/]|$)")  # C:\www, Z:/zgxx: a Windows drive, not a host
_REMOTE = re.compile(r"^([^/\\:\s]+):(.+)$")  # rsync's own rule: a colon before any slash


def is_remote(spec: str) -> bool:
    return not _DRIVE.match(spec) and bool(_REMOTE.match(spec))


def open_target(spec: str, ssh: str | None = None) -> Target:
    match = _REMOTE.match(spec)
    if match and not _DRIVE.match(spec):
        return RemoteTarget(match.group(1), match.group(2), shlex.split(ssh) if ssh else ["ssh"])
    return LocalTarget(Path(spec))
