"""Where each page lives in the output, and how pages link to each other.

Links between pages are relative, so the same build works under any sub-path
(https://example.gov.cn/zgxx/) and when build/index.html is opened from disk.
From disk a browser does not turn a directory into its index.html, so by
default links name the file; `pretty_urls: true` drops it for sites that are
only ever served over HTTP.
"""

from __future__ import annotations

import posixpath

INDEX = "index.html"


def issue_path(year: int, number: int) -> str:
    return f"{year}/{number}/{INDEX}"


STATS = "stats/" + INDEX  # the 供稿统计 page


def archive_path(page: int) -> str:
    return INDEX if page == 1 else f"page/{page}/{INDEX}"


def year_path(year: int, page: int = 1) -> str:
    return f"{year}/{INDEX}" if page == 1 else f"{year}/page/{page}/{INDEX}"


def relative(target: str, from_page: str, pretty: bool) -> str:
    """The link from one output file to another, e.g. 2015/40/index.html → ../39/index.html."""
    target_path, _, fragment = target.partition("#")
    url = _relpath(target_path, posixpath.dirname(from_page)) if target_path else ""
    if pretty and (url == INDEX or url.endswith("/" + INDEX)):
        url = url[: -len(INDEX)] or "./"
    return url + ("#" + fragment if fragment else "")


def _relpath(target: str, start_dir: str) -> str:
    """posixpath.relpath for two clean paths inside the output; it runs for every link on every page,
    and relpath's own asks the OS for the working directory each time."""
    parts = target.split("/")
    start = start_dir.split("/") if start_dir else []
    common = 0
    while common < len(start) and common < len(parts) and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


def rooted(target: str, base_path: str, pretty: bool = True) -> str:
    """A link from the site's root path, for pages served at any URL (404.html)."""
    path = base_path + target
    return path[: -len(INDEX)] if pretty and path.endswith(INDEX) else path


def absolute(target: str, base_url: str) -> str:
    """The canonical URL of an output file, always without index.html."""
    url = base_url + target
    return url[: -len(INDEX)] if url.endswith(INDEX) else url
