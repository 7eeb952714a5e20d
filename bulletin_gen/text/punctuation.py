"""Half-width punctuation between Chinese characters, as text pasted from web pages has it.

Chinese text takes full-width marks (，：；？！（）), but a paste from a web
page often brings half-width ones (`天元区确立以“党建领航”为主题的党建发展战略,加强…`),
so that one page mixes both. With `punctuation: full_width` in site.yaml a
half-width mark that stands in Chinese text is set full-width; without it,
`bulletin check` says where an article mixes the two.

A mark counts as standing in Chinese text when the character before it is
Chinese (a Han character or a full-width mark) and what follows, after any
spaces, is Chinese or the end of the line. A `(` counts when either side is
Chinese, and the `)` that closes it goes with it. Digits, Latin words,
addresses and code are never touched: `3.5`, `a, b`, `https://…`, `` `x:y` ``.
"""

from __future__ import annotations

import re

from bulletin_gen.text.markdown_render import CODE_SPAN
from bulletin_gen.text.wordcount import HAN

_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_CHINESE = re.compile(f"[{HAN}\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2014\u2026]")
_MAYBE = re.compile(r"[,:;?!()]")


def is_chinese(char: str) -> bool:
    return bool(char) and bool(_CHINESE.match(char))


def _following(text: str, position: int) -> tuple[str, int]:
    """The first character after `position` that is not a space ("" at the end), and where the spaces end."""
    end = position + 1
    while end < len(text) and text[end] in " \t":
        end += 1
    return (text[end] if end < len(text) else ""), end


def in_chinese(text: str) -> list[tuple[int, int]]:
    """(where, up to where) each half-width mark in Chinese text stands, with the spaces after it."""
    if not _MAYBE.search(text):
        return []
    code = [(m.start(), m.end()) for m in CODE_SPAN.finditer(text)] if "`" in text else []
    found: list[tuple[int, int]] = []
    opened: list[bool] = []  # for each "(" still open: whether it was set full-width
    for match in _MAYBE.finditer(text):
        at = match.start()
        if any(start <= at < end for start, end in code):
            continue
        char, before = match.group(), text[at - 1] if at else ""
        after, end = _following(text, at)
        if char == "(":
            # ](…) is a Markdown link's address, 附件1.pdf or not: never a bracket of the text.
            chinese = before != "]" and (is_chinese(before) or is_chinese(after))
            opened.append(chinese)
        elif char == ")":
            chinese = opened.pop() if opened else is_chinese(before)
        else:
            chinese = is_chinese(before) and (after == "" or is_chinese(after))
        if chinese:
            # The spaces after it go only where Chinese follows: full-width marks carry their own space.
            found.append((at, end if char != "(" and (after == "" or is_chinese(after)) else at + 1))
    return found


def to_full_width(text: str) -> str:
    """The text with each half-width mark in Chinese text set full-width (and the spaces after it dropped)."""
    marks = in_chinese(text)
    if not marks:
        return text
    pieces: list[str] = []
    at = 0
    for start, end in marks:
        pieces += [text[at:start], _FULL[text[start]]]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def has_full_width(text: str) -> bool:
    return any(mark in text for mark in _FULL.values()) or "。" in text or "、" in text
