"""作者, 来源 and 责任编辑 written at an article's end, as fields rather than body text.

Articles pasted from a newspaper's site or a colleague's Word file end with
lines such as

    来源：某市日报
    作者：张三
    【责任编辑：李明】

or with `【责任编辑：李明】` glued to the last paragraph. A value is a
name, not a sentence: up to 30 characters without a comma or full stop
(`作者：张三在会上作了发言。` stays text). They are the
article's fields, shown in the bulletin's style, not a paragraph of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bulletin_gen.text.textfile import INLINE_SPACE

_SPACE = INLINE_SPACE
_FIELD_WORDS = {"作者": "author", "来源": "source", "责任编辑": "editor", "编辑": "editor"}
_WORDS = "|".join(sorted(_FIELD_WORDS, key=len, reverse=True))
# A whole line: 作者：张三, 【作者：张三】, (来源:某市日报)
_LINE = re.compile(rf"^{_SPACE}*(?P<open>[【\[(（]?){_SPACE}*(?P<word>{_WORDS}){_SPACE}*[:：]{_SPACE}*"
                   rf"(?P<value>[^【】\[\]()（）:：。，；！？,;!?]{{1,30}}?){_SPACE}*(?P<close>[】\])）]?){_SPACE}*$")
# Glued to a paragraph's end: ……发展。【责任编辑：李明】 (only in 【】, the form editors' systems add).
_GLUED = re.compile(rf"【{_SPACE}*(?P<word>{_WORDS}){_SPACE}*[:：]{_SPACE}*(?P<value>[^【】:：。，；！？]{{1,30}}?){_SPACE}*】{_SPACE}*$")
_PAIRS = {"": "", "【": "】", "[": "]", "(": ")", "（": "）"}


@dataclass(frozen=True)
class Field:
    key: str  # "author", "source" or "editor"
    value: str
    line: int


# What a field's line may start with, after spaces: most lines are ruled out by this alone.
_MAY_BE = re.compile(rf"{_SPACE}*[【\[(（作来责编]")


def field_of_line(text: str) -> tuple[str, str] | None:
    """(key, value) when the whole line is one field, in matching brackets or none."""
    match = _LINE.match(text) if _MAY_BE.match(text) else None
    if match is None or not _matched(match.group("open"), match.group("close")):
        return None
    return _FIELD_WORDS[match.group("word")], match.group("value")


def _matched(opening: str, closing: str) -> bool:
    if opening in ("(", "（"):
        return closing in (")", "）")  # editors mix widths
    return _PAIRS[opening] == closing


def glued_field(text: str) -> tuple[str, str, str] | None:
    """(key, value, the text before it) for a 【责任编辑：…】 at the end of a paragraph."""
    match = _GLUED.search(text) if "】" in text[-40:] else None
    if match is None:
        return None
    return _FIELD_WORDS[match.group("word")], match.group("value"), text[:match.start()].rstrip(" \t\u3000")
