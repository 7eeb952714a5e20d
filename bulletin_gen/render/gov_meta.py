"""The meta tags of 政府网站 pages, which inspections and government search engines read, and Open Graph.

Article pages carry SiteName, SiteDomain, SiteIDCode, ColumnName, ColumnType,
ArticleTitle, PubDate (YYYY-MM-DD HH:mm), ContentSource, Keywords, Author,
Description and Url; list pages the Site* and Column* tags; every page the
three Site* tags. Open Graph gives messaging apps a title, description and
address for their link previews.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from bulletin_gen.settings.config import SiteConfig

ARTICLE, LIST, OTHER = "article", "list", "other"
DESCRIPTION_CHARS = 120  # of an issue's text, when it has no 内容摘要


class PageMeta(NamedTuple):
    """What a page says about itself, as its kind knows it."""

    kind: str = OTHER  # ARTICLE, LIST or OTHER
    title: str = ""
    description: str = ""
    date: dt.date | None = None
    keywords: tuple[str, ...] = ()
    author: str = ""
    source: str = ""
    time: str | None = None  # HH:MM of its PubDate; None: site.yaml's publish_time


def tags(config: SiteConfig, page: PageMeta, url: str | None, column_type: str) -> list[tuple[str, str]]:
    """(name, content) of every <meta name> the page carries, empty values left out."""
    found = [("SiteName", config.name), ("SiteDomain", _domain(config.base_url)),
             ("SiteIDCode", config.footer.site_code or "")]
    if page.kind in (LIST, ARTICLE):
        found += [("ColumnName", config.name), ("ColumnType", column_type)]
    if page.kind == LIST:
        found += [("ColumnDescription", config.description or ""), ("ColumnKeywords", f"{config.name},{config.issuer}")]
    if page.kind == ARTICLE:
        found += [("ArticleTitle", page.title), ("PubDate", pub_date(page.date, page.time or config.publish_time)),
                  ("ContentSource", page.source), ("Keywords", ",".join(page.keywords)), ("Author", page.author),
                  ("Description", page.description), ("Url", url or "")]
    return [(name, value) for name, value in found if value]


def open_graph(config: SiteConfig, page: PageMeta, url: str | None) -> list[tuple[str, str]]:
    """(property, content) of the og: tags; only for pages with an address (base_url set)."""
    if not url:
        return []
    found = [("og:site_name", config.name), ("og:type", "article" if page.kind == ARTICLE else "website"),
             ("og:title", page.title or config.name), ("og:description", page.description or config.description or ""),
             ("og:url", url)]
    return [(name, value) for name, value in found if value]


def pub_date(day: dt.date | None, time: str) -> str:
    return f"{day.isoformat()} {time}" if day else ""


def description_of(summary: tuple[str, ...], text: str) -> str:
    """The 内容摘要's items, or the text's first sentences, as one line."""
    if summary:
        return "；".join(summary)
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= DESCRIPTION_CHARS else flat[:DESCRIPTION_CHARS].rstrip() + "…"


def _domain(base_url: str | None) -> str:
    match = re.match(r"^[a-z]+://([^/:]+)", base_url or "")
    return match.group(1) if match else ""
