"""`bulletin stats`: 供稿统计, the number of items each section contributed, per year or per month."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence

from bulletin_gen.base import i18n
from bulletin_gen.base.problems import BuildFailed
from bulletin_gen.commands import add_site_argument, year
from bulletin_gen.console.report import Reporter, table_lines
from bulletin_gen.model import stats
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.pipeline.builder import Builder, BuildOptions
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.settings.labels import Words
from bulletin_gen.text import numerals
from bulletin_gen.write.output import write_atomically


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats", help="count items by contributing section / 供稿统计",
        description="Count the published items (articles and column items) of each contributing "
                    "section, by year or by month, with totals. Drafts are left out.")
    add_site_argument(parser)
    parser.add_argument("--year", type=year, help="only this year (with --by month: default the newest year)")
    parser.add_argument("--by", choices=(stats.BY_SECTION, stats.BY_MONTH), default=stats.BY_SECTION,
                        help="section: one column a year (default); month: one column a month of one year")
    parser.add_argument("--csv", type=Path, metavar="FILE",
                        help="also write the table to FILE for Excel (UTF-8 with BOM)")
    parser.set_defaults(run=run, failed_message="cli.failed_read")


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    with Builder(BuildOptions(site_dir=args.site)) as builder:
        content = builder.read()  # the issues' heads are all this needs
    if content.problems.has_errors():
        # Some issues could not be read: counts without them would be wrong, and look right.
        raise BuildFailed(content.problems)
    reporter.problems(content.problems, content.config.root)
    config = content.config
    table = _table(content.model.issues, stats.alias_map(config.credit_aliases), args.by, args.year)
    if table is None:
        reporter.say(config.label("stats_empty"))
        return 0
    header = _header(table, args.by, config)
    rows = [[row.section or config.label("stats_uncredited"), *row.counts, row.total] for row in table.rows]
    rows.append([config.label("stats_total"), *table.totals, table.total])
    if args.csv:  # first, so that a reader of the table who stops early (| head) still gets the file
        try:
            write_atomically(args.csv, stats.to_csv(table, header, config.label("stats_uncredited"),
                                                    config.label("stats_total")))
        except OSError as exc:
            reporter.error(i18n.message("stats.csv_failed", reporter.language, path=args.csv,
                                        reason=exc.strerror or exc))
            return 1
    for line in table_lines(header, rows):
        reporter.say(line)
    if args.csv:
        reporter.say(i18n.message("stats.csv_written", reporter.language, path=args.csv))
    return 0


def _table(heads: Sequence[IssueHead], aliases: dict[str, str], by: str, year: int | None) -> stats.Table | None:
    if by == stats.BY_MONTH:
        year = year or stats.newest_year(heads)
        table = stats.by_month(heads, aliases, year) if year else None
    else:
        table = stats.by_year(heads, aliases, year)
    return table if table is not None and table.total else None


def _header(table: stats.Table, by: str, config: SiteConfig) -> list[str]:
    t = Words(config).t
    if by == stats.BY_MONTH:
        columns = [t("stats_month_column", month=month) for month in table.columns]
    else:
        columns = [t("stats_year_column", year=year, year_cn=numerals.chinese_year(year)) for year in table.columns]
    return [t("stats_section"), *columns, t("stats_total")]
