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
