"""`bulletin serve` without a browser: what is watched, how rebuilds batch, and what the server will send."""

from __future__ import annotations

import http.client
import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from bulletin_gen.console.report import Reporter
from bulletin_gen.pipeline.builder import BuildOptions
from bulletin_gen.preview.loop import RebuildLoop
from bulletin_gen.preview.server import RELOAD_EVERYTHING, locate, reload_paths
from bulletin_gen.preview.session import PreviewSession, preview_dir
from bulletin_gen.preview.watch import Watcher, WatchSet, matters
from bulletin_gen.write.stage import Written
from tests.previewkit import PreviewProcess, save_atomically
from tests.sitekit import issue_text, make_site, run_cli, soup

SETTLE = 1.0  # long enough for every event of a burst to arrive and be built; never a timing assertion


def small_site(root: Path) -> Path:
    return make_site(root, {
        "2015/39.md": issue_text(39, "2015-12-15"),
        "2015/40.md": issue_text(40, "2015-12-23"),
    })


class Counter:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

        self.files: set[str] = set()  # the content files the changes named
        self.unnamed = 0  # changes that could not name their files

    def __call__(self, settled: bool = False, files: frozenset[str] | None = None) -> None:
        with self.lock:
            self.count += 1
            if files is None:
                self.unnamed += 1
            else:
                self.files |= files


def watched(site: Path) -> WatchSet:
    return WatchSet.of_site(site, site / "content", None, (site / "build",))


def watching(site: Path, on_change) -> Watcher:
    watcher = Watcher(watched(site), on_change)
    watcher.start()
    return watcher


# --- what counts as a change -------------------------------------------------------

@pytest.mark.parametrize("relative, is_directory, expected", [
    ("content/2015/40.md", False, True),
    ("content/2016", True, True),  # a new year folder
    ("site.yaml", False, True),
    ("static/css/bulletin.css", False, True),
    ("templates/issue.html", False, True),
    ("content/2015/.40.md.swp", False, False),  # vim
    ("content/2015/40.md.swp", False, False),
    ("content/2015/40.md~", False, False),  # backups
    ("content/2015/4913", False, False),  # vim's write test
    ("content/2015/.#40.md", False, False),  # Emacs lock
    ("content/2015/#40.md#", False, False),  # Emacs autosave
    ("content/2015/40.md___jb_tmp___", False, False),  # JetBrains safe write
    ("content/2015/.40.md.tmp", False, False),
    ("content/2015/~$40.docx", False, False),  # Word's lock file
    ("content/2015/notes.txt", False, True),  # not an issue file, but an issue may link it as an attachment
    ("content/2015/img/photo.jpg", False, True),  # a picture an issue shows
    ("content/2015/Thumbs.db", False, False),  # what Windows leaves in a folder of pictures
    ("content/.git/index", False, False),
    ("build/index.html", False, False),  # the published output
    ("build", True, False),
    (".bulletin-cache/preview-8000/index.html", False, False),
    ("README.md", False, False),  # beside site.yaml, not content
])
def test_what_counts_as_a_change(tmp_path, relative, is_directory, expected):
    site = tmp_path / "site"
    path = str((site / relative).absolute())
    assert matters("modified" if not is_directory else "created", path, is_directory, watched(site)) is expected


def test_reading_a_file_or_a_folder_changing_its_mtime_is_no_change(tmp_path):
    site = tmp_path / "site"
    issue = str(site / "content/2015/40.md")
    assert not matters("opened", issue, False, watched(site))
    assert not matters("closed_no_write", issue, False, watched(site))
    assert not matters("modified", str(site / "content/2015"), True, watched(site))


def test_scratch_files_trigger_nothing(tmp_path):
    site = small_site(tmp_path / "site")
    counter = Counter()
    watcher = watching(site, counter)
    try:
        folder = site / "content" / "2015"
        for name in (".40.md.swp", "40.md~", "4913", ".#40.md", "#40.md#", "40.md.tmp", "40.md___jb_tmp___"):
            (folder / name).write_text("scratch", encoding="utf-8")
            (folder / name).unlink()
        (site / "build").mkdir()
        (site / "build" / "index.html").write_text("<p>", encoding="utf-8")
        time.sleep(SETTLE)
    finally:
        watcher.stop()
    assert counter.count == 0


@pytest.mark.parametrize("save", ["in place", "rename over", "delete and recreate", "vim backup rename"])
def test_every_way_of_saving_is_seen(tmp_path, save):
    site = small_site(tmp_path / "site")
    issue = site / "content" / "2015" / "40.md"
    counter = Counter()
    watcher = watching(site, counter)
    try:
        text = issue_text(40, "2015-12-23", body="## 改过的标题\n\n新的正文。\n")
        if save == "in place":
            issue.write_text(text, encoding="utf-8")
        elif save == "rename over":
            save_atomically(issue, text)
        elif save == "delete and recreate":
            issue.unlink()
            issue.write_text(text, encoding="utf-8")
        else:
            os.replace(issue, issue.with_name("40.md~"))
            issue.write_text(text, encoding="utf-8")
        time.sleep(SETTLE)
    finally:
        watcher.stop()
    assert counter.count >= 1
    # The rebuild is told which file to look at, so it need not look at the others.
    assert str(issue.absolute()) in counter.files and counter.unnamed == 0


def test_a_new_folder_in_content_makes_the_next_build_look_at_everything(tmp_path):
    site = small_site(tmp_path / "site")
    counter = Counter()
    watcher = watching(site, counter)
    try:
        (site / "content" / "2016").mkdir()
        (site / "content" / "2016" / "01.md").write_text(issue_text(1, "2016-01-05"), encoding="utf-8")
        (site / "site.yaml").write_text((site / "site.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
        time.sleep(SETTLE)
    finally:
        watcher.stop()
    assert counter.unnamed >= 1


def test_polling_sees_a_save_where_change_reports_do_not_arrive(tmp_path):
    site = small_site(tmp_path / "site")
    counter = Counter()
    watcher = Watcher(watched(site), counter, poll=True)
    watcher.start()
    try:
        time.sleep(SETTLE)  # the first look records how things are
        save_atomically(site / "content/2015/40.md", issue_text(40, "2015-12-23", body="## 轮询\n\n正文。\n"))
        deadline = time.monotonic() + 10
        while counter.count == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        watcher.stop()
    assert counter.count >= 1


# --- the rebuild loop --------------------------------------------------------------------

def test_twenty_saves_within_100_ms_make_at_most_two_rebuilds(tmp_path):
    site = small_site(tmp_path / "site")
    issue = site / "content" / "2015" / "40.md"
    counter = Counter()
    rebuilds = RebuildLoop(counter)
    watcher = watching(site, rebuilds.changed)
    rebuilds.start()
    try:
        started = time.monotonic()
        for n in range(20):
            issue.write_text(issue_text(40, "2015-12-23", body=f"## 第{n}次保存\n\n正文。\n"), encoding="utf-8")
            time.sleep(0.004)
        assert time.monotonic() - started < 0.2, "the machine was too busy to make the burst"
        time.sleep(SETTLE)
    finally:
        watcher.stop()
        rebuilds.stop()
    assert 1 <= counter.count <= 2


def _changes_seen_by_one_build(report) -> frozenset[str] | None:
    """What the next build is told, after `report(loop)` has reported a burst of changes to the loop."""
    told: list[frozenset[str] | None] = []
    reported = threading.Event()

    def rebuild(changed: frozenset[str] | None) -> None:
        told.append(changed)
        reported.wait(10)  # the burst arrives while this build runs, so the next one gets all of it

    rebuilds = RebuildLoop(rebuild)
    rebuilds.start()
    try:
        rebuilds.changed(True, frozenset())
        deadline = time.monotonic() + 10
        while not told and time.monotonic() < deadline:
            time.sleep(0.01)
        report(rebuilds)
        reported.set()
        while len(told) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        rebuilds.stop()
    assert told[0] is None and len(told) == 2, told  # the loop's first build always looks at everything
    return told[1]


def test_the_next_build_is_told_every_file_a_burst_named():
    def burst(loop: RebuildLoop) -> None:
        loop.changed(False, frozenset({"/site/content/2015/39.md"}))
        loop.changed(True, frozenset({"/site/content/2015/40.md"}))
    assert _changes_seen_by_one_build(burst) == {"/site/content/2015/39.md", "/site/content/2015/40.md"}


def test_a_change_without_names_or_a_huge_burst_makes_the_next_build_look_at_everything():
    assert _changes_seen_by_one_build(lambda loop: loop.changed(True, None)) is None
    # A git checkout's thousands of changes: the kernel may have dropped some without a word.
    def checkout(loop: RebuildLoop) -> None:
        for n in range(1500):
            loop.changed(False, frozenset({f"/site/content/{n}.md"}))
    assert _changes_seen_by_one_build(checkout) is None


def _session(site: Path, language: str = "zh-CN") -> PreviewSession:
    options = BuildOptions(site_dir=site, output_dir=preview_dir(site, 0), drafts=True, versioned_assets=False)
    return PreviewSession(options, Reporter(language), lambda: language)


def test_a_change_made_during_a_build_is_not_lost(tmp_path):
    site = small_site(tmp_path / "site")
    issue = site / "content" / "2015" / "40.md"
    session = _session(site)
    session.build()
    builds: list[bool] = []

    def rebuild(changed: frozenset[str] | None) -> None:
        outcome = session.build(changed)  # as bulletin serve does: only the files the watcher named
        builds.append(outcome.result is not None)
        if len(builds) == 1:  # the editor saves again while the first rebuild is still running
            issue.write_text(issue_text(40, "2015-12-23", body="## 第二次保存\n\n最后的正文。\n"),
                             encoding="utf-8")

    rebuilds = RebuildLoop(rebuild)
    watcher = Watcher(session.watch_set(), rebuilds.changed)
    watcher.start()
    rebuilds.start()
    try:
        issue.write_text(issue_text(40, "2015-12-23", body="## 第一次保存\n\n正文。\n"), encoding="utf-8")
        deadline = time.monotonic() + 10
        while len(builds) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(SETTLE)
    finally:
        watcher.stop()
        rebuilds.stop()
        session.close()
    page = soup(preview_dir(site, 0) / "2015" / "40" / "index.html")
    assert "第二次保存" in page.select_one("main").get_text()
    assert all(builds)


def test_a_failed_build_keeps_the_last_good_pages_and_says_where(tmp_path):
    site = small_site(tmp_path / "site")
    session = _session(site)
    try:
        assert session.build().result is not None
        page = preview_dir(site, 0) / "2015" / "40" / "index.html"
        before = page.read_bytes()
        (site / "content/2015/40.md").write_text("---\nissue: 40\ndate: [2015\n---\n正文\n", encoding="utf-8")
        outcome = session.build()
        status = session.report(outcome)
        assert outcome.result is None and not status.ok
        assert any(line.startswith("content/2015/40.md:3:") for line in status.lines), status.lines
        assert page.read_bytes() == before
        assert session.reload_paths(outcome) == []
    finally:
        session.close()


def test_the_overlay_speaks_the_site_language(tmp_path):
    site = small_site(tmp_path / "site")
    (site / "content/2015/40.md").write_text("---\nissue: 40\ndate: [2015\n---\n正文\n", encoding="utf-8")
    session = _session(site, "en")
    try:
        status = session.report(session.build())
    finally:
        session.close()
    assert status.title.startswith("The build failed")
    assert any(line.startswith("content/2015/40.md:3: error:") for line in status.lines), status.lines
    assert status.lines[-1].startswith("build failed: 1 errors")


# --- what open pages are told ----------------------------------------------------------------

def test_open_pages_hear_of_the_stylesheet_alone_when_only_it_changed():
    assert reload_paths(Written(("static/css/bulletin.css",), (), whole=False)) == ["/static/css/bulletin.css"]


def test_open_pages_hear_of_every_changed_page_and_stylesheets_first():
    written = Written(("2015/40/index.html", "static/css/bulletin.css", "feed.xml"), ("2015/41/index.html",),
                      whole=False)
    assert reload_paths(written) == ["/static/css/bulletin.css", "/2015/40/index.html", "/feed.xml",
                                     "/2015/41/index.html"]


def test_a_whole_new_site_reloads_every_page():
    assert reload_paths(Written(("index.html",), (), whole=True)) == [RELOAD_EVERYTHING]
    assert reload_paths(Written(tuple(f"{n}/index.html" for n in range(200)), (), whole=False)) == [RELOAD_EVERYTHING]


# --- serving ---------------------------------------------------------------------------------

def test_locate_stays_inside_the_preview(tmp_path):
    root = tmp_path / "preview"
    (root / "2015" / "40").mkdir(parents=True)
    (root / "2015" / "40" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", root / "link.txt")
    assert locate(root, "2015/40/").file == root / "2015" / "40" / "index.html"
    assert locate(root, "2015/40").add_slash
    for path in ("../secret.txt", "2015/../../secret.txt", "..\\secret.txt", "link.txt", "/etc/passwd",
                 "C:/Windows/win.ini", ".bulletin-gen", "2015/40/index.html\0"):
        assert locate(root, path).file is None, path


def raw_get(url: str, path: str) -> tuple[int, bytes]:
    """A request sent exactly as written: no client normalises its dots or slashes."""
    status, _, body = raw_request(url, path)
    return status, body


def raw_request(url: str, path: str, host: str | None = None, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """GET `path` with the Host header given (the preview's own by default) and any other headers."""
    address, port = url.split("//")[1].rstrip("/").split(":")
    headers = {"Host": host or f"{address}:{port}", "Connection": "close", **headers}
    lines = [f"GET {path} HTTP/1.1", *(f"{name.replace('_', '-')}: {value}" for name, value in headers.items())]
    with socket.create_connection((address, int(port)), timeout=10) as conn:
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
        data = b""
        while not _complete(data) and (chunk := conn.recv(65536)):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    found = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in header_lines)}
    return int(status_line.split()[1]), found, body


def _complete(response: bytes) -> bool:
    """A whole response, where a connection asked to upgrade may stay open after it."""
    head, found, body = response.partition(b"\r\n\r\n")
    if not found:
        return False
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return head.startswith(b"HTTP/1.1 101") or (length is not None and len(body) >= int(length[1]))


@pytest.fixture
def served(tmp_path):
    site = small_site(tmp_path / "site")
    (site / "static" / "文件").mkdir(parents=True)
    (site / "static" / "文件" / "说明.txt").write_text("中文路径的文件", encoding="utf-8")
    before = {p: p.read_bytes() for p in (site / "content").rglob("*")if p.is_file()}
    preview = PreviewProcess(site)
    yield preview
    preview.stop()
    after = {p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file()}
    assert after == before, "the preview never writes into the content folder"
    assert not (site / "build").exists(), "the preview never writes build/"


@pytest.mark.parametrize("path", [
    "/../site.yaml", "/%2e%2e/site.yaml", "/%2E%2E/%2e%2e/site.yaml", "/..%2fsite.yaml", "/..%5csite.yaml",
    "/%5c..%5csite.yaml", "/static/..%5c..%5c..%5csite.yaml", "//etc/passwd", "/%2Fetc%2Fpasswd",
    "/C:%5CWindows%5Cwin.ini", "/C:/Windows/win.ini", "/.bulletin-gen", "/2015/40/index.html%00",
])
def test_requests_outside_the_preview_get_404(served, path):
    status, body = raw_get(served.url, path)
    assert status == 404, path
    assert b"issue:" not in body and b"root:" not in body


def test_pages_and_chinese_paths_are_served(served):
    status, body = raw_get(served.url, "/2015/40/index.html")
    assert status == 200 and "第40期".encode() in body
    assert b"/livereload.js" in body and b"/__bulletin__/client.js" in body
    status, body = raw_get(served.url, "/static/%E6%96%87%E4%BB%B6/%E8%AF%B4%E6%98%8E.txt")
    assert status == 200 and body.decode("utf-8") == "中文路径的文件"
    status, _ = raw_get(served.url, "/2015/40")
    assert status in (301, 302)
    status, body = raw_get(served.url, "/2015/99/index.html")
    assert status == 404 and b"/livereload.js" in body  # a missing page still shows the overlay


def test_the_preview_listens_on_this_computer_only_by_default(served):
    assert served.url.startswith("http://127.0.0.1:")
    port = int(served.url.rstrip("/").rsplit(":", 1)[1])
    other = _other_address()
    if other is not None:
        with pytest.raises(OSError):
            socket.create_connection((other, port), timeout=2).close()


def _other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET: nothing is sent
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def test_a_host_other_than_loopback_warns(tmp_path):
    site = small_site(tmp_path / "site")
    preview = PreviewProcess(site, "--host", "0.0.0.0")
    try:
        preview.wait_for_text("其他计算机也能看到")
    finally:
        preview.stop()


def test_a_busy_port_is_a_clear_message_not_a_traceback(tmp_path):
    site = small_site(tmp_path / "site")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--site", str(site), "--port", str(port))
    assert result.code == 1
    assert f"无法在 127.0.0.1:{port} 上启动预览" in result.text and "--port" in result.text
    assert "Traceback" not in result.text
    assert not (site / ".bulletin-cache" / f"preview-{port}").exists()


def test_a_folder_without_site_yaml_is_refused(tmp_path):
    result = run_cli("serve", "--site", str(tmp_path), "--port", "0")
    assert result.code == 1
    assert "site.yaml" in result.text and "Traceback" not in result.text


def test_ctrl_c_stops_cleanly(tmp_path):
    site = small_site(tmp_path / "site")
    preview = PreviewProcess(site)
    status, _ = raw_get(preview.url, "/index.html")
    assert status == 200
    assert preview.stop() == 0
    assert "Traceback" not in preview.text
    assert "预览已停止" in preview.text
    leftovers = [p.name for p in (site / ".bulletin-cache").iterdir() if p.is_dir() and p.name != "templates"]
    assert leftovers == [], "no staging folders, and no preview folder for a port that was picked at random"


def test_a_broken_site_yaml_at_start_still_serves_and_recovers(tmp_path):
    site = small_site(tmp_path / "site")
    good = (site / "site.yaml").read_text(encoding="utf-8")
    (site / "site.yaml").write_text(good + "per_page: [\n", encoding="utf-8")
    preview = PreviewProcess(site)
    try:
        preview.wait_for_text("site.yaml:")
        conn = http.client.HTTPConnection(preview.url.split("//")[1].rstrip("/"), timeout=10)
        conn.request("GET", "/__bulletin__/status")
        status = conn.getresponse().read().decode("utf-8")
        assert '"ok": false' in status and re.search(r"site\.yaml:\d+: 错误", status)
        (site / "site.yaml").write_text(good, encoding="utf-8")
        preview.wait_for_output("已更新")
        # The terminal line is printed just before the pages' status is set: poll, briefly.
        deadline = time.monotonic() + 10
        while True:
            conn.request("GET", "/__bulletin__/status")
            status = conn.getresponse().read().decode("utf-8")
            if '"ok": true' in status or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert '"ok": true' in status
    finally:
        preview.stop()


# --- only the preview's own pages --------------------------------------------------------

WEBSOCKET = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec_WebSocket_Version": "13",
             "Sec_WebSocket_Key": "dGhlIHNhbXBsZSBub25jZQ=="}


def test_a_page_under_another_host_name_is_refused_as_in_dns_rebinding(served):
    port = served.url.rstrip("/").rsplit(":", 1)[1]
    for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1.attacker.example:{port}",
                 f"localhost:{int(port) + 1}"):
        for path in ("/", "/2015/40/index.html", "/__bulletin__/status", "/livereload.js", "/__bulletin__/client.js"):
            status, _, body = raw_request(served.url, path, host)
            assert status == 403 and "第40期".encode() not in body, (host, path)
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert raw_request(served.url, "/2015/40/index.html", host)[0] == 200, host


def test_the_reload_socket_takes_only_the_previews_own_pages(served):
    port = served.url.rstrip("/").rsplit(":", 1)[1]
    own = f"127.0.0.1:{port}"
    assert raw_request(served.url, "/livereload", own, Origin=f"http://{own}", **WEBSOCKET)[0] == 101
    assert raw_request(served.url, "/livereload", own, Origin=f"http://localhost:{port}", **WEBSOCKET)[0] == 101
    forged = f"attacker.example:{port}"
    assert raw_request(served.url, "/livereload", forged, Origin=f"http://{forged}", **WEBSOCKET)[0] == 403
    assert raw_request(served.url, "/livereload", own, Origin="http://attacker.example", **WEBSOCKET)[0] == 403
    assert raw_request(served.url, "/livereload", own, Origin="null", **WEBSOCKET)[0] == 403


def test_a_folder_asked_for_with_two_slashes_is_redirected_within_the_preview(served):
    status, headers, _ = raw_request(served.url, "//2015/40")
    assert status in (301, 302) and headers["location"] == "/2015/40/"
    status, headers, _ = raw_request(served.url, "/2015/40?x=1")
    assert status in (301, 302) and headers["location"] == "/2015/40/?x=1"


def test_an_unreadable_socket_message_is_one_line_not_a_traceback(served):
    port = served.url.rstrip("/").rsplit(":", 1)[1]
    own = f"127.0.0.1:{port}"
    with socket.create_connection(("127.0.0.1", int(port)), timeout=10) as conn:
        request = [f"GET /livereload HTTP/1.1", f"Host: {own}", f"Origin: http://{own}",
                   *(f"{k.replace('_', '-')}: {v}" for k, v in WEBSOCKET.items())]
        conn.sendall(("\r\n".join(request) + "\r\n\r\n").encode("ascii"))
        assert conn.recv(4096).startswith(b"HTTP/1.1 101")
        for payload in (b"not json at all", b'["a", "list"]', b'{"command": 3}'):
            conn.sendall(_masked_text_frame(payload))
        served.wait_for_text("看不懂的消息")
        time.sleep(0.3)
    assert "Traceback" not in served.text
    assert served.text.count("看不懂的消息") >= 1


def _masked_text_frame(payload: bytes) -> bytes:
    mask = b"\x01\x02\x03\x04"
    masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
    return bytes([0x81, 0x80 | len(payload)]) + mask + masked
