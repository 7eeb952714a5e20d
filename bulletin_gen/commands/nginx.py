"""`bulletin nginx`: print the nginx server block for this site (deploy/nginx.conf, filled in from site.yaml)."""

from __future__ import annotations

import argparse

from bulletin_gen.commands import add_site_argument
from bulletin_gen.console.report import Reporter
from bulletin_gen.publish.nginx_conf import server_block
from bulletin_gen.settings.config import load_config


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "nginx", help="print the nginx server block for this site / 输出本站的 nginx 配置",
        description="Print deploy/nginx.conf filled in for this site: host and path from base_url, the publish "
                    "target, and a Content-Security-Policy that allows the footer's outside scripts only when "
                    "site.yaml turns them on (footer: conac_id, jiucuo_site_code).")
    add_site_argument(parser)
    parser.add_argument("--target", help="the publish target folder on the server (default: site.yaml publish.target)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    config, problems = load_config(args.site.absolute())
    reporter.problems(problems, config.root)
    reporter.say(server_block(config, args.target).rstrip("\n"))
    return 0
