"""供稿统计: how many items each contributing section had published, per year or per month.

Offices rank their units on this count (信息工作考核), so a section must be
counted as one however its name was typed: spacing, brackets and full- or
half-width forms are ignored, and site.yaml's `credit_aliases` folds other
spellings (人才科) into the section they mean (人才工作科). Every article and
every column item counts once; items without a credit are counted in a row of
their own, so the totals always equal the number of items published.

Pure functions over issue heads; nothing here reads files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Iterable, NamedTuple, Sequence

from bulletin_gen.model import IssueHead
from bulletin_gen.textfile import to_halfwidth

UNCREDITED = ""  # the row of items that name no contributor
BY_SECTION, BY_MONTH = "section", "month"

_NOISE = re.compile(r"[\s()\[\]{}<>【】〔〕〖〗《》〈〉「」『』\"'“”‘’]+")


class Contribution(NamedTuple):
    section: str  # normalised; UNCREDITED for none
    date: dt.date


class Row(NamedTuple):
    section: str
    counts: tuple[int, ...]  # one per column
    total: int


class Table(NamedTuple):
    columns: tuple[int, ...]  # years, or months 1–12
    rows: tuple[Row, ...]  # most items first; the uncredited row last
    totals: tuple[int, ...]  # one per column
    total: int


def section_key(name: str) -> str:
    """组织一科, 组织 一科, 【组织一科】 and （组织一科） are one section."""
    return _NOISE.sub("", to_halfwidth(name))


def alias_map(aliases: Iterable[tuple[str, str]]) -> dict[str, str]:
    """site.yaml's (other spelling, section) pairs, both sides normalised."""
    return {section_key(other): section_key(section) for other, section in aliases}


def contributions(heads: Iterable[IssueHead], aliases: dict[str, str]) -> list[Contribution]:
    found = []
    for head in heads:
        for credit in head.credits:
            key = section_key(credit)
            found.append(Contribution(aliases.get(key, key), head.date))
    return found


def by_year(items: Sequence[Contribution], year: int | None = None) -> Table:
    """Sections × years (or the one year asked for), with totals."""
    years = sorted({c.date.year for c in items} if year is None else {year})
    return _table(((c.section, c.date.year) for c in items), tuple(years))


def by_month(items: Sequence[Contribution], year: int) -> Table:
    """Sections × the twelve months of one year."""
    return _table(((c.section, c.date.month) for c in items if c.date.year == year), tuple(range(1, 13)))


def newest_year(items: Sequence[Contribution]) -> int | None:
    return max((c.date.year for c in items), default=None)


def _table(cells: Iterable[tuple[str, int]], columns: tuple[int, ...]) -> Table:
    place = {column: i for i, column in enumerate(columns)}
    counts: dict[str, list[int]] = {}
    for section, column in cells:
        if column in place:
            counts.setdefault(section, [0] * len(columns))[place[column]] += 1
    rows = [Row(section, tuple(values), sum(values)) for section, values in counts.items()]
    # Most items first, as a ranking reads; ties by name so the order never varies.
    rows.sort(key=lambda row: (row.section == UNCREDITED, -row.total, row.section))
    totals = tuple(sum(row.counts[i] for row in rows) for i in range(len(columns)))
    return Table(columns, tuple(rows), totals, sum(totals))


def column_chart_rows(table: Table, column: int) -> list[tuple[str, int]]:
    """(section, count) for one column of the table, largest first, zero rows left out."""
    i = table.columns.index(column)
    rows = [(row.section, row.counts[i]) for row in table.rows if row.counts[i]]
    rows.sort(key=lambda item: (item[0] == UNCREDITED, -item[1], item[0]))
    return rows


def to_csv(table: Table, header: Sequence[str], uncredited: str, total: str) -> bytes:
    """The table for Excel: UTF-8 with a BOM (without it Excel reads Chinese as GBK) and CRLF lines."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    for row in table.rows:
        writer.writerow([_no_formula(row.section or uncredited), *row.counts, row.total])
    writer.writerow([total, *table.totals, table.total])
    return text.getvalue().encode("utf-8-sig")


def _no_formula(text: str) -> str:
    """Excel runs a cell that starts with = + - or @ as a formula; a quote makes it plain text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
