"""`bulletin serve`: a live preview that rebuilds on every save and updates the open pages.

Threads: the event loop (main thread) serves pages and talks to browsers;
watchdog's thread notices changes; the rebuild loop's thread builds. A build
runs to its end even when Ctrl-C arrives, so it never leaves a half-moved
preview or a staging folder behind.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import re
import shutil
import signal
from typing import TYPE_CHECKING, Iterator

from bulletin_gen.base import i18n
from bulletin_gen.commands import add_site_argument
from bulletin_gen.console.report import Reporter
from bulletin_gen.pipeline.builder import BuildOptions
from bulletin_gen.settings.config import site_language

if TYPE_CHECKING:
    from bulletin_gen.preview.server import PreviewServer
    from bulletin_gen.preview.session import PreviewSession

DEFAULT_PORT = 8000


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help="live preview / 实时预览",
        description="Build the site into a preview folder of its own (never build/), serve it on "
                    "http://127.0.0.1:8000/ and rebuild and refresh the browser on every save.")
    add_site_argument(parser)
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT,
                        help=f"port to serve on (default: {DEFAULT_PORT}; 0: any free port)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this computer only)")
    parser.add_argument("--no-drafts", dest="drafts", action="store_false",
                        help="leave out issues marked draft: true (the preview shows them by default)")
    parser.add_argument("--poll", action="store_true",
                        help="look for changes by polling: for WSL, Docker and network drives, "
                             "where change notifications do not arrive")
    parser.set_defaults(run=run)


def _port(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,5}", text) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"端口应为 0 到 65535 之间的整数 / expected a port number from 0 to 65535, got {text!r}")
    return int(text)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    # Imported here: `bulletin build` should not pay for loading a web server and asyncio.
    import asyncio

    from bulletin_gen.preview.server import PreviewServer
    from bulletin_gen.preview.session import PreviewSession, preview_dir

    try:
        sockets = PreviewServer.bind(args.host, args.port)
    except OSError as exc:
        reporter.lines([i18n.message("serve.cannot_listen", reporter.language, host=args.host, port=args.port,
                                     reason=exc.strerror or exc)])
        return 1
    port = sockets[0].getsockname()[1]  # the one picked, for --port 0
    options = BuildOptions(site_dir=args.site, output_dir=preview_dir(args.site, port), drafts=args.drafts,
                           versioned_assets=False)
    server = PreviewServer(options.output_dir, sockets, args.host,
                           lambda: reporter.say(i18n.message("serve.bad_message", reporter.language)))
    session = PreviewSession(options, reporter, lambda: args.lang or site_language(args.site), args.debug)
    try:
        first = session.build()  # before any thread starts, so a large first build may fork workers
        if session.builder.config is None and not (args.site / "site.yaml").is_file():
            session.report(first)  # not a site at all: nothing to preview
            return 1
        server.status = session.report(first)
        with _sigterm_as_interrupt():
            asyncio.run(_serve(server, session, args))
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a preview ends; _serve has said so
    finally:
        for sock in sockets:
            sock.close()
        session.close()
        if args.port == 0:  # a port of its own each time: its preview folder would never be used again
            shutil.rmtree(options.output_dir, ignore_errors=True)
    return 0


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """A terminal closing or an IDE's stop button sends SIGTERM: end as cleanly as on Ctrl-C."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


async def _serve(server: PreviewServer, session: PreviewSession, args: argparse.Namespace) -> None:
    import asyncio

    from bulletin_gen.preview.loop import RebuildLoop
    from bulletin_gen.preview.watch import Watcher

    loop = asyncio.get_running_loop()
    server.start(loop.call_soon_threadsafe)
    catching_up = True

    def rebuild(changed: frozenset[str] | None) -> None:
        nonlocal catching_up
        outcome = session.build(changed)
        server.publish(session.report(outcome, quiet_if_unchanged=catching_up), session.reload_paths(outcome))
        catching_up = False
        watcher.update(session.watch_set())  # site.yaml may name another theme or content folder

    rebuilds = RebuildLoop(rebuild)
    watcher = Watcher(session.watch_set(), rebuilds.changed, poll=args.poll)
    watcher.start()
    rebuilds.start()
    rebuilds.changed()  # catch up with any save made while the first build ran, before watching began
    reporter = session.reporter
    host = f"[{args.host}]" if ":" in args.host else args.host
    if not _is_loopback(args.host):
        reporter.say(i18n.message("serve.exposed", reporter.language, host=args.host))
    reporter.say(i18n.message("serve.serving", reporter.language, url=f"http://{host}:{server.port}/"))
    try:
        await asyncio.Event().wait()  # until Ctrl-C cancels it
    finally:
        watcher.stop()
        rebuilds.stop()
        server.stop()
        session.reporter.say(i18n.message("serve.stopped", session.reporter.language))
