"""`bulletin new`: start the next issue's file, numbered and dated, with a skeleton to fill in."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from bulletin_gen.base import i18n
from bulletin_gen.base.problems import BuildFailed, Problems, display_path
from bulletin_gen.commands import add_site_argument
from bulletin_gen.commands import scaffold
from bulletin_gen.console.report import Reporter
from bulletin_gen.model import ordering
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.pipeline.builder import Builder, BuildOptions
from bulletin_gen.settings.config import SiteConfig, today
from bulletin_gen.sources.meta import parse_date

NOTHING_YET = ("content.missing_dir", "content.empty")  # the first issue of a new site


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new", help="start the next issue / 新建下一期",
        description="Create the next issue's file in content/<year>/ with the next 期号, today's date and "
                    "a skeleton to fill in. Never overwrites a file.")
    add_site_argument(parser)
    parser.add_argument("--date", type=_date, help="the issue's date, YYYY-MM-DD (default: today)")
    parser.add_argument("--issue", type=_number, metavar="N",
                        help="the 期号 (default: the next one for the date's year, or the next of all "
                             "with continuous numbering)")
    parser.set_defaults(run=run, failed_message="cli.failed_read")


def _date(text: str) -> dt.date:
    parts = parse_date(text)
    try:
        return dt.date(*parts) if parts else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> dt.date:
    raise argparse.ArgumentTypeError(f"日期应写成 2025-03-06 这样 / expected a date such as 2025-03-06, got {text!r}")


def _number(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,8}", text.strip()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"期号应为不小于 1 的整数 / expected an issue number of at least 1, got {text!r}")
    return int(text)


@dataclass(frozen=True)
class Place:
    """Where a new issue goes: its number, date and file, and the site's issues as they are."""

    config: SiteConfig
    issues: tuple[IssueHead, ...]
    day: dt.date
    number: int
    path: Path


def new_place(site: Path, day: dt.date | None, number: int | None, reporter: Reporter) -> Place | None:
    """The next issue's place: `day` (default today) and `number` (default the next), or None when taken."""
    with Builder(BuildOptions(site_dir=site, drafts=True)) as builder:
        content = builder.read()  # the issues' heads are all this needs
    # An unreadable issue may hold the number we would pick; a site with no content yet is fine.
    problems = Problems([p for p in content.problems.items if p.key not in NOTHING_YET])
    if problems.has_errors():
        raise BuildFailed(problems)
    config, issues = content.config, content.model.issues
    day = day or today(config.timezone)
    number = number or ordering.next_number(issues, config.numbering, day.year)
    holder = ordering.holder_of(issues, config.numbering, day.year, number)
    if holder is not None:
        reporter.error(i18n.message("new.taken", reporter.language, number=number, year=day.year,
                                    path=display_path(holder.source, Path.cwd())))
        return None
    return Place(config, issues, day, number, config.content_path / scaffold.issue_file(day.year, number))


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    place = new_place(args.site, args.date, args.issue, reporter)
    if place is None:
        return 1
    config, issues, day, number, path, language = (place.config, place.issues, place.day, place.number, place.path,
                                                    reporter.language)
    text = scaffold.new_issue(number, day, config.issuer, ordering.next_total(issues))
    try:
        scaffold.create(path, text)
    except FileExistsError:
        reporter.error(i18n.message("new.exists", language, path=display_path(path, Path.cwd())))
        return 1
    reporter.say(display_path(path, Path.cwd()))
    reporter.error(i18n.message("new.created", language, number=number, date=day.isoformat()))
    return 0
