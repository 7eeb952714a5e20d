"""The `bulletin` command line: parse arguments, run a sub-command, map failures to exit codes.

Exit codes: 0 success, 1 a problem with the input (reported, never a
traceback), 2 bad command-line usage, 130 interrupted.

Command-line usage errors come from argparse before site.yaml has been read,
so the few messages of our own there are written in both languages.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from bulletin_gen import __version__
from bulletin_gen.base import i18n
from bulletin_gen.base.problems import BuildFailed
from bulletin_gen.commands import build, check, import_docx, init, new, nginx, pdf, publish, serve, stats
from bulletin_gen.console.report import Reporter
from bulletin_gen.settings.config import site_language

COMMANDS = (init, new, import_docx, check, build, serve, stats, pdf, publish, nginx)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bulletin", description="bulletin-gen: 工作简报静态网站生成器")
    parser.add_argument("--version", action="version", version=f"bulletin-gen {__version__}")
    parser.add_argument("--lang", choices=i18n.LANGUAGES,
                        help="language of messages (default: site.yaml language, else zh-CN)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def _site_language(args: argparse.Namespace) -> str:
    return args.lang or site_language(getattr(args, "site", None) or Path("."))


def _use_utf8_console() -> None:
    """A Windows console may not be UTF-8; never crash on printing a character it lacks."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: list[str] | None = None) -> int:
    _use_utf8_console()
    args = make_parser().parse_args(argv)
    reporter = Reporter(_site_language(args))
    try:
        try:
            return args.run(args, reporter)
        except BuildFailed as failure:
            reporter.failed(failure.problems, getattr(args, "site", None),
                            getattr(args, "failed_message", "cli.failed"))
            return 1
    except BrokenPipeError:
        # The reader went away (`bulletin stats | head`): nothing more to say, and no one to say it to.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        reporter.say(i18n.message("cli.interrupted", reporter.language))
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug must still end in a readable message
        if args.debug:
            traceback.print_exc()
        print(i18n.message("cli.internal", reporter.language, error=f"{type(exc).__name__}: {exc}"),
              file=sys.stderr)
        return 70
