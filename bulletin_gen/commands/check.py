"""`bulletin check`: lint the content without building, for an editor before publishing or a CI step."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bulletin_gen.base import i18n
from bulletin_gen.base.problems import BuildFailed, Problem, Problems, display_path
from bulletin_gen.check.review import review
from bulletin_gen.commands import add_site_argument
from bulletin_gen.console.report import Reporter
from bulletin_gen.pipeline.builder import Builder, BuildOptions

def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="check the content without building / 检查内容",
        description="Check every issue without building: every error the build reports, plus numbering "
                    "gaps, dates, the summary, credits, internal links, empty articles and repeated titles. "
                    "Prints file:line: level: message; exits 1 on errors (and on warnings with --strict).")
    add_site_argument(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--drafts", action="store_true", help="check drafts too")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    try:
        problems = find_problems(args.site, args.drafts)
    except BuildFailed as failure:  # site.yaml unusable: nothing more can be checked
        problems = failure.problems
    root = args.site
    if args.format == "json":
        reporter.say(json.dumps([_as_json(p, reporter.language, root) for p in problems.sorted()],
                                ensure_ascii=False, indent=2))
    else:
        for line in reporter.problem_lines(problems, root):
            reporter.say(line)
        infos = len(problems.items) - len(problems.errors) - len(problems.warnings)
        reporter.error(i18n.message("check.done", reporter.language, errors=len(problems.errors),
                                    warnings=len(problems.warnings), infos=infos))
    failed = problems.has_errors() or (args.strict and problems.warnings)
    return 1 if failed else 0


def find_problems(site: Path, drafts: bool) -> Problems:
    with Builder(BuildOptions(site_dir=site, drafts=drafts)) as builder:
        return review(builder.read())  # the cache stays open while the rules load each issue's text


def _as_json(problem: Problem, language: str, root: Path) -> dict[str, object]:
    return {
        "file": display_path(problem.path, root) if problem.path else None,
        "line": problem.line,
        "level": problem.level,
        "code": problem.key,
        "message": problem.text(language),
    }
