"""What readers get beyond the text: the QR code of an issue page (more of issue 25 to come here)."""

from __future__ import annotations

import io

from PIL import Image

from tests.browser import chromium
from tests.sitekit import SITE_YAML, build, issue_text, make_site, soup


def qr_site(tmp_path, settings: str = "qr_code: true\n"):
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08"), "2025/02.md": issue_text(2, "2025-01-22")},
                     SITE_YAML + settings)
    assert build(site).code == 0
    return site


def test_an_issue_page_shows_a_qr_code_of_its_own_address_that_a_reader_decodes(tmp_path):
    import zxingcpp

    site = qr_site(tmp_path)
    page = site / "build/2025/2/index.html"
    canonical = soup(page).select_one("link[rel=canonical]")["href"]
    figure = soup(page).select_one("figure.page-qr")
    assert figure.select_one("svg[role=img]")["aria-label"] and figure.figcaption.get_text() == "扫一扫在手机上阅读"
    with chromium() as browser:
        desk = browser.new_page(viewport={"width": 1280, "height": 900})
        desk.goto(page.as_uri())
        shot = desk.locator(".page-qr svg").screenshot()
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(page.as_uri())
        on_phone = phone.locator(".page-qr").evaluate("e => getComputedStyle(e).display")
        desk.emulate_media(media="print")
        in_print = desk.locator(".page-qr").evaluate("e => getComputedStyle(e).display")
    decoded = [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))]
    assert decoded == [canonical] == ["https://example.gov.cn/zgxx/2025/2/"]
    assert on_phone == "none" and in_print == "none", "on a phone already; useless on paper"


def test_no_qr_code_unless_site_yaml_asks_or_without_an_address_to_encode(tmp_path):
    off = qr_site(tmp_path / "off", "")
    assert soup(off / "build/2025/1/index.html").select_one(".page-qr") is None
    no_url = make_site(tmp_path / "nourl", {"2025/01.md": issue_text(1, "2025-01-08")},
                       SITE_YAML.replace("base_url: https://example.gov.cn/zgxx/\n", "") + "qr_code: true\n")
    assert build(no_url).code == 0
    assert soup(no_url / "build/2025/1/index.html").select_one(".page-qr") is None


GOV_SITE = SITE_YAML + 'publish_time: "09:30"\nfooter:\n  site_code: "1304000009"\n'


def tags_of(page) -> dict[str, str]:
    html = soup(page)
    found = {tag["name"]: tag["content"] for tag in html.find_all("meta", attrs={"name": True})}
    found.update({tag["property"]: tag["content"] for tag in html.find_all("meta", attrs={"property": True})})
    return found


def test_every_page_kind_carries_the_government_site_tags_for_its_kind(tmp_path):
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", summary="\n  - 一篇文章", author="张三",
                                                        source="市委组织部组织一科")}, GOV_SITE)
    assert build(site).code == 0
    site_tags = {"SiteName": "组工信息", "SiteDomain": "example.gov.cn", "SiteIDCode": "1304000009"}
    issue = tags_of(site / "build/2025/1/index.html")
    assert issue.items() >= {**site_tags, "ColumnName": "组工信息", "ColumnType": "工作简报",
                             "ArticleTitle": "组工信息 2025年第1期", "PubDate": "2025-01-08 09:30",
                             "ContentSource": "市委组织部组织一科", "Author": "张三", "Description": "一篇文章",
                             "Keywords": "一篇文章", "Url": "https://example.gov.cn/zgxx/2025/1/",
                             "og:type": "article", "og:url": "https://example.gov.cn/zgxx/2025/1/"}.items()
    for listing in ("build/index.html", "build/2025/index.html"):
        tags = tags_of(site / listing)
        assert tags.items() >= {**site_tags, "ColumnName": "组工信息", "ColumnKeywords": "组工信息,中共示例县委组织部"}.items()
        assert "ArticleTitle" not in tags and tags["og:type"] == "website"
    for other in ("build/stats/index.html", "build/404.html"):
        tags = tags_of(site / other)
        assert tags.items() >= site_tags.items() and "ColumnName" not in tags
    assert "og:url" not in tags_of(site / "build/404.html"), "404 is shown at any address: it has none"


def test_check_names_a_malformed_site_code_at_its_line(tmp_path):
    from tests.sitekit import run_cli

    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08")},
                     SITE_YAML + 'footer:\n  site_code: "13040009"\n')
    run = run_cli("check", "--site", str(site))
    assert run.code == 1 and f"site.yaml:{len(SITE_YAML.splitlines()) + 2}: 错误: 网站标识码“13040009”格式不对" in run.out
    for good in ("1304000009", "bm12345678"):
        (site / "site.yaml").write_text(SITE_YAML + f'footer:\n  site_code: "{good}"\n', encoding="utf-8")
        assert run_cli("check", "--site", str(site)).code == 0


def test_arrow_keys_page_through_issues_and_archive_pages_but_not_while_typing(tmp_path):
    issues = {f"2025/{n:02d}.md": issue_text(n, f"2025-0{n}-01") for n in range(1, 8)}
    site = make_site(tmp_path, issues, SITE_YAML)  # per_page: 3, so the archive has pages
    assert build(site).code == 0
    page = soup(site / "build/2025/4/index.html")
    assert page.select_one('a[rel=prev]')["aria-keyshortcuts"] == "ArrowLeft"
    assert page.select_one('a[rel=next]')["aria-keyshortcuts"] == "ArrowRight"
    with chromium() as browser:
        tab = browser.new_page()
        tab.goto((site / "build/2025/4/index.html").as_uri())
        with tab.expect_navigation():
            tab.keyboard.press("ArrowRight")
        assert tab.url.endswith("/2025/5/index.html")
        with tab.expect_navigation():
            tab.keyboard.press("ArrowLeft")
        assert tab.url.endswith("/2025/4/index.html")
        # Typing in a field (a search box, once there is one) moves the caret, not the page.
        tab.evaluate("() => { const f = document.createElement('input'); f.id = 'typing';"
                     " document.querySelector('main').prepend(f); f.focus(); }")
        tab.keyboard.press("ArrowRight")
        tab.wait_for_timeout(300)
        assert tab.url.endswith("/2025/4/index.html")
        tab.keyboard.press("Alt+ArrowLeft")  # the browser's own Back is not ours to take
        tab.goto((site / "build/index.html").as_uri())
        with tab.expect_navigation():
            tab.keyboard.press("ArrowRight")
        assert tab.url.endswith("/page/2/index.html"), "→ is the next (older) archive page"


def test_the_print_button_prints_the_page_or_is_a_link_to_the_issues_pdf(tmp_path):
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08")})
    assert build(site).code == 0
    button = soup(site / "build/2025/1/index.html").select_one("button.print-button")
    assert button is not None and button.has_attr("hidden"), "without JavaScript there is no button"
    with chromium() as browser:
        tab = browser.new_page()
        tab.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
        tab.goto((site / "build/2025/1/index.html").as_uri())
        tab.locator("button.print-button").click()
        assert tab.evaluate("window.printed") == 1
