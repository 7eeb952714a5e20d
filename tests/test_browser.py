"""The built pages in a real browser: opened from disk, on a phone, and printed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.browser import chromium
from tests.sitekit import REPO, build


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("browser") / "site"
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns("build", ".venv", ".git", "__pycache__", "tests", ".*"))
    assert build(site).code == 0
    return site / "build"


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


def open_page(browser, url: str, width: int = 1280, media: str = "screen"):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.emulate_media(media=media)
    page.goto(url)
    return page, requests


def test_click_through_the_site_opened_from_disk(browser, example):
    page, requests = open_page(browser, (example / "index.html").as_uri())
    page.click(".issue-entry .entry-link >> nth=0")
    assert page.url.endswith("/2025/14/index.html")
    assert page.inner_text(".masthead-number").startswith("第14期")
    page.click(".neighbour-prev a")
    assert page.url.endswith("/2025/13/index.html")
    page.click(".summary a >> nth=1")
    assert page.url.endswith("/2025/13/index.html#article-2")
    page.click(".neighbour-next a")
    page.click(".neighbour-next a")  # the newest issue's "next" goes back to the list
    assert page.url.endswith("/build/index.html")
    page.click(".pager a[rel=next]")
    assert page.url.endswith("/page/2/index.html")
    assert all(url.startswith("file://") for url in requests), "nothing may reach the network"
    page.close()


def test_chinese_typography_and_the_red_masthead(browser, example):
    page, _ = open_page(browser, (example / "2024/1/index.html").as_uri())
    indent, size = page.eval_on_selector(".article-body p", "p => [getComputedStyle(p).textIndent, getComputedStyle(p).fontSize]")
    assert float(indent.rstrip("px")) == pytest.approx(2 * float(size.rstrip("px")))
    color = page.eval_on_selector(".masthead-name", "h => getComputedStyle(h).color")
    assert color == "rgb(200, 22, 29)"
    credit_align = page.eval_on_selector(".credit", "c => getComputedStyle(c).textAlign")
    assert credit_align == "right"
    page.close()


def test_pages_fit_a_phone_screen(browser, example):
    for relative in ("index.html", "2024/5/index.html", "2025/1/index.html", "stats/index.html"):
        page, _ = open_page(browser, (example / relative).as_uri(), width=375)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, relative
        page.close()


def test_print_hides_navigation_and_keeps_the_masthead(browser, example, tmp_path):
    page, _ = open_page(browser, (example / "2024/5/index.html").as_uri(), media="print")
    hidden = page.evaluate("""() => ['.site-header', '.neighbours', '.site-footer']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none", "none", "none"]
    assert page.eval_on_selector(".masthead-name", "h => getComputedStyle(h).color") == "rgb(200, 22, 29)"
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    width, height = map(float, re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)  # A4, in millimetres
    page.close()


def test_keyboard_users_can_skip_to_the_content(browser, example):
    page, _ = open_page(browser, (example / "2024/1/index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.eval_on_selector(".skip-link", "a => a.getBoundingClientRect().top") >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


def test_stats_charts_stay_legible_and_whole_on_a_phone(browser, example):
    page, requests = open_page(browser, (example / "stats/index.html").as_uri(), width=375)
    found = page.evaluate("""() => [...document.querySelectorAll('figure.stats-chart svg')].map(svg => {
        const box = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect());
        return {
            inside: texts.every(t => t.left >= box.left - 0.5 && t.right <= box.right + 0.5),
            smallest: Math.min(...texts.map(t => t.height)),
            bars: svg.querySelectorAll('rect').length,
        };
    })""")
    assert len(found) == 2 and all(chart["bars"] > 0 for chart in found)
    assert all(chart["inside"] for chart in found), "no label or number is cut off at the edge"
    assert min(chart["smallest"] for chart in found) >= 10, "labels shrink with the drawing, but stay readable"
    # the wide table scrolls inside its own box, and a keyboard can reach it to scroll
    assert page.eval_on_selector(".table-scroll", "e => e.tabIndex") == 0
    assert all(url.startswith("file://") for url in requests)
    page.close()
