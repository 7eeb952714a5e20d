"""关怀模式 (large-type mode) in Debian's chromium: the toggle, the figures 适老化 asks for, axe in both modes.

The example site is served by a real nginx under its sub-path, as readers get it (404.html links its
stylesheet and scripts from the site's root, which a page opened from disk cannot follow).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import chromium
from tests.nginxkit import nginx, public_copy
from tests.qualitykit import AXE, SUB_PATH_URL, example_under_sub_path, npm_tool

PAGES = ("2025/13/index.html", "index.html", "2024/index.html", "404.html", "stats/index.html")
WIDTHS = (1280, 320)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The served site's address: pages are named relative to it."""
    path = urlsplit(SUB_PATH_URL).path
    with public_copy(example_under_sub_path(tmp_path_factory), path) as root, nginx(root, path) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


def opened(browser, site, relative: str, width: int = 1280, care: bool = False, **context):
    """A page of the example site in a fresh browser context; in 关怀模式 as a reader who turned it on."""
    tab = browser.new_context(viewport={"width": width, "height": 900}, **context).new_page()
    tab.goto(site + relative)
    if care:
        tab.click("button.care-toggle")
    return tab


def test_the_toggle_is_kept_across_a_reload_and_a_move_to_another_page(browser, site):
    tab = opened(browser, site, "2025/13/index.html")
    toggle = tab.locator("button.care-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert tab.evaluate("document.documentElement.classList.contains('care')")
    assert toggle.get_attribute("aria-pressed") == "true"
    tab.reload()
    assert tab.evaluate("document.documentElement.classList.contains('care')"), "kept across a reload"
    tab.click("a[rel=prev]")
    assert tab.evaluate("document.documentElement.classList.contains('care')"), "kept on the next page"
    assert tab.locator("button.care-toggle").get_attribute("aria-pressed") == "true"
    tab.click("button.care-toggle")
    tab.reload()
    assert not tab.evaluate("document.documentElement.classList.contains('care')"), "and off again"


def test_without_javascript_there_is_no_toggle_and_the_page_is_whole(browser, site):
    tab = opened(browser, site, "2025/13/index.html", java_script_enabled=False)
    assert not tab.locator("button.care-toggle").is_visible()
    assert tab.locator(".article-body p").first.is_visible()


_TEXT_SIZES = """() => [...document.querySelectorAll('body *')].filter(e =>
    !e.closest('svg, [hidden], .skip-link') && e.offsetParent !== null &&
    [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => { const s = getComputedStyle(e);
    return [e.tagName + '.' + e.className, parseFloat(s.fontSize), parseFloat(s.lineHeight)]; })"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_text_is_at_least_20px_with_lines_at_least_1_8_apart(browser, site, width):
    for relative in PAGES:
        tab = opened(browser, site, relative, width, care=True)
        small = [(name, size) for name, size, _ in tab.evaluate(_TEXT_SIZES) if size < 20]
        assert not small, f"{relative} at {width}px: {small[:5]}"
        paragraphs = tab.evaluate("""() => [...document.querySelectorAll('main p, main li')].map(e => {
            const s = getComputedStyle(e); return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })""")
        assert paragraphs and min(paragraphs) >= 1.8 - 1e-6, relative
        assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), \
            f"{relative} scrolls sideways at {width}px"
        tab.close()


def test_targets_are_large_the_focus_ring_thick_and_nothing_moves(browser, site):
    tab = opened(browser, site, "2025/13/index.html", 320, care=True)
    heights = tab.evaluate("""() => [...document.querySelectorAll(
        '.site-nav a, .care-toggle, .neighbour a, .filing a')].map(e => e.getBoundingClientRect().height)""")
    assert heights and min(heights) >= 44, heights
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    ring = tab.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                        "return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] != "none" and ring[1] >= 3, ring
    motion = tab.evaluate("""() => [...document.querySelectorAll('*')].map(e => getComputedStyle(e))
        .filter(s => s.transitionDuration.split(',').some(d => parseFloat(d) > 0) || s.animationName !== 'none').length""")
    assert motion == 0


def _violations(tab, script: str, enhanced: bool) -> list[str]:
    tab.add_script_tag(content=script)
    options = "{resultTypes: ['violations'], rules: {'color-contrast-enhanced': {enabled: true}}}" if enhanced \
        else "{resultTypes: ['violations']}"
    found = tab.evaluate(f"""async () => (await axe.run(document, {options}))
        .violations.map(v => ({{id: v.id, impact: v.impact, where: v.nodes.map(n => n.target.join(' '))}}))""")
    return [f"{v['id']} ({v['impact']}) at {v['where'][:3]}" for v in found
            if v["impact"] in ("serious", "critical") or v["id"] == "color-contrast-enhanced"]


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_passes_in_both_modes_and_care_mode_has_aaa_contrast(browser, site, width):
    script = npm_tool(AXE).read_text(encoding="utf-8")
    found = []
    for relative in PAGES:
        for care in (False, True):
            tab = opened(browser, site, relative, width, care=care)
            found += [f"{'care' if care else 'usual'} {relative}: {v}" for v in _violations(tab, script, care)]
            tab.close()
    assert not found, "\n".join(found)
