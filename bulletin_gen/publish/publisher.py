"""The publish steps, in order, for either kind of target: upload, switch, prune; roll back; compare.

Every step that changes the target runs under the target's lock. The live
site changes in exactly one place, the switch of `current`; anything cut
short before it leaves only an unfinished upload, which the next publish
clears away.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bulletin_gen import __version__
from bulletin_gen.publish.preflight import Ready
from bulletin_gen.publish.releases import Changes, ReleaseInfo, TargetState, next_name, rollback_target, to_prune
from bulletin_gen.publish.targets import Target, TargetError, Transfer


@dataclass(frozen=True)
class Published:
    name: str  # the new live release; the live one as it was, if it already held this build
    previous: str | None  # the release that was live before
    transfer: Transfer | None  # None: nothing was uploaded, the build was live already
    pruned: tuple[str, ...]


def publish(ready: Ready, target: Target, keep: int, now: dt.datetime) -> Published:
    with target.lock():
        state = _usable(target)
        target.clear_incoming(state)
        live = state.live_release
        if live and live.info and live.info.build == ready.key:
            return Published(live.name, live.name, None, ())
        name = next_name(now, [r.name for r in state.releases])
        transfer = target.upload(ready.build, ready.files, name, state.live, release_info(ready, now))
        _require_complete(target, name, "publish.upload_incomplete")
        target.switch(name)
        pruned = to_prune(target.state(), keep)
        target.remove(pruned)
        return Published(name, state.live, transfer, tuple(pruned))


def release_info(ready: Ready, now: dt.datetime) -> ReleaseInfo:
    newest = ready.newest
    return ReleaseInfo(issues=ready.issues, newest_date=newest.date.isoformat() if newest else "",
                       newest_number=newest.number if newest else 0, files=len(ready.files), build=ready.key,
                       published=now.isoformat(timespec="seconds"), tool=f"bulletin-gen {__version__}")


def rollback(target: Target, wanted: str | None) -> tuple[str | None, str]:
    """Switch `current` back to `wanted`, or to the release before the live one; (was live, now live)."""
    _rollback_target(target, target.state(), wanted)  # first without the lock, which creates it: a target
    with target.lock():                               # with nothing to roll back to is left as it was
        state = _usable(target)
        name = _rollback_target(target, state, wanted)
        _require_complete(target, name, "publish.release_incomplete")
        target.switch(name)
        return state.live, name


def _rollback_target(target: Target, state: TargetState, wanted: str | None) -> str:
    name = rollback_target(state, wanted)
    if name is None:
        if wanted:
            raise TargetError("publish.no_such_release", target=target.label, name=wanted,
                              known=", ".join(r.name for r in state.releases) or "—")
        raise TargetError("publish.nothing_earlier", target=target.label)
    return name


def _require_complete(target: Target, name: str, key: str) -> None:
    """Nothing goes live that is not every file its manifest lists, each of its size."""
    found = target.completeness(name)
    if not found.complete:
        raise TargetError(key, target=target.label, name=name, count=len(found.wrong),
                          example=found.wrong[0] if found.wrong else "—")


def changes(ready: Ready, target: Target) -> tuple[TargetState, Changes]:
    """What publishing `ready` would change on the live site; the target is only read."""
    state = _usable(target)
    return state, target.changes(ready.build, ready.files, state.live)


def _usable(target: Target) -> TargetState:
    state = target.state()
    if not state.current_is_link:
        # A web root someone filled by hand: replacing it would delete their site.
        raise TargetError("publish.current_not_link", target=target.label)
    return state
