"""The whole site as data: issues in order, their neighbours, the archive pages.

Built once from the parsed issues' heads, before any template runs; the
renderer only reads it. The issues' text is not part of it: it is loaded
page by page, for the pages that show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Sequence

from bulletin_gen import ordering, stats, urls
from bulletin_gen.config import SiteConfig
from bulletin_gen.model import IssueHead
from bulletin_gen.pagination import Page, paginate


class IssuePage(NamedTuple):  # one per issue, made on every build: a tuple is quick to make
    issue: IssueHead
    path: str
    prev: IssueHead | None
    next: IssueHead | None


@dataclass(frozen=True)
class ArchivePage:
    """One page of the archive, newest first; `year` is None for the whole archive."""

    path: str
    page: Page[IssueHead]
    year: int | None
    page_paths: tuple[str, ...]  # every page of this archive, so templates can number them


@dataclass(frozen=True)
class SiteModel:
    config: SiteConfig
    issues: tuple[IssueHead, ...]  # oldest first
    issue_pages: tuple[IssuePage, ...]
    archive: tuple[ArchivePage, ...]
    year_archives: tuple[tuple[int, tuple[ArchivePage, ...]], ...]  # newest year first
    stats: stats.Table | None  # 供稿统计 by section and year; None when site.yaml turns the page off

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(year for year, _ in self.year_archives)

    @property
    def newest_first(self) -> tuple[IssueHead, ...]:
        return tuple(reversed(self.issues))


def issue_path(issue: IssueHead) -> str:
    return urls.issue_path(issue.year, issue.number)


def _archive(issues: Sequence[IssueHead], per_page: int, year: int | None) -> tuple[ArchivePage, ...]:
    pages = paginate(issues, per_page)
    paths = tuple(urls.archive_path(p.number) if year is None else urls.year_path(year, p.number) for p in pages)
    return tuple(ArchivePage(paths[p.number - 1], p, year, paths) for p in pages)


def build_model(config: SiteConfig, ordered: Sequence[IssueHead], stats_table: stats.Table | None) -> SiteModel:
    """`ordered` is oldest first and free of duplicate numbers; `stats_table` counts their credits
    (stats.by_year), or is None when site.yaml turns the stats page off."""
    ordered = tuple(ordered)
    pages = tuple(
        IssuePage(issue, issue_path(issue), n.prev, n.next)
        for issue, n in zip(ordered, ordering.neighbours(ordered))
    )
    newest_first = ordered[::-1]
    by_year: dict[int, list[IssueHead]] = {}
    for issue in newest_first:
        by_year.setdefault(issue.year, []).append(issue)
    year_archives = tuple(
        (year, _archive(by_year[year], config.per_page, year)) for year in sorted(by_year, reverse=True)
    )
    return SiteModel(config, ordered, pages, _archive(newest_first, config.per_page, None), year_archives,
                     stats_table)
