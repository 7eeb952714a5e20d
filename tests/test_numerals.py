import datetime as dt

import pytest

from bulletin_gen.text.numerals import arabic_date, chinese_date, chinese_number, chinese_year, english_date


@pytest.mark.parametrize("n, text", [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (39, "三十九"), (40, "四十"),
    (41, "四十一"), (99, "九十九"), (100, "一百"), (101, "一百零一"), (108, "一百零八"),
    (110, "一百一十"), (111, "一百一十一"), (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"),
    (1100, "一千一百"), (2015, "二千零一十五"), (10000, "一万"), (10005, "一万零五"),
    (10050, "一万零五十"), (12345, "一万二千三百四十五"), (100000, "十万"),
])
def test_issue_numbers_read_as_bulletins_print_them(n, text):
    assert chinese_number(n) == text


def test_years_use_ling_circle_not_ling_character():
    assert chinese_year(2015) == "二〇一五"
    assert chinese_year(2000) == "二〇〇〇"
    assert "零" not in chinese_year(2008)


def test_dates_in_both_styles():
    day = dt.date(2015, 12, 23)
    assert arabic_date(day) == "2015年12月23日"
    assert chinese_date(day) == "二〇一五年十二月二十三日"
    assert arabic_date(dt.date(2017, 9, 8)) == "2017年9月8日"  # no leading zeros
    assert chinese_date(dt.date(2010, 10, 10)) == "二〇一〇年十月十日"
    assert english_date(day) == "23 December 2015"
