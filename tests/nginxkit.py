"""A real nginx (Debian's) on 127.0.0.1 serving a built site under its sub-path, for tests.

nginx's workers run as `nobody` when the tests run as root, and LinkChecker
drops to `nobody` too, so what they read is a world-readable copy of the
build outside pytest's private tmp folders.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from tests.qualitykit import unavailable
from tests.sitekit import REPO

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@contextmanager
def public_copy(build: Path, base_path: str) -> Iterator[Path]:
    """The build at <tmp>/<base_path>, readable by every user; removed afterwards."""
    top = Path(tempfile.mkdtemp(prefix="bulletin-public-"))
    try:
        target = top / base_path.strip("/")
        shutil.copytree(build, target)
        for folder, dirs, files in os.walk(top):
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o644)
        yield top
    finally:
        shutil.rmtree(top, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def nginx(root: Path, base_path: str) -> Iterator[str]:
    """Serve `root` (which holds base_path's folder) at http://127.0.0.1:<port><base_path>."""
    def server(port: int) -> str:
        return f"""
    server {{
        listen 127.0.0.1:{port};
        charset utf-8;
        root {root};
        location {base_path} {{
            index index.html;
            error_page 404 {base_path}404.html;
        }}
    }}
"""

    with _running(server) as port:
        yield f"http://127.0.0.1:{port}{base_path}"


DEPLOY_CONF = REPO / "deploy" / "nginx.conf"


@contextmanager
def deployed_nginx(target: Path, conf: str | None = None) -> Iterator[str]:
    """The shipped deploy/nginx.conf (or `conf`, a block `bulletin nginx` made for the example address),
    serving the publish target `target` at http://127.0.0.1:<port>/zgxx/.

    Only what the file marks EDIT for a real server changes: the port and the target folder.
    """
    text = conf or DEPLOY_CONF.read_text(encoding="utf-8")
    assert "listen 80;" in text and "/srv/bulletin/" in text
    text = text.replace("/srv/bulletin/", f"{target}/")
    with _running(lambda port: text.replace("listen 80;", f"listen 127.0.0.1:{port};")) as port:
        yield f"http://127.0.0.1:{port}/zgxx/"


@contextmanager
def _running(server_block: Callable[[int], str]) -> Iterator[int]:
    """An nginx of its own (own prefix, pid file and port) with the given server block; yields the port."""
    if not os.path.exists(NGINX):
        unavailable("nginx is not installed (apt-get install nginx-light)")
    port = free_port()
    prefix = Path(tempfile.mkdtemp(prefix="bulletin-nginx-"))
    temps = "\n".join(f"    {kind}_temp_path {prefix}/{kind};" for kind in
                      ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (prefix / "nginx.conf").write_text(f"""
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temps}
{server_block(port)}
}}
""", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e",
                                str(prefix / "error.log")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, process, prefix)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(prefix, ignore_errors=True)


def _wait_for(port: int, process: subprocess.Popen, prefix: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (prefix / "error.log").read_text(errors="replace") if (prefix / "error.log").exists() else ""
            raise AssertionError(f"nginx exited: {process.stderr.read().decode(errors='replace')} {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("nginx did not start listening within 10 s")
