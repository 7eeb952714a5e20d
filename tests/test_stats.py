"""供稿统计: the pure counting, the /stats/ page and `bulletin stats`, checked against hand counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from bulletin_gen.model import stats
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.render import chart
from tests.sitekit import SITE_YAML, build, foreign_scripts, issue_text, make_site, run_cli, soup

# Two years of issues, credits in every form editors use. Hand count:
#   2024: 组织一科 2 (one typed with a space, one in full-width brackets), 人才工作科 1 (written 人才科),
#         丰乐县委组织部 1 (unit form), uncredited 1
#   2025: 组织一科 1 (the issue's `contributing` default), 干部监督科 2 (two column items)
ISSUES = {
    "2024/01.md": issue_text(1, "2024-01-10", """\
        ## 第一篇
        正文。
        （组织 一科 供稿）

        ## 第二篇
        正文。
        （供稿单位：丰乐县委组织部）
        """),
    "2024/02.md": issue_text(2, "2024-02-20", """\
        ## 第三篇
        正文。
        （【组织一科】供稿）

        ## 第四篇
        正文。
        (人才科 供稿)

        ## 第五篇
        没有署名的文章。
        """),
    "2025/01.md": issue_text(1, "2025-03-06", """\
        ## 第六篇
        正文。

        # 工作动态
        某某区召开会议。（干部监督科 供稿）
        某某县举办培训。（干部监督科供稿）
        """, contributing="组织一科"),
}
ALIASES = "credit_aliases:\n  人才工作科: [人才科, 人才办]\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("stats") / "site", ISSUES, SITE_YAML + ALIASES)
    run = build(root)
    assert run.code == 0, run.err
    return root


def test_section_names_are_one_however_they_were_typed():
    keys = {stats.section_key(name) for name in ("组织一科", "组织 一科", "【组织一科】", "（组织一科）",
                                                 "组织　一科", "[组织一科]")}
    assert keys == {"组织一科"}


def test_aliases_fold_other_spellings_into_their_section():
    aliases = stats.alias_map((("人才 科", "人才工作科"),))
    assert aliases == {"人才科": "人才工作科"}


def _heads(*pairs):
    """One issue a credit: (section, date)."""
    return [IssueHead(Path(f"{i}.md"), "", i + 1, None, dt.date.fromisoformat(day), None, "", "", (), None, None,
                      None, None, False, credits=(section,)) for i, (section, day) in enumerate(pairs)]


def test_tables_rank_by_count_with_uncredited_last_and_totals_that_add_up():
    heads = _heads(("乙科", "2024-01-01"), ("甲科", "2024-05-01"), ("甲 科", "2025-05-01"),
                   ("", "2025-06-01"), ("丙科", "2025-06-01"))
    table = stats.by_year(heads, {})
    assert table.columns == (2024, 2025)
    assert [(r.section, r.counts, r.total) for r in table.rows] == [
        ("甲科", (1, 1), 2), ("丙科", (0, 1), 1), ("乙科", (1, 0), 1), ("", (0, 1), 1)]
    assert table.totals == (2, 3) and table.total == 5
    assert stats.by_year(heads, {}, 2025).columns == (2025,)
    months = stats.by_month(heads, {"丙科": "甲科"}, 2025)
    assert months.columns == tuple(range(1, 13)) and months.total == 3
    assert months.totals[4] == 1 and months.totals[5] == 2
    assert months.rows[0] == stats.Row("甲科", (0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0), 2)


def test_chart_bars_are_proportional_and_fit_the_drawing():
    drawn = chart.horizontal_bars([("组织一科", 8), ("办公室", 4), ("一个名字特别特别长的供稿单位名称", 1)])
    widths = [bar.width for bar in drawn.bars]
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.2) and widths[1] > widths[2] > 0
    assert all(drawn.label_width + bar.width + chart.VALUE_ROOM <= drawn.width for bar in drawn.bars)
    assert drawn.bars[2].label.endswith("…") and drawn.bars[2].full_label == "一个名字特别特别长的供稿单位名称"


def _page_table(site):
    page = soup(site / "build" / "stats" / "index.html")
    table = page.select_one("table.stats-table")
    header = [th.get_text() for th in table.select("thead th")]
    rows = {tr.th.get_text(): [int(td.get_text()) for td in tr.find_all("td")] for tr in table.select("tbody tr")}
    footer = [int(td.get_text()) for td in table.select("tfoot td")]
    return page, header, rows, footer


def test_stats_page_table_matches_the_hand_count(site):
    _, header, rows, footer = _page_table(site)
    assert header == ["供稿单位", "2024年", "2025年", "合计"]
    assert rows == {"组织一科": [2, 1, 3], "干部监督科": [0, 2, 2], "丰乐县委组织部": [1, 0, 1],
                    "人才工作科": [1, 0, 1], "（未注明供稿）": [1, 0, 1]}
    assert list(rows)[-1] == "（未注明供稿）"
    assert footer == [5, 3, 8]


def test_stats_page_draws_one_bar_chart_a_year_as_inline_svg(site):
    page, _, rows, _ = _page_table(site)
    figures = page.select("figure.stats-chart")
    assert [f.figcaption.get_text() for f in figures] == ["2025年各单位供稿条数", "2024年各单位供稿条数"]
    bars_2024 = {g.select_one(".stats-bar-label").get_text(): int(g.select_one(".stats-bar-value").get_text())
                 for g in figures[1].select("g.stats-bar")}
    assert bars_2024 == {"组织一科": 2, "丰乐县委组织部": 1, "人才工作科": 1, "（未注明供稿）": 1}
    svg = figures[0].svg
    assert svg["role"] == "img" and svg["aria-labelledby"] == figures[0].figcaption["id"]
    assert not foreign_scripts(page), "the chart is drawn at build time, without JavaScript"


def test_every_page_links_to_the_stats_page(site):
    for page in ("index.html", "2024/1/index.html", "2025/index.html"):
        nav = soup(site / "build" / page).select_one(".site-nav")
        assert "供稿统计" in [a.get_text() for a in nav.find_all("a")]


def test_the_stats_page_can_be_turned_off(tmp_path):
    root = make_site(tmp_path / "site", ISSUES, SITE_YAML + "stats_page: false\n")
    assert build(root).code == 0
    assert not (root / "build" / "stats").exists()
    nav = soup(root / "build" / "index.html").select_one(".site-nav")
    assert "供稿统计" not in nav.get_text()


def test_stats_command_prints_the_table_with_totals(site):
    run = run_cli("stats", "--site", str(site))
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].split() == ["供稿单位", "2024年", "2025年", "合计"]
    assert lines[1].split() == ["组织一科", "2", "1", "3"]
    assert lines[-1].split() == ["合计", "5", "3", "8"]


def test_stats_by_month_of_one_year(site):
    run = run_cli("stats", "--site", str(site), "--by", "month", "--year", "2024")
    assert run.code == 0, run.err
    header, *rows = [line.split() for line in run.out.splitlines()]
    assert header[1:4] == ["1月", "2月", "3月"] and header[-1] == "合计"
    by_name = {row[0]: row[1:] for row in rows}
    assert by_name["组织一科"][:2] == ["1", "1"] and by_name["合计"][:2] == ["2", "3"]
    assert by_name["合计"][-1] == "5"


def test_stats_csv_opens_in_excel_and_adds_up(site, tmp_path):
    target = tmp_path / "供稿统计.csv"
    run = run_cli("stats", "--site", str(site), "--csv", str(target))
    assert run.code == 0, run.err
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    assert b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["供稿单位", "2024年", "2025年", "合计"]
    body = rows[1:-1]
    assert sum(int(row[-1]) for row in body) == int(rows[-1][-1]) == 8
    for column in (1, 2):
        assert sum(int(row[column]) for row in body) == int(rows[-1][column])
    assert f"{target}" in run.out


def test_stats_csv_into_a_missing_folder_is_a_clear_error(site, tmp_path):
    run = run_cli("stats", "--site", str(site), "--csv", str(tmp_path / "nowhere" / "x.csv"))
    assert run.code == 1
    assert "无法写入" in run.err and "Traceback" not in run.err


def test_csv_cells_never_run_as_excel_formulas():
    table = stats.by_year(_heads(("=1+2", "2024-01-01")), {})
    rows = list(csv.reader(io.StringIO(stats.to_csv(table, ["a", "2024", "t"], "-", "t").decode("utf-8-sig"))))
    assert rows[1][0] == "'=1+2"


def test_stats_refuses_to_count_when_an_issue_cannot_be_read(tmp_path):
    root = make_site(tmp_path / "site", {**ISSUES, "2025/02.md": "没有前置信息的文件\n"})
    run = run_cli("stats", "--site", str(root))
    assert run.code == 1
    assert "2025/02.md:1: 错误" in run.err and run.out == ""


def test_stats_follow_the_site_language(site, tmp_path):
    root = make_site(tmp_path / "site", ISSUES, SITE_YAML + "language: en\n")
    run = run_cli("stats", "--site", str(root))
    assert run.out.splitlines()[0].split() == ["Section", "2024", "2025", "Total"]
