"""What each block of a Word document is in a bulletin: masthead, title lines, text, column, 版记.

By style name where the document has styles (Title, Heading 1–3, 标题 1–3,
Subtitle, 副标题), and by look where it has none, as contributors' drafts
usually have none: a title is a short centred line in large type (16 pt or
more) or bold, without a full stop; in a run of such lines one that starts
with a dash is the 副题, and a first line in smaller type than the largest
is the 引题. Credits, 作者/来源/责任编辑 lines and 编者按 are written as the
issue format reads them, so the build recognises them as it does typed text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bulletin_gen.text import numerals
from bulletin_gen.text.textfile import WORD_LINE_BREAK, to_halfwidth
from bulletin_gen.wordimport.reading import Grid, Para, Picture

_TITLE_STYLES = re.compile(r"^(title|subtitle|heading [123]|标题(?: ?[123])?|副标题)$", re.I)
_DASH = re.compile(r"^(?:—|－－|--|──)")
_COLUMN = re.compile(r"^【\s*([^】]{2,10})\s*】$")
_NUMBER_LINE = re.compile(r"^第\s*([0-9０-９]+|[〇零一二三四五六七八九十百千]+)\s*期(?:\s*[（(]\s*总第\s*([0-9０-９]+)\s*期\s*[）)])?$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SUMMARY = re.compile(r"^【?\s*内容摘要\s*】?$")
_DISTRIBUTION = re.compile(r"^(报|送|发|抄送|印发)\s*[:：]\s*(.+)$")
_COPIES = re.compile(r"共印\s*(\d+)\s*份")
_SENTENCE_END = re.compile(r"[。；！？]\s*$")
_NOTE = re.compile(r"^[【\[]?\s*编者按")
# The fonts 公文 (GB/T 9704) sets its headings in inside the text: 黑体 the first level, 楷体 the second.
_HEADING_FONTS = re.compile(r"黑体|楷体|SimHei|KaiTi|Heiti|STKaiti|STHeiti", re.I)
TITLE_SIZE = 16.0  # 3号: a contributor's body text is 16 pt, a title larger or bold


@dataclass
class Article:
    kicker: str = ""
    titles: list[str] = field(default_factory=list)
    subtitle: str = ""
    lines: list[str] = field(default_factory=list)  # Markdown, a line a paragraph
    pictures: list[tuple[int, Picture]] = field(default_factory=list)  # (its line's index, the picture)


@dataclass
class Mapped:
    number: int | None = None  # 期号 from the masthead
    total: int | None = None
    date: dt.date | None = None
    summary: list[str] = field(default_factory=list)
    distribution: dict[str, str] = field(default_factory=dict)  # 报/送/发/印发 → whom
    copies: int | None = None
    lead: list[str] = field(default_factory=list)  # text before the first title (an issue's 编者按)
    sections: list[tuple[str, Article | str]] = field(default_factory=list)  # ("article", …) or ("column", name)


def is_title(block: Para | Grid) -> bool:
    """A title line on its own: a title style, or a short centred line in large or bold type."""
    if not isinstance(block, Para) or not _short_line(block):
        return False
    if _TITLE_STYLES.match(block.style.strip()):
        return True
    bold = all(bold for piece, bold in block.pieces if piece.strip())
    large = block.size is not None and block.size > TITLE_SIZE
    return block.centered and (large or bold)


def _beside_title(block: Para | Grid) -> bool:
    """A line that belongs to a title next to it (its 引题 above, its 副题 below): short, centred, no full stop."""
    return isinstance(block, Para) and _short_line(block) and (block.centered or bool(_DASH.match(block.text.strip())))


def _short_line(block: Para) -> bool:
    text = block.text.strip()
    return bool(text) and len(text) <= 48 and WORD_LINE_BREAK not in text and not _SENTENCE_END.search(text) \
        and not block.pictures and not _COLUMN.match(text)


def map_document(blocks: list[Para | Grid]) -> Mapped:
    mapped = Mapped()
    rest = _masthead(blocks, mapped)
    rest = _colophon(rest, mapped)
    current: Article | None = None
    index = 0
    while index < len(rest):
        block = rest[index]
        if isinstance(block, Grid):
            _target(mapped, current).extend(["", *_table(block)])  # a table starts a block of its own
            index += 1
            continue
        column = _COLUMN.match(block.text.strip())
        if column and not block.indented:
            mapped.sections.append(("column", column.group(1)))
            current = None
            index += 1
            continue
        kicker = _beside_title(block) and not is_title(block) and index + 1 < len(rest) and is_title(rest[index + 1])
        if is_title(block) or kicker:
            run = [block]
            while index + len(run) < len(rest) and len(run) < 4 and (
                    is_title(rest[index + len(run)]) or _beside_title(rest[index + len(run)])):
                run.append(rest[index + len(run)])  # type: ignore[arg-type]
            current = _titled(run)
            mapped.sections.append(("article", current))
            index += len(run)
            continue
        if current is None and (block.pictures or (mapped.sections and mapped.sections[-1][0] == "column")):
            # An untitled item of the column; or, before any title, text with a picture in it, which
            # only an article carries (written without a heading, it is still the lead).
            current = Article()
            mapped.sections.append(("article", current))
        target = _target(mapped, current)
        if block.pictures:
            for picture in block.pictures:
                current.pictures.append((len(target), picture))
                target.append("")  # its place: the writer puts the picture's line there
        if block.text.strip():
            line = paragraph_markdown(block)
            # 编者按, often set in 楷体: the issue format's note is a quote that opens with it.
            target.append("> " + line if _NOTE.match(block.text.strip()) else line)
        target.extend(_escaped(note) for note in block.notes)
        index += 1
    return mapped


def _target(mapped: Mapped, current: Article | None) -> list[str]:
    return current.lines if current is not None else mapped.lead


def _titled(run: list[Para]) -> Article:
    article = Article()
    lines = [block.text.strip() for block in run]
    sizes = [block.size or 0 for block in run]
    for position, (text, size) in enumerate(zip(lines, sizes)):
        if _DASH.match(text) and not article.subtitle and article.titles:
            article.subtitle = text
        elif position == 0 and len(run) > 1 and size < max(sizes) and not _DASH.match(lines[1]):
            article.kicker = text
        else:
            article.titles.append(text)
    return article


def paragraph_markdown(block: Para) -> str:
    """The paragraph as one Markdown line: a bold lead as **…**, Word's line breaks kept, text escaped.

    A short line in 黑体 or 楷体 (一、加强组织领导) is a heading inside the text, as 公文 sets them: it
    is written bold, as the issue format shows a heading line in a bulletin's text.
    """
    heading = _short_line(block) and bool(_HEADING_FONTS.search(block.font)) and not block.centered
    pieces = [(text.replace("\t", " "), bold or heading) for text, bold in block.pieces]
    while pieces and not pieces[0][0].strip():
        pieces.pop(0)
    if not pieces:
        return ""
    first_text, first_bold = pieces[0]
    leading = first_text.lstrip(" \u3000\u00a0")
    pieces[0] = (leading, first_bold)
    written = []
    for position, (text, bold) in enumerate(pieces):
        escaped = _escaped(text)
        # Only a paragraph's opening bold is a bold lead in the issue format; bold elsewhere stays text.
        written.append(f"**{escaped.strip()}**" if bold and position == 0 and escaped.strip() else escaped)
    return "".join(written).rstrip()


def _escaped(text: str) -> str:
    """What Markdown would otherwise read: asterisks, underscores, brackets, a leading # or >."""
    text = re.sub(r"([\\`*_\[\]<])", r"\\\1", text)
    return re.sub(r"^([#>|+-])", r"\\\1", text)


def _table(grid: Grid) -> list[str]:
    if not grid.rows:
        return []
    width = max(len(row) for row in grid.rows)
    rows = [list(row) + [""] * (width - len(row)) for row in grid.rows]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(_escaped(cell).replace("|", "\\|").replace(WORD_LINE_BREAK, " ") for cell in cells) + " |"

    return [line(rows[0]), "| " + " | ".join(["---"] * width) + " |", *(line(row) for row in rows[1:]), ""]


def _masthead(blocks: list[Para | Grid], mapped: Mapped) -> list[Para | Grid]:
    """A whole issue's 报头 (name, 第N期, issuer and date) and 【内容摘要】: read, and left out of the text."""
    head = [block for block in blocks[:8] if isinstance(block, Para)]
    numbered = next((block for block in head if _NUMBER_LINE.match(block.text.strip())), None)
    if numbered is None:
        return blocks
    match = _NUMBER_LINE.match(numbered.text.strip())
    assert match is not None
    mapped.number = _number(match.group(1))
    mapped.total = int(to_halfwidth(match.group(2))) if match.group(2) else None
    position = blocks.index(numbered) + 1
    for block in blocks[position:position + 3]:
        if isinstance(block, Para) and _DATE.search(block.text):
            year, month, day = (int(part) for part in _DATE.search(block.text).groups())  # type: ignore[union-attr]
            mapped.date = dt.date(year, month, day)
            position = blocks.index(block) + 1
            break
    if position < len(blocks) and isinstance(blocks[position], Para) and _SUMMARY.match(blocks[position].text.strip()):
        position += 1
        while position < len(blocks) and isinstance(blocks[position], Para) and not is_title(blocks[position]):
            item = blocks[position].text.strip().lstrip("●•·").strip()
            if item:
                mapped.summary.append(item)
            position += 1
    return blocks[position:]


def _colophon(blocks: list[Para | Grid], mapped: Mapped) -> list[Para | Grid]:
    """The 版记 at the end (报：… 送：… 发：…, 印发 and 共印N份): the print edition's lines, out of the text."""
    end = len(blocks)
    while end > 0 and isinstance(blocks[end - 1], Para) and not blocks[end - 1].pictures:  # a picture is text's
        text = blocks[end - 1].text.strip()
        found = _DISTRIBUTION.match(text)
        copies = _COPIES.search(text)
        if not text or found or copies:
            if found:
                key = {"抄送": "送"}.get(found.group(1), found.group(1))
                mapped.distribution[key] = _COPIES.sub("", found.group(2)).strip()
            if copies:
                mapped.copies = int(copies.group(1))
                # 中共××县委组织部办公室　2025年3月6日印发　共印120份: who printed it, before the date and 共印
                printer = _DATE.split(text[:copies.start()])[0].strip(" \u3000").removesuffix("印发").strip()
                if printer and not found:
                    mapped.distribution["印发"] = printer
            end -= 1
            continue
        break
    return blocks[:end]


def _number(text: str) -> int:
    digits = to_halfwidth(text)
    return int(digits) if digits.isdigit() else numerals.from_chinese(text) or 0
