"""The 供稿 credit that closes an article, in both forms editors use.

    （组织一科 供稿）           the section form, usual in city bulletins
    （供稿单位：天元区委组织部）  the unit form

Full- and half-width parentheses and colons are both accepted, with or
without spaces, because editors type both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = r"[ \t\u3000\u00a0]"  # a no-break space too: Word puts them in
_SPACES = " \t\u3000\u00a0"
# Matched against the text inside the brackets only, anchored at both ends, so
# that no line, however long or odd, makes the match backtrack (a search of the
# whole line for "(…供稿)" took minutes on a "(" followed by a few thousand spaces).
_UNIT_FORM = re.compile(rf"供{_SPACE}*稿{_SPACE}*(?P<unit_word>单{_SPACE}*位)?{_SPACE}*[:：]?(?P<after>.*)", re.S)
_SECTION_FORM = re.compile(rf"供{_SPACE}*稿$")
_SPACE_RUN = re.compile(rf"{_SPACE}+")


@dataclass(frozen=True)
class FoundCredit:
    name: str  # "" when the editor forgot the name
    form: str  # "section" or "unit"
    text: str  # the credit exactly as written, for messages
    rest: str  # the line with the credit removed (may be empty)


def find_at_end(line: str) -> FoundCredit | None:
    """A credit at the end of this line, alone or after the paragraph's text."""
    if "稿" not in line:  # both forms say 供稿; most lines are asked, and most have none
        return None
    body = line.rstrip(_SPACES)
    if not body.endswith((")", "）")):
        return None
    opening = max(body.rfind("(", 0, len(body) - 1), body.rfind("（", 0, len(body) - 1))
    if opening < 0:
        return None
    inner = body[opening + 1:-1].strip(_SPACES)
    if any(bracket in inner for bracket in "()（）"):
        return None
    unit = _UNIT_FORM.match(inner)
    if unit:
        name, form = unit.group("after"), "unit"
    else:
        section = _SECTION_FORM.search(inner)
        if section is None:
            return None
        name, form = inner[: section.start()], "section"
    name = _SPACE_RUN.sub(" ", name).strip(_SPACES)
    return FoundCredit(name, form, body[opening:], line[:opening].rstrip(_SPACES))
