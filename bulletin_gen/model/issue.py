"""The plain data that flows from parsing to rendering.

Everything here is immutable, so ordering, neighbours and pagination can be
pure functions over it, and a later stage can never change an earlier one's
result behind its back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from bulletin_gen.text.wordcount import NOTHING, TextLength


@dataclass(frozen=True)
class Credit:
    """Who contributed an article (供稿)."""

    name: str  # the unit 供稿统计 counts; "" for a person's credit in an issue with no default unit
    # "section": （组织一科 供稿）; "unit": （供稿单位：…）; "contributed": （供稿：…）; "person": （供稿人：…）;
    # "default": from front matter
    form: str
    line: int | None
    person: str = ""  # who wrote it, when the credit says: kept and printed, never counted as a unit
    brackets: str = "（）"  # as written: （）, 【】, 〔〕, or "" for a line of its own


def joined_lines(lines: tuple[str, ...]) -> str:
    """A title's lines as one: a Chinese title was only broken, so nothing goes between; Latin words get a space."""
    joined = ""
    for line in lines:
        needs_space = joined[-1:].isascii() and joined[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum()
        joined += (" " if needs_space else "") + line
    return joined


def listing_title(title: str, subtitle: str) -> str:
    """A title on one line, for lists, feeds and <title>: 主题, then the 副题 once, as typed (主题——副题)."""
    return joined_lines((title, subtitle))


@dataclass(frozen=True)
class Article:
    anchor: str
    title: str  # the 主题 on one line (its two lines joined); empty for a short item in a column
    subtitle: str  # the 副题, as typed: usually "——…"
    note_html: str  # 编者按, without its label
    html: str
    credit: Credit | None
    line: int
    length: TextLength = NOTHING  # 字数 of its title, subtitle, note and text; not of the credit
    # 作者, 来源, 责任编辑 written at its end, as ("author" | "source" | "editor", value), in the order written
    fields: tuple[tuple[str, str], ...] = ()
    kicker: str = ""  # the 引题 over the 主题
    title_lines: tuple[str, ...] = ()  # the 主题 as set, one or two lines

    @property
    def listing(self) -> str:
        return listing_title(self.title, self.subtitle)


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
    title: str  # its first line
    subtitle: str  # its second line: the 主题's second line or the 副题, as written
    anchor: str | None  # None when it matches nothing in the issue

    @property
    def listing(self) -> str:
        return listing_title(self.title, self.subtitle)


@dataclass(frozen=True)
class FileRef:
    """A picture or attachment an issue's text links to, lying in content/ beside the issue's file."""

    path: str  # where it lies in content/, POSIX: "2025/img/chart.png"
    local: str  # how the issue's file names it, from its own folder: "img/chart.png" ("" if it lies elsewhere)
    line: int | None  # the line that links it
    image: bool  # shown as a picture (![…](…)), not linked as an attachment
    alt: str = ""  # a picture's alt text, "" when it has none


@dataclass(frozen=True)
class IssueHead:
    """What archives, neighbour links and ordering need: small, cached, always in memory.

    Archive pages and neighbour links are rendered from heads alone, so that
    a build never has to hold every issue's text at once.
    """

    source: Path
    digest: str  # of the source file's name and bytes: it changes whenever the parsed issue may
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
    # Who contributed each article and column item, in reading order, as written ("" for none):
    # the 供稿统计 counts them without loading any issue's text.
    credits: tuple[str, ...] = ()
    date_line: int | None = None  # the line of `date:`, for messages about the date
    files: tuple[FileRef, ...] = ()  # the pictures and attachments its text links to, in reading order
    time: str | None = None  # when on its date it is published (HH:MM), for the PubDate tag; None: site.yaml's
    # A key of everything above that another issue's page or an archive page can show
    # (not the file, not the text): editing an issue's text leaves it as it was, so
    # its neighbours and the archive pages listing it need not be made again.
    listing: str = ""

    @property
    def year(self) -> int:
        return self.date.year

    def with_listing_key(self) -> "IssueHead":
        """This head, its listing key filled in: call it on a head just made, which nothing else holds yet."""
        shown = (self.number, self.date, self.total, self.title, self.issuer, self.summary, self.contributing,
                 self.editor, self.source_label, self.author, self.draft, self.time)
        # In place, not by dataclasses.replace: a copy of a head costs as much as making it.
        object.__setattr__(self, "listing", hashlib.blake2b(repr(shown).encode("utf-8", "surrogateescape"),
                                                            digest_size=16).hexdigest())
        return self


@dataclass(frozen=True)
class IssueBody:
    """The issue's text, rendered to HTML: large, loaded only for the pages that show it."""

    note_html: str  # an issue-level 编者按 before the first article
    lead_html: str  # any other text before the first article
    sections: tuple[Section, ...]
    length: TextLength = NOTHING  # 字数 of the whole issue: its note, lead and every article
    # The front matter's `print:` settings (版记 lines, 编号), laid over site.yaml's print_edition.
    print_overrides: tuple[tuple[str, object], ...] = ()

    @property
    def articles(self) -> tuple[Article, ...]:
        return articles_of(self.sections)


def articles_of(sections: tuple[Section, ...]) -> tuple[Article, ...]:
    """Every article and column item, in reading order."""
    found: list[Article] = []
    for section in sections:
        found.extend(section.items if isinstance(section, Column) else (section,))
    return tuple(found)


@dataclass(frozen=True)
class Issue:
    """A whole issue. Reads like one flat record (issue.title, issue.sections), as templates expect."""

    head: IssueHead
    body: IssueBody

    def __getattr__(self, name: str) -> object:
        if name.startswith("__") or name in ("head", "body"):  # pickling and copying probe these
            raise AttributeError(name)
        for part in (self.head, self.body):
            value = getattr(part, name, _ABSENT)
            if value is not _ABSENT:
                # Kept on the issue itself, so the next use does not come back here: a template
                # reads issue.date and its like several times on every page.
                object.__setattr__(self, name, value)
                return value
        raise AttributeError(name)


_ABSENT = object()
