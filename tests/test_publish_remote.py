"""`bulletin publish` to [user@]host:/path: the real ssh, a real sshd on 127.0.0.1, the real rsync.

Not tested here: a server other than this Debian one (its flock, mv -T and
rsync are the ones the docs ask for), and a publish killed mid-rsync (the
folder target's kill test covers the release layout; the ssh lock's release
on a dead publisher is tested below by a refused and then allowed publish).
"""

from __future__ import annotations

import os

import pytest

from bulletin_gen.base import filelock as lock
from bulletin_gen.publish.releases import LOCK_NAME
from tests.nginxkit import free_port
from tests.sitekit import build, run_cli
from tests.sshkit import sshd
from tests.test_publish import built_files, edit_issue, live, released_files, site_with


@pytest.fixture(scope="module")
def server():
    with sshd() as running:
        yield running


def publish(site, server, target, *extra):
    return run_cli("publish", "--site", str(site), "--target", server.target(target), "--ssh", server.ssh, *extra)


def _bytes_sent(out: str) -> int:
    return int(out.split("传输 ")[1].split(" 字节")[0])


def test_an_rsync_release_links_unchanged_files_sends_only_changes_and_rolls_back(tmp_path, server):
    site, target = site_with(tmp_path, issues=8), tmp_path / "remote"
    first_run = publish(site, server, target)
    assert first_run.code == 0, first_run.text
    first, first_files = live(target), built_files(site)
    assert released_files(first) == first_files

    edit_issue(site, 8, "第八期改过的文章")
    assert build(site).code == 0
    dry = publish(site, server, target, "--dry-run")
    assert dry.code == 0, dry.text
    assert "~ 2025/8/index.html" in dry.out.splitlines() and "~ static/css/bulletin.css" not in dry.out
    second_run = publish(site, server, target)
    assert second_run.code == 0, second_run.text
    second = live(target)
    assert second != first and released_files(second) == built_files(site)
    assert (first / "static/css/bulletin.css").stat().st_ino == (second / "static/css/bulletin.css").stat().st_ino
    assert (first / "2025/8/index.html").stat().st_ino != (second / "2025/8/index.html").stat().st_ino
    assert _bytes_sent(second_run.out) < _bytes_sent(first_run.out) / 2

    listing = publish(site, server, target, "--list")
    assert listing.code == 0 and second.name in listing.out and first.name in listing.out
    back = publish(site, server, target, "--rollback")
    assert back.code == 0, back.text
    assert live(target) == first and released_files(first) == first_files
    assert os.readlink(target / "current") == f"releases/{first.name}"


def test_an_rsync_publish_waits_for_no_one_and_names_the_holder_of_the_lock(tmp_path, server):
    site, target = site_with(tmp_path), tmp_path / "remote"
    target.mkdir()
    with lock.held(target / LOCK_NAME):  # the same flock the server-side script takes
        refused = publish(site, server, target)
    assert refused.code == 1 and "另一次发布" in refused.err and f"pid {os.getpid()}" in refused.err
    assert not (target / "current").exists()
    assert publish(site, server, target).code == 0


def test_an_unreachable_server_is_a_clear_message_not_a_traceback(tmp_path):
    site = site_with(tmp_path)
    closed = f"ssh -o BatchMode=yes -o ConnectTimeout=5 -p {free_port()}"  # nothing listens there
    run = run_cli("publish", "--site", str(site), "--target", "publish@127.0.0.1:/srv/x", "--ssh", closed)
    assert run.code == 1 and "无法通过 ssh 连接 publish@127.0.0.1:/srv/x" in run.err and "refused" in run.err


def test_an_incomplete_release_on_the_server_is_never_rolled_back_to(tmp_path, server):
    site, target = site_with(tmp_path, issues=3), tmp_path / "remote"
    assert publish(site, server, target).code == 0
    first = live(target)
    edit_issue(site, 2, "改过的文章")
    assert build(site).code == 0
    assert publish(site, server, target).code == 0
    second = live(target)
    (first / "index.html").unlink()
    listing = publish(site, server, target, "--list")
    assert "不完整" in next(line for line in listing.out.splitlines() if line.startswith(first.name))
    back = publish(site, server, target, "--rollback")
    assert back.code == 1 and f"版本 {first.name} 不完整" in back.err, back.text
    assert live(target) == second
