"""Splitting a list into pages, and choosing which page numbers to show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    number: int  # 1-based
    total: int  # how many pages in all
    items: tuple[T, ...]

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.total


def paginate(items: Sequence[T], per_page: int) -> tuple[Page[T], ...]:
    """Always at least one page, so an empty archive still has its index."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    chunks = [tuple(items[i : i + per_page]) for i in range(0, len(items), per_page)] or [()]
    return tuple(Page(n, len(chunks), chunk) for n, chunk in enumerate(chunks, start=1))


def page_window(current: int, total: int, radius: int = 2) -> tuple[int | None, ...]:
    """Page numbers to show: first, last, and `radius` around the current; None marks a gap.

    page_window(6, 12) → (1, None, 4, 5, 6, 7, 8, None, 12)
    """
    shown = sorted({1, total, *range(max(1, current - radius), min(total, current + radius) + 1)})
    window: list[int | None] = []
    for number in shown:
        if window and number - window[-1] > 1:  # type: ignore[operator]
            # A gap of exactly one page is shown as that page, not as "…".
            window.append(number - 1 if number - window[-1] == 2 else None)  # type: ignore[operator]
        window.append(number)
    return tuple(window)
