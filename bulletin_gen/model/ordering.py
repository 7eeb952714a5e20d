"""The order of issues and who neighbours whom: pure functions over issues."""

from __future__ import annotations

import itertools
import operator
from typing import NamedTuple, Sequence

from bulletin_gen.model.identity import replaced_at
from bulletin_gen.model.issue import IssueHead


def number_key(issue: IssueHead, numbering: str) -> tuple[int, ...]:
    """What must be unique: (year, 期号) when numbers restart each year, else 期号."""
    return (issue.number,) if numbering == "continuous" else (issue.year, issue.number)


def order_key(issue: IssueHead, numbering: str) -> tuple[object, ...]:
    """Oldest first. Ties (only possible with duplicate numbers) fall back to date and file."""
    return number_key(issue, numbering), issue.date, str(issue.source)


def in_order(issues: Sequence[IssueHead], numbering: str) -> tuple[IssueHead, ...]:
    return tuple(sorted(issues, key=lambda i: order_key(i, numbering)))


def in_order_again(last: Sequence[IssueHead], last_ordered: tuple[IssueHead, ...], issues: Sequence[IssueHead],
                   numbering: str) -> tuple[IssueHead, ...] | None:
    """in_order(issues), from the order of `last`, when each issue differing from `last` (compared
    place by place) keeps the place in the order of the one it replaces; None when it does not.

    A preview's rebuild after an edit to an issue's text need not sort thousands of issues again.
    """
    if len(last) != len(issues):
        return None
    replaced = {}
    for i in replaced_at(last, issues):
        if order_key(last[i], numbering) != order_key(issues[i], numbering):
            return None
        replaced[id(last[i])] = issues[i]  # `last` keeps its heads alive: their ids cannot be reused meanwhile
    if not replaced:
        return last_ordered
    ordered = list(last_ordered)
    for i in itertools.compress(range(len(ordered)), map(replaced.__contains__, map(id, ordered))):
        ordered[i] = replaced[id(ordered[i])]
    return tuple(ordered)


def duplicates(ordered: Sequence[IssueHead], numbering: str) -> list[tuple[IssueHead, IssueHead]]:
    """(repeat, first holder) for every issue whose number is already taken."""
    seen: dict[tuple[int, ...], IssueHead] = {}
    found = []
    for issue in ordered:
        key = number_key(issue, numbering)
        if key in seen:
            found.append((issue, seen[key]))
        else:
            seen[key] = issue
    return found


_year_of = operator.attrgetter("date.year")  # in C: this runs over every issue on every build


def by_year(issues: Sequence[IssueHead]) -> dict[int, Sequence[IssueHead]]:
    """The issues of each year, in the order given."""
    years = list(map(_year_of, issues))
    if years == sorted(years) or years == sorted(years, reverse=True):
        # The usual case, issues in the order of their dates: cut the run of years where it changes.
        cuts = [0, *itertools.compress(range(1, len(years)), map(operator.ne, years[1:], years)), len(years)]
        return {years[start]: issues[start:end] for start, end in zip(cuts, cuts[1:]) if end > start}
    grouped: dict[int, list[IssueHead]] = {}
    for year, issue in zip(years, issues):  # dates out of step with the numbers: a year may recur
        grouped.setdefault(year, []).append(issue)
    return grouped


class Neighbours(NamedTuple):
    prev: IssueHead | None  # older
    next: IssueHead | None  # newer


def neighbours(ordered: Sequence[IssueHead]) -> tuple[Neighbours, ...]:
    """Each issue's older and newer neighbour; None at either end of the chain."""
    return tuple(
        Neighbours(ordered[i - 1] if i > 0 else None, ordered[i + 1] if i + 1 < len(ordered) else None)
        for i in range(len(ordered))
    )


def next_number(issues: Sequence[IssueHead], numbering: str, year: int) -> int:
    """The 期号 an issue of `year` takes next: one past the year's last, or past the last of all."""
    numbers = [i.number for i in issues if numbering == "continuous" or i.year == year]
    return max(numbers, default=0) + 1


def next_total(issues: Sequence[IssueHead]) -> int | None:
    """The next 总第N期, if the bulletin counts them; None if no issue has a total."""
    totals = [i.total for i in issues if i.total is not None]
    return max(totals) + 1 if totals else None


def holder_of(issues: Sequence[IssueHead], numbering: str, year: int, number: int) -> IssueHead | None:
    """The issue that already has this number (in this year, when numbers restart yearly)."""
    wanted = (number,) if numbering == "continuous" else (year, number)
    return next((i for i in issues if number_key(i, numbering) == wanted), None)
