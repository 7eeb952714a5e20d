"""`bulletin init DIR`: a new bulletin site that builds at once.

It writes only the site's own files: site.yaml with every setting commented,
one sample issue and a .gitignore. The theme stays in the installed package
(`theme: default`), so upgrading bulletin-gen upgrades every site's theme.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bulletin_gen.base import i18n
from bulletin_gen.commands import scaffold
from bulletin_gen.console.report import Reporter
from bulletin_gen.settings.config import CONFIG_NAME, today


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init", help="create a new bulletin site / 新建站点",
        description="Create a new bulletin site in DIR: site.yaml with every setting, one sample issue "
                    "and a .gitignore. DIR must be new or empty.")
    parser.add_argument("directory", type=Path, metavar="DIR", help="the new site's folder")
    parser.add_argument("--name", default="组工信息", help="the bulletin's name (default: 组工信息)")
    parser.add_argument("--issuer", default="中共××委组织部",
                        help="the issuing office, e.g. 中共清河市委组织部 (default: a placeholder to edit)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    site: Path = args.directory
    language = reporter.language
    if site.exists() and (not site.is_dir() or any(site.iterdir())):
        reporter.error(i18n.message("init.not_empty", language, path=site))
        return 1
    day = today()  # a new site's site.yaml keeps the default timezone
    files = {
        CONFIG_NAME: scaffold.site_yaml(args.name, args.issuer, language),
        ".gitignore": scaffold.gitignore(),
        "content/" + scaffold.issue_file(day.year, 1): scaffold.first_issue(day),
    }
    for relative, text in files.items():
        scaffold.create(site / relative, text)
    reporter.say(i18n.message("init.created", language, path=site))
    return 0
