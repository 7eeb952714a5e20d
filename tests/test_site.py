"""Whole-site builds, checked on parsed HTML."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.sitekit import (REPO, SITE_YAML, broken_links, build, foreign_scripts, html_files, issue_text,
                           make_site, run_cli, soup, tree_bytes)

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The repository's example site, copied and built once."""
    site = tmp_path_factory.mktemp("example") / "site"
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns("build", ".venv", ".git", "__pycache__", "tests", ".*"))
    run = build(site)
    assert run.code == 0, run.text
    assert run.err == "", run.err  # the example site builds without a single warning
    return site / "build"


def issue_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.glob("[0-9][0-9][0-9][0-9]/*/index.html") if p.parent.name.isdigit())


def follow(page: Path, rel: str) -> Path | None:
    link = soup(page).select_one(f'.neighbours a[rel="{rel}"]')
    return (page.parent / link["href"]).resolve() if link else None


def test_the_example_site_has_what_the_brief_asks_for(example):
    pages = issue_pages(example)
    assert len(pages) >= 30
    assert len({p.parent.parent.name for p in pages}) >= 2
    htmls = [soup(p) for p in pages]
    assert any(len(title.select(".title-main")) == 2 for h in htmls for title in h.select(".article-title")), \
        "titles over two lines"
    assert any(h.select(".title-sub") for h in htmls) and any(h.select(".title-kicker") for h in htmls), "引题, 副题"
    credits = [c.get_text() for h in htmls for c in h.select(".credit")]
    assert any("供稿）" in c and "供稿单位" not in c for c in credits) and any("供稿单位：" in c for c in credits)
    assert any(h.select(".column-title") for h in htmls), "a 工作动态 column"
    assert any(h.select(".editor-note") for h in htmls), "an 编者按"
    assert (example / "page/2/index.html").is_file(), "a multi-page archive"
    assert not (example / "2025/15").exists(), "drafts are not published"
    assert any(h.select("figure.figure img[width][height]") for h in htmls), "a picture beside an issue"


# docs/configuration.md's inspector's checklist, item by item, on the example site.
ARTICLE_TAGS = {"SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle", "PubDate",
                "ContentSource", "Keywords", "Author", "Description", "Url"}
LIST_TAGS = {"SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ColumnDescription", "ColumnKeywords"}


def test_the_example_site_passes_the_inspectors_checklist(example):
    def tags(page):
        return {tag["name"]: tag["content"] for tag in soup(page).find_all("meta", attrs={"name": True})}

    for page in issue_pages(example):
        found = tags(page)
        assert ARTICLE_TAGS <= found.keys(), (page, ARTICLE_TAGS - found.keys())
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", found["PubDate"]) and re.fullmatch(r"\d{10}", found["SiteIDCode"])
    for page in (example / "index.html", example / "2025/index.html"):
        assert LIST_TAGS <= tags(page).keys(), page
    page = soup(example / "2025/13/index.html")
    assert page.select_one("link[rel=canonical]") and page.select_one("meta[property='og:url']")
    footer = page.select_one(".site-footer").get_text(" ", strip=True)
    for item in ("主办单位", "承办单位", "网站标识码", "ICP备", "公网安备"):
        assert item in footer, item
    assert page.select_one(".filing-icp")["href"].startswith("https://beian.miit.gov.cn")
    assert page.select_one(".filing-police img")["src"].startswith("../../static/"), "the badge is the site's own"
    assert "12380举报网站" in [a.get_text() for a in page.select(".filing-links a")]
    assert page.select_one("button.care-toggle"), "关怀模式"
    assert not foreign_scripts(page), "nothing from outside unless configured"


def test_prev_next_chain_visits_every_issue_once_in_order(example):
    pages = issue_pages(example)
    oldest = [p for p in pages if follow(p, "prev") is None]
    assert len(oldest) == 1
    chain, page = [], oldest[0]
    while page is not None:
        assert page not in chain, "the chain loops"
        chain.append(page)
        page = follow(page, "next")
    assert sorted(chain) == sorted(p.resolve() for p in pages)
    keys = [(int(p.parent.parent.name), int(p.parent.name)) for p in chain]
    assert keys == sorted(keys)
    for older, newer in zip(chain, chain[1:]):
        assert follow(newer, "prev") == older


def test_neighbour_links_read_like_the_reference(example):
    page = example / "2024/2/index.html"
    prev, nxt = soup(page).select(".neighbours .neighbour")
    assert prev.get_text(" ", strip=True) == "上一期： 20240110 第一期"
    assert nxt.get_text(" ", strip=True) == "下一期： 20240207 第三期"
    newest = soup(example / "2025/14/index.html").select(".neighbour-next a")[0]
    assert newest.get_text(strip=True) == "返回列表" and newest["href"] == "../../index.html"
    oldest = soup(example / "2024/1/index.html").select(".neighbour-prev a")[0]
    assert oldest.get_text(strip=True) == "返回列表" and oldest["href"] == "../../index.html"


def test_archive_pages_list_every_issue_exactly_once_newest_first(example):
    listed = []
    page = example / "index.html"
    while True:
        html = soup(page)
        listed += [(page.parent / a["href"]).resolve() for a in html.select(".issue-entry .entry-link")]
        current = html.select('.pager-pages a[aria-current="page"]')
        assert len(current) == 1
        nxt = html.select_one(".pager a[rel=next]")
        if nxt is None:
            break
        page = (page.parent / nxt["href"]).resolve()
    assert len(listed) == len(set(listed)) == len(issue_pages(example))
    entry = soup(example / "index.html").select_one(".issue-entry")
    assert entry.select_one(".entry-number").get_text() == "第14期"
    assert entry.select_one(".entry-date").get_text() == "2025年8月13日"
    assert [li.get_text() for li in entry.select(".entry-summary li")] == [
        "清河市扎实开展软弱涣散基层党组织整顿", "丰乐县把支部建在产业链上——丰乐县“产业链党建”调查", "工作动态"]
    dates = [soup(p).select_one(".masthead-date")["datetime"] for p in listed]
    assert dates == sorted(dates, reverse=True)


def test_year_archives_cover_their_year(example):
    for year_dir in ("2024", "2025"):
        listed = []
        page = example / year_dir / "index.html"
        while page:
            html = soup(page)
            listed += [a["href"] for a in html.select(".entry-link")]
            nxt = html.select_one(".pager a[rel=next]")
            page = (page.parent / nxt["href"]).resolve() if nxt else None
            assert html.select_one('.year-nav a[aria-current="page"]').get_text() == f"{year_dir}年"
        expected = [p for p in issue_pages(example) if p.parent.parent.name == year_dir]
        assert len(listed) == len(set(listed)) == len(expected)


def test_every_internal_link_and_anchor_resolves_from_disk(example):
    assert broken_links(example, "disk") == []


def test_every_internal_link_and_anchor_resolves_under_a_sub_path(example):
    assert broken_links(example, "server", "https://www.example.gov.cn/zgxx/") == []


def test_summary_links_hit_article_anchors(example):
    checked = 0
    for page in issue_pages(example):
        html = soup(page)
        ids = {tag["id"] for tag in html.find_all(id=True)}
        for link in html.select(".summary a"):
            anchor = link["href"].lstrip("#")
            assert anchor in ids
            target = html.find(id=anchor)
            assert "article" in target["class"] or "column" in target["class"]
            checked += 1
    assert checked > 60


def test_masthead(example):
    html = soup(example / "2024/5/index.html")
    masthead = html.select_one(".masthead")
    assert masthead.select_one("h1").get_text() == "组工信息"
    assert masthead.select_one(".masthead-number").get_text() == "第5期（总第87期）"
    assert masthead.select_one(".masthead-issuer").get_text() == "中共清河市委组织部"
    assert masthead.select_one(".masthead-date").get_text() == "2024年3月13日"
    assert masthead.select_one("hr.masthead-rule") is not None
    assert html.select_one("html")["lang"] == "zh-CN"
    meta = soup(example / "2024/16/index.html").select_one(".issue-meta").get_text(" ", strip=True)
    assert meta == "来源：研究室 作者：张力"


def test_nothing_is_loaded_from_another_server(example):
    for css in (example / "static").rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@font-face" not in text and "@import" not in text and "url(" not in text, css
    for page in html_files(example):
        html = soup(page)
        assert not foreign_scripts(html), page
        external = [t.get("href") or t.get("src") for t in html.select("link[rel=stylesheet], img, iframe, script")]
        assert not [u for u in external if u and u.startswith(("http:", "https:", "//"))], page


def test_filing_footer(example):
    footer = soup(example / "index.html").select_one(".site-footer")
    text = footer.get_text(" ", strip=True)
    for expected in ("中共清河市委组织部版权所有", "主办单位：", "承办单位：", "地址：", "邮编：", "电话：",
                     "电子邮箱：", "技术支持：", "网站标识码："):
        assert expected in text
    icp = footer.select_one("a.filing-icp")
    assert icp["href"] == "https://beian.miit.gov.cn/" and icp.get_text() == "示ICP备20240001号-1"
    police = footer.select_one("a.filing-police")
    assert police["href"] == "https://beian.mps.gov.cn/#/query/webSearch?code=00000000000001"
    icon = police.select_one("img")["src"].split("?")[0]
    assert (example / icon).is_file()


def test_footer_lines_appear_only_when_configured(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23")},
                     SITE_YAML + "footer:\n  icp: 蒙ICP备11001578号-2\n")
    assert build(site).code == 0
    footer = soup(site / "build/index.html").select_one(".site-footer")
    assert [p.get_text(strip=True) for p in footer.select("p")] == ["蒙ICP备11001578号-2"]
    assert footer.select_one(".filing-police") is None


def test_a_site_can_use_its_own_police_badge(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23")},
                     SITE_YAML + "footer:\n  police: 蒙公网安备 15030202000164号\n  police_icon: img/gongan.png\n")
    (site / "static/img").mkdir(parents=True)
    (site / "static/img/gongan.png").write_bytes(b"\x89PNG fake")
    assert build(site).code == 0
    link = soup(site / "build/index.html").select_one("a.filing-police")
    assert link["href"].endswith("code=15030202000164")
    assert link.img["src"].startswith("static/img/gongan.png")
    (site / "static/img/gongan.png").unlink()
    run = build(site)
    assert run.code == 1 and "static/img/gongan.png" in run.err


def test_feed_and_sitemap(example):
    feed = ET.parse(example / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 20
    first = entries[0]
    assert first.findtext(f"{ATOM}id") == "https://www.example.gov.cn/zgxx/2025/14/"
    assert first.findtext(f"{ATOM}updated") == "2025-08-13T00:00:00+08:00"
    assert "软弱涣散" in first.findtext(f"{ATOM}content")
    sitemap = ET.parse(example / "sitemap.xml").getroot()
    locs = [u.findtext(f"{SITEMAP}loc") for u in sitemap.findall(f"{SITEMAP}url")]
    assert len(locs) == len(set(locs))
    assert "https://www.example.gov.cn/zgxx/2024/5/" in locs and "https://www.example.gov.cn/zgxx/" in locs
    assert all(loc.startswith("https://www.example.gov.cn/zgxx/") for loc in locs)
    assert "Sitemap: https://www.example.gov.cn/zgxx/sitemap.xml" in (example / "robots.txt").read_text()


def test_404_links_work_from_any_url(example):
    html = soup(example / "404.html")
    hrefs = [a["href"] for a in html.select("a[href]") if not a["href"].startswith(("http", "mailto", "#"))]
    hrefs += [link["href"] for link in html.select("link[rel=stylesheet]")]
    assert hrefs and all(h.startswith("/zgxx/") for h in hrefs)
    assert html.select_one("link[rel=canonical]") is None  # shown at many addresses, it has none of its own


def test_pretty_urls_drop_index_html_and_still_resolve_on_a_server(tmp_path):
    site = make_site(tmp_path, {f"{n}.md": issue_text(n, f"2015-0{n}-01") for n in range(1, 8)},
                     SITE_YAML + "pretty_urls: true\n")
    assert build(site).code == 0
    output = site / "build"
    hrefs = [a["href"] for p in html_files(output) for a in soup(p).select("a[href]")]
    assert not [h for h in hrefs if "index.html" in h]
    assert broken_links(output, "server", "https://example.gov.cn/zgxx/") == []


def test_base_url_override_changes_canonical_and_feed(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23")})
    assert build(site, "--base-url", "https://other.gov.cn/jb").code == 0
    canonical = soup(site / "build/2015/1/index.html").select_one("link[rel=canonical]")["href"]
    assert canonical == "https://other.gov.cn/jb/2015/1/"
    assert "https://other.gov.cn/jb/2015/1/" in (site / "build/feed.xml").read_text(encoding="utf-8")


def test_without_base_url_there_is_no_feed_and_a_warning(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23")}, "name: 简报\nissuer: 示例\n")
    run = build(site)
    assert run.code == 0 and "没有设置 base_url" in run.err
    assert not (site / "build/feed.xml").exists()
    assert broken_links(site / "build", "disk") == []


def test_drafts_only_with_the_flag(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23"), "b.md": issue_text(2, "2015-12-30", draft="true")})
    assert build(site).code == 0
    assert not (site / "build/2015/2").exists()
    assert build(site, "--drafts").code == 0
    assert (site / "build/2015/2/index.html").is_file()


def test_english_locale(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-15"), "b.md": issue_text(2, "2015-12-23")},
                     SITE_YAML + "language: en\n")
    assert build(site).code == 0
    html = soup(site / "build/2015/2/index.html")
    assert html.select_one("html")["lang"] == "en"
    assert html.select_one(".masthead-date").get_text() == "23 December 2015"
    assert html.select_one(".neighbour-prev").get_text(" ", strip=True) == "Previous: 15 December 2015 No. 1"
    assert html.select_one(".neighbour-next a").get_text() == "Back to the list"


def test_chinese_date_style_and_custom_neighbour_label(tmp_path):
    site_yaml = SITE_YAML + ("date_style: chinese\nlabels:\n"
                             "  neighbour: '《{name}》{year}年第{number}期'\n  prev: '上一篇:'\n")
    site = make_site(tmp_path, {"a.md": issue_text(21, "2017-09-14"), "b.md": issue_text(22, "2017-09-28")}, site_yaml)
    assert build(site).code == 0
    html = soup(site / "build/2017/22/index.html")
    assert html.select_one(".masthead-date").get_text() == "二〇一七年九月二十八日"
    assert html.select_one(".neighbour-prev").get_text(" ", strip=True) == "上一篇: 《组工信息》2017年第21期"


def test_markup_in_titles_credits_and_config_is_escaped(tmp_path):
    evil = '<script>alert(1)</script>'
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23", f"## {evil}\n\n正文。\n（{evil} 供稿）\n",
                                                   title=f"'{evil}</title>'")},
                     SITE_YAML.replace("组工信息", f"'{evil}'") + f"footer:\n  icp: '{evil}'\n")
    assert build(site).code == 0
    for page in html_files(site / "build"):
        assert not foreign_scripts(soup(page)), page



def test_two_builds_are_byte_identical(tmp_path):
    site = make_site(tmp_path / "a", {f"{n}.md": issue_text(n, f"2015-0{n}-01") for n in range(1, 8)})
    assert build(site).code == 0
    first = tree_bytes(site / "build")
    assert build(site, "--output", str(tmp_path / "other")).code == 0
    assert build(site).code == 0
    assert tree_bytes(site / "build") == first == tree_bytes(tmp_path / "other")


def test_the_same_content_in_another_folder_builds_the_same_bytes_and_marker(tmp_path):
    """A copy of the site (a laptop, a CI checkout) is the same site: its build, and the key in
    its output's .bulletin-gen that publish compares, do not depend on where it lies."""
    files = {f"{n}.md": issue_text(n, f"2015-0{n}-01") for n in range(1, 5)}
    first, second = make_site(tmp_path / "a", files), make_site(tmp_path / "elsewhere/b", files)
    assert build(first).code == 0 and build(second).code == 0
    assert tree_bytes(first / "build") == tree_bytes(second / "build")
    assert (first / "build/.bulletin-gen").read_bytes() == (second / "build/.bulletin-gen").read_bytes()


def test_a_failed_build_leaves_the_previous_output_intact(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23")})
    assert build(site).code == 0
    before = tree_bytes(site / "build")
    (site / "content/b.md").write_text("---\nissue: 2\ndate: 2015-02-30\n---\n", encoding="utf-8")
    assert build(site).code == 1
    assert tree_bytes(site / "build") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".build")] == [".build.lock"]  # no staging left


def test_a_template_error_midway_leaves_the_previous_output_intact(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23")})
    assert build(site).code == 0
    before = tree_bytes(site / "build")
    (site / "templates").mkdir()
    (site / "templates/archive.html").write_text("{{ 1 / 0 }}", encoding="utf-8")  # issue pages render first
    run = build(site)
    assert run.code == 1 and "ZeroDivisionError" in run.err
    assert tree_bytes(site / "build") == before


def test_site_templates_override_the_theme_one_by_one(tmp_path):
    site = make_site(tmp_path, {"a.md": issue_text(1, "2015-12-23")})
    (site / "templates/partials").mkdir(parents=True)
    (site / "templates/partials/masthead.html").write_text('<header class="masthead"><h1>自定义报头</h1></header>\n',
                                                            encoding="utf-8")
    (site / "static/css").mkdir(parents=True)
    (site / "static/css/print.css").write_text("/* ours */", encoding="utf-8")
    assert build(site).code == 0
    html = soup(site / "build/2015/1/index.html")
    assert html.select_one(".masthead h1").get_text() == "自定义报头"
    assert html.select_one(".neighbours") is not None  # the rest still comes from the theme
    assert (site / "build/static/css/print.css").read_text() == "/* ours */"
    assert "--red" in (site / "build/static/css/bulletin.css").read_text()


def test_every_issue_page_tells_its_reading_length(example):
    for page in issue_pages(example):
        text = soup(page).select_one(".reading-length").get_text()
        assert re.fullmatch(r"本期共 [1-9]\d* 字，预计阅读 [1-9]\d* 分钟", text), (page, text)


def test_the_stats_page_counts_every_published_item_once(example):
    credited = sum(len(soup(page).select(".article")) for page in issue_pages(example))
    table = soup(example / "stats" / "index.html").select_one("table.stats-table")
    assert int(table.select("tfoot td")[-1].get_text()) == credited
    sections = [th.get_text() for th in table.select("tbody th")]
    assert "组织一科" in sections and "市委组织部组织一科" not in sections, "site.yaml folds the aliases"


def test_the_example_content_passes_bulletin_check_strictly(example):
    run = run_cli("check", "--site", str(example.parent), "--strict")
    assert run.code == 0, run.out
    assert run.out == ""
