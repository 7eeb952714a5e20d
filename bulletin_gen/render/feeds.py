"""feed.xml (Atom), sitemap.xml and robots.txt: files for machines, not readers.

Timestamps come from the issues' dates, never from the clock, so two builds
of the same content are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html import escape
from typing import Callable, Sequence

from bulletin_gen.model import urls
from bulletin_gen.model.issue import Column, Issue
from bulletin_gen.model.site import SiteModel, issue_path
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.settings.labels import Words

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_ENTRIES = 20
_EMPTY_FEED_DATE = dt.date(2000, 1, 1)


def robots(config: SiteConfig) -> bytes:
    return _robots(config.base_url).encode("utf-8")


def feed(config: SiteConfig, newest: Sequence[Issue], linked: Callable[[str], str] = lambda html: html) -> bytes:
    """Atom; `newest` is the site's newest FEED_ENTRIES issues with their text. Needs base_url.

    `linked` gives an issue's HTML its pictures' and attachments' absolute addresses.
    """
    assert config.base_url
    return _serialise(_atom(config, newest, config.base_url, linked))


SitemapPages = tuple[tuple[str, "dt.date | None"], ...]


def sitemap_pages(model: SiteModel) -> SitemapPages:
    """Every page the sitemap lists, with the date it last changed: an archive page's newest issue."""
    newest = model.newest_first[0].date if model.issues else None
    pages: list[tuple[str, dt.date | None]] = [(a.path, newest) for a in model.archive]
    for _, archives in model.year_archives:
        pages += [(a.path, a.page.items[0].date if a.page.items else None) for a in archives]
    pages += [(page.path, page.issue.date) for page in model.issue_pages]
    return tuple(pages)


def sitemap(pages: SitemapPages, base_url: str) -> bytes:
    """Written as text, in the very form ElementTree gives: it lists every page, and building
    and serialising a tree of them took a fifth of a second at 5000 issues."""
    lines = ["<?xml version='1.0' encoding='utf-8'?>"]
    if not pages:
        lines.append(f'<urlset xmlns="{SITEMAP}" />')
    else:
        lines.append(f'<urlset xmlns="{SITEMAP}">')
        for path, lastmod in pages:
            lines.append(f"  <url>\n    <loc>{_xml_text(urls.absolute(path, base_url))}</loc>")
            if lastmod:
                lines.append(f"    <lastmod>{lastmod.isoformat()}</lastmod>")
            lines.append("  </url>")
        lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _robots(base_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url}sitemap.xml")
    return "\n".join(lines) + "\n"


def _timestamp(day: dt.date, timezone: str) -> str:
    return f"{day.isoformat()}T00:00:00{timezone}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _atom(config: SiteConfig, entries: Sequence[Issue], base_url: str, linked: Callable[[str], str]) -> ET.Element:
    words = Words(config)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": config.language})
    _sub(feed, "id", base_url)
    _sub(feed, "title", config.name)
    if config.description:
        _sub(feed, "subtitle", config.description)
    newest = entries[0].date if entries else _EMPTY_FEED_DATE
    _sub(feed, "updated", _timestamp(newest, config.timezone))
    _sub(_sub(feed, "author"), "name", config.issuer)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base_url + "feed.xml")
    _sub(feed, "link", rel="alternate", type="text/html", href=base_url)
    for issue in entries:
        _entry(feed, issue, base_url, words, config.timezone, linked)
    return feed


def _entry(feed: ET.Element, issue: Issue, base_url: str, words: Words, timezone: str,
           linked: Callable[[str], str]) -> None:
    link = urls.absolute(issue_path(issue), base_url)
    entry = _sub(feed, "entry", **{"xml:base": link})
    _sub(entry, "id", link)
    _sub(entry, "title", f"{issue.title} {words.issue_number(issue)}")
    stamp = _timestamp(issue.date, timezone)
    _sub(entry, "published", stamp)
    _sub(entry, "updated", stamp)
    _sub(_sub(entry, "author"), "name", issue.issuer)
    _sub(entry, "link", rel="alternate", type="text/html", href=link)
    summary = "；".join(item.listing for item in issue.summary)
    if summary:
        _sub(entry, "summary", summary, type="text")
    _sub(entry, "content", linked(_content_html(issue, words)), type="html")


def _content_html(issue: Issue, words: Words) -> str:
    """The issue's text for feed readers: titles, bodies and credits, no theme chrome."""
    parts = [issue.note_html, issue.lead_html]
    for section in issue.sections:
        if isinstance(section, Column):
            parts.append(f"<h2>{escape(words.t('column', name=section.name))}</h2>")
            articles = section.items
        else:
            articles = (section,)
        for article in articles:
            if article.title:
                lines = (article.kicker, *(article.title_lines or (article.title,)), article.subtitle)
                parts.append(f"<h3>{'<br>'.join(escape(line) for line in lines if line)}</h3>")
            parts.extend((article.note_html, article.html))
            if article.credit:
                parts.append(f"<p>{escape(words.credit(article.credit))}</p>")
    return "\n".join(part for part in parts if part)


def _xml_text(text: str) -> str:
    """Character data escaped as ElementTree escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# What XML 1.0 does not allow in a document. Input is cleaned when it is read (textfile);
# this is the feed's own guarantee of being well-formed, whatever reaches it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _serialise(root: ET.Element) -> bytes:
    # Plain tag names with an explicit xmlns attribute: the output uses the
    # default namespace, which is what feed readers and validators expect.
    for element in root.iter():
        element.text = _NOT_XML.sub("", element.text) if element.text else element.text
        for name, value in element.attrib.items():
            element.set(name, _NOT_XML.sub("", value))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
