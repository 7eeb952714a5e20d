"""The live preview's web server: the preview folder, the reload socket, and the error overlay.

The browser side is python-livereload's: its livereload.js, its WebSocket
handshake and its stylesheet hot-swap. It is driven from our build loop, not
from livereload's own polling watcher (that one looks every 0.8 s and drops
any change within 3 s of the last reload). After each build the server tells
every open page what changed:

- `/__bulletin__/status`: the build's outcome; the page shows or hides the
  error overlay (client.js);
- a stylesheet's path: livereload.js swaps that stylesheet in place;
- a page's path: the page reloads if it is the one being shown; client.js
  ignores changes to other pages, so an editor is not interrupted by them.

Every file is served from inside the preview folder or not at all: a request
for any other path gets 404, whatever its spelling (`..`, `%2e%2e`, `%5c`,
an absolute path or a drive letter).

Only requests addressed to the preview itself are answered: a Host header of
127.0.0.1, localhost or [::1] (or the --host given) with the preview's port,
and for the reload socket an Origin of the same. A page elsewhere that makes
its own name resolve to 127.0.0.1 (DNS rebinding) would otherwise read every
preview page, drafts included.
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote, urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import httpserver, netutil, web

from bulletin_gen.write.stage import Written

STATUS_PATH = "/__bulletin__/status"
CLIENT_PATH = "/__bulletin__/client.js"
_CLIENT_FILE = Path(__file__).with_name("client.js")
RELOAD_EVERYTHING = "*"
MOST_PATHS = 50  # beyond this many changed files, pages are told to reload whatever they show

_TYPES = {  # not the platform's table: on Windows the registry may call .js text/plain
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Status:
    """The outcome of the latest build, as the overlay shows it."""

    ok: bool
    title: str = ""
    lines: tuple[str, ...] = ()

    def as_json(self) -> bytes:
        return json.dumps({"ok": self.ok, "title": self.title, "lines": self.lines},
                          ensure_ascii=False).encode("utf-8")


# --- pure parts -----------------------------------------------------------------

@dataclass(frozen=True)
class Located:
    file: Path | None = None  # the file to send
    add_slash: bool = False  # a folder asked for without its "/": redirect, so relative links work


def locate(root: Path, url_path: str) -> Located:
    """The file a (percent-decoded) URL path names inside `root`; nothing for any path that leaves it."""
    if "\\" in url_path or "\0" in url_path:
        return Located()
    parts = [part for part in url_path.split("/") if part]
    if any(part in (".", "..") or part.startswith(".") for part in parts) or (parts and _DRIVE.match(parts[0])):
        return Located()  # also keeps the build's own marker file private
    candidate = root.joinpath(*parts)
    real_root = os.path.realpath(root)
    real = os.path.realpath(candidate)
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return Located()
    if os.path.isdir(real):
        index = os.path.join(real, "index.html")
        if not os.path.isfile(index):
            return Located()
        return Located(add_slash=True) if parts and not url_path.endswith("/") else Located(Path(index))
    return Located(Path(real)) if os.path.isfile(real) else Located()


def allowed_hosts(port: int, host: str) -> frozenset[str]:
    """The Host headers the preview answers: its loopback names and the --host given, with its port."""
    names = {"127.0.0.1", "localhost", "[::1]", f"[{host}]" if ":" in host else host}
    return frozenset(f"{name}:{port}".lower() for name in names)


def is_allowed_origin(origin: str, hosts: frozenset[str]) -> bool:
    """A WebSocket's Origin: one of the preview's own pages."""
    parts = urlsplit(origin)
    return parts.scheme == "http" and parts.netloc.lower() in hosts


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def with_preview_scripts(html: bytes, port: int) -> bytes:
    """The page with the overlay's script and livereload.js added to its head."""
    # Deferred: they never hold up the page's first paint, and still run in this order.
    scripts = (f'<script src="{CLIENT_PATH}" defer></script>'
               f'<script src="/livereload.js?port={port}" defer></script>').encode()
    match = _HEAD_END.search(html)
    if match is None:
        return html + scripts
    return html[:match.start()] + scripts + html[match.start():]


def reload_paths(written: Written | None) -> list[str]:
    """What to tell open pages after a build: nothing after a failed one, else the URLs that changed."""
    if written is None:
        return []
    changed = [*written.files, *written.removed]
    if written.whole or len(changed) > MOST_PATHS:
        return [RELOAD_EVERYTHING]
    stylesheets = [path for path in changed if path.endswith(".css")]
    others = [path for path in changed if not path.endswith(".css")]
    return ["/" + quote(path) for path in stylesheets + others]


# --- the server -------------------------------------------------------------------

_FALLBACK_404 = (b'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>404</title></head>'
                 b"<body><p>404</p></body></html>")


class PreviewServer:
    """Serves `root` on `host:port` until the asyncio loop it was started in stops."""

    def __init__(self, root: Path, sockets: list[socket.socket], host: str = "127.0.0.1",
                 ignored_message: Callable[[], None] = lambda: None):
        self.root = root
        self.sockets = sockets
        self.port = sockets[0].getsockname()[1]
        self.hosts = allowed_hosts(self.port, host)
        self.ignored_message = ignored_message  # a page sent the reload socket something unreadable
        self.status = Status(ok=True)
        self.browsers: set[ReloadSocket] = set()
        self._loop_call: Callable[[Callable[[], None]], None] | None = None
        self._http: httpserver.HTTPServer | None = None

    @staticmethod
    def bind(host: str, port: int) -> list[socket.socket]:
        """Take the port before building, so a busy port is reported at once (OSError)."""
        return netutil.bind_sockets(port, address=host)

    def start(self, call_soon_threadsafe: Callable[..., object]) -> None:
        """Start serving; call inside the running event loop."""
        self._loop_call = call_soon_threadsafe
        app = web.Application([
            (r"/livereload", ReloadSocket, {"server": self}),
            (r"/livereload\.js", ReloadScript, {"server": self}),
            (re.escape(CLIENT_PATH), ClientScript, {"server": self}),
            (re.escape(STATUS_PATH), StatusHandler, {"server": self}),
            (r"/(.*)", PreviewFiles, {"server": self}),
        ], compress_response=False, log_function=_quiet)
        self._http = httpserver.HTTPServer(app)
        self._http.add_sockets(self.sockets)

    def stop(self) -> None:
        if self._http is not None:
            self._http.stop()

    def publish(self, status: Status, paths: list[str]) -> None:
        """Tell every open page about a finished build; safe to call from the build thread once started."""
        assert self._loop_call is not None, "start() first"
        self._loop_call(self._publish, status, paths)

    def _publish(self, status: Status, paths: list[str]) -> None:
        self.status = status
        for browser in list(self.browsers):
            for path in [STATUS_PATH, *paths]:
                browser.send_reload(path)


def _quiet(handler: web.RequestHandler) -> None:
    """No access log: the terminal is for build messages, not for every favicon.ico a browser asks for."""


class _OwnHostOnly(web.RequestHandler):
    """Answers only requests addressed to the preview (see the module's docstring)."""

    server: PreviewServer

    def initialize(self, server: PreviewServer) -> None:
        self.server = server

    def prepare(self) -> None:
        if self.request.host.lower() not in self.server.hosts:
            raise web.HTTPError(403)


class ReloadSocket(_OwnHostOnly, LiveReloadHandler):
    """livereload's WebSocket handler, keeping its browsers per server instead of on the class."""

    def check_origin(self, origin: str) -> bool:
        # livereload allows any origin; a preview's pages come from the preview itself.
        return is_allowed_origin(origin, self.server.hosts)

    def on_message(self, message: str | bytes) -> None:
        try:
            super().on_message(message)  # livereload's handshake: "hello", then "info"
        except (ValueError, TypeError, AttributeError):  # not JSON, or JSON of another shape
            self.server.ignored_message()
            return
        if self in LiveReloadHandler.waiters:
            LiveReloadHandler.waiters.discard(self)
            self.server.browsers.add(self)

    def on_close(self) -> None:
        self.server.browsers.discard(self)
        LiveReloadHandler.waiters.discard(self)

    def send_reload(self, path: str) -> None:
        self.send_message({"command": "reload", "path": path, "liveCSS": True, "liveImg": True})


class ReloadScript(_OwnHostOnly, LiveReloadJSHandler):
    """livereload.js, to the preview's own pages only."""


class _NoCache(_OwnHostOnly):
    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def compute_etag(self) -> None:
        return None


class ClientScript(_NoCache):
    def get(self) -> None:
        self.set_header("Content-Type", _TYPES[".js"])
        self.write(_CLIENT_FILE.read_bytes())


class StatusHandler(_NoCache):
    def get(self) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.write(self.server.status.as_json())


class PreviewFiles(_NoCache):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def head(self, path: str) -> None:
        self.get(path)

    def get(self, path: str) -> None:
        found = locate(self.server.root, path)
        if found.add_slash:
            # From the path's own parts: `//2024` must not become `//2024/`, which is another host.
            query = "?" + self.request.query if self.request.query else ""
            parts = [part for part in self.request.path.split("/") if part]
            self.redirect("/" + "/".join(parts) + "/" + query)
        elif found.file is None:
            self._send(self.server.root / "404.html", 404)
        else:
            self._send(found.file, 200)

    def _send(self, file: Path, status: int) -> None:
        try:
            data = file.read_bytes()
        except OSError:  # gone between finding and reading it (a build moved it), or no 404.html
            data, file = _FALLBACK_404, Path("404.html")
        kind = content_type(file)
        if kind.startswith("text/html"):
            data = with_preview_scripts(data, self.server.port)
        self.set_status(status)
        self.set_header("Content-Type", kind)
        if self.request.method == "HEAD":
            self.set_header("Content-Length", str(len(data)))
            self.finish()
        else:
            self.finish(data)
