"""Quality gates: the example site, built under a sub-path, checked by tools nobody here wrote.

- HTML validity: the Nu Html Checker (vnu.jar) on every page, stylesheet and
  SVG. Zero errors; a warning passes only if tests/quality/vnu-allow.txt lists it
  with a reason.
- Links: LinkChecker crawls the site served by a real nginx under the
  sub-path, and again opened from disk (file://): no broken link or anchor.
- Feeds: feed.xml parses as Atom (feedparser); sitemap.xml validates against
  the sitemaps.org 0.9 schema (lxml); every URL in them is served with 200.
- Accessibility: axe-core in Debian's chromium on an issue page, an archive
  page, a year page, the 404 page and the stats page, at desktop and at 375 px
  phone width. No violation of impact serious or critical. Every link is
  reachable with Tab, and the focused link is visibly outlined.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree

from tests.browser import chromium
from tests.conftest import GATES
from tests.nginxkit import nginx, public_copy
from tests.qualitykit import AXE, SITEMAP_XSD, SUB_PATH_URL, TOOLS, VNU, example_under_sub_path, java, npm_tool

AXE_PAGES = ("2025/1/index.html", "index.html", "2024/index.html", "404.html", "stats/index.html")
WIDTHS = (1280, 375)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return example_under_sub_path(tmp_path_factory)


def _allowed_warnings() -> list[str]:
    lines = (TOOLS / "vnu-allow.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def test_every_page_stylesheet_and_drawing_is_valid_html_css_svg(site):
    files = sorted(p for p in site.rglob("*") if p.suffix in (".html", ".css", ".svg"))
    done = subprocess.run([java(), "-jar", str(npm_tool(VNU)), "--format", "json", "--also-check-css",
                           "--also-check-svg", *map(str, files)], capture_output=True, text=True, check=False)
    messages = json.loads(done.stderr)["messages"]
    errors = [m for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    warnings = [m for m in messages if m not in errors and not any(a in m["message"] for a in _allowed_warnings())]
    version = subprocess.run([java(), "-jar", str(VNU), "--version"], capture_output=True, text=True).stdout.strip()
    GATES["HTML validity (vnu " + version + ")"] = (
        f"{sum(p.suffix == '.html' for p in files)} pages, {sum(p.suffix != '.html' for p in files)} css/svg files, "
        f"{len(errors)} errors, {len(warnings)} warnings not allowed")
    shown = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in errors + warnings]
    assert not shown, "\n".join(shown[:30])


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


def test_no_serious_accessibility_violation_at_desktop_and_phone_width(site, browser):
    script = npm_tool(AXE).read_text(encoding="utf-8")
    found, checked = [], 0
    for width in WIDTHS:
        for relative in AXE_PAGES:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto((site / relative).as_uri())
            page.add_script_tag(content=script)
            violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
                .violations.map(v => ({id: v.id, impact: v.impact, where: v.nodes.map(n => n.target.join(' '))}))""")
            found += [f"{width}px {relative}: {v['id']} ({v['impact']}) at {v['where'][:3]}"
                      for v in violations if v["impact"] in ("serious", "critical")]
            checked += 1
            page.close()
    version = json.loads((TOOLS / "node_modules" / "axe-core" / "package.json").read_text())["version"]
    GATES[f"accessibility (axe-core {version})"] = f"{checked} page views, {len(found)} serious or critical"
    assert not found, "\n".join(found)


def test_every_link_is_reachable_by_keyboard_with_a_visible_focus(site, browser):
    missed = []
    for relative in AXE_PAGES:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((site / relative).as_uri())
        links = page.eval_on_selector_all("a[href]", "links => links.length")
        reached = set()
        for _ in range(links + 10):
            page.keyboard.press("Tab")
            focus = page.evaluate("""() => {
                const e = document.activeElement;
                if (!e || e === document.body) return null;
                const s = getComputedStyle(e);
                const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
                return {key: e.tagName + '|' + (e.getAttribute('href') || '') + '|' + e.textContent.trim(),
                        link: e.matches('a[href]'), visible};
            }""")
            if focus is None:
                continue
            if focus["link"] and not focus["visible"]:
                missed.append(f"{relative}: focus not visible on {focus['key']}")
            if focus["link"]:
                reached.add(focus["key"])
        all_links = set(page.eval_on_selector_all(
            "a[href]", "ls => ls.map(e => e.tagName + '|' + e.getAttribute('href') + '|' + e.textContent.trim())"))
        missed += [f"{relative}: never reached {key}" for key in sorted(all_links - reached)]
        page.close()
    assert not missed, "\n".join(missed[:20])


# --- links, feeds and the sitemap, served by nginx and opened from disk ---------------------------

def _linkchecker(start: str) -> subprocess.CompletedProcess:
    config = TOOLS / "linkcheckerrc"
    return subprocess.run([sys.executable, "-m", "linkcheck", "--config", str(config), "--no-status", start],
                          capture_output=True, text=True, encoding="utf-8", timeout=600, check=False)


def _checked(done: subprocess.CompletedProcess) -> tuple[str, int]:
    """LinkChecker's summary, and its warnings plus errors: a missing #anchor is one of its warnings."""
    found = re.search(r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found", done.stdout)
    assert found, done.stdout[-2000:] + done.stderr[-2000:]
    return found.group(0), int(found.group(3)) + int(found.group(4))


@pytest.fixture(scope="module")
def served(site):
    with public_copy(site, urlsplit(SUB_PATH_URL).path) as root, nginx(root, urlsplit(SUB_PATH_URL).path) as url:
        yield root, url


def test_no_broken_link_or_anchor_behind_nginx_under_the_sub_path(served):
    _, url = served
    done = _linkchecker(url)
    GATES["links over HTTP (LinkChecker, nginx)"], problems = _checked(done)
    assert done.returncode == 0 and problems == 0, done.stdout[-4000:]


def test_no_broken_link_or_anchor_opened_from_disk(served):
    root, _ = served
    start = (root / urlsplit(SUB_PATH_URL).path.strip("/") / "index.html").as_uri()
    done = _linkchecker(start)
    GATES["links from file:// (LinkChecker)"], problems = _checked(done)
    assert done.returncode == 0 and problems == 0, done.stdout[-4000:]


def test_the_feed_is_atom_and_the_sitemap_follows_its_schema(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title and len(feed.entries) >= 10
    assert all(entry.link.startswith(SUB_PATH_URL) and entry.published for entry in feed.entries)
    schema = etree.XMLSchema(etree.parse(str(npm_tool(SITEMAP_XSD))))
    sitemap = etree.parse(str(site / "sitemap.xml"))
    assert schema.validate(sitemap), schema.error_log
    urls = sitemap.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    GATES["feed and sitemap (feedparser, sitemaps.org 0.9 XSD)"] = f"Atom with {len(feed.entries)} entries; " \
                                                                  f"sitemap of {len(urls)} URLs valid"


def test_every_feed_and_sitemap_url_is_served(site, served):
    _, url = served
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    sitemap = etree.parse(str(site / "sitemap.xml"))
    addresses = {entry.link for entry in feed.entries} | {link.href for link in feed.feed.links}
    addresses |= {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    failed = []
    for address in sorted(addresses):
        local = url + address[len(SUB_PATH_URL):]
        try:
            with urllib.request.urlopen(local, timeout=10) as response:
                if response.status != 200:
                    failed.append(f"{address}: {response.status}")
        except urllib.error.HTTPError as error:
            failed.append(f"{address}: {error.code}")
    GATES["feed and sitemap URLs over HTTP (nginx)"] = f"{len(addresses)} URLs, {len(failed)} not 200"
    assert not failed, failed
