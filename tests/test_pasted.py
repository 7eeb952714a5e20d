"""What editors really paste: each untidy case built into a small site by the real build.

Every case asserts what a reader of the page notices (parsed HTML), and what
the editor is told (`bulletin check --format json`, `bulletin stats`).
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import unquote

from bs4 import BeautifulSoup

from tests.browser import chromium
from tests.sitekit import SITE_YAML, broken_links, build, issue_text, make_site, run_cli, soup, tree_bytes


def built_page(tmp_path, body: str, site_yaml: str = SITE_YAML, **fields: str):
    site = make_site(tmp_path / "site", {"2025/07.md": issue_text(7, "2025-04-10", body, **fields)}, site_yaml)
    run = build(site)
    assert run.code == 0, run.text
    return site, soup(site / "build" / "2025" / "7" / "index.html")


def findings(site, *codes: str) -> list[tuple[int | None, str, str]]:
    """(line, level, message) of what check reports with these codes, from its JSON."""
    run = run_cli("check", "--site", str(site), "--format", "json")
    return [(f["line"], f["level"], f["message"]) for f in json.loads(run.out) if f["code"] in codes]


def stats_rows(site) -> dict[str, str]:
    """The 供稿统计 as `bulletin stats --csv` gives it: unit → its total."""
    target = site / "stats.csv"
    assert run_cli("stats", "--site", str(site), "--csv", str(target)).code == 0
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    return {row[0]: row[-1] for row in rows[1:]}


# --- 1. column items: each credit line ends one, titled or not ---------------------------

COLUMN = """\
# 工作动态

丰乐县召开基层党建工作推进会。
（组织一科 供稿）

## 清河区开展“党员进社区”活动
清河区组织机关党员到社区报到。
（组织二科 供稿）

## 东城镇举办村干部培训班
东城镇培训村干部120人次。
（干部一科 供稿）

西湖乡完成党员信息采集。
（党员管理中心 供稿）
"""


def test_a_titled_column_item_ends_at_its_credit_and_later_items_stay_items(tmp_path):
    site, page = built_page(tmp_path, COLUMN)
    column = page.select_one("section.column")
    items = column.select(".article")
    assert len(items) == 4
    assert [item.select_one(".title-main").get_text() if item.select_one(".title-main") else ""
            for item in items] == ["", "清河区开展“党员进社区”活动", "东城镇举办村干部培训班", ""]
    assert [item.select_one(".credit").get_text() for item in items] == [
        "（组织一科 供稿）", "（组织二科 供稿）", "（干部一科 供稿）", "（党员管理中心 供稿）"]
    assert "供稿" not in " ".join(p.get_text() for p in column.select(".article-body p"))
    assert stats_rows(site) == {"组织一科": "1", "组织二科": "1", "干部一科": "1", "党员管理中心": "1", "合计": "4"}


# --- 3. indents pasted from web pages ------------------------------------------------------

INDENTED = """\
## 某县推进“一村一品”
  某县立足资源禀赋，推进特色产业发展。
  全县已建成示范基地12个。

## 某区深化“放管服”改革
    某区把群众满意作为第一标准。
    办事时限平均压缩一半以上。
\t窗口服务实现“一次办好”。
（组织一科 供稿）
"""


def test_lines_indented_with_ascii_spaces_are_each_a_paragraph_never_code(tmp_path):
    site, page = built_page(tmp_path, INDENTED)
    first, second = page.select("section.article")
    assert [p.get_text() for p in first.select(".article-body p")] == [
        "某县立足资源禀赋，推进特色产业发展。", "全县已建成示范基地12个。"]
    assert [p.get_text() for p in second.select(".article-body p")] == [
        "某区把群众满意作为第一标准。", "办事时限平均压缩一半以上。", "窗口服务实现“一次办好”。"]
    assert not page.select("pre, code")
    assert findings(site, "body.pasted_indent") == [
        (7, "warning", "从这一行起有 2 行行首带空格（从网页粘贴的缩进），已去掉：每行仍是一段，段首由版式自动缩进两字。"
                       "如果这些行是要原样显示的代码，请在上下各加一行 ```。"),
        (11, "warning", "从这一行起有 2 行行首带空格（从网页粘贴的缩进），已去掉：每行仍是一段，段首由版式自动缩进两字。"
                        "如果这些行是要原样显示的代码，请在上下各加一行 ```。")]


def test_full_width_indents_are_removed_without_a_word_and_fenced_code_keeps_its_spaces(tmp_path):
    body = "## 标题\n\u3000\u3000段落一。\n\u3000\u3000段落二。\n```\n    缩进的代码\n```\n"
    site, page = built_page(tmp_path, body)
    assert [p.get_text() for p in page.select(".article-body p")] == ["段落一。", "段落二。"]
    assert page.select_one("pre code").get_text() == "    缩进的代码\n"
    assert findings(site, "body.pasted_indent") == []


# --- 2. asterisks: bold leads stay bold, masks stay as typed -----------------------------

ASTERISKS = """\
## 某县从严管理干部
**抓基础、强素质，**不断优化干部队伍结构。
20*年，中共*市委部署开展专项整治。
中共**区委、**县委联合开展调研。
**年8月，全县召开推进会。
要做到**三个坚持**，推进工作落实。
要做到 **三个守牢**，推进工作落实。
**年8月，中共**区委召开会议。
（组织一科 供稿）
"""


def test_bold_leads_stay_bold_and_masks_come_out_exactly_as_typed(tmp_path):
    site, page = built_page(tmp_path, ASTERISKS)
    paragraphs = page.select(".article-body p")
    assert [p.get_text() for p in paragraphs] == [
        "抓基础、强素质，不断优化干部队伍结构。",
        "20*年，中共*市委部署开展专项整治。",
        "中共**区委、**县委联合开展调研。",
        "**年8月，全县召开推进会。",
        "要做到**三个坚持**，推进工作落实。",
        "要做到三个守牢，推进工作落实。",
        "年8月，中共区委召开会议。"]
    assert [[b.get_text() for b in p.find_all("strong")] for p in paragraphs] == [
        ["抓基础、强素质，"], [], [], [], [], ["三个守牢"], ["年8月，中共"]]
    assert not page.select(".article-body em")
    warned = findings(site, "body.asterisks_typed", "body.asterisks_bold")
    assert [(line, message.split("”")[0]) for line, _, message in warned] == [
        (9, "“**区委、**"), (11, "“**三个坚持**"), (13, "“**年8月，中共**")]
    assert "写成 \\*\\*" in warned[0][2] and "加一个空格" in warned[0][2]


def test_escaped_masks_are_shown_as_typed_without_a_word(tmp_path):
    site, page = built_page(tmp_path, "## 标题\n\\*\\*年8月，中共\\*\\*区委召开会议。\n（组织一科 供稿）\n")
    assert page.select_one(".article-body p").get_text() == "**年8月，中共**区委召开会议。"
    assert findings(site, "body.asterisks_typed", "body.asterisks_bold") == []


def test_asterisks_in_code_lists_and_rules_keep_their_markdown_meaning(tmp_path):
    body = "## 标题\n* 第一项\n* 第二项\n\n***\n\n代码 `a**b**c` 里。\n"
    site, page = built_page(tmp_path, body)
    assert [li.get_text() for li in page.select(".article-body li")] == ["第一项", "第二项"]
    assert page.select(".article-body hr") and page.select_one(".article-body code").get_text() == "a**b**c"


def test_chinese_is_never_slanted_in_a_browser(tmp_path):
    site, page = built_page(tmp_path, "## 标题\n这是 _重点_ 内容。\n")
    assert page.select_one(".article-body em").get_text() == "重点"
    with chromium() as browser:
        tab = browser.new_page()
        tab.goto((site / "build" / "2025" / "7" / "index.html").as_uri())
        style = tab.eval_on_selector(".article-body em", "e => { const s = getComputedStyle(e);"
                                     " return [s.fontStyle, s.fontSynthesisStyle, s.textEmphasisStyle]; }")
    assert style[:2] == ["normal", "none"], "no synthetic oblique"
    assert style[2] in ("dot", "filled dot"), "emphasis is shown with emphasis dots (着重号)"


# --- 5. every credit form, printed as written and counted by unit ---------------------------

CREDITS = """\
## 第一篇
正文。
（供稿人：张三）

## 第二篇
正文。
供稿单位：研究室

## 第三篇
正文。
【供稿：办公室】

## 第四篇
正文。
（组织一科 王明 供稿）

## 第五篇
正文。
（供稿：干部一科）

## 第六篇
正文。
（李四 供稿）
"""


def test_each_credit_form_is_recognised_printed_as_written_and_counted_by_its_unit(tmp_path):
    site, page = built_page(tmp_path, CREDITS, contributing="综合科")
    assert [c.get_text() for c in page.select(".credit")] == [
        "（供稿人：张三）", "供稿单位：研究室", "【供稿：办公室】", "（组织一科 王明 供稿）", "（供稿：干部一科）",
        "（李四 供稿）"]
    assert [p.get_text() for p in page.select(".article-body p")] == ["正文。"] * 6, "no credit left in the text"
    # The person's article is the issue's default unit's; the person is never a unit.
    assert stats_rows(site) == {"综合科": "1", "研究室": "1", "办公室": "1", "组织一科": "1", "干部一科": "1",
                                "李四": "1", "合计": "6"}
    assert findings(site, "body.credit_unsure") == [
        (29, "warning", "供稿行“（李四 供稿）”里的“李四”像是人名，也可能是单位名，已按供稿单位统计。"
                        "如果是人名，请写成“（供稿人：李四）”或“（组织一科 李四 供稿）”。")]


def test_site_yaml_can_print_every_credit_in_one_style(tmp_path):
    _, page = built_page(tmp_path, CREDITS, SITE_YAML + "credit_style: unit\n")
    assert [c.get_text() for c in page.select(".credit")] == [
        "（供稿人：张三）", "（供稿单位：研究室）", "（供稿单位：办公室）", "（供稿单位：组织一科 王明）",
        "（供稿单位：干部一科）", "（供稿单位：李四）"]


# --- 6. metadata at an article's end, and web-page furniture -------------------------------

FIELDS = """\
## 某区推行“街乡吹哨、部门报到”
来源：某市组工网  日期：2025-03-06  浏览次数：56
字体：大 中 小
某区建立街乡吹哨、部门报到工作机制。
全区共解决群众诉求300余件。【责任编辑：李明】

## 某县开展“万名党员进党校”
某县分批组织党员到县委党校轮训。
（组织一科 供稿）
来源：某县融媒体中心
作者：张三
【打印】【关闭】
"""


def test_author_source_and_editor_at_an_articles_end_are_its_fields(tmp_path):
    site, page = built_page(tmp_path, FIELDS)
    first, second = page.select("section.article")
    assert [p.get_text() for p in first.select(".article-body p")] == [
        "某区建立街乡吹哨、部门报到工作机制。", "全区共解决群众诉求300余件。"]
    assert [s.get_text() for s in first.select(".article-fields span")] == ["责任编辑：李明"]
    assert [p.get_text() for p in second.select(".article-body p")] == ["某县分批组织党员到县委党校轮训。"]
    assert second.select_one(".credit").get_text() == "（组织一科 供稿）"
    assert [s.get_text() for s in second.select(".article-fields span")] == ["来源：某县融媒体中心", "作者：张三"]


def test_web_page_furniture_is_left_out_of_the_page_and_named_by_check(tmp_path):
    site, page = built_page(tmp_path, FIELDS)
    text = page.select_one("main").get_text()
    for furniture in ("浏览次数", "字体：大", "【打印】"):
        assert furniture not in text
    assert [(line, message.split("”")[0]) for line, _, message in findings(site, "body.web_furniture")] == [
        (7, "“来源：某市组工网  日期：2025-03-06  浏览次数：56"), (8, "“字体：大 中 小"), (17, "“【打印】【关闭】")]


def test_the_same_words_inside_a_sentence_stay_text(tmp_path):
    body = "## 标题\n全年网站浏览量：120万次，同比增长一倍。\n作者：张三在会上作了发言。\n"
    site, page = built_page(tmp_path, body)
    assert [p.get_text() for p in page.select(".article-body p")] == [
        "全年网站浏览量：120万次，同比增长一倍。", "作者：张三在会上作了发言。"]
    assert not page.select(".article-fields") and findings(site, "body.web_furniture") == []


# --- 9. titles: 引题, 主题 on one or two lines, 副题 -------------------------------------------

TITLES = """\
## 【引题】强化主责主业 推动融合创新
## 丰乐县把支部建在产业链上
### ——丰乐县“产业链党建”调查
正文。
（组织一科 供稿）

## 清河市扎实开展
### 软弱涣散基层党组织整顿
正文。
（组织二科 供稿）

## 某县干部“墩苗”
## ——来自基层一线的报告
正文。
（干部一科 供稿）
"""


def test_kicker_main_title_and_subtitle_are_each_set_as_a_bulletin_sets_them(tmp_path):
    site, page = built_page(tmp_path, TITLES)
    first, second, third = page.select(".article-title")
    assert [(span["class"][0], span.get_text()) for span in first.find_all("span")] == [
        ("title-kicker", "强化主责主业 推动融合创新"), ("title-main", "丰乐县把支部建在产业链上"),
        ("title-sub", "——丰乐县“产业链党建”调查")]
    assert [(span["class"][0], span.get_text()) for span in second.find_all("span")] == [
        ("title-main", "清河市扎实开展"), ("title-main", "软弱涣散基层党组织整顿")], "a title broken over two lines"
    assert [(span["class"][0], span.get_text()) for span in third.find_all("span")] == [
        ("title-main", "某县干部“墩苗”"), ("title-sub", "——来自基层一线的报告")]
    with chromium() as browser:
        tab = browser.new_page()
        tab.goto((site / "build" / "2025" / "7" / "index.html").as_uri())
        sizes = tab.eval_on_selector_all("#article-1-title span", "spans => spans.map(s => "
                                         "parseFloat(getComputedStyle(s).fontSize))")
    kicker, main, sub = sizes
    assert kicker < main and sub < main, "引题 and 副题 are smaller than the 主题"


def test_lists_and_the_feed_give_the_main_title_then_the_subtitle_once(tmp_path):
    site, _ = built_page(tmp_path, TITLES)
    archive = soup(site / "build" / "index.html")
    assert [li.get_text() for li in archive.select(".entry-summary li")] == [
        "丰乐县把支部建在产业链上——丰乐县“产业链党建”调查", "清河市扎实开展软弱涣散基层党组织整顿",
        "某县干部“墩苗”——来自基层一线的报告"]
    from xml.etree import ElementTree
    feed = ElementTree.parse(site / "build" / "feed.xml").getroot()
    summary = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary").text
    assert summary == ("丰乐县把支部建在产业链上——丰乐县“产业链党建”调查；清河市扎实开展软弱涣散基层党组织整顿；"
                       "某县干部“墩苗”——来自基层一线的报告")
    assert "—— ——" not in summary and "强化主责主业" not in summary


def test_a_kicker_with_no_main_title_under_it_becomes_the_title_and_check_says_so(tmp_path):
    site, page = built_page(tmp_path, "## 引题：强化主责主业\n正文。\n")
    assert page.select_one(".title-main").get_text() == "强化主责主业" and not page.select(".title-kicker")
    assert [line for line, _, _ in findings(site, "body.kicker_alone")] == [6]


# --- 10. the 内容摘要 is made up only where site.yaml says so --------------------------------

TWO_ARTICLES = "## 第一篇文章\n正文。\n（组织一科 供稿）\n\n## 第二篇文章\n正文。\n（组织二科 供稿）\n"


def summary_items(page) -> list[str]:
    return [li.get_text() for li in page.select(".summary-items li")]


def test_auto_lists_the_titles_of_an_issue_that_lists_none(tmp_path):
    _, page = built_page(tmp_path, TWO_ARTICLES)
    assert summary_items(page) == ["第一篇文章", "第二篇文章"]


def test_listed_shows_a_summary_only_where_the_issue_lists_one(tmp_path):
    _, page = built_page(tmp_path, TWO_ARTICLES, SITE_YAML + "summary: listed\n")
    assert not page.select(".summary")
    _, page = built_page(tmp_path / "b", TWO_ARTICLES, SITE_YAML + "summary: listed\n", summary="[第二篇文章]")
    assert summary_items(page) == ["第二篇文章"]


def test_an_empty_summary_means_none_even_with_auto(tmp_path):
    _, page = built_page(tmp_path, TWO_ARTICLES, summary="[]")
    assert not page.select(".summary")


def test_required_makes_check_fail_on_an_issue_without_one(tmp_path):
    site, page = built_page(tmp_path, TWO_ARTICLES, SITE_YAML + "summary: required\n")
    assert not page.select(".summary"), "nothing is made up"
    assert [(line, level) for line, level, _ in findings(site, "summary.missing")] == [(2, "error")]
    assert run_cli("check", "--site", str(site)).code == 1
    listed = make_site(tmp_path / "ok", {"2025/07.md": issue_text(7, "2025-04-10", TWO_ARTICLES, summary="[]")},
                       SITE_YAML + "summary: required\n")
    assert run_cli("check", "--site", str(listed)).code == 0, "summary: [] says the issue has none, on purpose"


# --- 11. layout slips -----------------------------------------------------------------------

def _phone_and_desk(url: str, script: str) -> dict[int, object]:
    """What `script` gives on the page at a desktop's width and at a small phone's (320 px)."""
    results = {}
    with chromium() as browser:
        for width in (1280, 320):
            tab = browser.new_page(viewport={"width": width, "height": 800})
            tab.goto(url)
            results[width] = tab.evaluate(script)
            tab.close()
    return results


def test_neighbour_links_line_up_with_the_text_and_follow_the_colon_directly(tmp_path):
    site = make_site(tmp_path / "site", {"2025/06.md": issue_text(6, "2025-03-27"),
                                         "2025/07.md": issue_text(7, "2025-04-10")})
    assert build(site).code == 0
    page = soup(site / "build" / "2025" / "7" / "index.html")
    assert [p.get_text().strip() for p in page.select(".neighbour")] == ["上一期：20250327 第六期", "下一期：返回列表"]
    lefts = _phone_and_desk((site / "build" / "2025" / "7" / "index.html").as_uri(), """[
        document.querySelector('.neighbour-label').getBoundingClientRect().left,
        document.querySelector('.article-body p').getBoundingClientRect().left]""")
    for width, (label, text) in lefts.items():
        assert abs(label - text) < 1, f"at {width} px the links start {label - text:.0f} px off the text"


def test_the_footer_never_breaks_inside_a_postcode_on_a_phone(tmp_path):
    footer = ("footer:\n  address: 某某市某某区人民路一百二十八号行政中心东楼三层\n  postcode: '016000'\n"
              "  phone: 0473-1234567\n  email: zgb@example.gov.cn\n")
    site = make_site(tmp_path / "site", {"2025/07.md": issue_text(7, "2025-04-10")}, SITE_YAML + footer)
    assert build(site).code == 0
    lines = _phone_and_desk((site / "build" / "2025" / "7" / "index.html").as_uri(), """
        [...document.querySelectorAll('.filing span:not(.filing-address):not(.filing-email)')]
            .map(s => s.getClientRects().length)""")  # a long address or mail address may wrap
    assert all(count == 1 for counts in lines.values() for count in counts), lines


def test_the_stats_total_stays_in_view_however_many_years(tmp_path):
    issues = {f"{year}/01.md": issue_text(1, f"{year}-03-01") for year in range(2016, 2026)}
    site = make_site(tmp_path / "site", issues)
    assert build(site).code == 0
    seen = _phone_and_desk((site / "build" / "stats" / "index.html").as_uri(), """(() => {
        const total = document.querySelector('.stats-table tfoot .stats-row-total').getBoundingClientRect();
        return [total.right <= document.documentElement.clientWidth, document.documentElement.scrollWidth
                <= document.documentElement.clientWidth]; })()""")
    assert seen == {1280: [True, True], 320: [True, True]}, "合计 is visible without scrolling the table, and the page does not scroll sideways"


# --- 12. mixed punctuation widths ----------------------------------------------------------

MIXED = """\
## 某区推进党建引领基层治理
某区确立以“党建领航”为主题的发展战略,加强队伍建设、夯实党建基础。
出台《绩效考核管理办法(试行)》,首次对80个部门考核评分。
网址是 https://example.gov.cn/a,b 和代码 `x:y`。
（组织一科 供稿）

## 某县全用全角的文章
某县坚持问题导向，推动工作落实。
（组织二科 供稿）
"""


def test_mixed_widths_are_a_check_warning_once_per_article(tmp_path):
    site, page = built_page(tmp_path, MIXED)
    assert page.select(".article-body p")[0].get_text() == "某区确立以“党建领航”为主题的发展战略,加强队伍建设、夯实党建基础。", \
        "as typed by default"
    assert findings(site, "check.mixed_widths") == [
        (7, "warning", "这篇文章的标点全角、半角混用：这一行“题的发展战略,加强队伍建”里的“,”是半角。请改成全角，"
                       "或在 site.yaml 里写 punctuation: full_width，由构建把中文里的半角标点统一为全角。")]


def test_full_width_setting_sets_half_width_marks_in_chinese_text_full_width(tmp_path):
    site, page = built_page(tmp_path, MIXED, SITE_YAML + "punctuation: full_width\n")
    assert [p.get_text() for p in page.select(".article-body p")][:3] == [
        "某区确立以“党建领航”为主题的发展战略，加强队伍建设、夯实党建基础。",
        "出台《绩效考核管理办法（试行）》，首次对80个部门考核评分。",
        "网址是 https://example.gov.cn/a,b 和代码 x:y。"]
    assert findings(site, "check.mixed_widths") == []


# --- 4. pictures and attachments beside an issue ---------------------------------------------

PICTURES = """\
## 某县推进党建引领乡村振兴
![全县党员分布图](img/chart.png "图为全县党员分布情况")
某县持续推进党建引领乡村振兴。
![村党组织书记培训现场](photo.jpg)
详见[附件1：培训名单](附件1.pdf)和[实施方案](方案.docx)。
（组织一科 供稿）
"""


def picture(path, width: int, height: int, colour: str = "red", quality: int = 85) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), colour).save(path, quality=quality)


def picture_site(root, issues: dict[str, str] | None = None, site_yaml: str = SITE_YAML):
    site = make_site(root, issues or {"2025/07.md": issue_text(7, "2025-04-10", PICTURES),
                                      "2025/08.md": issue_text(8, "2025-04-24", "## 第二篇\n"
                                                               "![全县党员分布图](img/chart.png)\n正文。\n")},
                     site_yaml)
    picture(site / "content/2025/img/chart.png", 640, 480)
    picture(site / "content/2025/photo.jpg", 320, 200, "blue")
    (site / "content/2025/附件1.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 120_000)
    (site / "content/2025/方案.docx").write_bytes(b"PK\x03\x04" + b"0" * 1_300_000)
    return site


def test_pictures_and_attachments_are_copied_beside_the_page_and_linked(tmp_path):
    site = picture_site(tmp_path / "site")
    assert build(site).code == 0
    out = site / "build"
    page = soup(out / "2025" / "7" / "index.html")
    first, second = page.select(".article-body img")
    assert (first["src"], first["width"], first["height"], first.get("loading")) == ("img/chart.png", "640", "480", None)
    assert (second["src"], second["width"], second["height"], second["loading"]) == ("photo.jpg", "320", "200", "lazy")
    assert [f.select_one("figcaption").get_text() for f in page.select("figure.figure")] == [
        "图为全县党员分布情况", "村党组织书记培训现场"], "the title, else the alt text"
    assert [a.get_text() for a in page.select(".attachment")] == [
        "附件1：培训名单（PDF，0.1 MB）", "附件：实施方案（Word，1.2 MB）"]
    for link in page.select(".attachment a"):
        assert (out / "2025" / "7" / unquote(link["href"])).is_file()
    assert (out / "2025/7/img/chart.png").read_bytes() == (site / "content/2025/img/chart.png").read_bytes()
    # Used by two issues, written once: the second links to the first one's copy.
    assert soup(out / "2025" / "8" / "index.html").select_one("img")["src"] == "../7/img/chart.png"
    assert not (out / "2025" / "8" / "img").exists()
    assert not broken_links(out, "disk") and not broken_links(out, "server")


def test_a_link_out_of_content_is_refused_and_nothing_outside_is_copied(tmp_path):
    (tmp_path / "secret.png").write_bytes(b"not for the web")
    body = "## 标题\n![图](../../secret.png)\n[文件](../../../etc/passwd.txt)\n"
    site = make_site(tmp_path / "site", {"2025/07.md": issue_text(7, "2025-04-10", body)})
    (site / "content" / "2025" / "link.png").symlink_to(tmp_path / "secret.png")
    (site / "content" / "2025" / "07b.md").write_text(issue_text(8, "2025-04-11", "## 又一篇\n![图](link.png)\n"),
                                                      encoding="utf-8")
    run = build(site)
    assert run.code == 1 and "content 文件夹以外" in run.err
    assert not (site / "build").exists() or not list((site / "build").rglob("*.png"))


def test_an_edited_picture_is_copied_again_and_only_its_pages_are_rebuilt(tmp_path):
    site = picture_site(tmp_path / "site")
    assert build(site).code == 0
    out = site / "build"
    before = tree_bytes(out)
    picture(site / "content/2025/img/chart.png", 800, 600, "green")
    run = build(site)
    assert run.code == 0
    after = tree_bytes(out)
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert changed == [".bulletin-gen", "2025/7/img/chart.png", "2025/7/index.html", "2025/8/index.html",
                       "feed.xml"], "the picture, the two pages that show it, and the feed that carries them"
    assert soup(out / "2025" / "8" / "index.html").select_one("img")["width"] == "800"
    # The same build from scratch gives the very same bytes.
    clean = picture_site(tmp_path / "clean")
    picture(clean / "content/2025/img/chart.png", 800, 600, "green")
    assert build(clean).code == 0
    assert tree_bytes(clean / "build") == after


def test_check_names_missing_files_pictures_without_alt_large_ones_and_files_no_issue_uses(tmp_path):
    body = "## 标题\n![示意图](img/chrat.png)\n![](photo.jpg)\n![大图](big.jpg)\n正文。\n（组织一科 供稿）\n"
    site = make_site(tmp_path / "site", {"2025/07.md": issue_text(7, "2025-04-10", body)})
    picture(site / "content/2025/img/chart.png", 64, 48)
    picture(site / "content/2025/photo.jpg", 64, 48)
    big = site / "content/2025/big.jpg"
    big.write_bytes(b"\xff\xd8" + b"0" * (2 * 1024 * 1024 + 10))
    (site / "content/2025/旧照片.jpg").write_bytes(b"old")
    run = run_cli("check", "--site", str(site), "--format", "json")
    found = [(f["file"], f["line"], f["level"], f["code"]) for f in json.loads(run.out)
             if f["code"].startswith(("body.file", "check.image", "check.unused"))]
    assert sorted(found, key=str) == sorted([
        ("content/2025/07.md", 7, "error", "body.file_missing"),
        ("content/2025/07.md", 8, "warning", "check.image_no_alt"),
        ("content/2025/07.md", 9, "warning", "check.image_large"),
        ("content/2025/img/chart.png", None, "warning", "check.unused_file"),
        ("content/2025/旧照片.jpg", None, "warning", "check.unused_file")], key=str)
    messages = {f["code"]: f["message"] for f in json.loads(run.out)}
    assert "是不是想写“img/chart.png”" in messages["body.file_missing"]
    assert run.code == 1


def test_the_feed_links_pictures_and_attachments_by_absolute_address(tmp_path):
    site = picture_site(tmp_path / "site")
    assert build(site).code == 0
    from xml.etree import ElementTree

    entries = ElementTree.parse(site / "build" / "feed.xml").getroot().findall("{http://www.w3.org/2005/Atom}entry")
    content = BeautifulSoup(entries[-1].find("{http://www.w3.org/2005/Atom}content").text, "html.parser")
    assert [img["src"] for img in content.select("img")] == [
        "https://example.gov.cn/zgxx/2025/7/img/chart.png", "https://example.gov.cn/zgxx/2025/7/photo.jpg"]
    assert content.select_one(".attachment a")["href"] == "https://example.gov.cn/zgxx/2025/7/%E9%99%84%E4%BB%B61.pdf"


def test_pictures_fit_a_phone_and_the_text_block_in_print(tmp_path):
    site = picture_site(tmp_path / "site")
    picture(site / "content/2025/img/chart.png", 2400, 1200)  # wider than any screen and the A4 text block
    assert build(site).code == 0
    sizes = _phone_and_desk((site / "build" / "2025" / "7" / "index.html").as_uri(), """(() => {
        const img = document.querySelector('.article-body img').getBoundingClientRect();
        const text = document.querySelector('.article-body p').getBoundingClientRect();
        return [img.left >= text.left - 0.5, img.right <= text.right + 0.5, img.height > 0,
                document.documentElement.scrollWidth <= document.documentElement.clientWidth]; })()""")
    assert sizes == {1280: [True] * 4, 320: [True] * 4}


def test_the_print_edition_prints_the_pictures_inside_the_text_block(tmp_path):
    from tests.test_print import MM, require_weasyprint

    require_weasyprint()
    import pdfplumber

    site = picture_site(tmp_path / "site", site_yaml=SITE_YAML + "print_edition: true\n")
    picture(site / "content/2025/img/chart.png", 2400, 1200)
    assert build(site).code == 0
    (printed,) = (site / "build" / "2025" / "7").glob("组工信息*.pdf")
    with pdfplumber.open(printed) as document:
        images = [image for page in document.pages for image in page.images]
        assert len(images) == 2, "both pictures are in the PDF"
        for image in images:
            assert image["x0"] >= 26 * MM - 1 and image["x1"] <= (210 - 26) * MM + 1, "inside the text block"


def test_the_preview_rebuilds_a_page_when_its_picture_is_saved(tmp_path):
    from bulletin_gen.pipeline.builder import Builder, BuildOptions

    site = picture_site(tmp_path / "site")
    builder = Builder(BuildOptions(site))
    try:
        builder.build()
        chart = site / "content/2025/img/chart.png"
        picture(chart, 900, 300, "green")
        result = builder.build(changed=[str(chart.absolute())])  # what the watcher hands on
        assert "2025/7/img/chart.png" in result.written.files
        assert soup(site / "build" / "2025" / "7" / "index.html").select_one("img")["width"] == "900"
        new = site / "content/2025/new.png"
        picture(new, 10, 10)
        (site / "content/2025/08.md").write_text(issue_text(8, "2025-04-24", "## 第二篇\n![新图](new.png)\n"),
                                                encoding="utf-8")
        result = builder.build(changed=[str(new.absolute()), str((site / "content/2025/08.md").absolute())])
        assert "2025/8/new.png" in result.written.files and not result.problems.items
    finally:
        builder.close()


# --- the property: every credit is one counted item, and no typed character is lost --------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PROSE_CHARS = list("党建推进会议组织干部群众基层服务发展乡村治理") + list("，。、；：？！“”（）《》") + list("0123456789") \
    + list("WiFiAB") + ["*", "**", "　", " "]
_PROSE_LINE = st.lists(st.sampled_from(_PROSE_CHARS), min_size=1, max_size=30).map("".join).filter(
    lambda line: line.strip(" \u3000*") != "")
_UNITS = st.sampled_from(["组织一科", "干部二科", "研究室", "丰乐县委组织部", "党员管理中心"])
_CREDIT_FORMS = ["（{u} 供稿）", "({u}供稿)", "（供稿单位：{u}）", "(供稿单位:{u})", "（供稿：{u}）", "【供稿：{u}】",
                 "供稿单位：{u}", "（{u} 王明 供稿）"]
_ITEM = st.tuples(st.booleans(), st.lists(_PROSE_LINE, min_size=1, max_size=4), _UNITS,
                  st.sampled_from(_CREDIT_FORMS), st.booleans())


def _shown_characters(text: str) -> str:
    """What a reader must find of a typed line: everything but spaces and the asterisks bold may take."""
    return "".join(char for char in text if char not in " \u3000*")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(_ITEM, min_size=1, max_size=6))
def test_each_credit_is_one_counted_item_and_no_typed_character_is_lost(tmp_path, items):
    from bulletin_gen.base.problems import Problems
    from bulletin_gen.settings.config import SiteConfig
    from bulletin_gen.sources.issue_file import parse_issue
    from bulletin_gen.text.markdown_render import Renderer
    from bulletin_gen.text.wordcount import plain_text

    lines = ["# 工作动态", ""]
    for number, (titled, prose, unit, form, glued) in enumerate(items):
        if titled:
            lines.append(f"## 第{number + 1}条动态")
        credit = form.format(u=unit)
        if glued and credit.startswith(("（", "(", "【")):
            lines += [*prose[:-1], prose[-1] + credit]  # at the end of the last paragraph
        else:
            lines += [*prose, credit]
        lines.append("")
    path = tmp_path / "issue.md"
    path.write_text("---\nissue: 7\ndate: 2025-04-10\n---\n" + "\n".join(lines), encoding="utf-8")
    issue = parse_issue(path, SiteConfig(root=tmp_path, name="组工信息", issuer="示例"), Renderer(), Problems())
    (column,) = issue.body.sections
    assert len(column.items) == len(items), "each credit line ends one item"
    assert [item.credit.name for item in column.items] == [unit for _, _, unit, _, _ in items], "counted by unit"
    assert list(issue.head.credits) == [unit for _, _, unit, _, _ in items]
    for item, (_, prose, _, _, _) in zip(column.items, items):
        shown = _shown_characters(plain_text(item.html).replace("\n", ""))
        typed = "".join(_shown_characters(line) for line in prose)
        assert shown == typed, (prose, item.html)
        stars_typed = sum(line.count("*") for line in prose)
        stars_shown = plain_text(item.html).count("*")
        assert stars_typed - stars_shown == 4 * item.html.count("<strong>"), "only a bold pair's ** is taken"


@settings(max_examples=2000, deadline=None)
@given(lead=st.text(alphabet=st.sampled_from(list("党建，。、 *`")), min_size=1, max_size=12),
       rest=st.text(alphabet=st.sampled_from(list("党建推进，。 *")), max_size=12))
def test_the_bold_lead_shortcut_gives_what_the_whole_reading_gives(lead, rest):
    from bulletin_gen.text import asterisks

    line = f"**{lead}**{rest}"
    if asterisks.plain_bold_lead(line):
        original = asterisks.plain_bold_lead
        try:
            asterisks.plain_bold_lead = lambda text: False
            assert asterisks._resolve_line(line) == (line, [])
        finally:
            asterisks.plain_bold_lead = original


def test_a_picture_reached_through_a_link_out_of_content_is_never_copied(tmp_path):
    outside = tmp_path / "outside"
    picture(outside / "secret.png", 20, 20)
    body = "## 标题\n![图一](shared/secret.png)\n![图二](link.png)\n正文。\n（组织一科 供稿）\n"
    site = make_site(tmp_path / "site", {"2025/07.md": issue_text(7, "2025-04-10", body)})
    (site / "content/2025/shared").symlink_to(outside, target_is_directory=True)  # a folder link
    (site / "content/2025/link.png").symlink_to(outside / "secret.png")  # a file link
    run = build(site)
    assert run.code == 0, run.text
    assert not list((site / "build").rglob("*.png")), "nothing from outside content/ is published"
    assert [line for line, level, _ in findings(site, "body.file_missing") if level == "error"] == [7, 8]
