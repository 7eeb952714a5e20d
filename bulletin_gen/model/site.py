"""The whole site as data: issues in order, their neighbours, the archive pages.

Built once from the parsed issues' heads, before any template runs; the
renderer only reads it. The issues' text is not part of it: it is loaded
page by page, for the pages that show it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple, Sequence

from bulletin_gen.model import ordering, stats, urls
from bulletin_gen.model.files import place_files
from bulletin_gen.model.identity import replaced_at, same_objects
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.model.pagination import Page, paginate
from bulletin_gen.settings.config import SiteConfig


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
    # Each picture or attachment the issues link to: its place in content/ → its path in the output.
    file_places: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(year for year, _ in self.year_archives)

    @property
    def newest_first(self) -> tuple[IssueHead, ...]:
        return tuple(reversed(self.issues))


def issue_path(issue: IssueHead) -> str:
    return urls.issue_path(issue.year, issue.number)


def _archive(issues: Sequence[IssueHead], per_page: int, year: int | None,
             reusable: dict[str, ArchivePage]) -> tuple[ArchivePage, ...]:
    pages = paginate(issues, per_page)
    paths = tuple(urls.archive_path(p.number) if year is None else urls.year_path(year, p.number) for p in pages)
    return tuple(_same_archive_page(reusable.get(paths[p.number - 1]), p, paths)
                 or ArchivePage(paths[p.number - 1], p, year, paths) for p in pages)


def _year_archive(issues: Sequence[IssueHead], per_page: int, year: int,
                  last: tuple[ArchivePage, ...] | None, reusable: dict[str, ArchivePage]) -> tuple[ArchivePage, ...]:
    """A year's archive pages; the last build's, when the year has the very same issues."""
    if last is not None and same_objects(tuple(itertools.chain.from_iterable(p.page.items for p in last)), issues):
        return last
    return _archive(issues, per_page, year, reusable)


def _same_archive_page(old: ArchivePage | None, page: Page[IssueHead], paths: tuple[str, ...]) -> ArchivePage | None:
    """The last build's page when it lists the very same issues in the same place."""
    if old is None or old.page.total != page.total or old.page_paths != paths:
        return None
    return old if same_objects(old.page.items, page.items) else None


def build_model(config: SiteConfig, ordered: Sequence[IssueHead], stats_table: stats.Table | None,
                previous: SiteModel | None = None) -> SiteModel:
    """`ordered` is oldest first and free of duplicate numbers; `stats_table` counts their credits
    (stats.by_year), or is None when site.yaml turns the stats page off.

    `previous`, the model of the last build, lends its pages where they come
    out the same, as the very same objects: the next stage then knows them
    unchanged without comparing their contents. The result equals the model
    made without it.
    """
    ordered = tuple(ordered)
    if previous is not None and previous.config != config:
        previous = None
    pages = _issue_pages(ordered, previous)
    reusable = _archive_pages_of(previous) if previous is not None else {}
    last_years = dict(previous.year_archives) if previous is not None else {}
    newest_first = ordered[::-1]
    by_year = ordering.by_year(newest_first)
    year_archives = tuple(
        (year, _year_archive(by_year[year], config.per_page, year, last_years.get(year), reusable))
        for year in sorted(by_year, reverse=True)
    )
    return SiteModel(config, ordered, pages, _archive(newest_first, config.per_page, None, reusable),
                     year_archives, stats_table, MappingProxyType(place_files(ordered)))


def _issue_pages(ordered: tuple[IssueHead, ...], previous: SiteModel | None) -> tuple[IssuePage, ...]:
    if previous is not None and len(previous.issues) == len(ordered):
        # The same issues but for a few edited ones: only their pages and their neighbours' can differ.
        edited = list(replaced_at(previous.issues, ordered))
        if len(edited) * 8 < len(ordered):
            pages = list(previous.issue_pages)
            for i in {n for e in edited for n in (e - 1, e, e + 1) if 0 <= n < len(ordered)}:
                pages[i] = _issue_page(ordered, i)
            return tuple(pages)
    return tuple(_issue_page(ordered, i) for i in range(len(ordered)))


def _issue_page(ordered: tuple[IssueHead, ...], i: int) -> IssuePage:
    issue = ordered[i]
    return IssuePage(issue, issue_path(issue), ordered[i - 1] if i > 0 else None,
                     ordered[i + 1] if i + 1 < len(ordered) else None)


def _archive_pages_of(model: SiteModel) -> dict[str, ArchivePage]:
    return {page.path: page for page in (*model.archive, *(p for _, pages in model.year_archives for p in pages))}
