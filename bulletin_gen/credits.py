"""The 供稿 credit that closes an article, in both forms editors use.

    （组织一科 供稿）           the section form, usual in city bulletins
    （供稿单位：天元区委组织部）  the unit form

Full- and half-width parentheses and colons are both accepted, with or
without spaces, because editors type both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = r"[ \t\u3000]"
_CREDIT_AT_END = re.compile(
    rf"[(（]{_SPACE}*"
    rf"(?:供{_SPACE}*稿{_SPACE}*(?P<unit_word>单{_SPACE}*位)?{_SPACE}*[:：]?{_SPACE}*(?P<after>[^()（）]*?)"
    rf"|(?P<before>[^()（）]*?){_SPACE}*供{_SPACE}*稿)"
    rf"{_SPACE}*[)）]{_SPACE}*$"
)


@dataclass(frozen=True)
class FoundCredit:
    name: str  # "" when the editor forgot the name
    form: str  # "section" or "unit"
    text: str  # the credit exactly as written, for messages
    rest: str  # the line with the credit removed (may be empty)


def find_at_end(line: str) -> FoundCredit | None:
    """A credit at the end of this line, alone or after the paragraph's text."""
    match = _CREDIT_AT_END.search(line)
    if not match:
        return None
    if match.group("after") is not None:
        name, form = match.group("after"), "unit"
    else:
        name, form = match.group("before"), "section"
    name = re.sub(rf"{_SPACE}+", " ", name).strip()
    return FoundCredit(name, form, match.group(0).strip(), line[: match.start()].rstrip(" \t\u3000"))
