"""Splitting an issue body into articles and columns, at the source level.

The structure of a bulletin lives in its headings:

    ## 【引题】…        a kicker (引题) over the next ## title
    ## 主题            an article (its main title, 主题)
    ### 主题第二行      directly after it: the main title's second line
    ### ——副题         directly after it, starting with a dash: the 副题 (## ——… too)
    # 工作动态          a column (栏目); what follows belongs to it

Splitting the Markdown source (rather than the rendered HTML) keeps the line
numbers, so every message can point at the editor's line.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field

from bulletin_gen.text import web_furniture
from bulletin_gen.text.textfile import WORD_LINE_BREAK

_HEADING = re.compile(r"^(#{1,3})(?!#)[ \t]*(.*?)[ \t]*#*[ \t]*$")
_KICKER = re.compile(r"^(?:【\s*引题\s*】|\[\s*引题\s*\]|〔\s*引题\s*〕|引题\s*[:：])\s*")
# A 副题 opens with a dash: —— as typed in Chinese, or what a plain-text paste leaves of it.
_SUBTITLE = re.compile(r"^(?:—|－－|--|──|~~|～)")
FENCE_OPEN = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")

Line = tuple[int, str]  # (1-based line number in the file, text)


@dataclass
class RawArticle:
    title: str  # the 主题's first line
    line: int
    subtitle: str = ""  # the 副题, as typed (with its dash)
    body: list[Line] = field(default_factory=list)
    kicker: str = ""  # the 引题
    second_line: str = ""  # the 主题's second line, for a title broken over two lines

    @property
    def untouched(self) -> bool:
        """Nothing but its title so far: a heading now still belongs to the title."""
        return not any(text.strip() for _, text in self.body)


@dataclass
class RawColumn:
    name: str
    line: int
    body: list[Line] = field(default_factory=list)  # before any ## inside it
    items: list[RawArticle] = field(default_factory=list)


@dataclass
class RawBody:
    lead: list[Line] = field(default_factory=list)
    sections: list[RawArticle | RawColumn] = field(default_factory=list)
    furniture: list[Line] = field(default_factory=list)  # a web page's lines pasted with the text, left out


def split_body(body: str, first_line: int) -> RawBody:
    result = RawBody()
    fence: str | None = None
    target = result.lead
    for offset, text in enumerate(body.split("\n")):
        number = first_line + offset
        if fence is None:
            heading = _HEADING.match(text)
            if heading and heading.group(2):
                title = heading.group(2).replace(WORD_LINE_BREAK, "")  # a title set on two lines in Word
                target = _open(result, len(heading.group(1)), title, number, target)
                continue
            if web_furniture.is_furniture(text):
                result.furniture.append((number, text))
                continue
            opening = FENCE_OPEN.match(text)
            if opening:
                fence = opening.group(1)
        elif text.strip().startswith(fence[0] * len(fence)) and not text.strip().strip(fence[0]):
            fence = None
        target.append((number, text))
    return result


def _open(result: RawBody, level: int, title: str, number: int, target: list[Line]) -> list[Line]:
    """Start what a heading opens and return where following lines go."""
    current = result.sections[-1] if result.sections else None
    owner = current.items[-1] if isinstance(current, RawColumn) and current.items else current
    growing = owner if isinstance(owner, RawArticle) and owner.untouched else None
    if level == 1:
        column = RawColumn(title, number)
        result.sections.append(column)
        return column.body
    if growing is not None and _title_goes_on(growing, level, title):
        return growing.body
    if level == 2:
        kicker = _KICKER.match(title)
        article = RawArticle("" if kicker else title, number, kicker=title[kicker.end():] if kicker else "")
        if isinstance(current, RawColumn):
            current.items.append(article)
        else:
            result.sections.append(article)
        return article.body
    target.append((number, "### " + title))  # a sub-heading inside the text
    return target


def _title_goes_on(article: RawArticle, level: int, text: str) -> bool:
    """Whether a heading right after an article's title is more of that title; if so, it is added."""
    if article.kicker and not article.title:  # the 主题 under a 引题
        if level == 2 and not _KICKER.match(text):
            article.title = text
            return True
        return False
    if _SUBTITLE.match(text) and not article.subtitle and level in (2, 3):
        article.subtitle = text
        return True
    if level == 3 and not article.subtitle and not article.second_line:
        article.second_line = text
        return True
    return False


def trim(lines: list[Line]) -> list[Line]:
    """Drop blank lines at both ends."""
    start, end = 0, len(lines)
    while start < end and not lines[start][1].strip():
        start += 1
    while end > start and not lines[end - 1][1].strip():
        end -= 1
    return lines[start:end]


_BLOCK_START = re.compile(r"^(?:[ \t]|[>#|]|[-*+][ \t]|\d+[.)][ \t]|```|~~~|={3,}\s*$|-{3,}\s*$|\*{3,}\s*$)")


def fenced_lines(lines: list[Line]) -> list[bool]:
    """For each line, whether it is a code fence's opening or closing line or inside one: code, left as typed."""
    if not has_fence(lines):  # bulletin prose never has one: no need to look line by line
        return [False] * len(lines)
    marks: list[bool] = []
    fence: str | None = None
    for _, text in lines:
        stripped = text.strip()
        if fence is not None:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            marks.append(True)
        else:
            opening = FENCE_OPEN.match(text)
            fence = opening.group(1) if opening else None
            marks.append(opening is not None)
    return marks


def has_fence(lines: list[Line]) -> bool:
    """Whether any line may open or close a code fence."""
    text = "\n".join(map(operator.itemgetter(1), lines))
    return "```" in text or "~~~" in text


def lines_as_paragraphs(lines: list[Line]) -> list[Line]:
    """Make every line of plain text its own paragraph.

    Editors paste from Word, where each line is a paragraph and there is no
    blank line between them; plain Markdown would run them together into one
    block, losing the 2em indent of each. Lists, tables, quotes, code and
    lines ending in a Markdown hard break are left as they are.
    """
    out: list[Line] = []
    for index, ((number, text), fenced) in enumerate(zip(lines, fenced_lines(lines))):
        out.append((number, text))
        if fenced:
            continue
        if index + 1 < len(lines) and _is_plain(text) and _is_plain(lines[index + 1][1]):
            if not (text.endswith("  ") or text.endswith("\\")):
                out.append((number, ""))
    return out


# The indent Word users type or paste before a paragraph: full-width spaces (　　),
# no-break spaces, tabs, and the ASCII spaces web pages use. The theme indents every
# paragraph by 2em itself, and Markdown would read a tab or four spaces as code.
_ANY_INDENT = re.compile(r"^[ \t\u3000\u00a0]+")
_WIDE_INDENT = re.compile(r"^[\u3000\u00a0]+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])[ \t]")


@dataclass(frozen=True)
class Unindented:
    lines: list[Line]
    ascii_indents: tuple[int, ...]  # lines whose removed indent held ASCII spaces: a guess to report


def strip_pasted_indent(lines: list[Line], line_paragraphs: bool) -> Unindented:
    """Remove a paragraph's typed indent, outside code fences and list items.

    Full-width and no-break spaces mean nothing to Markdown and always go.
    With line paragraphs (the Word-paste style) every indent goes: each line
    is a paragraph, and code comes only from fences, so a line pasted from a
    web page with four spaces before it is not turned into code.
    """
    out: list[Line] = []
    ascii_indents: list[int] = []
    in_list = False
    for (number, text), fenced in zip(lines, fenced_lines(lines)):
        if not fenced and text.strip():
            indent = (_ANY_INDENT if line_paragraphs else _WIDE_INDENT).match(text)
            if indent and not in_list and (line_paragraphs or _is_plain(text[indent.end():])):
                if " " in indent.group():  # a tab is how Word users indent; spaces come from web pages
                    ascii_indents.append(number)
                text = text[indent.end():]
            in_list = bool(_LIST_ITEM.match(text)) or (in_list and text[:1] in " \t")
        out.append((number, text))
    return Unindented(out, tuple(ascii_indents))


def _is_plain(text: str) -> bool:
    return bool(text.strip()) and not _BLOCK_START.match(text)
