"""The 供稿 credit that closes an article, in every form editors use.

    （组织一科 供稿）              section: the unit, then 供稿
    （组织一科 王明 供稿）          section, with the person who wrote it
    （供稿单位：天元区委组织部）     unit
    （供稿：干部一科）              contributed: 供稿 and a colon
    （供稿人：张三）                person: who, not which unit
    【供稿：办公室】                any of these in 【】 or 〔〕
    供稿单位：研究室                the label forms on a line of their own, without brackets

Full- and half-width parentheses and colons are both accepted, with or
without spaces, because editors type both. The unit is what 供稿统计 counts;
a person is kept and printed, never counted as a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bulletin_gen.text.textfile import INLINE_SPACE, INLINE_SPACES

_SPACE, _SPACES = INLINE_SPACE, INLINE_SPACES
_BRACKETS = {")": "(", "）": "（", "】": "【", "〕": "〔"}
# Matched against the text inside the brackets only, anchored at both ends, so
# that no line, however long or odd, makes the match backtrack (a search of the
# whole line for "(…供稿)" took minutes on a "(" followed by a few thousand spaces).
_LABEL_FORM = re.compile(rf"供{_SPACE}*稿{_SPACE}*(?P<word>单{_SPACE}*位|人|者)?{_SPACE}*(?P<colon>[:：])?(?P<after>.*)",
                         re.S)
_SECTION_FORM = re.compile(rf"供{_SPACE}*稿$")
_BARE_LINE = re.compile(rf"^{_SPACE}*(供{_SPACE}*稿{_SPACE}*(?:单{_SPACE}*位|人)?{_SPACE}*[:：].*)$", re.S)
_SPACE_RUN = re.compile(rf"{_SPACE}+")
_FORM_OF_WORD = {None: "contributed", "单位": "unit", "人": "person", "者": "person"}

# How the names of offices, units and places end; a name that ends otherwise, two or three Han characters
# long, reads as a person's (王明), and one alone in a section credit cannot be told from a unit.
_UNIT_ENDINGS = ("科", "室", "部", "处", "局", "委", "办", "组", "中心", "所", "站", "队", "院", "校", "会", "厅",
                 "司", "社", "馆", "县", "区", "市", "省", "州", "旗", "盟", "镇", "乡", "村", "街道", "社区", "支部",
                 "总支", "党委", "公司", "集团", "银行", "团", "厂", "场", "台", "报", "办公室", "小组")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")


@dataclass(frozen=True)
class FoundCredit:
    name: str  # the unit, "" when none was written (a person alone, or a forgotten name)
    form: str  # "section", "unit", "contributed" or "person"
    text: str  # the credit exactly as written, for messages
    rest: str  # the line with the credit removed (may be empty)
    person: str = ""  # who wrote it, when the credit says
    brackets: str = "（）"  # （）, 【】 or 〔〕 as written (half-width read as full-width); "" for a bare line
    unsure: bool = False  # a lone name that may be a person's or a unit's: counted as a unit, and reported

    @property
    def empty(self) -> bool:
        return not self.name and not self.person


def find_at_end(line: str) -> FoundCredit | None:
    """A credit at the end of this line, alone or after the paragraph's text, or a bare label line."""
    if "稿" not in line:  # every form says 供稿; most lines are asked, and most have none
        return None
    body = line.rstrip(_SPACES)
    closing = body[-1:]
    if closing not in _BRACKETS:
        return _bare(body)
    opening = body.rfind(_BRACKETS[closing], 0, len(body) - 1)
    if closing == ")":  # editors mix widths: (供稿单位：…）
        opening = max(opening, body.rfind("（", 0, len(body) - 1))
    elif closing == "）":
        opening = max(opening, body.rfind("(", 0, len(body) - 1))
    if opening < 0:
        return None
    inner = body[opening + 1:-1].strip(_SPACES)
    if any(bracket in inner for bracket in ("()（）" if closing in ")）" else body[opening] + closing)):
        return None
    read = _read_inner(inner)
    if read is None:
        return None
    brackets = "（）" if body[opening] in "(（" else body[opening] + closing
    return _found(*read, text=body[opening:], rest=line[:opening].rstrip(_SPACES), brackets=brackets)


def _bare(body: str) -> FoundCredit | None:
    """`供稿单位：研究室` on a line of its own: only the label forms, only the whole line."""
    match = _BARE_LINE.match(body)
    if match is None:
        return None
    read = _read_inner(match.group(1).strip(_SPACES))
    if read is None or not read[1]:
        return None
    return _found(*read, text=match.group(1).strip(_SPACES), rest="", brackets="")


def _read_inner(inner: str) -> tuple[str, str] | None:
    """(form, name as written) of a credit's words, or None when they are not a credit."""
    label = _LABEL_FORM.match(inner)
    if label and (label.group("colon") or label.group("word") or not label.group("after").strip(_SPACES)):
        word = _SPACE_RUN.sub("", label.group("word") or "") or None
        return _FORM_OF_WORD[word], label.group("after")
    section = _SECTION_FORM.search(inner)
    if section is None:
        return None
    return "section", inner[: section.start()]


def _found(form: str, written: str, *, text: str, rest: str, brackets: str) -> FoundCredit:
    name = _SPACE_RUN.sub(" ", written).strip(_SPACES)
    if form == "person":
        return FoundCredit("", form, text, rest, person=name, brackets=brackets)
    unit, person = split_person(name)
    unsure = not person and looks_like_person(unit)
    return FoundCredit(unit, form, text, rest, person=person, brackets=brackets, unsure=unsure)


def split_person(name: str) -> tuple[str, str]:
    """"组织一科 王明" → ("组织一科", "王明"): a person's name after the unit, kept apart by a space."""
    unit, _, last = name.rpartition(" ")
    if unit and looks_like_person(last) and not looks_like_person(unit.replace(" ", "")):
        return unit, last
    return name, ""


def looks_like_person(name: str) -> bool:
    return bool(_HAN_NAME.fullmatch(name)) and not name.endswith(_UNIT_ENDINGS)


def as_written(form: str, name: str, person: str, brackets: str) -> str:
    """A credit printed in the form the editor wrote it, with full-width punctuation and one space."""
    who = " ".join(part for part in (name, person) if part)
    words = {"section": f"{who} 供稿", "unit": f"供稿单位：{who}", "contributed": f"供稿：{who}",
             "person": f"供稿人：{person}"}[form]
    return f"{brackets[:1]}{words}{brackets[1:]}"
