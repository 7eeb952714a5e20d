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
import functools
import datetime as dt
import io
import operator
import re
from collections import Counter
from typing import Callable, Iterable, NamedTuple, Sequence

from bulletin_gen.model import ordering
from bulletin_gen.model.identity import same_objects
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.text.textfile import to_halfwidth

UNCREDITED = ""  # the row of items that name no contributor
BY_SECTION, BY_MONTH = "section", "month"

_NOISE = re.compile(r"[\s()\[\]{}<>【】〔〕〖〗《》〈〉「」『』\"'“”‘’]+")


class Row(NamedTuple):
    section: str
    counts: tuple[int, ...]  # one per column
    total: int


class Table(NamedTuple):
    columns: tuple[int, ...]  # years, or months 1–12
    rows: tuple[Row, ...]  # most items first; the uncredited row last
    totals: tuple[int, ...]  # one per column
    total: int


@functools.lru_cache(maxsize=4096)  # a site has a few dozen sections, named again in every issue
def section_key(name: str) -> str:
    """组织一科, 组织 一科, 【组织一科】 and （组织一科） are one section."""
    return _NOISE.sub("", to_halfwidth(name))


def alias_map(aliases: Iterable[tuple[str, str]]) -> dict[str, str]:
    """site.yaml's (other spelling, section) pairs, both sides normalised."""
    return {section_key(other): section_key(section) for other, section in aliases}


def tally(heads: Iterable[IssueHead], aliases: dict[str, str],
          column: Callable[[dt.date], int | None]) -> Counter[tuple[str, int]]:
    """Items per (section, column), where `column(date)` places an issue (None: leave it out).

    Credits are counted as written first and normalised afterwards: a site names
    a few dozen sections thousands of times, and this runs on every build.
    """
    places = [(head.credits, column(head.date)) for head in heads]
    written = Counter([(credit, place) for credits, place in places if place is not None for credit in credits])
    counts: Counter[tuple[str, int]] = Counter()
    for (credit, place), n in written.items():
        key = section_key(credit)
        counts[aliases.get(key, key), place] += n
    return counts


def by_year(heads: Sequence[IssueHead], aliases: dict[str, str], year: int | None = None) -> Table:
    """Sections × years (or the one year asked for), with totals."""
    counts = tally(heads, aliases, lambda day: day.year if year in (None, day.year) else None)
    return _table(counts, tuple(sorted({place for _, place in counts} if year is None else {year})))


def by_month(heads: Sequence[IssueHead], aliases: dict[str, str], year: int) -> Table:
    """Sections × the twelve months of one year."""
    return _table(tally(heads, aliases, lambda day: day.month if day.year == year else None), tuple(range(1, 13)))


class YearTableMemo:
    """by_year, with each year's count kept until an issue of that year changes; kept by a Builder
    across its builds.

    A preview rebuilds the model after every save, from mostly the very same
    head objects; comparing them by identity costs far less than counting
    thousands of credits again, and an edit touches one year.
    """

    def __init__(self) -> None:
        self._aliases: tuple[tuple[str, str], ...] | None = None
        self._years: dict[int, tuple[Sequence[IssueHead], Counter[tuple[str, int]]]] = {}

    def by_year(self, heads: Sequence[IssueHead], aliases: tuple[tuple[str, str], ...]) -> Table:
        if aliases != self._aliases:
            self._aliases, self._years = aliases, {}
        groups = ordering.by_year(heads)
        mapping: dict[str, str] | None = None
        counts: Counter[tuple[str, int]] = Counter()
        years = {}
        for year, group in groups.items():
            known = self._years.get(year)
            if known is None or not same_objects(known[0], group):
                mapping = mapping if mapping is not None else alias_map(aliases)
                known = (group, tally(group, mapping, operator.attrgetter("year")))
            years[year] = known
            counts.update(known[1])
        self._years = years
        return _table(counts, tuple(sorted({place for _, place in counts})))


def newest_year(heads: Sequence[IssueHead]) -> int | None:
    return max((head.year for head in heads if head.credits), default=None)


def _table(counts: Counter[tuple[str, int]], columns: tuple[int, ...]) -> Table:
    place = {column: i for i, column in enumerate(columns)}
    by_section: dict[str, list[int]] = {}
    for (section, column), n in counts.items():
        by_section.setdefault(section, [0] * len(columns))[place[column]] += n
    rows = [Row(section, tuple(values), sum(values)) for section, values in by_section.items()]
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
