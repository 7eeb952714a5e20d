"""Quality gates: the example site, built under a sub-path, checked by tools nobody here wrote.

- HTML validity: the Nu Html Checker (vnu.jar) on every page, stylesheet and
  SVG. Zero errors; a warning passes only if tests/quality/vnu-allow.txt lists it
  with a reason.
- Accessibility: axe-core in Debian's chromium on an issue page, an archive
  page, a year page, the 404 page and the stats page, at desktop and at 375 px
  phone width. No violation of impact serious or critical. Every link is
  reachable with Tab, and the focused link is visibly outlined.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.browser import chromium
from tests.conftest import GATES
from tests.qualitykit import AXE, TOOLS, VNU, example_under_sub_path, java, npm_tool

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
