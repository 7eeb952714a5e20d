"""A real OpenSSH server on 127.0.0.1, for the rsync-over-ssh publish target.

It runs as the test's own user with a host key and an authorised key made
for the test, so ssh, the remote shell and rsync's remote-shell path are all
the real ones; only the network between them is the loopback.
"""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tests.nginxkit import free_port
from tests.qualitykit import unavailable

SSHD = "/usr/sbin/sshd"


@dataclass(frozen=True)
class Server:
    host: str  # user@127.0.0.1, as a publish target names it
    ssh: str  # the ssh command with the options to reach it, for --ssh / site.yaml publish.ssh

    def target(self, path: Path) -> str:
        return f"{self.host}:{path}"


@contextmanager
def sshd() -> Iterator[Server]:
    for tool in (SSHD, shutil.which("ssh"), shutil.which("ssh-keygen"), shutil.which("rsync")):
        if not tool or not os.path.exists(tool):
            unavailable("the rsync target tests need openssh-server, openssh-client and rsync "
                        "(apt-get install openssh-server rsync)")
    home = Path(tempfile.mkdtemp(prefix="bulletin-sshd-"))
    port = free_port()
    try:
        for name in ("host", "user"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(home / name)], check=True)
        shutil.copy(home / "user.pub", home / "authorized_keys")
        (home / "sshd_config").write_text(f"""ListenAddress 127.0.0.1
Port {port}
HostKey {home}/host
AuthorizedKeysFile {home}/authorized_keys
PidFile {home}/sshd.pid
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
""")
        if os.geteuid() == 0:
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # its privilege-separation folder
        process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(home / "sshd_config")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            ssh = shlex.join(["ssh", "-i", str(home / "user"), "-p", str(port), "-o", "BatchMode=yes",
                              "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                              "-o", "LogLevel=ERROR"])
            server = Server(f"{getpass.getuser()}@127.0.0.1", ssh)
            _wait_until_up(server, process)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=10)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _wait_until_up(server: Server, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"sshd exited: {process.stderr.read().decode(errors='replace')}")
        probe = subprocess.run([*shlex.split(server.ssh), server.host, "true"], capture_output=True)
        if probe.returncode == 0:
            return
        time.sleep(0.1)
    raise AssertionError("sshd did not accept the test key within 15 s")
