"""What a publish target is: a folder here (local.py) or [user@]host:/path over ssh and rsync (remote.py).

Both keep the same layout (see releases.py) and offer the same steps, so
publisher.py decides once what to do and either kind carries it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ContextManager, Protocol

from bulletin_gen.publish.releases import Changes, Completeness, ReleaseInfo, TargetState


class TargetError(Exception):
    """A target cannot do what was asked; `key` names the message, in the site's language."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True)
class Transfer:
    """What an upload moved."""

    files: int  # files in the new release
    copied: int  # files that had to be sent: new, or changed since the live release
    linked: int  # files shared with the live release by hard link, sending nothing
    bytes_sent: int  # bytes that travelled: file bytes copied to a folder, rsync's own count over ssh


class Target(Protocol):
    label: str  # how messages name the target

    def lock(self) -> ContextManager[None]: ...

    def state(self) -> TargetState: ...

    def clear_incoming(self, state: TargetState) -> None: ...

    def changes(self, build: Path, files: list[str], live: str | None) -> Changes: ...

    def upload(self, build: Path, files: list[str], name: str, live: str | None,
               info: ReleaseInfo) -> Transfer: ...

    def switch(self, name: str) -> None: ...

    def completeness(self, name: str) -> Completeness: ...

    def remove(self, names: list[str]) -> None: ...
