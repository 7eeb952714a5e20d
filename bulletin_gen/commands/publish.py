"""`bulletin publish`: put the built site on the web server as a new release, or roll back, or list releases."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import NoReturn

from bulletin_gen.base import i18n
from bulletin_gen.base.problems import BuildFailed, Problems
from bulletin_gen.commands import add_site_argument, positive_int
from bulletin_gen.console.report import Reporter, table_lines
from bulletin_gen.publish import publisher
from bulletin_gen.publish.preflight import preflight
from bulletin_gen.publish.releases import Changes, TargetState
from bulletin_gen.publish.target_spec import open_target
from bulletin_gen.publish.targets import Target, TargetError
from bulletin_gen.settings.config import PublishSettings, load_config, office_zone


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "publish", help="publish the built site to the web server / 发布到网站服务器",
        description="Copy the built site to the publish target as a new release and switch the live site "
                    "to it in one step. Refuses a build that is unfinished or older than the content, and "
                    "runs the check rules first. The target is a folder (the web root, or a mounted share) "
                    "or [user@]host:/path over ssh and rsync; see docs/deploy.md.")
    add_site_argument(parser)
    parser.add_argument("--target", help="where to publish (default: site.yaml publish)")
    parser.add_argument("--ssh", metavar="COMMAND", help='the ssh command for a remote target, e.g. "ssh -p 2222"')
    parser.add_argument("--keep", type=positive_int, metavar="N", help="releases to keep (default: site.yaml, else 5)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
    action.add_argument("--list", action="store_true", help="list the releases and which one is live")
    action.add_argument("--rollback", nargs="?", const="", metavar="RELEASE",
                        help="make the release before the live one (or RELEASE) live again")
    parser.set_defaults(run=run, failed_message="publish.failed")


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    config, _ = load_config(args.site.absolute())
    settings = config.publish
    spec = args.target or settings.target
    if not spec:
        _fail("publish.no_target")
    target = open_target(spec, args.ssh or settings.ssh)
    try:
        if args.list:
            return _list(target, config.timezone, reporter)
        if args.rollback is not None:
            was, now = publisher.rollback(target, args.rollback or None)
            reporter.say(i18n.message("publish.rolled_back", reporter.language, was=was or "—", now=now))
            return 0
        return _publish(args, target, settings, reporter)
    except TargetError as failure:
        _fail(failure.key, **failure.params)


def _publish(args: argparse.Namespace, target: Target, settings: PublishSettings, reporter: Reporter) -> int:
    ready = preflight(args.site)
    reporter.problems(ready.problems, ready.config.root)  # warnings: errors stopped preflight
    language = reporter.language
    if args.dry_run:
        state, changes = publisher.changes(ready, target)
        _say_changes(state, changes, target, len(ready.files), reporter)
        return 0
    now = dt.datetime.now(office_zone(ready.config.timezone))
    done = publisher.publish(ready, target, args.keep or settings.keep, now)
    if done.transfer is None:
        reporter.say(i18n.message("publish.unchanged", language, name=done.name))
        return 0
    moved = done.transfer
    reporter.say(i18n.message("publish.done", language, name=done.name, target=target.label, issues=ready.issues,
                              files=moved.files, copied=moved.copied, linked=moved.linked, sent=moved.bytes_sent))
    if done.pruned:
        reporter.say(i18n.message("publish.pruned", language, names=", ".join(done.pruned)))
    if done.previous and done.previous not in done.pruned:  # --keep 1 has just removed it
        reporter.say(i18n.message("publish.undo_hint", language, previous=done.previous))
    return 0


def _say_changes(state: TargetState, changes: Changes, target: Target, files: int,
                 reporter: Reporter) -> None:
    language = reporter.language
    if state.live is None:
        reporter.say(i18n.message("publish.dry_first", language, target=target.label, files=files))
        return
    for mark, paths in (("+", changes.new), ("~", changes.changed), ("-", changes.removed)):
        for path in paths:
            reporter.say(f"{mark} {path}")
    key = "publish.dry_none" if changes.none else "publish.dry_summary"
    reporter.say(i18n.message(key, language, live=state.live, new=len(changes.new),
                              changed=len(changes.changed), removed=len(changes.removed)))


def _list(target: Target, timezone: str, reporter: Reporter) -> int:
    language = reporter.language
    state = target.state()
    if not state.releases:
        reporter.say(i18n.message("publish.list_empty", language, target=target.label))
    else:
        header = i18n.message("publish.list_header", language).split("\t")
        rows: list[list[object]] = []
        for release in reversed(state.releases):  # newest first, as an editor looks for the latest
            info = release.info
            newest = (i18n.message("publish.list_newest", language, number=info.newest_number,
                                   date=info.newest_date) if info and info.newest_date else "—")
            live = i18n.message("publish.list_live", language) if release.name == state.live else ""
            if not target.completeness(release.name).complete:
                live = (live + " " if live else "") + i18n.message("publish.list_incomplete", language)
            rows.append([release.name, _local_time(info.published, timezone) if info else "—",
                         info.issues if info else "—", newest, info.files if info else "—", live])
        for line in table_lines(header, rows):
            reporter.say(line)
    if state.incoming:
        reporter.say(i18n.message("publish.list_unfinished", language, count=len(state.incoming)))
    return 0


def _local_time(stamp: str, timezone: str) -> str:
    try:
        return dt.datetime.fromisoformat(stamp).astimezone(office_zone(timezone)).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _fail(key: str, **params: object) -> NoReturn:
    problems = Problems()
    problems.error(key, None, None, **params)
    raise BuildFailed(problems)

