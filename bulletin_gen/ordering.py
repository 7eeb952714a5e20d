"""The order of issues and who neighbours whom: pure functions over issues."""

from __future__ import annotations

from typing import NamedTuple, Sequence

from bulletin_gen.model import IssueHead


def number_key(issue: IssueHead, numbering: str) -> tuple[int, ...]:
    """What must be unique: (year, 期号) when numbers restart each year, else 期号."""
    return (issue.number,) if numbering == "continuous" else (issue.year, issue.number)


def in_order(issues: Sequence[IssueHead], numbering: str) -> tuple[IssueHead, ...]:
    """Oldest first. Ties (only possible with duplicate numbers) fall back to date and file."""
    return tuple(sorted(issues, key=lambda i: (number_key(i, numbering), i.date, str(i.source))))


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
