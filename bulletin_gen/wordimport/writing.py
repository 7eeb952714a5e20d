"""The issue file an import writes: front matter, then the articles in the issue format, and its pictures.

The pictures go beside the issue's file, named after it (07-图1.png), and
are linked from the text, with the document's description as alt text, else
the caption under the picture, else nothing (and `bulletin check` says so).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from bulletin_gen.wordimport.mapping import Article, Mapped

_CAPTION_START = ("图", "▲", "△", "（图", "(图")


@dataclass(frozen=True)
class Written:
    text: str  # the issue file's text
    files: tuple[tuple[str, bytes], ...]  # (name beside the issue's file, bytes) of each picture


def appended_text(draft: str, mapped: Mapped, stem: str, taken: set[str]) -> Written:
    """A draft's text with the documents' articles added at its end; pictures numbered after `taken` names."""
    body: list[str] = [*mapped.lead, ""] if mapped.lead else []
    files: list[tuple[str, bytes]] = []
    for kind, section in mapped.sections:
        if kind == "column":
            body += [f"# {section}", ""]
        else:
            assert isinstance(section, Article)
            body += _article(section, stem, files, taken)
    return Written(draft.rstrip("\n") + "\n\n" + "\n".join(body).rstrip("\n") + "\n", tuple(files))


def issue_text(mapped: Mapped, number: int, day: dt.date, total: int | None, stem: str) -> Written:
    front = ["---", f"issue: {number}", f"date: {day.isoformat()}"]
    if total is not None:
        front.append(f"total: {total}")
    if mapped.summary:
        front.append("summary:")
        front += [f"  - {_yaml(item)}" for item in mapped.summary]
    printed = _print_settings(mapped)
    if printed:
        front.append("print:")
        front += [f"  {key}: {value if isinstance(value, int) else _yaml(str(value))}" for key, value in printed]
    front += ["draft: true          # 导入的稿件：核对无误后删去这一行", "---", ""]
    body: list[str] = []
    files: list[tuple[str, bytes]] = []
    if mapped.lead:
        body += [*mapped.lead, ""]
    for kind, section in mapped.sections:
        if kind == "column":
            body += [f"# {section}", ""]
            continue
        assert isinstance(section, Article)
        body += _article(section, stem, files)
    return Written("\n".join(front + body).rstrip("\n") + "\n", tuple(files))


def _article(article: Article, stem: str, files: list[tuple[str, bytes]], taken: set[str] = frozenset()) -> list[str]:
    lines: list[str] = []
    if article.kicker:
        lines.append(f"## 【引题】{article.kicker}")
    if article.titles:
        lines.append(f"## {article.titles[0]}")
        for more in article.titles[1:]:
            lines.append(f"### {more}")
    if article.subtitle:
        lines.append(f"### {article.subtitle}")
    if lines:
        lines.append("")
    text = list(article.lines)
    for place, picture in article.pictures:  # each fills the empty line kept for it: no line moves
        number = len(files) + 1
        while f"{stem}-图{number}{picture.suffix}" in taken:  # a draft's pictures keep their names
            number += 1
        name = f"{stem}-图{number}{picture.suffix}"
        files.append((name, picture.data))
        caption = text[place + 1] if place + 1 < len(text) and text[place + 1].startswith(_CAPTION_START) else ""
        if caption:  # the line under the picture is its caption: the figure's, not a paragraph of its own
            text[place + 1] = ""
        alt = picture.alt or caption
        shown = f' "{caption}"' if caption and caption != alt else ""
        text[place] = f"![{alt}]({name}{shown})"
    return lines + text + [""]


def _print_settings(mapped: Mapped) -> list[tuple[str, object]]:
    """The 版记 as `print:` keys (meta.PRINT_ALIASES reads them): 报, 送, 发, 印发 and 份数."""
    found: list[tuple[str, object]] = list(mapped.distribution.items())
    if mapped.copies is not None:
        found.append(("份数", mapped.copies))
    return found


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)
