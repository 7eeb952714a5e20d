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
from pathlib import Path
from typing import NamedTuple

from bulletin_gen import urls
from bulletin_gen.model import IssueHead
from bulletin_gen.site_model import ArchivePage, IssuePage, SiteModel
from bulletin_gen.stats import Table

ISSUE, ARCHIVE, STATS, NOT_FOUND = "issue", "archive", "stats", "404"


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
    return key_of(*sorted(keys.items()))


def files_key(paths: dict[str, Path]) -> str:
    """Names and contents of a set of files, e.g. the templates in use."""
    digest = hashlib.blake2b(digest_size=16)
    for name, path in sorted(paths.items()):
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return digest.hexdigest()


def _listing(head: IssueHead | None) -> str:
    return head.listing if head is not None else "-"


def page_jobs(model: SiteModel, site_key: str) -> list[PageJob]:
    """Every HTML page, in a stable order."""
    base = key_of(site_key, model.years)
    jobs = [
        PageJob(page.path, ISSUE, _page_key(base, ISSUE, page.path, page.issue.digest, _listing(page.prev),
                                            _listing(page.next)), issue_page=page)
        for page in model.issue_pages
    ]
    archives = [*model.archive, *(a for _, pages in model.year_archives for a in pages)]
    for archive in archives:
        items = [head.listing for head in archive.page.items]
        key = _page_key(base, ARCHIVE, archive.path, archive.year, archive.page.number, archive.page.total, *items)
        jobs.append(PageJob(archive.path, ARCHIVE, key, archive_page=archive))
    if model.stats is not None:
        jobs.append(PageJob(urls.STATS, STATS, key_of(base, STATS, repr(model.stats)), stats=model.stats))
    jobs.append(PageJob("404.html", NOT_FOUND, key_of(base, NOT_FOUND)))
    return jobs


def feed_key(model: SiteModel, site_key: str, entries: int) -> str:
    return key_of(site_key, "feed", *(head.digest for head in model.newest_first[:entries]))


def sitemap_key(model: SiteModel, site_key: str) -> str:
    """The sitemap lists each issue's address and date, nothing of its text."""
    return key_of(site_key, "sitemap", *((head.year, head.number, head.date) for head in model.issues))
