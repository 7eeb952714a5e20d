"""`bulletin build`: build the site into its output directory."""

from __future__ import annotations

import argparse
from pathlib import Path

from bulletin_gen.base import i18n
from bulletin_gen.commands import add_site_argument, positive_int
from bulletin_gen.console.progress import TerminalProgress, wanted
from bulletin_gen.console.report import Reporter
from bulletin_gen.pipeline.builder import BuildOptions, build


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("build", help="build the site / 构建站点",
                                   description="Build the site into its output directory (build/ by default).")
    add_site_argument(parser)
    parser.add_argument("--output", type=Path, help="where to write the site (default: build/ in the site)")
    parser.add_argument("--base-url", help="override site.yaml base_url, e.g. https://example.gov.cn/zgxx/")
    parser.add_argument("--drafts", action="store_true", help="include issues marked draft: true")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="ignore the build cache (.bulletin-cache/) and rebuild every page")
    parser.add_argument("--jobs", type=positive_int, metavar="N",
                        help="worker processes for large builds (default: one per CPU core; 1: none)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    progress = TerminalProgress(reporter.err, reporter.language) if wanted(reporter.err) else None
    options = BuildOptions(site_dir=args.site, output_dir=args.output, base_url=args.base_url,
                           drafts=args.drafts, cache=args.cache,
                           jobs=args.jobs, progress=progress)
    try:
        result = build(options)
    finally:
        if progress:
            progress.finish()
    reporter.problems(result.problems, result.config.root)
    reporter.say(i18n.message("cli.built", reporter.language, issues=result.issues, pages=result.pages,
                              files=len(result.written.files), seconds=result.seconds, output=result.output))
    return 0
