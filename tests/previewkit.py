"""A real `bulletin serve` process on a tmp site, for the live-preview tests."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.sitekit import REPO

URL_LINE = re.compile(r"(http://[^\s]+/)")


class PreviewProcess:
    """`bulletin serve --port 0` on `site`; `.url` once it serves, `.stop()` ends it like Ctrl-C does."""

    def __init__(self, site: Path, *extra: str):
        env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONUTF8="1", PYTHONPATH=str(REPO))
        self.site = site
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bulletin_gen", "serve", "--site", str(site), "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=site, text=True, encoding="utf-8")
        self.lines: queue.Queue[str] = queue.Queue()
        self.out: list[str] = []
        self.err: list[str] = []
        self.readers = [threading.Thread(target=self._collect, args=(stream, sink), daemon=True)
                        for stream, sink in ((self.process.stdout, self.out), (self.process.stderr, self.err))]
        for reader in self.readers:
            reader.start()
        self.url = self._wait_for_url()

    def _collect(self, stream, sink: list[str]) -> None:
        for line in stream:
            sink.append(line)
            self.lines.put(line)

    def _wait_for_url(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            match = URL_LINE.search(line)
            if match:
                return match.group(1)
        self.stop()
        raise AssertionError(f"bulletin serve did not start:\n{''.join(self.out)}{''.join(self.err)}")

    def wait_for_output(self, pattern: str, timeout: float = 20) -> str:
        """The first line from now on that matches `pattern`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no output matching {pattern!r}:\n{''.join(self.out)}{''.join(self.err)}")

    def wait_for_text(self, text: str, timeout: float = 20) -> None:
        """Until `text` has appeared anywhere in the output so far (stdout and stderr arrive separately)."""
        deadline = time.monotonic() + timeout
        while text not in self.text:
            if time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} in the output:\n{self.text}")
            time.sleep(0.05)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for reader in self.readers:  # everything it printed has been read
            reader.join(timeout=10)
        return self.process.returncode

    @property
    def text(self) -> str:
        return "".join(self.out) + "".join(self.err)


def save_atomically(path: Path, text: str) -> None:
    """What vim, VS Code and JetBrains do: write a temporary file beside it, then rename it over."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
