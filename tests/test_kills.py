"""Builds killed with kill -9 at random moments, and two builds at once.

The promise (write/output.py, README): after a kill the output is the previous
build or the new one, byte for byte, or it is marked unfinished, publish
refuses it, and the next build makes it the clean build of the content.
Nothing a killed build started outlives it: not its workers, not its
staging folders.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from bulletin_gen.base import filelock
from bulletin_gen.write import output
from tests.sitekit import REPO, SITE_YAML, build, issue_text, make_site, run_cli, tree_bytes

ISSUES = 240
ROUNDS = 20


def _site(root: Path) -> Path:
    texts = {}
    for n in range(ISSUES):
        year, number = 2010 + n // 24, n % 24 + 1
        date = f"{year}-{(number + 1) // 2:02d}-{1 + 14 * (number % 2 == 0):02d}"
        body = f"## 第{n}篇\n\n" + "正文。" * 60 + "\n（组织一科 供稿）\n"
        texts[f"{year}/{number:02d}.md"] = issue_text(number, date, body=body)
    return make_site(root, texts)


def _edit(site: Path, round: int) -> None:
    """An edit every page shows (the site's description), or one issue's text."""
    if round % 2 == 0:  # also a calibration's round -2
        (site / "site.yaml").write_text(SITE_YAML + f"description: 第{round}轮\n", encoding="utf-8")
    else:
        path = site / "content" / "2012" / "05.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n第{round}轮加的一段。\n", encoding="utf-8")


def _clean_tree(site: Path, where: Path) -> dict[str, bytes]:
    run = run_cli("build", "--site", str(site), "--output", str(where), "--no-cache")
    assert run.code == 0, run.text
    return tree_bytes(where)


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(child) for child in task.read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


# The real command, on a disk made slow to rename: each file moved into the output takes 3 ms
# more, so that kills land while files move in, not only before or after.
SLOW_MOVES = """
import os, sys, time
from bulletin_gen.write import output
replace = os.replace
def slow_replace(*args, **kwargs):
    time.sleep(0.003)
    return replace(*args, **kwargs)
output.os = type(sys)("slow_os")
output.os.__dict__.update(os.__dict__)
output.os.replace = slow_replace
from bulletin_gen.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _start_build(site: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SLOW_MOVES, "build", "--site", str(site), "--jobs", "2"],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, PYTHONPATH=str(REPO)))


def _duration_of_a_build(site: Path, round: int) -> float:
    """How long a whole `bulletin build` process takes after this kind of edit, on this machine now."""
    _edit(site, round)
    started = time.monotonic()
    assert _start_build(site).wait() == 0
    return time.monotonic() - started


def test_a_build_killed_at_any_moment_leaves_old_new_or_unfinished_and_the_next_build_repairs_it(tmp_path):
    site = _site(tmp_path / "site")
    assert build(site).code == 0
    durations = [_duration_of_a_build(site, -2), _duration_of_a_build(site, -1)]  # every page; one issue
    moments = random.Random(20261202)
    outcomes = {"previous": 0, "new": 0, "unfinished": 0}
    for round in range(ROUNDS):
        previous = tree_bytes(site / "build")
        _edit(site, round)
        expected = _clean_tree(site, tmp_path / f"clean-{round}")
        process = _start_build(site)
        deadline = time.monotonic() + durations[round % 2] * moments.uniform(0.1, 1.05)
        workers: set[int] = set()
        while time.monotonic() < deadline and process.poll() is None:
            workers |= _children(process.pid)
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        stop_waiting = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < stop_waiting:
            time.sleep(0.05)
        assert not any(map(_alive, workers)), "a killed build's workers end with it"

        now = tree_bytes(site / "build")
        if now == previous:
            outcomes["previous"] += 1
        elif now == expected:
            outcomes["new"] += 1
        else:
            assert output.build_key(site / "build") is None, "a mixed output must be marked unfinished"
            refused = run_cli("publish", "--site", str(site), "--target", str(tmp_path / "www"))
            assert refused.code == 1 and "构建没有完成" in refused.err, refused.text
            outcomes["unfinished"] += 1
        assert build(site).code == 0
        assert tree_bytes(site / "build") == expected, f"round {round}: the next build repairs the output"
        assert not [p for p in site.iterdir() if p.name.startswith((".build-new-", ".build-old-"))]
    print(f"killed builds: {ROUNDS}, output left as {outcomes}")


def test_staging_folders_a_killed_build_left_are_cleared_by_the_next(tmp_path):
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-01-08")})
    assert build(site).code == 0
    for name in (".build-new-k1ll3d", ".build-old-k1ll3d"):
        (site / name / "2025").mkdir(parents=True)
        (site / name / "2025" / "page.html").write_text("half", encoding="utf-8")
    (site / ".build-new-notes.txt").write_text("a file of someone's, not a folder of ours", encoding="utf-8")
    assert build(site).code == 0
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".build")) == [".build-new-notes.txt",
                                                                                     ".build.lock"]


def test_a_second_build_of_the_same_output_says_another_is_running(tmp_path):
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-01-08")})
    assert build(site).code == 0
    before = tree_bytes(site / "build")
    with filelock.held(site / ".build.lock"):
        run = build(site)
    assert run.code == 1 and "另一次构建正在写" in run.err and f"pid {os.getpid()}" in run.err, run.text
    assert tree_bytes(site / "build") == before
    assert build(site).code == 0


def test_a_new_site_ignores_what_a_killed_build_leaves(tmp_path):
    run = run_cli("init", str(tmp_path / "新站"))
    assert run.code == 0, run.text
    ignored = (tmp_path / "新站" / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {".build-new-*/", ".build-old-*/", ".build.lock"} <= set(ignored)


def test_a_build_killed_while_it_replaces_the_marker_leaves_nothing_in_the_output(tmp_path, monkeypatch):
    """The marker's temporary file is written beside the output: a kill between writing it and
    renaming it over the marker (a window the slow-disk kill test once hit) leaves no stray file."""
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-01-08")})
    assert build(site).code == 0
    before = tree_bytes(site / "build")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # as far as this build goes, the process ends here

    (site / "content/2025/01.md").write_text(issue_text(1, "2025-01-08", "## 改过\n\n正文。\n"), encoding="utf-8")
    monkeypatch.setattr(output.os, "replace", killed)
    try:
        build(site)
    except KeyboardInterrupt:
        pass
    monkeypatch.undo()
    assert set(tree_bytes(site / "build")) == set(before), "nothing new inside the output"
    assert build(site).code == 0
    assert not [p for p in site.iterdir() if p.name.startswith(".build-marker-")], "the next build clears it"
