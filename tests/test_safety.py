"""Hostile text in every field comes out as text; no output path leaves the output; Word's leftovers render sensibly."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_gen.text import safe_urls
from bulletin_gen.write import output
from tests.browser import chromium
from tests.sitekit import SITE_YAML, build, foreign_scripts, html_files, issue_text, make_site, run_cli, soup

PAYLOADS = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>', "</title><script>alert(2)</script>",
            "javascript:alert(3)", '"><svg onload=alert(4)>']
EVIL = " ".join(PAYLOADS)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """Every payload in titles, summary items, credits, columns, front matter and site.yaml (footer included)."""
    q = _quoted(EVIL)
    body = f"""\
        ## {EVIL}
        ### {EVIL}
        正文 {EVIL}
        [点我](javascript:alert(5)) [也点我](JaVa\tScRiPt:alert(6)) ![图](javascript:alert(7))
        <a href="javascript:alert(8)">原始链接</a>
        （{EVIL.replace("(", "").replace(")", "")} 供稿）

        # {EVIL}
        一条动态。（供稿单位：{EVIL.replace("(", "").replace(")", "")}）
        """
    text = issue_text(1, "2025-03-06", body, title=q, issuer=q, editor=q, source=q, author=q,
                      summary=f"\n  - {q}\n  - title: {q}\n    subtitle: {q}")
    footer = "\n".join(f"  {key}: {q}" for key in ("copyright", "sponsor", "organizer", "address", "postcode",
                                                    "phone", "email", "tech_support", "site_code", "icp", "police"))
    site_yaml = (SITE_YAML.replace("name: 组工信息", f"name: {q}") + f"description: {q}\nfooter:\n{footer}\n"
                 + f"labels:\n  prev: {q}\n")
    site = make_site(tmp_path_factory.mktemp("xss") / "site", {"2025/01.md": text,
                                                               "2025/02.md": issue_text(2, "2025-03-20")}, site_yaml)
    run = build(site)
    assert run.code == 0, run.text
    return site / "build"


def test_no_page_has_a_script_an_event_handler_or_a_script_url(hostile):
    pages = html_files(hostile)
    assert len(pages) >= 6
    for page in pages:
        tree = soup(page)
        assert not foreign_scripts(tree), page
        assert not tree.find_all("svg", attrs={"onload": True}), page
        for tag in tree.find_all(True):
            assert not [name for name in tag.attrs if name.lower().startswith("on")], (page, tag)
            for name in ("href", "src", "action", "formaction"):
                value = "".join(str(tag.get(name) or "").split()).lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (page, tag)


def test_the_payloads_are_shown_as_the_text_the_editor_typed(hostile):
    page = soup(hostile / "2025" / "1" / "index.html")
    assert page.title.get_text().startswith(EVIL), "</title> in the name stays inside the title"
    assert page.select_one(".masthead-name").get_text() == EVIL
    assert EVIL in page.select_one(".article-title").get_text()
    assert "<script>" in page.select_one(".summary").get_text()
    assert "<a href=\"javascript:alert(8)\">原始链接</a>" in page.select_one(".article-body").get_text(), \
        "raw HTML in the body is shown as text"
    footer = page.select_one(".site-footer").get_text()
    assert footer.count("<script>") >= 8


def test_links_with_script_urls_lose_their_target_but_keep_their_text(hostile):
    body = soup(hostile / "2025" / "1" / "index.html").select_one(".article-body")
    links = {a.get_text(): a.get("href") for a in body.find_all("a")}
    assert links == {"点我": None, "也点我": None}
    assert body.find("img").get("src") is None


def test_feed_and_stats_page_escape_too(hostile):
    feed = ET.parse(hostile / "feed.xml").getroot()
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(EVIL in (title or "") for title in titles)
    stats = soup(hostile / "stats" / "index.html")
    assert not foreign_scripts(stats)
    # section names lose brackets and quotes when counted, so what is left of the payload is plain text
    assert any("scriptalert" in th.get_text() for th in stats.select("tbody th"))


# --- paths ------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["../x.html", "/etc/x", "a/../../x", "..\\x", "C:x", "c:/x", "", "."])
def test_no_output_path_can_leave_the_output_directory(tmp_path, path):
    with pytest.raises(ValueError):
        output.write_staged(tmp_path / "staging", path, b"x")
    assert not any(tmp_path.rglob("x"))


def test_a_content_link_that_leads_outside_content_is_refused(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(issue_text(9, "2025-01-01"), encoding="utf-8")
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-01-08")})
    os.symlink(secret, site / "content" / "2025" / "09.md")
    os.symlink(tmp_path, site / "content" / "elsewhere")
    run = build(site)
    assert run.code == 1
    assert "content/2025/09.md: 错误:" in run.err and "内容目录以外" in run.err
    assert not (site / "build").exists()


def test_the_home_folder_is_never_an_output_directory(tmp_path, monkeypatch):
    home = tmp_path / "home"
    site = make_site(home / "site", {"2025/01.md": issue_text(1, "2025-01-08")})
    (home / "文档.docx").write_bytes(b"keep")
    monkeypatch.setenv("HOME", str(home))
    run = build(site, "--output", str(home))
    assert run.code == 1 and "用户主目录" in run.err
    assert (home / "文档.docx").read_bytes() == b"keep"


# --- pasted from Word --------------------------------------------------------------------

def test_text_pasted_from_word_renders_sensibly(tmp_path):
    body = ("## “智能引号”与\u00a0不换行空格\n"
            "\u3000\u3000全角空格缩进的段落，\u200b零宽字符\u200b在这里。\n"
            "\t制表符开头的段落。\n"
            "‘单引号’和——破折号……省略号。\n"
            "（组织一科\u00a0供稿）\n")
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-01-08", body)})
    run = build(site)
    assert run.code == 0 and run.err == "", run.text
    page = soup(site / "build" / "2025" / "1" / "index.html")
    paragraphs = [p.get_text() for p in page.select(".article-body p")]
    assert paragraphs[0].startswith("全角空格缩进的段落"), "the indent comes from CSS, not from pasted spaces"
    assert "\u200b" not in "".join(paragraphs), "zero-width characters are dropped"
    assert paragraphs[1] == "制表符开头的段落。", "a tab does not turn a paragraph into code"
    assert paragraphs[2] == "‘单引号’和——破折号……省略号。"
    assert page.select_one(".credit").get_text() == "（组织一科 供稿）"
    assert not page.select(".article-body pre, .article-body code")


def test_indent_is_only_dropped_where_it_is_typing_not_markdown(tmp_path):
    body = ("## 标题\n"
            "\u3000\u3000全角缩进。\n"
            "\n"
            "- 第一项\n"
            "\t- 第二层\n"
            "\n"
            "```\n"
            "\t代码里的制表符\n"
            "```\n"
            "（组织一科 供稿）\n")
    for mode in ("lines", "markdown"):
        site = make_site(tmp_path / mode, {"2025/01.md": issue_text(1, "2025-01-08", body)},
                         SITE_YAML + f"paragraphs: {mode}\n")
        assert build(site).code == 0
        article = soup(site / "build" / "2025" / "1" / "index.html").select_one(".article-body")
        assert article.p.get_text() == "全角缩进。", mode
        assert article.select_one("ul ul li").get_text() == "第二层", f"{mode}: a nested list keeps its indent"
        code = article.pre.get_text()
        assert code[:1].isspace() and code.strip() == "代码里的制表符", f"{mode}: code keeps its indent"


# --- script URLs however they are spelled ----------------------------------------------

def _spelled_char(draw, char: str) -> str:
    """One character of a scheme as an attacker may write it in Markdown."""
    code = ord(char)
    forms = [char, char.upper(), f"&#{code};", f"&#{code:07d};", f"&#x{code:x};", f"&#X{code:X};", f"&#{code}"]
    if char == ":":
        forms += ["&colon;", "%3A"]
    spelled = draw(st.sampled_from(forms))
    return spelled + draw(st.sampled_from(["", "", "", "&Tab;", "&NewLine;", "&#9;", "&#x0A;", "\t", "&#13;"]))


@st.composite
def script_urls(draw) -> str:
    scheme = draw(st.sampled_from(["javascript:", "data:", "vbscript:"]))
    lead = draw(st.sampled_from(["", " ", "&#32;", "&#0;", "&#x1F;", "&Tab;", "\x01", "&#x7f;"]))
    return lead + "".join(_spelled_char(draw, char) for char in scheme) + "alert%281%29"


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow])
@given(urls=st.lists(script_urls(), min_size=40, max_size=40))
def test_no_spelling_of_a_script_url_reaches_the_browser_as_one(tmp_path_factory, urls):
    """Links, images and reference links, on the page and in the feed, as Chromium reads them."""
    lines = [f"[链接{i}]({url}) ![图{i}]({url}) [引用{i}][r{i}]" for i, url in enumerate(urls)]
    definitions = [f"[r{i}]: {url}" for i, url in enumerate(urls)]
    body = "## 标题\n\n" + "\n\n".join(lines) + "\n\n" + "\n".join(definitions) + "\n\n（组织一科 供稿）\n"
    site = make_site(tmp_path_factory.mktemp("spellings"), {"2025/01.md": issue_text(1, "2025-03-06", body)})
    run = build(site)
    assert run.code == 0, run.text
    feed = ET.parse(site / "build" / "feed.xml").getroot()
    feed_html = "".join(e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}content"))
    with chromium() as browser:
        page = browser.new_page()
        page.goto((site / "build" / "2025" / "1" / "index.html").as_uri())
        protocols = set(page.evaluate(PROTOCOLS))
        page.set_content(feed_html)
        protocols |= set(page.evaluate(PROTOCOLS))
    assert protocols and not protocols & {"javascript:", "data:", "vbscript:"}, protocols


PROTOCOLS = """Array.from(document.querySelectorAll('a[href], img[src]'))
    .map(e => new URL(e.tagName === 'A' ? e.href : e.src).protocol)"""


@pytest.mark.parametrize("url", ["&#106;avascript:alert(1)", "javascript&colon;alert(1)", "java&Tab;script:alert(1)",
                                 "&#x64;ata:text/html,x", " \x01javascript:x", "JaVaScRiPt:x", "vbscript&#58;x"])
def test_script_urls_are_unsafe_however_spelled(url):
    assert not safe_urls.is_safe_url(url)


@pytest.mark.parametrize("url", ["https://www.gov.cn/", "http://x.example/a?b=1&amp;c=2", "mailto:zzb@example.gov.cn",
                                 "tel:0311-12380", "../2024/3/index.html", "#article-2", "附件/通知.pdf", "?page=2"])
def test_ordinary_urls_are_safe(url):
    assert safe_urls.is_safe_url(url)


def test_check_names_each_dropped_link_with_its_line(tmp_path):
    body = "## 标题\n\n正文[一](&#106;avascript:alert(1))。\n\n![图](data:image/png;base64,AAAA)\n\n[好](https://www.gov.cn/)\n"
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-03-06", body)})
    run = run_cli("check", "--site", str(site))
    dropped = [line for line in run.text.splitlines() if "不是 http、https、mailto、tel 或站内地址" in line]
    assert [line.split(": ", 1)[0] for line in dropped] == ["content/2025/01.md:8", "content/2025/01.md:10"]
    assert "&#106;avascript:alert(1)" in dropped[0]


# --- control characters pasted from Word ----------------------------------------------

def test_control_characters_are_removed_with_a_warning_naming_the_line_and_the_feed_parses(tmp_path):
    body = ("## 标题\x1b[0m\n\n第一行\x0b第二行\n\n分页符\x0c之后\x7f\n\n（组织一科 供稿）\n")
    text = issue_text(1, "2025-03-06", body, source='"某县\\e融媒体\\0中心"')
    site = make_site(tmp_path, {"2025/01.md": text})
    run = build(site)
    assert run.code == 0, run.text
    warned = [line.split(": 警告: ")[0] for line in run.err.splitlines() if "控制字符" in line]
    assert warned == ["content/2025/01.md:4", "content/2025/01.md:7", "content/2025/01.md:11"], run.err
    assert "U+001B" in run.err and "U+000C" in run.err and "U+0000" in run.err
    page = soup(site / "build" / "2025" / "1" / "index.html")
    paragraphs = [p.get_text() for p in page.select(".article-body p")]
    assert "第一行" in paragraphs[0] and "第二行" in paragraphs[0] + "".join(paragraphs[1:2]), "Word's line break is a line"
    assert not any(ord(c) < 32 and c not in "\t\n" for c in "".join(paragraphs) + page.get_text())
    assert page.select_one(".article-title").get_text().strip() == "标题[0m"
    ET.parse(site / "build" / "feed.xml")
    assert (site / "content" / "2025" / "01.md").read_text(encoding="utf-8") == text, "the editor's file is untouched"


def test_words_manual_line_break_starts_a_new_line_inside_the_paragraph(tmp_path):
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-03-06", "## 标题\n\n甲行\x0b乙行\n\n（组织一科 供稿）\n")})
    run = build(site)
    assert run.code == 0 and "控制字符" not in run.err, run.text
    text = soup(site / "build" / "2025" / "1" / "index.html").select_one(".article-body").get_text()
    assert "甲行" in text and "乙行" in text and "甲行乙行" not in text
