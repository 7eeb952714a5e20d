"""`bulletin check`: each rule on a small site, through the real CLI, in text and JSON."""

from __future__ import annotations

import json

from tests.sitekit import SITE_YAML, issue_text, make_site, run_cli

GOOD = "## 一篇文章\n正文。\n（组织一科 供稿）\n"


def check(site, *extra):
    return run_cli("check", "--site", str(site), *extra)


def findings(site, *extra):
    """(file, line, level, code) of everything check reports, from its JSON."""
    run = check(site, "--format", "json", *extra)
    return run.code, [(f["file"], f["line"], f["level"], f["code"]) for f in json.loads(run.out)]


def test_a_clean_site_passes_even_with_strict(tmp_path):
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", GOOD),
                                "2025/02.md": issue_text(2, "2025-01-22", GOOD)})
    run = check(site, "--strict")
    assert run.code == 0, run.text
    assert run.out == "" and "0 个错误，0 个警告" in run.err


def test_a_gap_in_a_years_numbering_is_a_warning_at_the_later_issue(tmp_path):
    site = make_site(tmp_path, {"2025/11.md": issue_text(11, "2025-06-01", GOOD),
                                "2025/13.md": issue_text(13, "2025-07-01", GOOD),
                                "2026/01.md": issue_text(1, "2026-01-05", GOOD)})  # a new year starts at 1: no gap
    run = check(site)
    assert run.code == 0
    assert run.out.splitlines() == [
        "content/2025/13.md:2: 警告: 2025年的期号不连续：第11期之后是第13期，缺第12期。"]
    assert check(site, "--strict").code == 1, "--strict fails on warnings"


def test_dates_that_go_backwards_and_dates_in_the_future(tmp_path):
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-03-01", GOOD),
                                "2025/02.md": issue_text(2, "2025-02-01", GOOD),
                                "2099/01.md": issue_text(1, "2099-01-01", GOOD),
                                "2099/02.md": issue_text(2, "2099-02-01", GOOD, draft="true")})
    code, found = findings(site, "--drafts")
    assert code == 0
    assert ("content/2025/02.md", 3, "warning", "check.date_backwards") in found
    assert ("content/2099/01.md", 3, "warning", "check.future") in found
    assert not any(f[0] == "content/2099/02.md" and f[3] == "check.future" for f in found), \
        "a draft may be dated ahead"


def test_summary_items_must_match_and_articles_must_be_in_the_summary(tmp_path):
    body = "## 第一篇\n正文。\n（组织一科 供稿）\n\n## 第二篇\n正文。\n（组织一科 供稿）\n"
    text = issue_text(1, "2025-01-08", body, summary="\n  - 第一篇\n  - 第三篇")
    site = make_site(tmp_path, {"2025/01.md": text})
    code, found = findings(site)
    assert code == 1, "a summary item that matches nothing is an error in check"
    assert ("content/2025/01.md", 6, "error", "summary.no_match") in found
    lines = text.splitlines()
    assert ("content/2025/01.md", lines.index("## 第二篇") + 1, "warning", "check.not_in_summary") in found
    assert run_cli("build", "--site", str(site)).code == 0, "the build itself only warns"


def test_articles_without_credit_unless_the_issue_has_a_default(tmp_path):
    body = "## 没有署名\n正文。\n"
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", body),
                                "2025/02.md": issue_text(2, "2025-01-22", body, contributing="办公室")})
    _, found = findings(site)
    assert [f for f in found if f[3] == "check.no_credit"] == [("content/2025/01.md", 6, "warning", "check.no_credit")]


def test_empty_articles_and_repeated_titles(tmp_path):
    body = "## 同一个标题\n正文。\n（组织一科 供稿）\n\n## 只有标题\n\n## 同一个标题\n又一段。\n（组织一科 供稿）\n"
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", body, contributing="办公室")})
    run = check(site)
    assert "content/2025/01.md:11: 警告: “只有标题”只有标题，没有正文。" in run.out
    assert "content/2025/01.md:13: 警告: 本期已有同样标题的文章“同一个标题”（第 7 行）。" in run.out


def test_credit_lines_mixing_widths_are_a_note(tmp_path):
    body = "## 一篇\n正文。\n(组织一科 供稿）\n\n## 两篇\n正文。\n（供稿单位:丰乐县委组织部）\n\n## 三篇\n正文。\n（组织二科 供稿）\n"
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", body)})
    code, found = findings(site, "--strict")
    assert code == 0, "a note never fails the check, even with --strict"
    assert [f[1] for f in found if f[3] == "check.mixed_punctuation"] == [8, 12]
    assert all(f[2] == "info" for f in found if f[3] == "check.mixed_punctuation")


def test_internal_links_must_reach_an_issue_and_its_anchor(tmp_path):
    body = ("## 引用往期\n"
            "见[上一期](../1/index.html)和[它的文章](../1/index.html#article-1)，"
            "又见[不存在的期](../9/index.html)、[不存在的位置](../1/index.html#article-5)，"
            "[往期目录](../../index.html)、[本文](#article-1)、[外部网站](https://www.gov.cn/)。\n"
            "（组织一科 供稿）\n")
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", GOOD),
                                "2025/02.md": issue_text(2, "2025-01-22", body)})
    code, found = findings(site)
    assert code == 1
    broken = [(f[1], f[3]) for f in found if f[3].startswith("check.broken")]
    assert broken == [(7, "check.broken_link"), (7, "check.broken_anchor")]
    run = check(site)
    assert "链接 ../9/index.html 指向的页面不存在" in run.out
    assert "链接 ../1/index.html#article-5 指向的页面里没有“#article-5”这个位置" in run.out


def test_every_build_error_is_reported_too(tmp_path):
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", GOOD),
                                "2025/01-copy.md": issue_text(1, "2025-01-09", GOOD),
                                "2025/03.md": "---\nissue: 3\n---\n正文\n"},
                     SITE_YAML + "theme: defualt\n")
    code, found = findings(site)
    assert code == 1
    codes = {f[3] for f in found}
    assert {"issue.duplicate", "fm.missing_field", "theme.unknown"} <= codes


def test_an_unusable_site_yaml_is_reported_not_raised(tmp_path):
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", GOOD)}, "name: [\n")
    run = check(site)
    assert run.code == 1 and "site.yaml" in run.out and "Traceback" not in run.text


def test_english_messages(tmp_path):
    site = make_site(tmp_path, {"2025/11.md": issue_text(11, "2025-06-01", GOOD),
                                "2025/13.md": issue_text(13, "2025-07-01", GOOD)}, SITE_YAML + "language: en\n")
    run = check(site)
    assert run.out.splitlines() == [
        "content/2025/13.md:2: warning: the numbering of 2025 has a gap: issue 11 is followed by 13; missing: 12."]
