"""Every output file the site consists of, each with the key of everything it is made from.

A file's key changes exactly when its bytes may change, so a build re-renders
only files whose key differs from the last build's. Pure functions over the
site model; nothing here reads or writes files.

What each file is made from:
- every file: the tool's code, site.yaml, the theme's templates and static
  files, and the list of years (every page's archive navigation shows it);
- an issue page: its issue, and what its two neighbours' heads show (their
  number and date appear in its prev/next links), not their text;
- an archive page: the heads of the issues it lists, and its place among the pages;
- the stats page: its table of counts, and nothing else;
- feed.xml: the newest issues it carries; sitemap.xml: every issue's address and date.
"""

from __future__ import annotations

import functools
import hashlib
import operator
from pathlib import Path
from typing import Callable, NamedTuple, Sequence, TypeVar

from bulletin_gen.model import urls
from bulletin_gen.model.identity import replaced_at
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.model.site import ArchivePage, IssuePage, SiteModel
from bulletin_gen.model.stats import Table

ISSUE, ARCHIVE, STATS, NOT_FOUND = "issue", "archive", "stats", "404"
P = TypeVar("P")


class PageJob(NamedTuple):
    """One HTML page to render: what it shows and the key of its inputs.

    A named tuple, not a dataclass: a build makes one per page, and making
    thousands of frozen dataclasses is a noticeable part of a preview's rebuild.
    """

    path: str
    kind: str
    key: str
    issue_page: IssuePage | None = None
    archive_page: ArchivePage | None = None
    stats: Table | None = None


def key_of(*parts: object) -> str:
    """A short hash of the parts, each ended by a unit separator so that ("ab", "c") ≠ ("a", "bc")."""
    text = "".join(f"{part}\x1f" for part in parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


# Page keys are made from a few short strings; the same ones come back build after
# build while a preview runs, and hashing is most of what computing 5000 of them costs.
_page_key = functools.lru_cache(maxsize=1 << 16)(key_of)


def build_key(keys: dict[str, str]) -> str:
    """One key for a whole build: every output path with its key. The output's marker records it."""
    # Joined in C (map of str.join): this runs over every output file on every build.
    text = "\x1f".join(map("\x1e".join, sorted(keys.items())))
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def files_key(paths: dict[str, Path]) -> str:
    """Names and contents of a set of files, e.g. the templates in use."""
    digest = hashlib.blake2b(digest_size=16)
    for name, path in sorted(paths.items()):
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return digest.hexdigest()


def _listing(head: IssueHead | None) -> str:
    return head.listing if head is not None else "-"


class PagePlan(NamedTuple):
    """Every HTML page of a build, in a stable order, with the key they all start from."""

    base: str  # the site key and the years: what every page shows
    issues: list[PageJob]
    archives: list[PageJob]
    others: list[PageJob]  # the stats page and the 404 page

    @property
    def jobs(self) -> list[PageJob]:
        return [*self.issues, *self.archives, *self.others]


def page_jobs(model: SiteModel, site_key: str, last: PagePlan | None = None) -> PagePlan:
    """Every HTML page and its key. `last`, the plan of the model's `previous` (see
    site_model.build_model), lends its jobs for the pages that are the very same objects."""
    base = key_of(site_key, model.years)
    if last is not None and last.base != base:
        last = None

    def issue_job(page: IssuePage) -> PageJob:
        key = _page_key(base, ISSUE, page.path, page.issue.digest, _listing(page.prev), _listing(page.next))
        return PageJob(page.path, ISSUE, key, issue_page=page)

    def archive_job(archive: ArchivePage) -> PageJob:
        items = [head.listing for head in archive.page.items]
        key = _page_key(base, ARCHIVE, archive.path, archive.year, archive.page.number, archive.page.total, *items)
        return PageJob(archive.path, ARCHIVE, key, archive_page=archive)

    archives = [*model.archive, *(a for _, pages in model.year_archives for a in pages)]
    others = []
    if model.stats is not None:
        others.append(PageJob(urls.STATS, STATS, key_of(base, STATS, repr(model.stats)), stats=model.stats))
    others.append(PageJob("404.html", NOT_FOUND, key_of(base, NOT_FOUND)))
    return PagePlan(base, _jobs(model.issue_pages, last.issues if last else [], "issue_page", issue_job),
                    _jobs(archives, last.archives if last else [], "archive_page", archive_job), others)


def _jobs(pages: Sequence[P], last: list[PageJob], made_for: str, make: Callable[[P], PageJob]) -> list[PageJob]:
    """A job per page; where `last` has one in the same place made for the very same page, that one."""
    if len(last) != len(pages):
        return [make(page) for page in pages]
    jobs = list(last)
    # In C: a preview's rebuild after one save finds the one or three pages that differ among thousands.
    for i in replaced_at(list(map(operator.attrgetter(made_for), last)), pages):
        jobs[i] = make(pages[i])
    return jobs


def feed_key(model: SiteModel, site_key: str, entries: int) -> str:
    return key_of(site_key, "feed", *(head.digest for head in model.newest_first[:entries]))


class SitemapKey(NamedTuple):
    site_key: str
    issues: tuple[IssueHead, ...]
    key: str


def sitemap_key(model: SiteModel, site_key: str, last: SitemapKey | None = None) -> SitemapKey:
    """The sitemap lists each issue's address and date, nothing of its text; `last` is reused
    when the issues that differ from it show the same address and date."""
    if last is not None and last.site_key == site_key and _same_places(last.issues, model.issues):
        return SitemapKey(site_key, model.issues, last.key)
    key = key_of(site_key, "sitemap", *((head.year, head.number, head.date) for head in model.issues))
    return SitemapKey(site_key, model.issues, key)


def _same_places(last: tuple[IssueHead, ...], issues: tuple[IssueHead, ...]) -> bool:
    if len(last) != len(issues):
        return False
    edited = replaced_at(last, issues)
    return all((last[i].date, last[i].number) == (issues[i].date, issues[i].number) for i in edited)
