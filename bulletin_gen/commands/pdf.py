"""`bulletin pdf`: the print edition on demand — chosen issues, or the year's bound volume (年度合订本)."""

from __future__ import annotations

import argparse
from pathlib import Path

from bulletin_gen.base import i18n
from bulletin_gen.base.problems import BuildFailed, Problems, os_reason
from bulletin_gen.commands import add_site_argument, positive_int, year
from bulletin_gen.console.report import Reporter
from bulletin_gen.model.issue import Issue
from bulletin_gen.pipeline.builder import Builder, BuildOptions, SiteContent
from bulletin_gen.render import kinds, pdf, print_on_demand
from bulletin_gen.sources.content_files import local_files
from bulletin_gen.render.theme import load_theme
from bulletin_gen.write.output import write_atomically


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "pdf", help="the print edition as PDFs / 打印版 PDF",
        description="Write the print edition of chosen issues (the same PDFs the build makes with "
                    "print_edition: on), or with --volume the year's bound volume: a cover, the contents "
                    "with page numbers, bookmarks, page numbers running through.")
    add_site_argument(parser)
    parser.add_argument("--year", type=year, help="only this year's issues")
    parser.add_argument("--issue", type=positive_int, help="only this issue number (of --year, else of every year)")
    parser.add_argument("--volume", type=year, metavar="YEAR", help="the bound volume of YEAR instead")
    parser.add_argument("--output", type=Path, help="the folder to write into (default: the site's pdf/)")
    parser.set_defaults(run=run, failed_message="cli.failed_read")


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    reason = pdf.unavailable()
    if reason is not None:
        reporter.error(i18n.message("pdf.unavailable", reporter.language, reason=reason))
        return 1
    with Builder(BuildOptions(site_dir=args.site)) as builder:
        content = builder.read()
        if content.problems.has_errors():
            raise BuildFailed(content.problems)
        reporter.problems(content.problems, content.config.root)
        chosen = [head for head in content.model.issues
                  if (args.volume or args.year) in (None, head.year) and args.issue in (None, head.number)]
        if not chosen:
            reporter.error(i18n.message("pdf.none", reporter.language))
            return 1
        issues = [Issue(head, content.body(head)) for head in chosen]
        written = _make(content, issues, args, reporter)
    for path in written:
        reporter.say(str(path))
    return 0


def _make(content: SiteContent, issues: list[Issue], args: argparse.Namespace, reporter: Reporter) -> list[Path]:
    config = print_on_demand.with_print_edition(content.config)
    problems = Problems()
    theme = load_theme(config, problems, kinds.templates(config))
    files = local_files(content.model.file_places, config.content_path, content.cache)
    renderer = print_on_demand.renderer_for(config, theme, content.model.years, files)
    folder = args.output or config.root / "pdf"
    made = ([print_on_demand.volume_pdf(issues, args.volume, renderer, problems)] if args.volume
            else [print_on_demand.issue_pdf(issue, renderer, problems) for issue in issues])
    reporter.problems(problems, config.root)
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in made:
            write_atomically(folder / name, data)
            written.append(folder / name)
    except OSError as exc:
        problems.error("output.write_failed", None, None, path=folder, reason=os_reason(exc))
        raise BuildFailed(problems) from None
    return written
