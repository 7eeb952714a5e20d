"""Splitting an issue body into articles and columns, at the source level.

The structure of a bulletin lives in its headings:

    ## 主标题          an article (its main title)
    ### 副标题         directly after it: the title's second line
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
FENCE_OPEN = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")

Line = tuple[int, str]  # (1-based line number in the file, text)


@dataclass
class RawArticle:
    title: str
    line: int
    subtitle: str = ""
    body: list[Line] = field(default_factory=list)


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
    if level == 1:
        column = RawColumn(title, number)
        result.sections.append(column)
        return column.body
    if level == 2:
        article = RawArticle(title, number)
        if isinstance(current, RawColumn):
            current.items.append(article)
        else:
            result.sections.append(article)
        return article.body
    # A ### right after the main title, with nothing between, is its second line.
    owner = current.items[-1] if isinstance(current, RawColumn) and current.items else current
    if isinstance(owner, RawArticle) and not owner.subtitle and not any(t.strip() for _, t in owner.body):
        owner.subtitle = title
        return owner.body
    target.append((number, "### " + title))
    return target


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
