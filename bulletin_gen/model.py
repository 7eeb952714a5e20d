"""The plain data that flows from parsing to rendering.

Everything here is immutable, so ordering, neighbours and pagination can be
pure functions over it, and a later stage can never change an earlier one's
result behind its back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Union


@dataclass(frozen=True)
class Credit:
    """Who contributed an article (供稿)."""

    name: str
    form: str  # "section": （组织一科 供稿）; "unit": （供稿单位：…）; "default": from front matter
    line: int | None


@dataclass(frozen=True)
class Article:
    anchor: str
    title: str  # may be empty for a short item in a column
    subtitle: str
    note_html: str  # 编者按, without its label
    html: str
    credit: Credit | None
    line: int


@dataclass(frozen=True)
class Column:
    """A 栏目 such as 工作动态: a heading with short items under it."""

    anchor: str
    name: str
    items: tuple[Article, ...]
    line: int


Section = Union[Article, Column]


@dataclass(frozen=True)
class SummaryItem:
    title: str
    subtitle: str
    anchor: str | None  # None when it matches nothing in the issue


@dataclass(frozen=True)
class Issue:
    source: Path
    number: int
    number_line: int | None  # the line of `issue:` in the source
    date: dt.date
    total: int | None
    title: str  # the masthead name: the issue's own title or the bulletin name
    issuer: str
    summary: tuple[SummaryItem, ...]
    contributing: str | None
    editor: str | None
    source_label: str | None
    author: str | None
    draft: bool
    note_html: str  # an issue-level 编者按 before the first article
    lead_html: str  # any other text before the first article
    sections: tuple[Section, ...]

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article and column item, in reading order."""
        found: list[Article] = []
        for section in self.sections:
            found.extend(section.items if isinstance(section, Column) else (section,))
        return tuple(found)
