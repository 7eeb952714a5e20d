"""Bad input: a clear message naming file and line, exit code 1, never a traceback."""

import os
import re

import pytest

from tests.disks import make_read_only, small_disk
from tests.sitekit import SITE_YAML, build, issue_text, make_site, run_cli, tree_bytes

GOOD = issue_text(1, "2015-12-23")


def problem_lines(err):
    return [line for line in err.splitlines() if re.match(r"^[^:]+(:\d+)?: (错误|警告|error|warning): ", line)]


def assert_clean_failure(run):
    assert run.code == 1
    assert "Traceback" not in run.text
    assert run.err.strip().splitlines()[-1].startswith(("构建失败", "build failed"))


def failing_build(tmp_path, files, site_yaml=SITE_YAML):
    """Build a site that must fail cleanly; return what it printed on stderr."""
    run = build(make_site(tmp_path, files, site_yaml))
    assert_clean_failure(run)
    return run.err


def test_invalid_yaml_names_file_and_line(tmp_path):
    err = failing_build(tmp_path, {"2015/40.md": "---\nissue: 40\ndate: 2015-12-23\ntitle: [unclosed\n---\n## 标题\n"})
    assert problem_lines(err)[0].startswith("content/2015/40.md:4: 错误: 前置信息不是有效的 YAML")


def test_a_value_that_does_not_fit_its_yaml_tag_names_file_and_line(tmp_path):
    err = failing_build(tmp_path, {"2015/40.md": "---\nissue: 40\ndate: 2015-12-23\ndraft: !!bool maybe\n---\n## 标题\n"})
    first = problem_lines(err)[0]
    assert first.startswith("content/2015/40.md:4: 错误: 前置信息不是有效的 YAML")
    assert "这个值和它前面 !! 标记的类型对不上" in first


def test_missing_required_field(tmp_path):
    err = failing_build(tmp_path, {"a.md": "---\ndate: 2015-12-23\n---\n## 标题\n"})
    assert "content/a.md:1: 错误: 缺少必填项“issue”" in err


@pytest.mark.parametrize("field, value, expected", [
    ("issue", "四十", "“issue”应为正整数"),
    ("issue", "0", "“issue”应为正整数"),
    ("issue", "[1, 2]", "“issue”应为正整数"),
    ("date", "昨天", "“date”不是日期：“昨天”"),
    ("draft", "maybe", "“draft”应为true 或 false"),
    ("summary", "{a: 1}", "“summary”应为一个列表"),
])
def test_wrong_typed_field_names_field_line_and_expectation(tmp_path, field, value, expected):
    fields = {"issue": "1", "date": "2015-12-23", field: value}
    text = "---\n" + "\n".join(f"{k}: {v}" for k, v in fields.items()) + "\n---\n## 标题\n"
    site = make_site(tmp_path, {"a.md": text})
    run = build(site)
    assert_clean_failure(run)
    line = list(fields).index(field) + 2
    assert f"content/a.md:{line}: 错误: {expected}" in run.err


def test_unknown_key_is_a_warning_with_did_you_mean(tmp_path):
    site = make_site(tmp_path, {"a.md": "---\nissue: 1\ndate: 2015-12-23\nsumary: []\n---\n## 标题\n"})
    run = build(site)
    assert run.code == 0
    assert "content/a.md:4: 警告: 不认识的键“sumary”，已忽略。是不是想写“summary”？" in run.err


def test_full_width_colon_after_a_key_is_read_with_a_warning(tmp_path):
    site = make_site(tmp_path, {"a.md": "---\nissue：40\ndate： 2015-12-23\n---\n## 标题\n"})
    run = build(site)
    assert run.code == 0
    assert "content/a.md:2: 警告: “issue”后面用了全角冒号" in run.err
    assert (site / "build/2015/40/index.html").is_file()


def test_duplicate_issue_numbers_name_both_files(tmp_path):
    err = failing_build(tmp_path, {"2015/a.md": issue_text(7, "2015-03-01"),
                                   "2015/b.md": issue_text(7, "2015-03-08"), "2016/c.md": issue_text(7, "2016-03-01")})
    duplicates = [line for line in problem_lines(err) if "期号重复" in line]
    assert duplicates == ["content/2015/b.md:2: 错误: 期号重复：2015年第7期，与 content/2015/a.md:2 相同。"]


def test_continuous_numbering_makes_numbers_unique_across_years(tmp_path):
    err = failing_build(tmp_path, {"2015/a.md": issue_text(7, "2015-03-01"), "2016/c.md": issue_text(7, "2016-03-01")},
                     SITE_YAML + "numbering: continuous\n")
    assert "期号重复：第7期" in err


def test_impossible_date(tmp_path):
    err = failing_build(tmp_path, {"a.md": "---\nissue: 1\ndate: 2015-02-30\n---\n## 标题\n"})
    assert "content/a.md:3: 错误: 日期“2015-02-30”不存在" in err


def test_gbk_file_gets_told_how_to_resave(tmp_path):
    err = failing_build(tmp_path, {"a.md": issue_text(1, "2015-12-23").encode("gbk")})
    assert "content/a.md:6: 错误: 文件不是 UTF-8 编码，看起来是 GBK/GB18030" in err
    assert "另存为" in err


def test_utf16_and_binary_files(tmp_path):
    err = failing_build(tmp_path, {"a.md": issue_text(1, "2015-12-23").encode("utf-16"),
                                "b.md": b"---\nissue: 2\x00\n"})
    assert "content/a.md:1: 错误: 文件是 UTF-16 编码" in err
    assert "content/b.md:2: 错误: 文件含有空字节" in err


def test_credit_line_with_no_name(tmp_path):
    err = failing_build(tmp_path, {"a.md": issue_text(1, "2015-12-23", "## 标题\n\n正文。\n（供稿单位：）\n")})
    assert "content/a.md:9: 错误: 供稿行没有写供稿单位：“（供稿单位：）”" in err


def test_missing_and_unclosed_front_matter(tmp_path):
    err = failing_build(tmp_path, {"a.md": "## 没有前置信息\n", "b.md": "---\nissue: 1\n## 忘了结束\n"})
    assert "content/a.md:1: 错误: 文件开头缺少前置信息" in err
    assert "content/b.md:1: 错误: 前置信息从第 1 行的 --- 开始，但找不到结束它的 --- 行。" in err


def test_front_matter_that_is_a_list(tmp_path):
    err = failing_build(tmp_path, {"a.md": "---\n- issue\n- 1\n---\n## 标题\n"})
    assert "content/a.md:2: 错误: 前置信息应是一组“键: 值”，这里却是一个列表。" in err


def test_unknown_theme_with_did_you_mean(tmp_path):
    err = failing_build(tmp_path, {"a.md": GOOD}, SITE_YAML + "theme: defualt\n")
    assert "找不到主题“defualt”。可用的主题：default。是不是想写“default”？" in err


def test_missing_template(tmp_path):
    site = make_site(tmp_path, {"a.md": GOOD}, SITE_YAML + "theme: bare\n")
    (site / "themes/bare/templates").mkdir(parents=True)
    run = build(site)
    assert_clean_failure(run)
    # Every page template the theme lacks, in one run.
    for name in ("issue.html", "archive.html", "404.html", "stats.html"):
        assert f"找不到模板“{name}”" in run.err, run.err
    checked = run_cli("check", "--site", str(site))
    assert checked.code == 1 and "Traceback" not in checked.err
    for name in ("issue.html", "archive.html", "404.html", "stats.html"):
        assert f"找不到模板“{name}”" in checked.out + checked.err, checked.text
    # With the stats page off, its template is not asked for.
    (site / "site.yaml").write_text(SITE_YAML + "theme: bare\nstats_page: false\n", encoding="utf-8")
    assert "stats.html" not in build(site).err


def test_template_errors_name_the_template_and_line(tmp_path):
    site = make_site(tmp_path, {"a.md": GOOD})
    (site / "templates").mkdir()
    (site / "templates/404.html").write_text("{% extends 'base.html' %}\n{% block main %}\n{{ no_such.thing }}\n{% endblock %}\n")
    run = build(site)
    assert_clean_failure(run)
    assert re.search(r"templates/404\.html:3: 错误: 渲染模板时出错：UndefinedError", run.err)


@pytest.mark.parametrize("bad_bytes, expected", [
    (bytes(range(0x80, 0x100)) + b"\x00" + bytes(range(1, 0x80)), "templates/base.html:1: 错误: 文件"),
    ("{% block main %}中文\n".encode("gbk"), "templates/base.html:1: 错误: 文件不是 UTF-8 编码，看起来是 GBK"),
], ids=["binary", "gbk"])
def test_a_template_that_is_not_text_is_named_itself_not_the_page_that_extends_it(tmp_path, bad_bytes, expected):
    site = make_site(tmp_path, {"a.md": GOOD})
    (site / "templates").mkdir()
    (site / "templates/base.html").write_bytes(bad_bytes)
    for run in (build(site), run_cli("check", "--site", str(site))):
        assert run.code == 1 and "Traceback" not in run.text
        lines = problem_lines(run.text)
        assert lines and all(line.startswith("templates/base.html:") for line in lines), run.text
        assert any(line.startswith(expected) for line in lines), run.text


@pytest.mark.parametrize("setting, key, expected", [
    ("theme: defualt", "theme", "找不到主题“defualt”"),
    ("output_dir: content/out", "output_dir", "不能把输出目录设为"),
    ("content_dir: articles", "content_dir", "articles"),
])
def test_a_setting_found_wrong_later_is_named_by_its_site_yaml_line(tmp_path, setting, key, expected):
    site = make_site(tmp_path, {"a.md": GOOD}, SITE_YAML + "description: 示例\n" + setting + "\n")
    line = len(SITE_YAML.splitlines()) + 2
    for run in (build(site), run_cli("check", "--site", str(site))):
        assert run.code == 1 and "Traceback" not in run.text
        assert any(found.startswith(f"site.yaml:{line}: 错误: ") and expected in found
                   for found in problem_lines(run.text)), run.text


def test_a_folder_that_holds_other_files_as_output_names_the_output_dir_line(tmp_path):
    site = make_site(tmp_path, {"a.md": GOOD}, SITE_YAML + "output_dir: public\n")
    (site / "public").mkdir()
    (site / "public/notes.txt").write_text("mine", encoding="utf-8")
    run = build(site)
    assert_clean_failure(run)
    assert problem_lines(run.err)[0].startswith(f"site.yaml:{len(SITE_YAML.splitlines()) + 1}: 错误: "), run.err
    # Given on the command line, the folder is not site.yaml's doing.
    run = run_cli("build", "--site", str(site), "--output", str(site / "public"))
    assert run.code == 1 and "site.yaml" not in run.err and "public" in run.err, run.err


@pytest.mark.parametrize("template, text, expected", [
    # A partial no page includes yet: the build would pass, the next edit that includes it would not.
    ("partials/unused.html", "<p>\n{% if x %}\n<p>\n", r"templates/partials/unused\.html:3: 错误: 模板语法错误"),
    ("issue.html", "{% extends 'base.html' %}\n{% block main %}\n{{ issue.no_such_field }}\n{% endblock %}\n",
     r"templates/issue\.html:3: 错误: 渲染模板时出错：UndefinedError"),
    ("archive.html", "{% extends 'base.html' %}\n{% block main %}\n{{ pager.no_such }}\n{% endblock %}\n",
     r"templates/archive\.html:3: 错误: 渲染模板时出错：UndefinedError"),
    ("stats.html", "{% extends 'base.html' %}\n{% block main %}\n{{ table.nope }}\n{% endblock %}\n",
     r"templates/stats\.html:3: 错误: 渲染模板时出错：UndefinedError"),
    ("404.html", "{% extends 'base.html' %}\n{% block main %}\n{{ no_such_function() }}\n{% endblock %}\n",
     r"templates/404\.html:3: 错误: 渲染模板时出错：UndefinedError"),
])
def test_check_fails_on_a_template_the_build_would_fail_on(tmp_path, template, text, expected):
    site = make_site(tmp_path, {"a.md": GOOD})
    assert run_cli("check", "--site", str(site)).code == 0
    (site / "templates" / template).parent.mkdir(parents=True)
    (site / "templates" / template).write_text(text, encoding="utf-8")
    checked = run_cli("check", "--site", str(site))
    assert checked.code == 1 and "Traceback" not in checked.text
    assert [line for line in problem_lines(checked.text) if re.match(expected, line)], checked.text
    if template != "partials/unused.html":
        assert build(site).code == 1, "check fails exactly where the build would"


@pytest.mark.parametrize("yaml_text, expected", [
    ("name: 组工信息\nissuer: 示例\nper_page: many\n", "site.yaml:3: 错误: site.yaml 的“per_page”应为正整数"),
    ("name: 组工信息\nissuer: 示例\nnumbering: yearley\n", "site.yaml:3: 错误: site.yaml 的“numbering”只能是 yearly / continuous，这里是“yearley”。是不是想写“yearly”？"),
    ("name: 组工信息\nissuer: 示例\nbase_url: example.gov.cn\n", "site.yaml:3: 错误: site.yaml 的“base_url”应为以 http:// 或 https:// 开头的网址"),
    ("name: 组工信息\nissuer: [示例\n", "site.yaml:2: 错误: site.yaml 不是有效的 YAML"),
    ("name: 组工信息\nissuer: 示例\ntimezone: '+99:99'\n", "site.yaml:3: 错误: site.yaml 的“timezone”应为与 UTC 的时差，写成 +08:00 这样"),
    ("name: 组工信息\nissuer: 示例\noutput_dir: /etc\n", "site.yaml:3: 错误: site.yaml 的“output_dir”应为站点文件夹里的相对路径"),
    ("name: 组工信息\nissuer: 示例\ncontent_dir: /etc\n", "site.yaml:3: 错误: site.yaml 的“content_dir”应为站点文件夹里的相对路径"),
    ("name: 组工信息\n", "site.yaml:1: 错误: 缺少必填项“issuer”"),
    ("name: 组工信息\nissuer: 示例\nfooter:\n  icp: 1\n  polise: x\n", "site.yaml:5: 警告: site.yaml 里不认识的键“footer.polise”。是不是想写“footer.police”？"),
    ("name: 组工信息\nissuer: 示例\nlabels:\n  neighbour: '{yyyymmdd} 第{numbr}期'\n", "site.yaml:4: 错误: site.yaml 的“labels.neighbour”里有不认识的占位符 {numbr}"),
])
def test_invalid_site_yaml_names_line_and_key(tmp_path, yaml_text, expected):
    site = make_site(tmp_path, {"a.md": GOOD}, yaml_text)
    run = build(site)
    assert expected in run.err
    assert "Traceback" not in run.text


DEEP = "[" * 5000 + "v" + "]" * 5000  # deeper than PyYAML 6.0.4 reads; 6.0.3 read it


@pytest.mark.parametrize("where", ["front matter", "site.yaml"])
def test_nesting_too_deep_for_the_yaml_library_is_said_in_the_editors_words(tmp_path, where):
    """Loaded as written where the installed PyYAML can, else exit 1 naming file and line."""
    if where == "front matter":
        site = make_site(tmp_path, {"a.md": "---\nissue: 1\ndate: 2015-12-23\ntags: " + DEEP + "\n---\n## 标题\n"})
        expected = "content/a.md:4: 错误: 前置信息不是有效的 YAML：嵌套层数过多"
    else:
        site = make_site(tmp_path, {"a.md": GOOD}, SITE_YAML + "labels: " + DEEP + "\n")
        expected = "site.yaml:5: 错误: site.yaml 不是有效的 YAML：嵌套层数过多"
    run = build(site)
    assert "Traceback" not in run.text
    if "嵌套层数过多" in run.err:
        assert_clean_failure(run)
        assert any(line.startswith(expected) for line in problem_lines(run.err)), run.err
    else:  # read as written: the deep value reaches the checks of its key
        assert "不是有效的 YAML" not in run.err


def test_missing_site_yaml(tmp_path):
    run = build(tmp_path)
    assert run.code == 1 and "找不到站点配置文件" in run.err and "Traceback" not in run.text


def test_every_content_problem_is_reported_in_one_run(tmp_path):
    err = failing_build(tmp_path, {
        "a.md": "---\nissue: x\ndate: 2015-12-23\n---\n## 标题\n",
        "b.md": "---\nissue: 2\ndate: 2015-13-01\n---\n## 标题\n正文。\n（供稿）\n",
        "c.md": "---\nissue: 3\ndate: 2015-12-23\ntitle: [\n---\n",
        "d.md": issue_text(4, "2015-12-23").encode("gbk"),
    })
    files = {line.split(":")[0] for line in problem_lines(err) if ": 错误: " in line}
    assert files == {"content/a.md", "content/b.md", "content/c.md", "content/d.md"}
    assert "content/b.md:7: 错误: 供稿行没有写供稿单位" in err  # the body is checked even when a field is bad


def test_messages_follow_site_language(tmp_path):
    err = failing_build(tmp_path, {"a.md": "---\nissue: 1\ndate: 2015-02-30\n---\n## 标题\n"},
                     SITE_YAML + "language: en\n")
    assert 'content/a.md:3: error: the date "2015-02-30" does not exist' in err
    assert err.strip().endswith("The previous output is unchanged.")


def test_unsafe_output_directories_are_refused(tmp_path):
    site = make_site(tmp_path / "site", {"a.md": GOOD})
    for output in (site, site / "content", tmp_path, site / "content/out"):
        run = build(site, "--output", str(output))
        assert run.code == 1, output
        assert "不能把输出目录设为" in run.err
    assert (site / "content/a.md").read_text(encoding="utf-8") == GOOD


def test_a_foreign_non_empty_output_directory_is_not_replaced(tmp_path):
    site = make_site(tmp_path / "site", {"a.md": GOOD})
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "报告.docx").write_bytes(b"important")
    run = build(site, "--output", str(precious))
    assert run.code == 1 and "不是 bulletin-gen 生成的" in run.err
    assert (precious / "报告.docx").read_bytes() == b"important"


# --- what used to end in exit 70 -----------------------------------------------------------

def test_a_file_name_in_gbk_is_named_with_what_it_would_read_as(tmp_path):
    site = make_site(tmp_path, {"2015/01.md": GOOD})
    raw_name = os.fsencode(site / "content" / "2015") + b"/" + "中文".encode("gbk") + b".md"
    with open(raw_name, "wb") as file:  # as unzip leaves a Windows zip's names
        file.write(issue_text(2, "2015-12-30").encode("utf-8"))
    err = failing_build(tmp_path, {})
    line = next(line for line in err.splitlines() if "不是 UTF-8 编码" in line)
    assert "2015/\\xd6\\xd0\\xce\\xc4.md" in line and "改名为“中文.md”" in line


def test_links_to_nothing_to_themselves_or_to_folders_are_reported_and_skipped(tmp_path):
    site = make_site(tmp_path / "site", {"2015/01.md": GOOD})
    content = site / "content"
    os.symlink("self.md", content / "2015" / "self.md")
    os.symlink("b.md", content / "2015" / "a.md")
    os.symlink("a.md", content / "2015" / "b.md")
    os.symlink("gone.md", content / "2015" / "dangling.md")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", content / "2016")
    run = build(site)
    assert run.code == 0 and "Traceback" not in run.text, run.text
    warned = {line.split(": ")[0]: line for line in problem_lines(run.err)}
    for name in ("self", "a", "b"):
        assert "链接形成了循环" in warned[f"content/2015/{name}.md"]
    assert "指向的文件不存在" in warned["content/2015/dangling.md"]
    assert "指向文件夹" in warned["content/2016"] and str(tmp_path / "elsewhere") in warned["content/2016"]


def test_an_existing_file_as_the_output_is_refused_not_replaced(tmp_path):
    site = make_site(tmp_path / "site", {"2015/01.md": GOOD})
    (tmp_path / "notes.txt").write_text("an editor's notes", encoding="utf-8")
    run = build(site, "--output", str(tmp_path / "notes.txt"))
    assert_clean_failure(run)
    assert "它是一个已有的文件，不是文件夹" in run.err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "an editor's notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "site"], "nothing moved aside"


def test_a_full_disk_fails_cleanly_and_leaves_nothing_half_written(tmp_path):
    site = make_site(tmp_path / "site", {f"2015/{n:02d}.md": issue_text(n, f"2015-0{n}-01") for n in range(1, 8)})
    with small_disk(tmp_path / "disk", "48k") as disk:
        run = build(site, "--output", str(disk / "out"))
        assert_clean_failure(run)
        assert "磁盘已满" in run.err
        assert not [p for p in disk.iterdir() if p.name.startswith((".out-new-", "out"))]


def test_a_read_only_disk_fails_cleanly_and_keeps_the_previous_output(tmp_path):
    site = make_site(tmp_path / "site", {"2015/01.md": GOOD})
    with small_disk(tmp_path / "disk", "4m") as disk:
        assert build(site, "--output", str(disk / "out")).code == 0
        before = tree_bytes(disk / "out")
        (site / "content" / "2015" / "02.md").write_text(issue_text(2, "2015-12-30"), encoding="utf-8")
        make_read_only(disk)
        run = build(site, "--output", str(disk / "out"))
        assert_clean_failure(run)
        assert "磁盘是只读的" in run.err
        assert tree_bytes(disk / "out") == before
