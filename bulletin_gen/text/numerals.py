"""Chinese numerals and dates as bulletins print them.

Bulletins write 期号 in Chinese numerals in neighbour links (第三十九期), and
years written in characters use 〇 rather than 零 (二〇一五年).
"""

from __future__ import annotations

import datetime as _dt

DIGITS = "零一二三四五六七八九"
YEAR_DIGITS = "〇一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")


def _below_10000(n: int) -> str:
    """1..9999 with 零 for inner gaps: 108 → 一百零八, 1010 → 一千零一十."""
    text = ""
    pending_zero = False
    for power in (3, 2, 1, 0):
        digit = (n // 10**power) % 10
        if digit == 0:
            pending_zero = bool(text)
            continue
        if pending_zero:
            text += "零"
            pending_zero = False
        text += DIGITS[digit] + _SMALL_UNITS[power]
    return text


def chinese_number(n: int) -> str:
    """Write a non-negative integer in Chinese numerals, as in 第一百零八期.

    10–19 are written 十, 十一 … (not 一十一), the way bulletins print them.
    """
    if n < 0:
        raise ValueError("negative numbers have no 期号 form")
    if n == 0:
        return "零"
    if n >= 10**8:
        raise ValueError("number too large")
    high, low = divmod(n, 10000)
    if high:
        text = _below_10000(high) + "万"
        if low:
            # A gap below the 万 (e.g. 10 005 → 一万零五) needs an explicit 零.
            text += ("零" if low < 1000 else "") + _below_10000(low)
    else:
        text = _below_10000(low)
    if text.startswith("一十"):
        text = text[1:]
    return text


def chinese_year(year: int) -> str:
    """Digit by digit, with 〇 for zero: 2015 → 二〇一五."""
    return "".join(YEAR_DIGITS[int(d)] for d in str(year))


def chinese_date(day: _dt.date) -> str:
    """二〇一五年十二月二十三日."""
    return f"{chinese_year(day.year)}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def arabic_date(day: _dt.date) -> str:
    """2015年12月23日, without leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


_EN_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def english_date(day: _dt.date) -> str:
    """23 December 2015."""
    return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def from_chinese(text: str) -> int | None:
    """第四十一期's 四十一 → 41; 一〇五 (digit by digit) → 105; None for what is no number below 10000."""
    if not text or any(char not in _DIGITS and char not in _UNITS for char in text):
        return None
    if not any(char in _UNITS for char in text):  # 一〇五: written digit by digit
        return int("".join(str(_DIGITS[char]) for char in text))
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _UNITS[char]  # 十一: the ten alone is one ten
            digit = None
    return total + (digit or 0)
