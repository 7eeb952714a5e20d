"""The parts of a web page that come along when its text is copied: not the article's text.

    浏览量：1234            来源：某市组工网  日期：2025-03-06  浏览次数：56
    【打印】【关闭】          字体：大 中 小         分享到：

A reader would see them as stray lines in the bulletin, and nobody notices
them in the file. Such a line is left out of the page, and reported at its
line so that the editor can delete it.
"""

from __future__ import annotations

import re

from bulletin_gen.text.textfile import INLINE_SPACE

_SPACE = INLINE_SPACE
_COUNTERS = ("浏览量", "浏览次数", "浏览", "阅读量", "阅读次数", "阅读数", "点击量", "点击数", "点击次数", "点击率",
             "访问量", "访问次数")
_DATES = ("日期", "时间", "发布时间", "发布日期", "更新时间", "发文日期")
_OTHERS = ("来源", "信息来源", "文章来源", "作者", "发布者", "发布人", "编辑", "责任编辑", "字体", "字号")
_LABELS = "|".join(sorted(_COUNTERS + _DATES + _OTHERS, key=len, reverse=True))
# A line made only of `label：value` pairs: 来源：某市组工网  发布时间：2025-03-06 10:30  浏览次数：56
_PAIRS_LINE = re.compile(rf"^{_SPACE}*(?:(?:{_LABELS}){_SPACE}*[:：].*?(?={_SPACE}+(?:{_LABELS}){_SPACE}*[:：]|{_SPACE}*$)"
                         rf"{_SPACE}*)+$")
_PAIR_LABEL = re.compile(rf"(?:^|{_SPACE})({_LABELS}){_SPACE}*[:：]")
# A line of buttons only: 【打印】【关闭】, [打印本页] [关闭窗口], 【大】【中】【小】
_BUTTON = r"(?:打印(?:本页|此页|文章)?|关闭(?:窗口|本页)?|收藏(?:本页)?|返回(?:顶部|首页|列表)?|分享|纠错|我要纠错|大|中|小|默认)"
_BUTTONS = re.compile(rf"^{_SPACE}*(?:[【\[]{_SPACE}*{_BUTTON}{_SPACE}*[】\]]{_SPACE}*[|｜/]?{_SPACE}*)+$")
_FONT_SIZE = re.compile(rf"^{_SPACE}*字(?:体|号){_SPACE}*[:：]?{_SPACE}*(?:[【\[]?{_SPACE}*[大中小]{_SPACE}*[】\]]?{_SPACE}*){{2,3}}$")
_SHARE = re.compile(rf"^{_SPACE}*分享到{_SPACE}*[:：]?(?:{_SPACE}|微信|微博|QQ空间|QQ|朋友圈)*$")


# What every such line starts with: most lines of a bulletin are ruled out by this alone.
_MAY_BE = re.compile(rf"{_SPACE}*[浏阅点访日时发更来信文作编责字【\[分]")


def is_furniture(line: str) -> bool:
    """Whether a whole line is a web page's furniture rather than text."""
    if not _MAY_BE.match(line) or len(line) > 200:  # a paragraph of text, however it starts
        return False
    if not any(mark in line for mark in ("：", ":", "】", "]", "分享", "字体", "字号")):  # every kind has one
        return False
    if _BUTTONS.match(line) or _FONT_SIZE.match(line) or _SHARE.match(line):
        return True
    if not _PAIRS_LINE.match(line):
        return False
    labels = _PAIR_LABEL.findall(line)
    return any(label in _COUNTERS for label in labels) or (
        any(label in _DATES for label in labels) and len(labels) >= 2)
