"""The documented example builds as documented; the real entry points work."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.sitekit import REPO, SITE_YAML, build, issue_text, make_site, soup, tree_bytes


def documented_example() -> str:
    text = (REPO / "docs/content-format.md").read_text(encoding="utf-8")
    return re.search(r"## A full example\n\n```markdown\n(.*?)\n```\n", text, re.S).group(1) + "\n"


def test_the_full_example_in_the_docs_renders_as_the_docs_say(tmp_path):
    site = make_site(tmp_path, {"2015/40.md": documented_example()})
    run = build(site)
    assert run.code == 0 and run.err == "", run.text
    html = soup(site / "build/2015/40/index.html")
    assert html.select_one(".masthead-number").get_text() == "第40期（总第108期）"
    assert "本期集中刊发" in html.select_one(".bulletin > .editor-note").get_text()
    first, second = html.select(".bulletin > .article")
    assert [s.get_text() for s in first.select(".article-title span")] == [
        "某市落实“三有”夯实“一化”", "全面提升社区建设科学化水平"]
    assert "只属于这篇文章" in first.select_one(".editor-note").get_text()
    assert len(first.select(".article-body p")) == 3
    assert first.select_one(".credit").get_text() == "（组织一科 供稿）"
    assert second.select_one(".credit").get_text() == "（供稿单位：市委人才办）"
    assert "供稿" not in second.select_one(".article-body").get_text()
    column = html.select_one(".column")
    assert column.select_one(".column-title").get_text() == "【工作动态】"
    assert [c.get_text() for c in column.select(".credit")] == ["（党员管理中心 供稿）", "（办公室 供稿）"]
    assert [a["href"] for a in html.select(".summary a")] == ["#article-1", "#article-2", "#column-1"]
    assert html.select_one(".issue-meta").get_text(strip=True) == "责任编辑：王明"


def test_crlf_and_bom_in_site_yaml_and_content(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23").replace("\n", "\r\n").encode("utf-8-sig")})
    (site / "site.yaml").write_bytes(("\ufeff" + SITE_YAML).replace("\n", "\r\n").encode("utf-8"))
    run = build(site)
    assert run.code == 0, run.text
    assert soup(site / "build/2015/1/index.html").select_one(".credit").get_text() == "（组织一科 供稿）"


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bulletin_gen", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd or REPO, timeout=120)


def test_python_dash_m_builds_a_site_in_the_current_directory(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23")})
    done = cli("build", cwd=site)
    assert done.returncode == 0, done.stderr
    assert re.match(r"构建完成：1 期，5 个页面，写入 \d+ 个文件，用时 \d+\.\d\d 秒 → ", done.stdout)
    assert (site / "build/2015/1/index.html").is_file()


def test_exit_codes_and_no_traceback_for_bad_input(tmp_path):
    site = make_site(tmp_path, {"a.md": "---\nissue: 1\n"})
    done = cli("build", "--site", str(site))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert cli("biuld").returncode == 2  # a mistyped command
    assert cli("--version").stdout.startswith("bulletin-gen ")


def test_lang_flag_overrides_the_site_language(tmp_path):
    site = make_site(tmp_path, {"a.md": "---\nissue: 1\n"})
    done = cli("--lang", "en", "build", "--site", str(site))
    assert "error: the front matter opened by --- on line 1 is never closed" in done.stderr


def test_lang_flag_changes_the_messages_not_the_pages(tmp_path):
    site = make_site(tmp_path, {"2015/1.md": issue_text(1, "2015-12-23"), "2015/2.md": issue_text(2, "2015-12-30")})
    assert cli("build", "--site", str(site)).returncode == 0
    pages = tree_bytes(site / "build")
    done = cli("--lang", "en", "build", "--site", str(site))
    assert done.returncode == 0 and done.stdout.startswith("built 2 issues"), done.stdout + done.stderr
    # The readers' pages stay in the site's language, byte for byte, and are not even rewritten.
    assert re.search(r", wrote 0 files in ", done.stdout), done.stdout
    assert tree_bytes(site / "build") == pages
    html = soup(site / "build/2015/2/index.html")
    assert html.select_one("html")["lang"] == "zh-CN"
    assert html.select_one(".neighbour-prev a").get_text() == "20151223 第一期"


def test_a_cached_problem_is_reported_in_the_language_asked_for(tmp_path):
    # The file's problems come from the cache on the second and third runs: their words must not be.
    site = make_site(tmp_path, {"2015/1.md": "---\nissue: 1\ndate: 2015-12-23\ntitle: [未闭合\n---\n正文。\n",
                                "2015/2.md": "---\n- 一\n- 二\n---\n正文。\n"})
    first = cli("build", "--site", str(site))
    assert "方括号 [ ] 没有配对" in first.stderr and "这里却是一个列表" in first.stderr, first.stderr
    english = cli("--lang", "en", "build", "--site", str(site))
    assert "did not find expected ',' or ']'" in english.stderr and "not a list" in english.stderr, english.stderr
    assert not re.search(r"[\u4e00-\u9fff]", english.stderr.replace("未闭合", "")), english.stderr
    again = cli("build", "--site", str(site))
    assert again.stderr == first.stderr
