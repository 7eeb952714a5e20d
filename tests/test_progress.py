"""The build's progress bar: on a terminal after a second of work, never in logs or pipes."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from bulletin_gen.console.progress import TerminalProgress, wanted
from tests.sitekit import issue_text, make_site


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_nothing_is_drawn_during_the_first_second():
    out, clock = Terminal(), Clock()
    progress = TerminalProgress(out, "zh-CN", clock)
    progress.start("parse", 100)
    clock.now = 0.9
    progress.advance(50)
    progress.finish()
    assert out.getvalue() == ""


def test_a_long_build_shows_each_stage_then_clears_the_line():
    out, clock = Terminal(), Clock()
    progress = TerminalProgress(out, "zh-CN", clock)
    progress.start("parse", 100)
    clock.now = 1.5
    progress.advance(50)
    assert out.getvalue().endswith("\r读取期次 [" + "#" * 15 + "-" * 15 + "] 50/100")
    clock.now = 1.55  # too soon for another redraw, but finishing a stage always shows
    progress.advance(50)
    assert out.getvalue().endswith("] 100/100")
    clock.now = 2.0
    progress.start("render", 10)
    assert out.getvalue().rstrip(" ").endswith("\r生成页面 [" + "-" * 30 + "] 0/10"), "padded over the longer line"
    progress.finish()
    assert out.getvalue().endswith("\r")
    last = out.getvalue().rsplit("\r", 2)[-2]
    assert last.strip() == "" and len(last) >= len("生成页面 [" + "-" * 30 + "] 0/10") + 4


def test_only_a_person_at_a_terminal_gets_a_bar():
    assert wanted(Terminal(), {"TERM": "xterm"})
    assert not wanted(io.StringIO(), {"TERM": "xterm"}), "a pipe or a file"
    assert not wanted(Terminal(), {"TERM": "xterm", "CI": "true"}), "a CI log"
    assert not wanted(Terminal(), {"TERM": "dumb"})


def test_a_build_into_a_pipe_prints_no_bar_and_one_summary_line(tmp_path):
    issues = {f"2024/{n:02d}.md": issue_text(n, f"2024-01-{n:02d}") for n in range(1, 21)}
    site = make_site(tmp_path / "site", issues)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    done = subprocess.run([sys.executable, "-m", "bulletin_gen", "build", "--site", str(site)],
                          capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stdout + done.stderr
    assert done.stdout.startswith("构建完成：20 期，") and done.stdout.count("\n") == 1
