"""Reading length (字数 and reading time), counted by hand and checked on built pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_gen.text import wordcount
from tests.sitekit import SITE_YAML, build, issue_text, make_site, soup


@pytest.mark.parametrize("text, han, latin, marks", [
    ("组织工作会议", 6, 0, 0),
    ("全市开展学习活动100场，参与党员2000余人。", 15, 2, 2),  # numbers are words; full-width marks are 1 each
    ("第３期：ＷｉＦｉ覆盖率达到 98.5%", 7, 3, 1),  # full-width digits and letters count like half-width
    ("“三会一课”制度", 6, 0, 2),
    ("don't stop the e-mail, don’t", 0, 5, 0),  # half-width punctuation is nothing; an apostrophe is in the word
    ("𠀋 and 〇", 1, 1, 1),  # an extension-B character is a Han character; 〇 is a full-width mark
    ("——……《》【】（）·", 0, 0, 11),  # a dash and an ellipsis are two marks each, as typed
    ("", 0, 0, 0),
])
def test_counting_matches_a_hand_count(text, han, latin, marks):
    assert wordcount.of_text(text) == wordcount.TextLength(han, latin, marks)


def test_han_characters_and_full_width_marks_count_as_word_and_wps_count_them():
    text = "党" * 100 + "，。、；：？！“”（）《"
    assert wordcount.of_text(text).chars == 112


def test_markup_and_entities_count_as_the_reader_sees_them():
    assert wordcount.of_html("<p>组织&amp;人事 <strong>WiFi</strong></p>") == wordcount.TextLength(4, 1)


_PIECES = st.text(alphabet=st.sampled_from(list("组织ab Z9３Ｗ.-'’\u0301\u00e9\u3000𠀋〇，")), max_size=12)


@settings(max_examples=1000, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=4))
def test_an_articles_parts_counted_together_add_up_to_their_counts_apart(pieces):
    """An article's 字数 is counted in one pass over its title, note and text, kept apart by spaces."""
    assert wordcount.of_text(" ".join(pieces)) == wordcount.total(map(wordcount.of_text, pieces))


@pytest.mark.parametrize("chars, speed, minutes", [(0, 400, 1), (1, 400, 1), (400, 400, 1), (401, 400, 2),
                                                   (2000, 400, 5), (21, 10, 3)])
def test_reading_time_is_rounded_up_with_a_minimum_of_one_minute(chars, speed, minutes):
    assert wordcount.TextLength(chars, 0).minutes(speed) == minutes


ISSUE_BODY = """\
## 学习教育
全市开展学习活动100场，参与党员2000余人。
（组织一科 供稿）

# 工作动态
丰乐县举办培训班。（供稿单位：丰乐县委组织部）
"""
# Hand count: title 学习教育 4 + body 15 Han, 2 numbers and 2 marks = 23; the column item 丰乐县举办培训班。 = 9.
# The credits and the column's heading are not text to read. The issue: 23 + 9 = 32.


def _issue_site(tmp_path, site_yaml=SITE_YAML):
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-03-06", ISSUE_BODY)}, site_yaml)
    assert build(site).code == 0
    return soup(site / "build" / "2025" / "1" / "index.html")


def test_issue_page_shows_its_length_and_reading_time(tmp_path):
    page = _issue_site(tmp_path)
    assert page.select_one(".reading-length").get_text() == "本期共 32 字，预计阅读 1 分钟"


def test_reading_speed_comes_from_site_yaml(tmp_path):
    page = _issue_site(tmp_path, SITE_YAML + "reading_speed: 10\n")
    assert page.select_one(".reading-length").get_text() == "本期共 32 字，预计阅读 4 分钟"


def test_english_sites_say_it_in_english(tmp_path):
    page = _issue_site(tmp_path, SITE_YAML + "language: en\n")
    assert page.select_one(".reading-length").get_text() == "32 characters, about 1 min to read"


def test_article_lengths_are_available_to_themes(tmp_path):
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-03-06", ISSUE_BODY)})
    template = site / "templates" / "partials" / "article.html"
    template.parent.mkdir(parents=True)
    template.write_text('<p class="len" id="{{ article.anchor }}">{{ article.length.chars }}/'
                        '{{ words.reading(article.length, "reading_article") }}</p>', encoding="utf-8")
    assert build(site).code == 0
    page = soup(site / "build" / "2025" / "1" / "index.html")
    assert [p.get_text() for p in page.select(".len")] == ["23/23 字，约 1 分钟", "9/9 字，约 1 分钟"]


def test_a_wrong_reading_speed_is_reported(tmp_path):
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-03-06")},
                     SITE_YAML + "reading_speed: fast\n")
    run = build(site)
    assert run.code == 1
    assert "site.yaml:5: 错误: site.yaml 的“reading_speed”应为正整数" in run.err


def test_each_article_shows_its_own_length_when_site_yaml_asks(tmp_path):
    page = _issue_site(tmp_path, SITE_YAML + "article_reading: true\n")
    article = page.select_one("section.article")
    assert article.select_one(".article-reading").get_text() == "23 字，约 1 分钟"
    assert not page.select(".article-untitled .article-reading"), "a column's short item has none"


def test_articles_show_no_length_by_default(tmp_path):
    assert not _issue_site(tmp_path).select(".article-reading")
