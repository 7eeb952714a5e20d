"""The shipped deploy/nginx.conf in front of a publish target: headers, a swap under load, rollback, the CSP.

A real nginx serves the target's `current` link at /zgxx/, configured by
the file offices are told to install, changed only where it says EDIT.
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from tests.browser import chromium
from tests.nginxkit import deployed_nginx
from tests.qualitykit import SUB_PATH_URL
from tests.sitekit import REPO, SITE_YAML, build, issue_text, make_site, run_cli, tree_bytes

PAGES_PER_ISSUE_SITE = 12


@pytest.fixture
def target():
    """A target folder nginx's workers (nobody, when tests run as root) can read."""
    folder = Path(tempfile.mkdtemp(prefix="bulletin-target-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def marked_site(root: Path, marker: str) -> Path:
    """A site whose every page carries `marker` in its footer, to tell releases apart."""
    texts = {f"2025/{n:02d}.md": issue_text(n, f"2025-04-{n:02d}") for n in range(1, PAGES_PER_ISSUE_SITE + 1)}
    site = make_site(root, texts, SITE_YAML + f"footer:\n  tech_support: {marker}\n")
    assert build(site).code == 0
    return site


def remark(site: Path, marker: str) -> None:
    (site / "site.yaml").write_text(SITE_YAML + f"footer:\n  tech_support: {marker}\n", encoding="utf-8")
    assert build(site).code == 0


def publish(site: Path, target: Path, *extra: str):
    run = run_cli("publish", "--site", str(site), "--target", str(target), *extra)
    assert run.code == 0, run.text
    return run


def html_paths(build_dir: Path) -> list[str]:
    return sorted(p.relative_to(build_dir).as_posix() for p in build_dir.rglob("*.html") if p.name != "404.html")


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_server_block_sends_charset_gzip_cache_and_security_headers(tmp_path, target):
    site = marked_site(tmp_path / "site", "R1")
    publish(site, target)
    with deployed_nginx(target) as base:
        status, headers, body = fetch(base)
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Cache-Control"] == "no-cache"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        status, headers, zipped = fetch(base, **{"Accept-Encoding": "gzip"})
        assert headers.get("Content-Encoding") == "gzip" and gzip.decompress(zipped) == body

        stylesheet = fetch(base + "static/css/bulletin.css?v=0123abcd")
        assert stylesheet[0] == 200 and stylesheet[1]["Content-Type"] == "text/css; charset=utf-8"
        assert stylesheet[1]["Cache-Control"] == "public, max-age=31536000, immutable"
        assert fetch(base + "static/css/bulletin.css")[1]["Cache-Control"] == "public, max-age=3600"
        assert "default-src 'none'" in stylesheet[1]["Content-Security-Policy"]

        missing = fetch(base + "2031/99/index.html")
        assert missing[0] == 404 and "R1".encode() in missing[2] and b"<html" in missing[2]
        assert "Content-Security-Policy" in missing[1]
        listing = fetch(base + "static/css/")  # a folder without index.html
        assert listing[0] == 404 and b"Index of" not in listing[2]
        assert fetch(base + ".bulletin-release.json")[0] == 404
        assert fetch(base.rstrip("/"))[0] == 200  # /zgxx is sent on to /zgxx/
        assert fetch(base + "feed.xml")[1]["Content-Type"] == "text/xml; charset=utf-8"


def test_publishing_under_load_serves_every_page_whole_from_one_release_and_rollback_restores_the_first(
        tmp_path, target):
    site = marked_site(tmp_path / "site", "发布标记R1")
    publish(site, target)
    paths = html_paths(site / "build")
    release_1 = {p: (site / "build" / p).read_bytes() for p in paths}
    remark(site, "发布标记R2")
    release_2 = {p: (site / "build" / p).read_bytes() for p in paths}
    assert all(release_1[p] != release_2[p] for p in paths)

    seen: Counter[str] = Counter()
    failures: list[str] = []
    stop = threading.Event()

    def reader(offset: int, base: str) -> None:
        index = offset
        while not stop.is_set():
            path = paths[index % len(paths)]
            index += 1
            try:
                status, _, body = fetch(base + path)
            except OSError as error:
                failures.append(f"{path}: {error}")
                continue
            if status != 200:
                failures.append(f"{path}: HTTP {status}")
            elif body == release_1[path]:
                seen["1"] += 1
            elif body == release_2[path]:
                seen["2"] += 1
            else:
                failures.append(f"{path}: belongs wholly to neither release")

    with deployed_nginx(target) as base:
        readers = [threading.Thread(target=reader, args=(n * 7, base)) for n in range(4)]
        for thread in readers:
            thread.start()
        time.sleep(0.5)
        during = sum(seen.values())
        publish(site, target)
        published_at = sum(seen.values())
        time.sleep(0.5)
        stop.set()
        for thread in readers:
            thread.join(timeout=30)
        print(f"\nSWAP: {sum(seen.values())} pages served ({seen['1']} release 1, {seen['2']} release 2), "
              f"{published_at - during} of them during the publish, {len(failures)} failures")
        assert failures == []
        assert seen["1"] > 0 and seen["2"] > 0 and published_at > during
        after = {p: fetch(base + p)[2] for p in paths}
        assert after == release_2

        run_cli("publish", "--site", str(site), "--target", str(target), "--rollback")
        assert {p: fetch(base + p)[2] for p in paths} == release_1
    live = target / "releases" / os.readlink(target / "current").split("/")[-1]
    assert {p: b for p, b in tree_bytes(live).items() if p in release_1} == release_1


def test_the_content_security_policy_blocks_nothing_on_any_page_of_the_example_site(tmp_path, target):
    site = tmp_path / "example"
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns("build", ".venv", ".git", "__pycache__", "tests", ".*"))
    (site / "site.yaml").write_text((site / "site.yaml").read_text(encoding="utf-8") + f"\npublish: {target}\n",
                                    encoding="utf-8")
    assert SUB_PATH_URL in (site / "site.yaml").read_text(encoding="utf-8")
    assert build(site).code == 0
    run = run_cli("publish", "--site", str(site))
    assert run.code == 0, run.text
    paths = html_paths(site / "build")
    problems: list[str] = []
    with deployed_nginx(target) as base, chromium() as browser:
        page = browser.new_page()
        failed_loads: list[str] = []
        page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
                if message.type in ("error", "warning") and "Failed to load resource" not in message.text else None)
        page.on("response", lambda response: failed_loads.append(response.url) if response.status >= 400 else None)
        page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                             "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));")
        for path in paths:
            response = page.goto(base + path)
            assert response and response.status == 200, path
            assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
        page.goto(base + "2025/1/index.html")
        indent = page.evaluate("getComputedStyle(document.querySelector('.article-body p')).textIndent")
        assert indent not in ("", "0px"), "the stylesheet applied under the policy"
    assert len(paths) > 30
    assert problems == []
    # Chromium asks for /favicon.ico on its own, outside the site's path; every load the pages ask for worked.
    assert [url for url in failed_loads if not url.endswith("/favicon.ico")] == []
