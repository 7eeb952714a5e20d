"""A publish target on another server, reached with the system's ssh and rsync.

The server needs a POSIX shell, GNU coreutils (`mv -T`), `flock`
(util-linux) and rsync: every Debian, Ubuntu, CentOS or Kylin server has
them. Each step is one ssh command; the switch of `current` is `ln -sfn` and
`mv -T` in one of them, so the live link is replaced by a single rename.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bulletin_gen.publish.releases import (CURRENT, DELETING_PREFIX, INCOMING_PREFIX, INFO_NAME, LEFTOVER_PREFIXES,
                                           LOCK_NAME, MANIFEST_NAME, NEW_LINK, RELEASES_DIR, Changes, Completeness,
                                           Release, ReleaseInfo, TargetState, changes_between, completeness,
                                           is_release_name, manifest, parse_itemized, read_manifest,
                                           release_of_link, sorted_releases)
from bulletin_gen.publish.targets import TargetError, Transfer

_BUSY = 75  # the lock script's exit status when another publish holds the lock
_SSH_FAILED = 255  # ssh's own: the connection, not the command, failed

# Prints what the target holds, a line each: links with what they resolve to, releases with their info.
_STATE = r"""
cd -- {target} 2>/dev/null || exit 0
printf 'root\t%s\n' "$(pwd -P)"
for entry in * .[!.]*; do
  if [ -L "$entry" ]; then printf 'link\t%s\t%s\n' "$entry" "$(readlink -f -- "$entry")"
  elif [ "$entry" = {current} ] && [ -e "$entry" ]; then printf 'notlink\n'; fi
done
cd {releases} 2>/dev/null || exit 0
for entry in * .[!.]*; do
  if [ -L "$entry" ]; then printf 'link\t%s\t%s\n' "$entry" "$(readlink -f -- "$entry")"; continue; fi
  [ -d "$entry" ] || continue
  case $entry in
    {incoming}*|{deleting}*) printf 'incoming\t%s\n' "$entry" ;;
    *) printf 'release\t%s\t' "$entry"; head -c 4096 "$entry/{info}" 2>/dev/null | tr -d '\n\t'; printf '\n' ;;
  esac
done
"""

# Prints a release's manifest ("m" lines), its info ("i") and every file in it with its size ("f",
# by GNU find's -printf).
_CONTENTS = r"""
cd -- {release} 2>/dev/null || exit 0
[ -f {manifest} ] && sed 's/^/m\t/' {manifest}
printf 'i\t'; head -c 4096 {info} 2>/dev/null | tr -d '\n'; printf '\n'
find . -type f ! -path ./{manifest} ! -path ./{info} -printf 'f\t%s\t%P\n'
"""

# Holds the target's lock for as long as our ssh's stdin stays open: when publish ends, or is killed,
# the pipe closes, `cat` ends, and the shell's descriptor 9, which holds the lock, closes with it.
_LOCK = r"""
mkdir -p -- {target}/{releases} || exit 1
exec 9>>{target}/{lock} || exit 1
if ! flock -n 9; then cat {target}/{lock} >&2; exit {busy}; fi
printf 'pid %s on %s since %s\n' "$$" "$(hostname)" "$(date '+%Y-%m-%dT%H:%M:%S%z')" > {target}/{lock}
echo locked
cat >/dev/null
"""


class RemoteTarget:
    def __init__(self, host: str, path: str, ssh: list[str]):
        self.host, self.path, self.ssh = host, path.rstrip("/") or "/", ssh
        self.label = f"{host}:{path}"
        self._target = shlex.quote(self.path)

    def _remote(self, script: str) -> list[str]:
        # sh -c: the script is POSIX shell whatever the login shell of the account is.
        return [*self.ssh, self.host, "sh -c " + shlex.quote(script)]

    def _run(self, script: str, input: bytes = b"") -> str:
        result = subprocess.run(self._remote(script), input=input, capture_output=True)
        if result.returncode != 0:
            self._fail(result.returncode, result.stderr)
        return result.stdout.decode("utf-8", "replace")

    def _fail(self, status: int, stderr: bytes) -> None:
        reason = _last_line(stderr) or f"exit status {status}"
        key = "publish.ssh_failed" if status == _SSH_FAILED else "publish.remote_failed"
        raise TargetError(key, target=self.label, reason=reason)

    @contextmanager
    def lock(self) -> Iterator[None]:
        script = _LOCK.format(target=self._target, releases=RELEASES_DIR, lock=LOCK_NAME, busy=_BUSY)
        holder = subprocess.Popen(self._remote(script), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        try:
            assert holder.stdout and holder.stdin and holder.stderr
            if holder.stdout.readline().strip() != b"locked":
                status, stderr = holder.wait(), holder.stderr.read()
                if status == _BUSY:
                    raise TargetError("publish.locked", target=self.label, holder=_last_line(stderr) or "?")
                self._fail(status, stderr)
            yield
        finally:
            if holder.stdin:
                holder.stdin.close()
            try:
                holder.wait(timeout=30)
            except subprocess.TimeoutExpired:
                holder.kill()

    def state(self) -> TargetState:
        script = _STATE.format(target=self._target, current=CURRENT, releases=RELEASES_DIR,
                               incoming=INCOMING_PREFIX, deleting=DELETING_PREFIX, info=INFO_NAME)
        root, links, releases, incoming, current_is_link = "", [], [], [], True
        for line in self._run(script).splitlines():
            kind, *fields = line.split("\t")
            if kind == "root" and fields:
                root = fields[0]
            elif kind == "link" and len(fields) == 2:
                links.append((fields[0], fields[1]))
            elif kind == "notlink":
                current_is_link = False
            elif kind == "incoming" and fields:
                incoming.append(fields[0])
            elif kind == "release" and fields and is_release_name(fields[0]):
                info = ReleaseInfo.from_json(fields[1]) if len(fields) > 1 and fields[1] else None
                releases.append(Release(fields[0], info))
        releases_dir = f"{root}/{RELEASES_DIR}"
        behind = {name: release_of_link(resolved, releases_dir) for name, resolved in links}
        return TargetState(sorted_releases(releases), behind.get(CURRENT),
                           frozenset(r for r in behind.values() if r), tuple(incoming), current_is_link)

    def clear_incoming(self, state: TargetState) -> None:
        if state.incoming:
            names = " ".join(shlex.quote(n) for n in state.incoming if n.startswith(LEFTOVER_PREFIXES))
            self._run(f"cd -- {self._target}/{RELEASES_DIR} && rm -rf -- {names}")

    def _rsync(self, build: Path, files: list[str], destination: str, *options: str) -> str:
        command = ["rsync", "--recursive", "--links", "--checksum", "--8-bit-output", "--files-from=-",
                   "--rsh", shlex.join(self.ssh), *options,
                   f"{build.as_posix()}/", f"{self.host}:{self.path}/{destination}/"]
        try:
            result = subprocess.run(command, input="\n".join(files).encode("utf-8") + b"\n",
                                    capture_output=True)
        except FileNotFoundError:
            raise TargetError("publish.no_rsync", target=self.label) from None
        if result.returncode != 0:
            raise TargetError("publish.rsync_failed", target=self.label,
                              reason=_last_line(result.stderr) or f"exit status {result.returncode}")
        return result.stdout.decode("utf-8", "replace")

    def changes(self, build: Path, files: list[str], live: str | None) -> Changes:
        if not live:
            return changes_between(files, [], [])
        itemized = self._rsync(build, files, f"{RELEASES_DIR}/{live}", "--dry-run", "--itemize-changes")
        _, differing = parse_itemized(itemized.splitlines())
        theirs = self._run(f"cd -- {self._target}/{RELEASES_DIR}/{shlex.quote(live)} && find . -type f")
        return changes_between(files, [line[2:] for line in theirs.splitlines() if line.startswith("./")],
                               differing)

    def upload(self, build: Path, files: list[str], name: str, live: str | None, info: ReleaseInfo) -> Transfer:
        """rsync into releases/.incoming-<name>, hard-linking what the live release already has; then rename."""
        incoming = INCOMING_PREFIX + name
        link_dest = [f"--link-dest=../{live}/"] if live else []
        report = self._rsync(build, files, f"{RELEASES_DIR}/{incoming}", "--chmod=D755,F644", "--stats",
                             *link_dest)
        sent = _stat(report, "Total bytes sent")
        copied = _stat(report, "Number of regular files transferred")
        releases = f"{self._target}/{RELEASES_DIR}"
        sizes = manifest({f: (build / f).stat().st_size for f in files})
        self._run(f"cat > {releases}/{incoming}/{MANIFEST_NAME}", input=sizes)
        self._run(f"cat > {releases}/{incoming}/{INFO_NAME} && mv -- {releases}/{incoming} {releases}/{name}",
                  input=info.to_json())
        return Transfer(len(files), copied, len(files) - copied, sent)

    def switch(self, name: str) -> None:
        self._run(f"cd -- {self._target} && ln -sfn {RELEASES_DIR}/{shlex.quote(name)} {NEW_LINK} "
                  f"&& mv -T {NEW_LINK} {CURRENT}")

    def completeness(self, name: str) -> Completeness:
        release = f"{self._target}/{RELEASES_DIR}/{shlex.quote(name)}"
        listed, info, found = [], "", {}
        for line in self._run(_CONTENTS.format(release=release, manifest=MANIFEST_NAME, info=INFO_NAME)).splitlines():
            kind, _, rest = line.partition("\t")
            if kind == "m":
                listed.append(rest)
            elif kind == "i":
                info = rest
            elif kind == "f":
                size, _, path = rest.partition("\t")
                if size.isdigit() and path:
                    found[path] = int(size)
        return completeness(read_manifest("\n".join(listed)) if listed else None,
                            ReleaseInfo.from_json(info) if info else None, found)

    def remove(self, names: list[str]) -> None:
        # Out of the releases in one rename first: a prune cut short leaves a leftover, never half a release.
        for name in (n for n in names if is_release_name(n)):
            quoted, leaving = shlex.quote(name), shlex.quote(DELETING_PREFIX + name)
            self._run(f"cd -- {self._target}/{RELEASES_DIR} && mv -T -- {quoted} {leaving} && rm -rf -- {leaving}")


def _stat(report: str, label: str) -> int:
    match = re.search(rf"^{label}: ([\d,.]+)", report, re.MULTILINE)
    return int(re.sub(r"[,.]", "", match.group(1))) if match else 0


def _last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""
