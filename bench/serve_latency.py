"""Save-to-visible latency of the live preview, as a browser sees it, side by side with `hugo server`.

`python bench/serve_latency.py [--size 1000] [--edits 20]` starts, at once:
- `bulletin serve` on the example site (this repository's content/);
- `bulletin serve` on a SIZE-issue synthetic site (bench/corpus.py);
- `hugo server` on the same synthetic content (Hugo from the peers' virtualenv, see run.py);
opens one issue page of each in headless Debian chromium, then edits the
issue's Markdown file EDITS times, taking the three servers in turn, so the
machine's noise falls on all of them. The latency of one edit is from just
before the file is written to the first frame in which the page shows the new
text, timed by the page itself (the browser's clock is this machine's), whether
the server reloads the page or updates it in place. Reports median and p95 and the ratio to
Hugo, edit by edit.

Needs the test extras (`pip install -e '.[test]'`: Playwright) and
/usr/bin/chromium; never downloads a browser.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
from run import peers_venv  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic"]
PAUSE_SECONDS = 0.6  # between edits: every server is idle again before the next one


@dataclass
class Target:
    name: str
    command: list[str]
    cwd: Path
    source: Path  # the Markdown file edited
    page: str  # the page's path on the server
    port: int = 0
    process: subprocess.Popen | None = None
    original: str = ""
    latencies: list[float] = field(default_factory=list)
    output: list[str] = field(default_factory=list)

    def start(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
        self.process = subprocess.Popen(self.command, cwd=self.cwd, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()
        self.original = self.source.read_text(encoding="utf-8")

    def wait_until_serving(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        raise SystemExit(f"{self.name} did not start:\n{''.join(self.output)[-3000:]}")

    def stop(self) -> None:
        self.source.write_text(self.original, encoding="utf-8")
        if self.process and self.process.poll() is None:
            self.process.send_signal(2)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def example_site(work: Path) -> Path:
    site = work / "example-site"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    for name in ("content", "themes"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    return site


def targets(work: Path, size: int, hugo: Path) -> list[Target]:
    root = work / f"serve-{size}"
    corpus.write(size, root)
    example = example_site(work)
    issue = corpus.issues(size)[size // 2]
    ours_cmd = [sys.executable, "-m", "bulletin_gen", "serve", "--port"]
    example_issue = sorted((example / "content").rglob("*.md"))[-1]
    year, number = example_issue.parent.name, int(example_issue.stem)
    found = [
        Target("ours, example site", [], example, example_issue, f"/{year}/{number}/index.html"),
        Target(f"ours, {size} issues", [], root / "ours",
               root / "ours/content" / str(issue.year) / f"{issue.number:02d}.md",
               f"/{issue.year}/{issue.number}/index.html"),
        Target(f"hugo server, {size} issues", [], root / "hugo", root / "hugo/content/posts" / f"{issue.name}.md",
               f"/posts/{issue.name}/"),
    ]
    for target in found:
        target.port = free_port()
        if target.name.startswith("ours"):
            target.command = [*ours_cmd, str(target.port), "--site", str(target.cwd)]
        else:
            target.command = [str(hugo / "hugo"), "server", "--port", str(target.port), "--bind", "127.0.0.1",
                              "--baseURL", f"http://127.0.0.1:{target.port}/", "--appendPort=false"]
    return found


# Every document watches itself: when the text of the edit the bench is waiting for
# first appears in it (by a reload, or by a server updating the page in place), it
# notes the time of the next frame, in ms since the epoch (the browser's clock is
# this machine's), in sessionStorage, which outlives reloads.
SHOWN_AT_SCRIPT = """(() => {
  const check = () => {
    const token = sessionStorage.getItem('benchToken');
    if (!token || sessionStorage.getItem('benchShown:' + token) || !document.body ||
        !document.body.textContent.includes(token)) return;
    sessionStorage.setItem('benchShown:' + token, 'pending');
    requestAnimationFrame(() => setTimeout(() =>
      sessionStorage.setItem('benchShown:' + token, String(performance.timeOrigin + performance.now()))));
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, characterData: true});
})();"""
_SHOWN = "t => { const v = sessionStorage.getItem('benchShown:' + t); return v && v !== 'pending' ? +v : null; }"
CHECK_SECONDS = 0.05  # only finds out that the page has noted the time; the time is the page's own


def edit_and_wait(target: Target, page, number: int, timeout: float = 30) -> float:
    """Seconds from just before the file is written to the first frame of the page showing the edit."""
    token = f"基准测试第{number}次修改{os.getpid()}"
    page.evaluate("t => sessionStorage.setItem('benchToken', t)", token)
    text = target.original.rstrip("\n") + f"\n\n{token}。\n"
    started = time.time()
    with target.source.open("w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    while True:
        time.sleep(CHECK_SECONDS)
        try:
            shown = page.evaluate(_SHOWN, token)
        except Exception:  # noqa: BLE001 - the page is reloading: ask again
            shown = None
        if shown is not None:
            return shown / 1000 - started
        if time.time() - started > timeout:
            raise SystemExit(f"{target.name}: edit {number} never showed up:\n{''.join(target.output)[-3000:]}")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bulletin-bench"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    hugo = peers_venv(args.work / "peers-venv")
    found = targets(args.work, args.size, hugo)
    try:
        for target in found:
            target.start()
        for target in found:
            target.wait_until_serving()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            pages = []
            for target in found:
                page = browser.new_page()
                page.add_init_script(SHOWN_AT_SCRIPT)
                page.goto(f"http://127.0.0.1:{target.port}{target.page}")
                pages.append(page)
            time.sleep(2)  # every page's livereload.js has connected
            for number in range(args.edits):
                for target, page in zip(found, pages):
                    target.latencies.append(edit_and_wait(target, page, number))
                    time.sleep(PAUSE_SECONDS)
            browser.close()
    finally:
        for target in found:
            target.stop()
    print(report(found, args))


def report(found: list[Target], args: argparse.Namespace) -> str:
    hugo = found[-1].latencies
    lines = [f"{args.edits} edits each, taken in turn; {os.cpu_count()} cores. Save to visible change in the "
             "browser, milliseconds.", "",
             "| server | median | p95 | ours/Hugo (median of per-edit ratios) |", "|---|---|---|---|"]
    for target in found:
        ms = [x * 1000 for x in target.latencies]
        ratio = statistics.median(a / b for a, b in zip(target.latencies, hugo)) if target is not found[-1] else 1
        lines.append(f"| {target.name} | {statistics.median(ms):.0f} | {p95(ms):.0f} | "
                     + (f"{ratio:.2f}× |" if target is not found[-1] else "— |"))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
