"""Hostile text in every field comes out as text; no output path leaves the output; Word's leftovers render sensibly."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bulletin_gen import output
from tests.sitekit import SITE_YAML, build, html_files, issue_text, make_site, soup

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
        assert not tree.find_all("script"), page
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
    assert not stats.find_all("script")
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
