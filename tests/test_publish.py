"""`bulletin publish` to a folder target: releases, the live link, rollback, pruning, refusals, the lock, a kill.

Every site here is built by the real build and published by the real
command; the release trees are compared byte for byte with the build.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bulletin_gen.base import filelock as lock
from bulletin_gen.publish.releases import (INFO_NAME, LOCK_NAME, MANIFEST_NAME, Release, ReleaseInfo, TargetState, next_name,
                                           parse_itemized, rollback_target, to_prune)
from bulletin_gen.publish.target_spec import is_remote
from tests.disks import make_read_only, small_disk
from tests.sitekit import REPO, SITE_YAML, build, issue_text, make_site, run_cli, tree_bytes

MARKER = ".bulletin-gen"


def site_with(tmp_path: Path, issues: int = 3, extra_yaml: str = "") -> Path:
    texts = {f"2025/{n:02d}.md": issue_text(n, f"2025-03-{n:02d}") for n in range(1, issues + 1)}
    site = make_site(tmp_path / "site", texts, SITE_YAML + extra_yaml)
    assert build(site).code == 0
    return site


def publish(site: Path, target: Path, *extra: str):
    return run_cli("publish", "--site", str(site), "--target", str(target), *extra)


def live(target: Path) -> Path:
    return target / "releases" / os.readlink(target / "current").split("/")[-1]


def released_files(release: Path) -> dict[str, bytes]:
    files = tree_bytes(release)
    files.pop(INFO_NAME)
    files.pop(MANIFEST_NAME)
    return files


def built_files(site: Path) -> dict[str, bytes]:
    files = tree_bytes(site / "build")
    files.pop(MARKER)
    return files


def edit_issue(site: Path, number: int, text: str) -> None:
    (site / "content" / "2025" / f"{number:02d}.md").write_text(
        issue_text(number, f"2025-03-{number:02d}", body=f"## {text}\n\n{text}。\n（组织一科 供稿）\n"), encoding="utf-8")


# --- the decisions, as pure functions --------------------------------------------

def test_release_names_follow_the_clock_and_never_go_back():
    now = dt.datetime(2026, 11, 22, 10, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert next_name(now, []) == "20261122T021500Z"  # UTC, so an office's clock change cannot reorder them
    assert next_name(now, ["20261122T021500Z"]) == "20261122T021501Z"
    assert next_name(now, ["20261123T000000Z", "notes"]) == "20261123T000001Z"  # a clock set back


def _state(*names: str, live: str | None = None, pinned: tuple[str, ...] = ()) -> TargetState:
    return TargetState(tuple(Release(n, None) for n in names), live, frozenset(pinned + ((live,) if live else ())), ())


def test_pruning_keeps_the_newest_and_never_the_live_or_a_linked_release():
    names = [f"2026010{d}T000000Z" for d in range(1, 8)]
    assert to_prune(_state(*names, live=names[-1]), 3) == names[:4]
    after_rollback = _state(*names, live=names[0], pinned=(names[1],))
    assert to_prune(after_rollback, 3) == names[2:4]


def test_rollback_goes_to_the_release_before_the_live_one():
    names = ["20260101T000000Z", "20260102T000000Z", "20260103T000000Z"]
    assert rollback_target(_state(*names, live=names[2]), None) == names[1]
    assert rollback_target(_state(*names, live=names[1]), None) == names[0]  # a newer, unswitched upload is skipped
    assert rollback_target(_state(*names, live=names[0]), None) is None
    assert rollback_target(_state(*names, live=names[0]), names[2]) == names[2]
    assert rollback_target(_state(*names, live=names[0]), "20250101T000000Z") is None


def test_rsync_itemized_lines_become_new_and_changed_files():
    lines = [">f+++++++++ 2025/04.html", ">fcsT...... index.html", "cd+++++++++ 2025/", ".d..t...... ./",
             "*deleting   old.html", ">fc.T...... 带空格 的.html"]
    assert parse_itemized(lines) == (["2025/04.html"], ["index.html", "带空格 的.html"])


@pytest.mark.parametrize("spec, remote", [
    ("/srv/www/zgxx", False), ("C:\\www\\zgxx", False), ("Z:/zgxx", False), ("\\\\server\\share\\zgxx", False),
    ("./public", False), ("publish@web1.example.gov.cn:/srv/bulletin", True), ("web1:bulletin", True)])
def test_a_target_is_remote_when_a_host_comes_before_a_colon(spec, remote):
    assert is_remote(spec) is remote


def test_publish_settings_are_checked_in_site_yaml(tmp_path):
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-03-01")},
                     SITE_YAML + "publish:\n  target: /srv/x\n  keep: 0\n")
    run = publish(site, tmp_path / "t")
    assert run.code == 1
    assert "site.yaml" in run.err and "publish" in run.err and "keep" in run.err


# --- publishing to a folder -------------------------------------------------------

def test_a_release_holds_exactly_the_build_and_current_points_to_it(tmp_path):
    site, target = site_with(tmp_path), tmp_path / "www"
    run = publish(site, target)
    assert run.code == 0, run.text
    assert os.readlink(target / "current").startswith("releases/")
    assert released_files(live(target)) == built_files(site)
    info = ReleaseInfo.from_json((live(target) / INFO_NAME).read_bytes())
    assert info and (info.issues, info.newest_number, info.newest_date) == (3, 3, "2025-03-03")
    again = publish(site, target)
    assert again.code == 0 and "无需发布" in again.out
    assert len(list((target / "releases").iterdir())) == 1


def test_a_second_release_shares_unchanged_files_and_rollback_restores_the_first_byte_for_byte(tmp_path):
    site, target = site_with(tmp_path), tmp_path / "www"
    assert publish(site, target).code == 0
    first, first_files = live(target), built_files(site)
    edit_issue(site, 2, "第二期改过的文章")
    assert build(site).code == 0
    run = publish(site, target)
    assert run.code == 0, run.text
    second = live(target)
    assert second != first and released_files(second) == built_files(site)
    shared = [f for f in first_files if (first / f).stat().st_ino == (second / f).stat().st_ino]
    assert "static/css/bulletin.css" in shared and "2025/2/index.html" not in shared
    assert "--rollback" in run.out
    listing = publish(site, target, "--list")
    rows = [line for line in listing.out.splitlines() if line.startswith("20")]
    assert [row.split()[0] for row in rows] == [second.name, first.name]  # newest first
    assert "在线" in rows[0] and "在线" not in rows[1] and "第3期（2025-03-03）" in rows[0]

    back = publish(site, target, "--rollback")
    assert back.code == 0, back.text
    assert live(target) == first and released_files(first) == first_files
    none_left = publish(site, target, "--rollback")
    assert none_left.code == 1 and "没有比当前在线版本更早的版本" in none_left.err
    forward = publish(site, target, "--rollback", second.name)
    assert forward.code == 0 and live(target) == second


def test_old_releases_are_pruned_but_not_the_live_one_or_one_a_link_points_to(tmp_path):
    site, target = site_with(tmp_path, extra_yaml="publish:\n  keep: 2\n"), tmp_path / "www"
    names = []
    for round in range(4):
        edit_issue(site, 1, f"第{round}次修改")
        assert build(site).code == 0
        assert publish(site, target).code == 0
        names.append(live(target).name)
        if round == 0:
            os.symlink(f"releases/{names[0]}", target / "keep-this")  # an administrator's own link
    remaining = sorted(p.name for p in (target / "releases").iterdir())
    assert remaining == [names[0], names[2], names[3]]


def test_dry_run_lists_new_changed_and_removed_pages_and_changes_nothing(tmp_path):
    site, target = site_with(tmp_path), tmp_path / "www"
    first = publish(site, target, "--dry-run")
    assert first.code == 0 and "还没有发布过" in first.out and not target.joinpath("current").exists()
    assert publish(site, target).code == 0
    edit_issue(site, 2, "改过")
    (site / "content" / "2025" / "03.md").unlink()
    (site / "content" / "2025" / "04.md").write_text(issue_text(4, "2025-03-20"), encoding="utf-8")
    assert build(site).code == 0
    before = tree_bytes(target)
    run = publish(site, target, "--dry-run")
    assert run.code == 0, run.text
    lines = set(run.out.splitlines())
    assert {"+ 2025/4/index.html", "~ 2025/2/index.html", "- 2025/3/index.html"} <= lines
    assert "~ static/css/bulletin.css" not in lines
    assert tree_bytes(target) == before


# --- refusals -----------------------------------------------------------------------

def test_a_build_older_than_the_content_is_not_published(tmp_path):
    site, target = site_with(tmp_path), tmp_path / "www"
    edit_issue(site, 1, "改了却没有构建")
    run = publish(site, target)
    assert run.code == 1 and "不是当前内容的构建结果" in run.err and "线上网站没有改动" in run.err
    assert not (target / "current").exists()


def test_a_build_with_drafts_is_not_published(tmp_path):
    site, target = site_with(tmp_path), tmp_path / "www"
    (site / "content" / "2025" / "09.md").write_text(issue_text(9, "2025-03-20", draft="true"), encoding="utf-8")
    assert build(site, "--drafts").code == 0
    assert publish(site, target).code == 1


def test_an_unfinished_or_missing_build_is_not_published(tmp_path):
    site, target = site_with(tmp_path), tmp_path / "www"
    (site / "build" / MARKER).write_text("This directory is written by bulletin-gen; every build replaces it.\n")
    run = publish(site, target)
    assert run.code == 1 and "没有完成" in run.err
    shutil.rmtree(site / "build")
    run = publish(site, target)
    assert run.code == 1 and "没有构建好的网站" in run.err


@pytest.mark.parametrize("damage", ["delete", "edit"])
def test_a_build_changed_by_hand_after_building_is_not_published(tmp_path, damage):
    site, target = site_with(tmp_path), tmp_path / "www"
    page = site / "build" / "2025" / "2" / "index.html"
    if damage == "delete":
        page.unlink()
    else:
        page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>hand</p></body>"))
    run = publish(site, target)
    assert run.code == 1 and "被改动或删除（例如 2025/2/index.html）" in run.err, run.text
    assert "Traceback" not in run.text and not (target / "current").exists()
    assert build(site).code == 0  # puts the page back as built
    assert publish(site, target).code == 0
    assert released_files(live(target)) == built_files(site)


def test_what_check_calls_an_error_stops_publishing(tmp_path):
    broken = issue_text(4, "2025-03-20", summary="[一篇不存在的文章]")
    site = site_with(tmp_path)
    (site / "content" / "2025" / "04.md").write_text(broken, encoding="utf-8")
    assert build(site).code == 0  # the build lets it through with a warning; check and publish do not
    run = publish(site, tmp_path / "www")
    assert run.code == 1 and "04.md" in run.err
    assert not (tmp_path / "www" / "current").exists()


def test_a_plain_folder_named_current_is_never_replaced(tmp_path):
    site, target = site_with(tmp_path), tmp_path / "www"
    (target / "current").mkdir(parents=True)
    (target / "current" / "index.html").write_text("the old CMS site")
    run = publish(site, target)
    assert run.code == 1 and "普通文件夹" in run.err
    assert (target / "current" / "index.html").read_text() == "the old CMS site"


def test_a_second_publish_while_one_runs_is_refused_with_who_holds_the_target(tmp_path):
    site, target = site_with(tmp_path), tmp_path / "www"
    target.mkdir()
    with lock.held(target / LOCK_NAME):
        run = publish(site, target)
    assert run.code == 1 and "另一次发布" in run.err and f"pid {os.getpid()}" in run.err
    assert not (target / "current").exists()
    assert publish(site, target).code == 0  # released with the block


def slowed(module: str, function: str, seconds: float) -> str:
    """A script running the real command in a process of its own, with `module.function` made slow."""
    return f"""
import {module}, sys, time
original = {module}.{function}
def slow(*args, **kwargs):
    time.sleep({seconds})
    return original(*args, **kwargs)
{module}.{function} = slow
from bulletin_gen.cli import main
sys.exit(main(sys.argv[1:]))
"""


SLOW_DISK = slowed("shutil", "copy2", 0.05)  # each copied file takes 50 ms more


def test_a_publish_killed_mid_copy_leaves_the_live_site_as_it_was_and_the_next_one_succeeds(tmp_path):
    site, target = site_with(tmp_path, issues=6), tmp_path / "www"
    assert publish(site, target).code == 0
    first = live(target)
    live_before = tree_bytes(first)
    site.joinpath("site.yaml").write_text(SITE_YAML + "description: 每一页都变了\n", encoding="utf-8")
    assert build(site).code == 0
    process = subprocess.Popen([sys.executable, "-c", SLOW_DISK, "publish", "--site", str(site), "--target",
                                str(target)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    incoming = _wait_for_partial_upload(target, process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert live(target) == first and tree_bytes(first) == live_before
    assert os.readlink(target / "current") == f"releases/{first.name}"
    assert incoming.exists(), "the kill came mid-copy, before the release was complete"

    run = publish(site, target)
    assert run.code == 0, run.text  # the killed publish's lock went with it
    assert released_files(live(target)) == built_files(site)
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith(".incoming-")]


def _wait_for_partial_upload(target: Path, process: subprocess.Popen) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        incoming = [p for p in (target / "releases").iterdir() if p.name.startswith(".incoming-")]
        if incoming and sum(1 for p in incoming[0].rglob("*") if p.is_file()) >= 3:
            return incoming[0]
        assert process.poll() is None, process.communicate()
        time.sleep(0.01)
    raise AssertionError("the publish never started copying")


SLOW_DELETE = slowed("os", "unlink", 0.02)  # each file removed takes 20 ms more


def _publish_rounds(site: Path, target: Path, rounds: int) -> list[str]:
    names = []
    for round in range(rounds):
        edit_issue(site, 1, f"第{round}次修改")
        assert build(site).code == 0
        assert publish(site, target).code == 0
        names.append(live(target).name)
    return names


def test_a_publish_killed_while_pruning_leaves_no_half_release_to_roll_back_to(tmp_path):
    site, target = site_with(tmp_path, issues=6), tmp_path / "www"
    names = _publish_rounds(site, target, 3)
    edit_issue(site, 2, "再改一次")
    assert build(site).code == 0
    process = subprocess.Popen([sys.executable, "-c", SLOW_DELETE, "publish", "--site", str(site), "--target",
                                str(target), "--keep", "1"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not [p for p in (target / "releases").iterdir() if p.name.startswith(".deleting-")]:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.005)
    time.sleep(0.05)  # some of its files are gone
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    newest = live(target)
    releases = sorted(p.name for p in (target / "releases").iterdir() if not p.name.startswith("."))
    assert names[0] not in releases, "the release being pruned is out of the releases before any file goes"
    listing = publish(site, target, "--list")
    assert "不完整" not in listing.out and "未完成的上传或删除" in listing.out, listing.text
    back = publish(site, target, "--rollback")
    if back.code == 0:  # there was a complete older release left
        assert released_files(live(target)) and (live(target) / "index.html").is_file()
    else:
        assert "没有比当前在线版本更早的版本" in back.err and live(target) == newest
    assert publish(site, target, "--rollback", newest.name).code == 0
    edit_issue(site, 3, "又一次")
    assert build(site).code == 0
    assert publish(site, target).code == 0
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith((".deleting-", ".incoming-"))]


def test_a_release_missing_files_is_marked_in_the_list_and_never_rolled_back_to(tmp_path):
    site, target = site_with(tmp_path, issues=4), tmp_path / "www"
    first, second = _publish_rounds(site, target, 2)
    damaged = target / "releases" / first
    (damaged / "index.html").unlink()  # as a prune cut short by an older version left it, or a hand
    (damaged / "2025" / "1" / "index.html").write_bytes(b"x")
    listing = publish(site, target, "--list")
    row = next(line for line in listing.out.splitlines() if line.startswith(first))
    assert "不完整" in row
    back = publish(site, target, "--rollback")
    assert back.code == 1 and f"版本 {first} 不完整（2 个文件缺失或大小不对" in back.err, back.text
    assert live(target).name == second
    named = publish(site, target, "--rollback", first)
    assert named.code == 1 and live(target).name == second


def test_after_keep_1_no_rollback_is_offered_to_the_release_just_removed(tmp_path):
    site, target = site_with(tmp_path), tmp_path / "www"
    (first,) = _publish_rounds(site, target, 1)
    edit_issue(site, 2, "改过")
    assert build(site).code == 0
    run = publish(site, target, "--keep", "1")
    assert run.code == 0, run.text
    assert not (target / "releases" / first).exists()
    assert first in run.out  # named as pruned
    assert "--rollback" not in run.out


def test_a_target_that_is_a_file_or_holds_a_releases_file_is_a_message(tmp_path):
    site = site_with(tmp_path)
    (tmp_path / "web.txt").write_text("not a folder", encoding="utf-8")
    run = publish(site, tmp_path / "web.txt")
    assert run.code == 1 and "是一个文件，不是文件夹" in run.err and "Traceback" not in run.text, run.text
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "releases").write_text("someone's file", encoding="utf-8")
    run = publish(site, tmp_path / "www")
    assert run.code == 1 and "releases 是一个文件" in run.err, run.text
    assert (tmp_path / "www" / "releases").read_text(encoding="utf-8") == "someone's file"


def test_a_full_or_read_only_target_is_a_message_and_the_live_site_stays(tmp_path):
    site = site_with(tmp_path, issues=6)
    with small_disk(tmp_path / "tiny", "40k") as tiny:
        run = publish(site, tiny / "www")
        assert run.code == 1 and "磁盘已满" in run.err and "Traceback" not in run.text, run.text
        assert not (tiny / "www" / "current").exists()
        assert not [p for p in (tiny / "www" / "releases").iterdir()], "the cut-short upload is cleared"
    with small_disk(tmp_path / "disk", "4m") as disk:
        assert publish(site, disk / "www").code == 0
        first = live(disk / "www")
        edit_issue(site, 2, "改过")
        assert build(site).code == 0
        make_read_only(disk)
        run = publish(site, disk / "www")
        assert run.code == 1 and "磁盘是只读的" in run.err and "Traceback" not in run.text, run.text
        assert live(disk / "www") == first


def test_a_rollback_on_a_new_target_leaves_nothing_behind(tmp_path):
    site = site_with(tmp_path)
    for extra in ((), ("20261115T020000Z",)):
        run = publish(site, tmp_path / "new", "--rollback", *extra)
        assert run.code == 1 and "Traceback" not in run.text, run.text
        assert not (tmp_path / "new").exists()
    (tmp_path / "empty").mkdir()
    assert publish(site, tmp_path / "empty", "--rollback").code == 1
    assert list((tmp_path / "empty").iterdir()) == []


def test_publish_is_in_the_command_list_and_the_example_site_names_no_target(tmp_path):
    run = run_cli("publish", "--site", str(REPO), "--list")
    assert run.code == 1 and "没有指定发布目标" in run.err
