"""The print edition: a PDF per issue as the paper bulletin, read back with pypdf and pdfplumber.

Measurements are in millimetres from the page's top left; the layout is GB/T
9704's as 简报 use it (themes/default/static/css/print.css). WeasyPrint needs
Pango from the system: without it these tests skip with the reason, except
under CI=true, where they must run.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from bulletin_gen.render import pdf
from tests.sitekit import SITE_YAML, build, issue_text, make_site, run_cli, soup, tree_bytes

MM = 72 / 25.4  # points in a millimetre
PAGE_W, PAGE_H = 210, 297
TOP, BOTTOM, BINDING, OUTER = 37, 35, 28, 26  # margins: 天头, bottom, 订口, the other side
PARAGRAPH = "县委组织部坚持把抓基层打基础作为长远之计和固本之举，推动各领域基层党组织全面进步全面过硬，" \
            "为全县经济社会高质量发展提供坚强组织保证。"
EDITION = """\
print_edition:
  report_to: 市委常委，市人大常委会、市政府、市政协党组（党委），市纪委监委，市委各部委，市直各单位党组（党委）
  send_to: 各县区委组织部
  distribute_to: 本部各科室
  printed_by: 中共示例县委组织部办公室
  copies: 120
  mark: 内部资料 注意保存
"""


def require_weasyprint() -> None:
    reason = pdf.unavailable()
    if reason is None:
        return
    message = f"WeasyPrint cannot run here ({reason}): apt-get install libpango-1.0-0 libpangoft2-1.0-0"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; under CI=true the print edition tests must run")
    pytest.skip(message)


def long_body(articles: int = 3, paragraphs: int = 9) -> str:
    parts = []
    for n in range(1, articles + 1):
        parts.append(f"## 第{n}篇文章的主题\n\n" + "\n\n".join([PARAGRAPH] * paragraphs) + "\n（组织一科 供稿）\n")
    return "\n".join(parts)


# 70 rows: a table over three pages
TABLE = "| 序号 | 单位 | 发展党员（名） |\n| --- | --- | --- |\n" + "".join(
    f"| {n} | 示例县第{n}党支部 | {n % 7 + 1} |\n" for n in range(1, 71))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """A site with the print edition on: issue 1 short (one page), issues 2-4 long (several pages)."""
    require_weasyprint()
    root = tmp_path_factory.mktemp("print")
    site = make_site(root / "site", {
        "2025/01.md": issue_text(1, "2025-01-08", "## 一条简短的消息\n\n正文一段。\n（办公室 供稿）\n"),
        "2025/02.md": issue_text(2, "2025-01-22", long_body(), total="102"),
        "2025/03.md": issue_text(3, "2025-02-05", long_body(4, 8)),
        "2025/04.md": issue_text(4, "2025-02-19", long_body(2, 6)),
        "2025/05.md": issue_text(5, "2025-03-05", "## 各县区党员发展情况统计\n\n" + TABLE + "\n（组织二科 供稿）\n"),
    }, SITE_YAML + EDITION)
    run = build(site)
    assert run.code == 0, run.text
    return site


def pdf_of(site: Path, number: int) -> Path:
    found = sorted((site / f"build/2025/{number}").glob("*.pdf"))
    assert len(found) == 1, found
    return found[0]


BODY_LINE = 28.9  # pt: print.css's line height for 3号 body text, 22 lines to the block


def lines_of(page) -> list[tuple[float, float, float, str]]:
    """(top, x0, x1, text) of each line of text on a pdfplumber page, in mm, top to bottom."""
    rows: dict[float, list[dict]] = {}
    for char in page.chars:
        rows.setdefault(round(char["top"], 0), []).append(char)
    return [(top / MM, min(c["x0"] for c in chars) / MM, max(c["x1"] for c in chars) / MM,
             "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])))
            for top, chars in sorted(rows.items())]


def body_line_box(char: dict, ascent: float, descent: float) -> tuple[float, float]:
    """Top and bottom (mm) of the line box a body character sits in.

    pdfplumber's box of a glyph is [baseline + descent·size, that + size]; CSS puts the
    baseline half a leading plus the font's ascent below the line box's top, the leading
    being the line height less (ascent + descent)·size. `ascent` and `descent` are the
    font's, per em, as its PDF font descriptor gives them.
    """
    size = char["size"]
    above_glyph = BODY_LINE / 2 - size + size * (ascent + descent) / 2
    top = char["top"] - above_glyph
    return top / MM, (top + BODY_LINE) / MM


def font_metrics(path: Path) -> dict[str, tuple[float, float]]:
    """Each font's ascent and descent per em, by the name pdfplumber gives its characters."""
    metrics = {}
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            metrics[str(font["/BaseFont"]).lstrip("/")] = (descriptor["/Ascent"] / 1000,
                                                          -descriptor["/Descent"] / 1000)
    return metrics


def test_each_issue_has_a_pdf_named_as_offices_file_it_linked_with_its_size(printed):
    for number in (1, 2, 3, 4):
        path = pdf_of(printed, number)
        assert path.name == f"组工信息2025年第{number}期.pdf"
        page = printed / f"build/2025/{number}/index.html"
        link = soup(page).select_one(".print-link a:not(.print-button)")
        assert link is not None and (page.parent / link["href"]).resolve() == path.resolve()
        button = soup(page).select_one(".print-link a.print-button")
        assert button is not None and button["href"] == link["href"], "打印 opens the print edition"
        size = float(re.search(r"PDF，([0-9.]+) MB", link.get_text()).group(1))
        assert abs(size - max(path.stat().st_size / 2**20, 0.1)) <= 0.051


def test_pages_are_a4_and_the_text_block_sits_where_gbt_9704_puts_it(printed):
    metrics, checked, filled = font_metrics(pdf_of(printed, 3)), 0, 0
    with pdfplumber.open(pdf_of(printed, 3)) as document:
        assert len(document.pages) >= 3
        for number, page in enumerate(document.pages, start=1):
            assert abs(page.width - PAGE_W * MM) < 1 and abs(page.height - PAGE_H * MM) < 1
            if number == 1:
                continue  # the 报头's page: its own measurements below
            body = [line for line in lines_of(page) if not line[3].startswith("—")]
            left = BINDING if number % 2 else OUTER  # odd pages bind on the left
            right = PAGE_W - (OUTER if number % 2 else BINDING)
            full = [line for line in body if len(line[3]) == 28]  # 28 characters of 3号 to the line
            assert all(abs(line[1] - left) < 1 and abs(line[2] - right) < 1 for line in full), (number, full[:2])
            filled += bool(full)
            body_chars = [c for c in page.chars if abs(c["size"] - 16) < 0.1]
            if not body_chars:
                continue  # a last page that holds only the 版记
            first, last = min(page.chars, key=lambda c: c["top"]), max(body_chars, key=lambda c: c["bottom"])
            if first in body_chars:  # (a page that starts with a title starts its line box elsewhere)
                first_box = body_line_box(first, *metrics[first["fontname"]])
                assert abs(first_box[0] - TOP) < 1, (number, first_box)
                checked += 1
            last_box = body_line_box(last, *metrics[last["fontname"]])
            assert last_box[1] < PAGE_H - BOTTOM + 0.5, (number, last_box)
    assert checked >= 2 and filled >= 3


def test_page_numbers_sit_below_the_text_block_right_on_odd_pages_left_on_even(printed):
    with pdfplumber.open(pdf_of(printed, 3)) as document:
        for number, page in enumerate(document.pages, start=1):
            found = [line for line in lines_of(page) if re.fullmatch(r"— ?\d+ ?—", line[3])]
            assert len(found) == 1 and found[0][3].replace(" ", "") == f"—{number}—", lines_of(page)[-2:]
            top, x0, x1, _ = found[0]
            assert PAGE_H - BOTTOM + 5 < top < PAGE_H - BOTTOM + 11, top  # 7 mm below the block, 4号
            one_char = 14 / MM
            if number % 2:
                assert abs(x1 - (PAGE_W - OUTER - one_char)) < 1, x1
            else:
                assert abs(x0 - (OUTER + one_char)) < 1, x0


def test_an_issue_of_one_page_has_no_page_number(printed):
    with pdfplumber.open(pdf_of(printed, 1)) as document:
        assert len(document.pages) == 1
        assert not [line for line in lines_of(document.pages[0]) if "—" in line[3]]


def test_page_one_carries_the_masthead_in_red_above_a_red_rule(printed):
    with pdfplumber.open(pdf_of(printed, 2)) as document:
        page = document.pages[0]
        lines = lines_of(page)
        texts = [line[3] for line in lines]
        assert texts[0] == "内部资料注意保存" or texts[0].replace(" ", "") == "内部资料注意保存"
        name = next(line for line in lines if line[3].replace(" ", "") == "组工信息")
        assert abs((name[1] + name[2]) / 2 - (BINDING + (PAGE_W - OUTER)) / 2) < 3, "centred on the block"
        red = [c for c in page.chars if c["text"] in "组工信息" and c["top"] / MM < name[0] + 1]
        assert red and all(_is_red(c["non_stroking_color"]) for c in red)
        number = next(line for line in lines if line[3] == "第2期")
        total = next(line for line in lines if line[3] == "（总第102期）")
        assert abs(number[0] - total[0]) < 2 and total[1] > number[2] - 0.5, "on one line"
        meta = next(line for line in lines if line[3].startswith("中共示例县委组织部"))
        assert meta[3].endswith("2025年1月22日")
        rules = [r for r in [*page.rects, *page.lines] if _is_red(r.get("stroking_color") or r.get("non_stroking_color"))
                 and r["top"] / MM > meta[0]]
        assert rules, "a red rule under the issuer and date"
        assert any(abs(r["x0"] / MM - BINDING) < 1 and abs(r["x1"] / MM - (PAGE_W - OUTER)) < 1 for r in rules)


def test_the_distribution_block_sits_at_the_foot_of_the_last_page(printed):
    for number in (1, 3):
        with pdfplumber.open(pdf_of(printed, number)) as document:
            page = document.pages[-1]
            lines = [line for line in lines_of(page) if "—" not in line[3]]
            report = next(i for i, line in enumerate(lines) if line[3].startswith("报："))
            assert [line[3][:2] for line in lines[report:] if line[3][:2] in ("报：", "送：", "发：")] == \
                ["报：", "送：", "发："]
            last = lines[-1]
            assert last[3].startswith("中共示例县委组织部办公室") and "2025年" in last[3] and last[3].endswith("共印120份")
            assert PAGE_H - BOTTOM - 12 < last[0] < PAGE_H - BOTTOM, "at the foot of the text block"
            wrapped = lines[report + 1]
            assert not wrapped[3].startswith(("送：", "发：")) and wrapped[1] > lines[report][1] + 5, \
                "the 报 list wraps with a hanging indent"


def test_a_table_over_several_pages_repeats_its_header_row_and_splits_no_row(printed):
    with pdfplumber.open(pdf_of(printed, 5)) as document:
        assert len(document.pages) >= 3
        rows_seen = []
        for page in document.pages:
            texts = [line[3] for line in lines_of(page)]
            header = [i for i, text in enumerate(texts) if text.replace(" ", "") == "序号单位发展党员（名）"]
            assert len(header) == 1, texts[:4]
            rows = [text.replace(" ", "") for text in texts if re.match(r"\d+示例县第\d+党支部\d$", text.replace(" ", ""))]
            assert rows and all(texts.index(next(t for t in texts if t.replace(" ", "") == row)) > header[0]
                                for row in rows)
            rows_seen += [int(re.match(r"\d+", row).group()) for row in rows]
    assert rows_seen == list(range(1, 71)), "every row once, whole, in order"


def test_fonts_are_embedded_and_none_is_type3(printed):
    reader = pypdf.PdfReader(pdf_of(printed, 2))
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] != "/Type3"
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            seen += 1
    assert seen


def test_the_pdf_says_it_is_pdf_a_with_the_issues_title_issuer_language_and_date(printed):
    reader = pypdf.PdfReader(pdf_of(printed, 2))
    xmp = reader.xmp_metadata.stream.get_data().decode("utf-8")
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="B"' in xmp
    info = reader.metadata
    assert info["/Title"].startswith("组工信息 第2期") and info["/Author"] == "中共示例县委组织部"
    assert info["/CreationDate"].startswith("D:20250122") and info["/ModDate"] == info["/CreationDate"]
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_two_builds_make_byte_identical_pdfs(printed, tmp_path):
    assert build(printed, "--output", str(tmp_path / "again"), "--no-cache").code == 0
    first, again = tree_bytes(printed / "build"), tree_bytes(tmp_path / "again")
    pdfs = [name for name in first if name.endswith(".pdf")]
    assert len(pdfs) == 5 and all(first[name] == again[name] for name in pdfs)


def test_a_one_issue_edit_remakes_exactly_that_issues_pdf(printed):
    pdfs = {number: pdf_of(printed, number) for number in (1, 2, 3, 4, 5)}
    before = {number: (path.stat().st_mtime_ns, path.read_bytes()) for number, path in pdfs.items()}
    source = printed / "content/2025/03.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n补充的一段。\n", encoding="utf-8")
    run = build(printed)
    assert run.code == 0, run.text
    after = {number: (path.stat().st_mtime_ns, path.read_bytes()) for number, path in pdfs.items()}
    assert after[3][1] != before[3][1]
    assert all(after[n] == before[n] for n in (1, 2, 4, 5)), "the neighbours' PDFs are not touched"


def test_without_weasyprint_the_build_says_so_once_and_makes_the_web_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "unavailable", lambda: "cannot load library 'libpango-1.0-0'")
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08")}, SITE_YAML + EDITION)
    run = build(site)
    assert run.code == 0 and "Traceback" not in run.text
    warnings = [line for line in run.err.splitlines() if "打印版" in line]
    assert len(warnings) == 1 and "apt-get install libpango-1.0-0" in warnings[0], run.err
    assert warnings[0].startswith(f"site.yaml:{len(SITE_YAML.splitlines()) + 1}: 警告: ")
    assert (site / "build/2025/1/index.html").is_file() and not list((site / "build").rglob("*.pdf"))
    assert soup(site / "build/2025/1/index.html").select_one('.print-link a[type="application/pdf"]') is None


def test_the_web_page_prints_with_the_same_distribution_block(printed):
    aside = soup(printed / "build/2025/2/index.html").select_one("aside.distribution")
    assert aside is not None
    assert [p.get_text() for p in aside.select(".distribution-to")][1:] == ["送：各县区委组织部", "发：本部各科室"]


def _is_red(color) -> bool:
    if not color:
        return False
    values = list(color) if isinstance(color, (list, tuple)) else [color]
    return len(values) == 3 and values[0] > 0.6 and values[1] < 0.3 and values[2] < 0.3


def test_an_issues_front_matter_overrides_the_distribution_and_adds_its_serial(tmp_path):
    require_weasyprint()
    text = issue_text(1, "2025-01-08", "## 一条消息\n\n正文一段。\n（办公室 供稿）\n",
                      print="\n  送: 各乡镇党委\n  copies: 200\n  编号: 〔2025〕1号\n  刊别: 增刊")
    site = make_site(tmp_path, {"2025/01.md": text}, SITE_YAML + EDITION)
    run = build(site)
    assert run.code == 0, run.text
    with pdfplumber.open(pdf_of(site, 1)) as document:
        texts = [line[3] for line in lines_of(document.pages[0])]
    assert "送：各乡镇党委" in texts and any(t.endswith("共印200份") for t in texts)
    assert any(t.startswith("报：市委常委") for t in texts), "the rest from site.yaml"
    top = texts[0].replace(" ", "")
    assert top.startswith("内部资料注意保存") and top.endswith("〔2025〕1号")
    compact = [t.replace(" ", "") for t in texts]
    assert compact.index("增刊") == compact.index("组工信息") + 1, "增刊 under the name"
    aside = soup(site / "build/2025/1/index.html").select_one("aside.distribution")
    assert "送：各乡镇党委" in [p.get_text() for p in aside.select(".distribution-to")]


def test_a_wrong_print_setting_in_front_matter_names_its_line(tmp_path):
    text = issue_text(1, "2025-01-08", print="\n  copies: 很多\n  抄送: 某单位")
    site = make_site(tmp_path, {"2025/01.md": text}, SITE_YAML + EDITION)
    run = run_cli("check", "--site", str(site))
    assert run.code == 1 and "Traceback" not in run.text
    assert "content/2025/01.md:5: 错误: " in run.out and "print.copies" in run.out
    assert "content/2025/01.md:6: 警告: " in run.out and "print.抄送" in run.out


def test_a_character_no_print_font_has_is_a_warning_at_its_line(tmp_path):
    require_weasyprint()
    body = "## 一条消息\n\n正文一段。\n\n表情符号\U0001F600不该出现在简报里。\n（办公室 供稿）\n"
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", body)}, SITE_YAML + EDITION)
    run = build(site)
    assert run.code == 0, run.text
    warnings = [line for line in run.err.splitlines() if "U+1F600" in line]
    assert len(warnings) == 1 and warnings[0].startswith("content/2025/01.md:10: 警告: "), run.err
    assert not [line for line in run.err.splitlines() if "没有字体" in line and "U+1F600" not in line]


def test_bulletin_pdf_makes_the_very_pdfs_the_build_makes(printed, tmp_path):
    run = run_cli("pdf", "--site", str(printed), "--year", "2025", "--issue", "3", "--output", str(tmp_path))
    assert run.code == 0, run.text
    assert run.out.strip().splitlines() == [str(tmp_path / "组工信息2025年第3期.pdf")]
    assert (tmp_path / "组工信息2025年第3期.pdf").read_bytes() == pdf_of(printed, 3).read_bytes()
    run = run_cli("pdf", "--site", str(printed), "--year", "2025", "--output", str(tmp_path / "year"))
    assert run.code == 0 and sorted(p.name for p in (tmp_path / "year").iterdir()) == \
        sorted(pdf_of(printed, n).name for n in (1, 2, 3, 4, 5))
    none = run_cli("pdf", "--site", str(printed), "--year", "2019", "--output", str(tmp_path / "none"))
    assert none.code == 1 and "没有符合条件的期次" in none.err and not (tmp_path / "none").exists()


def test_the_bound_volume_has_a_cover_contents_that_match_its_pages_bookmarks_and_running_numbers(printed, tmp_path):
    run = run_cli("pdf", "--site", str(printed), "--volume", "2025", "--output", str(tmp_path))
    assert run.code == 0, run.text
    volume = tmp_path / "组工信息2025年合订本.pdf"
    with pdfplumber.open(volume) as document:
        pages = [lines_of(page) for page in document.pages]
    texts = [[line[3].replace(" ", "") for line in page] for page in pages]
    assert "组工信息" in texts[0] and "2025年合订本" in texts[0] and "第1期至第5期，共5期" in texts[0]
    # Where each issue starts: its 报头's 第N期, on a page of its own.
    starts = {n: next(i + 1 for i, page in enumerate(texts) if f"第{n}期" in page and "组工信息" in page
                      and i > 1) for n in range(1, 6)}
    contents = [text for page in texts[1:3] for text in page if re.match(r"第\d期（", text)]
    listed = {int(re.match(r"第(\d)期", text).group(1)): int(re.search(r"(\d+)$", text).group(1)) for text in contents}
    assert listed == starts, (listed, starts)
    for index, page in enumerate(texts, start=1):
        numbers = [text for text in page if re.fullmatch(r"—\d+—", text)]
        if index < starts[1]:
            assert not numbers, f"the cover and the contents carry no number (page {index})"
        else:
            assert numbers == [f"—{index}—"], "page numbers run through the volume"
    reader = pypdf.PdfReader(volume)
    marks = [item for item in reader.outline if not isinstance(item, list)]
    issues = {mark.title: reader.get_destination_page_number(mark) + 1 for mark in marks if mark.title.startswith("第")}
    assert issues == {f"第{n}期（2025年{month}）": starts[n] for n, month in
                      ((1, "1月8日"), (2, "1月22日"), (3, "2月5日"), (4, "2月19日"), (5, "3月5日"))}
    articles = [item for item in reader.outline if isinstance(item, list)]
    assert any(mark.title.startswith("第2篇文章的主题") for group in articles for mark in group
               if not isinstance(mark, list)), "articles are bookmarks under their issue"


def test_bulletin_pdf_without_weasyprint_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "unavailable", lambda: "cannot load library 'libpango-1.0-0'")
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08")})
    run = run_cli("pdf", "--site", str(site), "--volume", "2025")
    assert run.code == 1 and "Traceback" not in run.text
    assert run.err.strip().splitlines() == [run.err.strip()] and "apt-get install libpango-1.0-0" in run.err


def test_no_page_ends_with_a_title_left_alone(printed):
    for number in (2, 3, 4):
        with pdfplumber.open(pdf_of(printed, number)) as document:
            for page in document.pages[:-1]:
                text_lines = [c for c in page.chars if c["text"].strip() and "—" not in c["text"]]
                last = max(text_lines, key=lambda c: c["top"])
                assert abs(last["size"] - 22) > 0.5, f"issue {number}: a 2号 title at the foot of a page"


def test_the_browsers_own_print_of_the_web_page_follows_the_same_page_rules(printed):
    from tests.browser import chromium

    with chromium() as browser:
        page = browser.new_page()
        page.goto((printed / "build/2025/3/index.html").as_uri())
        data = page.pdf(prefer_css_page_size=True)
    with pdfplumber.open(io.BytesIO(data)) as document:
        assert len(document.pages) >= 2
        for number, sheet in enumerate(document.pages, start=1):
            assert abs(sheet.width - PAGE_W * MM) < 1 and abs(sheet.height - PAGE_H * MM) < 1
            found = [line for line in lines_of(sheet) if re.fullmatch(r"— ?\d+ ?—", line[3])]
            assert len(found) == 1 and found[0][3].replace(" ", "") == f"—{number}—"
            one_char = 14 / MM
            if number % 2:
                assert abs(found[0][2] - (PAGE_W - OUTER - one_char)) < 1
            else:
                assert abs(found[0][1] - (OUTER + one_char)) < 1
        texts = [line[3] for sheet in document.pages for line in lines_of(sheet)]
    assert any(text.startswith("报：市委常委") for text in texts), "the 版记 is printed, after the text"
    assert not any("下载打印版" in text or "本期共" in text for text in texts), "no web-only lines on paper"


def test_check_names_every_issues_characters_no_print_font_has(tmp_path):
    require_weasyprint()
    site = make_site(tmp_path, {
        "2025/01.md": issue_text(1, "2025-01-08"),
        "2025/02.md": issue_text(2, "2025-01-22", "## 消息\n\n正文\U0001F600。\n（办公室 供稿）\n"),
        "2025/03.md": issue_text(3, "2025-02-05", "## 另一条\n\n正文\U0001F680。\n（办公室 供稿）\n"),
    }, SITE_YAML + EDITION)
    run = run_cli("check", "--site", str(site))
    found = sorted(line.split(": 警告")[0] for line in run.out.splitlines() if "没有字体" in line)
    assert found == ["content/2025/02.md:8", "content/2025/03.md:8"], run.out


def office_font(target: Path) -> Path:
    """A stand-in for an office's licensed 仿宋_GB2312: Debian's 楷体 renamed, as the office's file would be named."""
    from fontTools.ttLib import TTFont

    font = TTFont("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf")
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "FangSong_GB2312"
        elif record.nameID == 6:
            record.string = "FangSongGB2312"
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return target


def test_an_offices_fonts_in_the_sites_fonts_folder_set_the_pdf_and_stay_off_the_web(tmp_path):
    require_weasyprint()
    if not Path("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf").is_file():
        pytest.fail("fonts-arphic-gkai00mp is not installed (.ci/run installs it)")
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08")}, SITE_YAML + EDITION)
    assert build(site).code == 0
    before = pdf_of(site, 1).read_bytes()
    office_font(site / "fonts/仿宋_GB2312.ttf")
    run = build(site)
    assert run.code == 0, run.text
    reader = pypdf.PdfReader(pdf_of(site, 1))
    used = {str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
            for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any(name.replace("_", "").startswith("FangSongGB2312") for name in used), used
    assert pdf_of(site, 1).read_bytes() != before, "a new font in fonts/ makes the PDFs again"
    assert not [p for p in (site / "build").rglob("*") if p.suffix.lower() in (".ttf", ".otf")], \
        "the office's licensed fonts are never published"


def test_an_image_is_set_inside_the_text_block(tmp_path):
    require_weasyprint()
    from PIL import Image

    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", "## 图表\n\n![全县党员分布](../../static/img/wide.png)\n（办公室 供稿）\n")},
                     SITE_YAML + EDITION)
    (site / "static/img").mkdir(parents=True)
    Image.new("RGB", (3000, 600), "#c8161d").save(site / "static/img/wide.png")
    assert build(site).code == 0
    with pdfplumber.open(pdf_of(site, 1)) as document:
        images = [image for page in document.pages for image in page.images]
    assert len(images) == 1
    assert images[0]["x0"] / MM >= BINDING - 0.5 and images[0]["x1"] / MM <= PAGE_W - OUTER + 0.5


def test_the_bound_volume_is_the_same_bytes_every_time(printed, tmp_path):
    for folder in ("one", "two"):
        assert run_cli("pdf", "--site", str(printed), "--volume", "2025", "--output", str(tmp_path / folder)).code == 0
    name = "组工信息2025年合订本.pdf"
    assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.parametrize("start", ["default", "spawn"])
def test_pdfs_made_in_the_worker_pool_are_the_bytes_one_process_makes(tmp_path, monkeypatch, start):
    """Thirty PDFs are worth the pool (each costs some twenty pages); "spawn" is how Windows starts workers."""
    require_weasyprint()
    import multiprocessing

    from bulletin_gen.base import parallel

    if start == "spawn":
        monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    calls = []
    original = parallel._pooled
    monkeypatch.setattr(parallel, "_pooled", lambda *a, **k: (calls.append(1), original(*a, **k))[1])
    issues = {f"2025/{n:02d}.md": issue_text(n, f"2025-{(n - 1) // 3 + 1:02d}-{(n - 1) % 3 * 9 + 1:02d}",
                                             f"## 第{n}期的消息\n\n正文一段。\n（办公室 供稿）\n") for n in range(1, 31)}
    site = make_site(tmp_path / "site", issues, SITE_YAML + EDITION)
    assert build(site, "--no-cache", "--jobs", "2", "--output", str(tmp_path / "two")).code == 0
    assert calls, "the PDFs went through the worker pool"
    assert build(site, "--no-cache", "--jobs", "1", "--output", str(tmp_path / "one")).code == 0
    two, one = tree_bytes(tmp_path / "two"), tree_bytes(tmp_path / "one")
    assert len([name for name in one if name.endswith(".pdf")]) == 30
    assert sorted(two) == sorted(one)
    assert [name for name in one if one[name] != two[name]] == []  # names only: a diff of PDFs takes minutes
