"""`bulletin serve` in a real browser: an edit shows up by itself, a stylesheet swaps in place,
and a broken file shows an overlay that goes away once it is fixed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import chromium
from tests.previewkit import PreviewProcess, save_atomically
from tests.sitekit import REPO, issue_text, make_site

UPDATE_TIMEOUT_MS = 15_000  # generous: CI machines are noisy; speed is measured in bench/, not here
BODY = """\
## 社区工作者队伍建设
### 市委组织部召开专题推进会

正文第一段，讲清楚做法。
（组织一科 供稿）
"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


@pytest.fixture
def preview(tmp_path):
    site = make_site(tmp_path / "site", {
        "2015/39.md": issue_text(39, "2015-12-15"),
        "2015/40.md": issue_text(40, "2015-12-23", body=BODY),
    })
    # The site's own copy of the theme's stylesheet, so the test edits it and not the repository's.
    (site / "static" / "css").mkdir(parents=True)
    shutil.copy(REPO / "themes/default/static/css/bulletin.css", site / "static/css/bulletin.css")
    running = PreviewProcess(site)
    yield running
    assert running.stop() == 0
    assert "Traceback" not in running.text


def open_issue(browser, preview: PreviewProcess):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(preview.url + "2015/40/index.html")
    # Connected: livereload.js has finished its handshake with the server.
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol >= 7")
    return page, requests


def edit(path: Path, old: str, new: str, atomically: bool = False) -> None:
    text = path.read_text(encoding="utf-8").replace(old, new)
    if atomically:
        save_atomically(path, text)
    else:
        path.write_text(text, encoding="utf-8")


def wait_for_text(page, selector: str, text: str) -> None:
    page.wait_for_function("([selector, text]) => { const e = document.querySelector(selector); "
                           "return e && e.textContent.includes(text); }",
                           arg=[selector, text], timeout=UPDATE_TIMEOUT_MS)


@pytest.mark.parametrize("atomically", [False, True], ids=["saved in place", "saved by rename"])
def test_an_edit_shows_up_without_touching_the_browser(browser, preview, atomically):
    page, requests = open_issue(browser, preview)
    assert "正文第一段" in page.inner_text("main")
    edit(preview.site / "content/2015/40.md", "正文第一段，讲清楚做法。", "改写后的第一段，保存即见。", atomically)
    wait_for_text(page, "main", "改写后的第一段")
    assert page.url == preview.url + "2015/40/index.html"
    assert all(url.startswith(preview.url.replace("http:", "ws:")) or url.startswith(preview.url)
               for url in requests), "nothing may reach the network"
    page.close()


def test_an_edit_updates_the_page_in_place_and_keeps_the_reading_position(browser, preview):
    issue = preview.site / "content/2015/40.md"
    long_body = BODY + "".join(f"\n第{n}段，篇幅足够长，页面可以向下滚动。\n" for n in range(60))
    issue.write_text(issue_text(40, "2015-12-23", body=long_body), encoding="utf-8")
    preview.wait_for_output("已更新")
    page, _ = open_issue(browser, preview)
    page.evaluate("() => { window.scrollTo(0, 1500); window.__notReloaded = true; }")
    edit(issue, "第59段", "第59段（改）")
    wait_for_text(page, "main", "第59段（改）")
    assert page.evaluate("() => window.__notReloaded") is True
    assert page.evaluate("() => window.scrollY") == 1500
    page.close()


def test_an_edit_to_another_issue_leaves_this_page_alone(browser, preview):
    page, _ = open_issue(browser, preview)
    page.evaluate("() => { window.__notReloaded = true; }")
    edit(preview.site / "content/2015/39.md", "正文第一段", "第三十九期改过的正文")
    preview.wait_for_output("已更新")
    # The next-issue link of 39 shows 40's number and date, not its text: nothing on this page changed.
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__notReloaded") is True
    page.close()


def test_a_stylesheet_edit_swaps_in_without_reloading_the_page(browser, preview):
    page, _ = open_issue(browser, preview)
    page.evaluate("() => { window.__notReloaded = true; }")
    stylesheet = preview.site / "static/css/bulletin.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\nbody { background-color: rgb(1, 2, 3); }\n",
                          encoding="utf-8")
    page.wait_for_function("() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'",
                           timeout=UPDATE_TIMEOUT_MS)
    assert page.evaluate("() => window.__notReloaded") is True
    page.close()


def test_a_broken_file_shows_an_overlay_until_it_is_fixed(browser, preview):
    page, _ = open_issue(browser, preview)
    issue = preview.site / "content/2015/40.md"
    good = issue.read_text(encoding="utf-8")
    issue.write_text(good.replace("date: 2015-12-23", "date: [2015-12-23"), encoding="utf-8")
    overlay = page.locator("bulletin-build-error pre")
    overlay.wait_for(timeout=UPDATE_TIMEOUT_MS)
    message = overlay.inner_text()
    assert "content/2015/40.md:3" in message, message
    assert page.get_by_role("alert").is_visible()
    assert "正文第一段" in page.inner_text("main"), "the last good page stays underneath"

    issue.write_text(good.replace("正文第一段，讲清楚做法。", "修好之后的正文。"), encoding="utf-8")
    wait_for_text(page, "main", "修好之后的正文")
    page.locator("bulletin-build-error").wait_for(state="detached", timeout=UPDATE_TIMEOUT_MS)
    page.close()


def test_an_overlay_shows_on_a_page_opened_while_the_build_is_broken(browser, preview):
    (preview.site / "site.yaml").write_text("name: 组工信息\nissuer: [\n", encoding="utf-8")
    preview.wait_for_output("构建失败")
    page = browser.new_page()
    page.goto(preview.url + "2015/39/index.html")
    overlay = page.locator("bulletin-build-error pre")
    overlay.wait_for(timeout=UPDATE_TIMEOUT_MS)
    assert "site.yaml:" in overlay.inner_text()
    page.close()
