"""The rules `bulletin check` adds to the build's own: what a careful editor would catch before publishing.

Each rule reads the site as the build reads it (issue heads in order, and
each issue's text) and reports into one Problems list with the file and line
to look at. Nothing here writes anything.

Rules on the whole run of issues: gaps in the numbering, dates that go
backwards, dates in the future. Rules on each issue: summary items that match
no article (an error here, a warning in the build), articles the summary
leaves out, articles without a credit, internal links to nothing, empty
articles, titles used twice, credit lines that mix full- and half-width
punctuation, links whose address the page drops (javascript: and the like).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

from bulletin_gen.base.problems import ERROR, Problem, Problems
from bulletin_gen.model import urls
from bulletin_gen.model.issue import Article, Column, IssueBody, IssueHead
from bulletin_gen.model.site import SiteModel, issue_path
from bulletin_gen.sources.issue_file import title_key
from bulletin_gen.sources.content_files import LocalFile
from bulletin_gen.text import credits, punctuation, wordcount, safe_urls

# A summary item that links nowhere must not be published, nor an issue without the summary site.yaml
# requires, nor a page that lacks a picture or attachment its text links.
PROMOTED = {"summary.no_match": ERROR, "summary.missing": ERROR, "body.file_missing": ERROR}
_HREF = re.compile(r'\shref="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')
# Ids every issue page has, from the default theme's templates.
PAGE_IDS = frozenset({"main", "masthead-name", "summary-title"})


def promoted(problems: Problems) -> Problems:
    """The build's problems about the site, with the ones check treats more strictly raised to errors.

    The build cache's own warnings (set aside, rebuilt) say nothing about the content; left in,
    they would fail `check --strict` after every upgrade of bulletin-gen.
    """
    return Problems([Problem(PROMOTED.get(p.key, p.level), p.key, p.params, p.path, p.line)
                     for p in problems.items if not p.key.startswith("cache.")])


# --- the run of issues ----------------------------------------------------------

def numbering_gaps(model: SiteModel, problems: Problems) -> None:
    numbering = model.config.numbering
    for before, after in zip(model.issues, model.issues[1:]):
        same_run = numbering == "continuous" or before.year == after.year
        if same_run and after.number - before.number > 1:
            missing = range(before.number + 1, after.number)
            problems.warning("check.gap", after.source, after.number_line, year=after.year,
                             missing="、".join(str(n) for n in missing[:10]) + ("…" if len(missing) > 10 else ""),
                             before=before.number, after=after.number)


def dates_in_order(model: SiteModel, problems: Problems) -> None:
    for before, after in zip(model.issues, model.issues[1:]):
        if after.date < before.date:
            problems.warning("check.date_backwards", after.source, after.date_line, number=after.number,
                             date=after.date.isoformat(), before=before.number,
                             before_date=before.date.isoformat())


def future_dates(model: SiteModel, today: dt.date, problems: Problems) -> None:
    for head in model.issues:
        if head.date > today and not head.draft:
            problems.warning("check.future", head.source, head.date_line, date=head.date.isoformat(),
                             today=today.isoformat())


# --- each issue ---------------------------------------------------------------------

def summary_covers_articles(head: IssueHead, body: IssueBody, problems: Problems) -> None:
    """An explicit summary that leaves an article out (a derived one lists them all)."""
    named = {item.anchor for item in head.summary if item.anchor}
    for section in body.sections:
        anchors = {section.anchor}
        if isinstance(section, Column):
            anchors |= {item.anchor for item in section.items}
        if not anchors & named:
            title = section.name if isinstance(section, Column) else section.title
            problems.warning("check.not_in_summary", head.source, section.line, title=title)


def credited(head: IssueHead, body: IssueBody, problems: Problems) -> None:
    if head.contributing:
        return
    for article in body.articles:
        if article.credit is None and (article.title or article.html):
            problems.warning("check.no_credit", head.source, article.line, title=_name(article))


def not_empty(head: IssueHead, body: IssueBody, problems: Problems) -> None:
    for article in body.articles:
        if not _text(article.html) and not _text(article.note_html):
            problems.warning("check.empty_article", head.source, article.line, title=_name(article))


def titles_once(head: IssueHead, body: IssueBody, problems: Problems) -> None:
    seen: dict[str, Article] = {}
    for article in body.articles:
        if not article.title:
            continue
        key = title_key(article.title + article.subtitle)
        if key in seen:
            problems.warning("check.duplicate_title", head.source, article.line, title=article.title,
                             first=seen[key].line)
        else:
            seen[key] = article


def credit_punctuation(head: IssueHead, body: IssueBody, lines: Sequence[str], problems: Problems) -> None:
    """（组织一科 供稿) mixes widths: it reads fine, but looks careless in print."""
    for article in body.articles:
        credit = article.credit
        if credit is None or credit.line is None or credit.line > len(lines):
            continue
        found = credits.find_at_end(lines[credit.line - 1])
        if found and re.search(r"[（）：]", found.text) and re.search(r"[():]", found.text):
            problems.info("check.mixed_punctuation", head.source, credit.line, text=found.text)


def punctuation_widths(head: IssueHead, body: IssueBody, lines: Sequence[str], problems: Problems) -> None:
    """An article whose text mixes full-width marks with half-width ones in Chinese text: once, at the first."""
    starts = sorted(article.line for article in body.articles)
    ends = dict(zip(starts, starts[1:] + [len(lines) + 1]))
    for article in body.articles:
        credit_line = article.credit.line if article.credit else None
        span = [(number, lines[number - 1]) for number in range(article.line, ends[article.line])
                if number != credit_line and number <= len(lines)]
        prose = [(number, text) for (number, text), code in zip(span, _in_fences(span)) if not code]
        if not any(punctuation.has_full_width(text) for _, text in prose):
            continue
        for number, text in prose:
            marks = punctuation.in_chinese(text)
            if marks:
                at = marks[0][0]
                problems.warning("check.mixed_widths", head.source, number, mark=text[at],
                                 context=text[max(0, at - 6):at + 6].strip())
                break


def _in_fences(span: list[tuple[int, str]]) -> list[bool]:
    inside, marks = False, []
    for _, text in span:
        fence = text.lstrip().startswith(("```", "~~~"))
        marks.append(inside or fence)
        inside = inside != fence
    return marks


LARGEST_PICTURE = 2 * 1024 * 1024  # bytes: more takes a phone on a slow line many seconds


def pictures(heads: Sequence[IssueHead], files: Mapping[str, LocalFile | None], problems: Problems) -> None:
    """Pictures without alt text (a reader who cannot see it is told nothing), and pictures over 2 MB."""
    for head in heads:
        for ref in head.files:
            if not ref.image:
                continue
            if not ref.alt.strip():
                problems.warning("check.image_no_alt", head.source, ref.line, name=ref.local or ref.path)
            found = files.get(ref.path)
            if found is not None and found.size > LARGEST_PICTURE:
                problems.warning("check.image_large", head.source, ref.line, name=ref.local or ref.path,
                                 size=f"{found.size / (1024 * 1024):.1f}", width=found.width or "?")


def unused_files(present: frozenset[str], heads: Sequence[IssueHead], content_dir: Path, problems: Problems) -> None:
    """Files in content/ that no issue links to: forgotten, or linked under another name."""
    used = {ref.path for head in heads for ref in head.files}
    for name in sorted(present - used):
        problems.warning("check.unused_file", content_dir / name, None, name=name)


def links_dropped(head: IssueHead, lines: Sequence[str], problems: Problems) -> None:
    """A javascript:, data: … link loses its address on the page: say so where it was typed."""
    for line, url in safe_urls.unsafe_links(lines):
        problems.warning("check.unsafe_link", head.source, line, url=url[:80])


def _text(fragment: str) -> str:
    return wordcount.plain_text(fragment).strip()


def _name(article: Article) -> str:
    return article.title or _text(article.html)[:20] or "—"


# --- internal links -------------------------------------------------------------------

class LinkTargets:
    """Every page of the site and the ids on each issue page, for resolving a body's links."""

    def __init__(self, model: SiteModel, other_files: Sequence[str], body_of: Callable[[IssueHead], IssueBody]):
        self.model = model
        self.issues = {issue_path(head): head for head in model.issues}
        self.files = set(other_files) | set(self.issues) | {page.path for page in model.archive}
        self.files |= {page.path for _, pages in model.year_archives for page in pages}
        self.files |= {"404.html", "feed.xml", "sitemap.xml", "robots.txt"}
        if model.stats is not None:
            self.files.add(urls.STATS)
        self._body_of = body_of
        self._ids: dict[str, frozenset[str]] = {}

    def ids(self, page: str) -> frozenset[str]:
        if page not in self._ids:
            head = self.issues.get(page)
            self._ids[page] = issue_ids(self._body_of(head)) if head else frozenset()
        return self._ids[page]

    def resolve(self, href: str, from_page: str) -> tuple[str | None, str]:
        """(the output file a link opens, its #anchor); None when it is not a link within the site."""
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", href):
            return None, ""
        path, _, anchor = href.partition("#")
        path = path.split("?", 1)[0]
        if not path:
            return from_page, anchor
        base = self.model.config.base_path
        if path.startswith("/"):
            if not path.startswith(base):
                return None, ""  # another site on the same server
            target = path[len(base):]
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path))
        if target in (".", "") or path.endswith("/"):
            target = (target.rstrip("/") + "/" if target not in (".", "") else "") + urls.INDEX
        return target, anchor


def issue_ids(body: IssueBody) -> frozenset[str]:
    ids = set(PAGE_IDS)
    for section in body.sections:
        ids |= {section.anchor, section.anchor + "-title"}
        if isinstance(section, Column):
            ids |= {item.anchor for item in section.items} | {item.anchor + "-title" for item in section.items}
    for fragment in _fragments(body):
        ids |= set(_ID.findall(fragment))
    return frozenset(ids)


def _fragments(body: IssueBody) -> Iterator[str]:
    yield body.note_html
    yield body.lead_html
    for article in body.articles:
        yield article.note_html
        yield article.html


def internal_links(head: IssueHead, body: IssueBody, lines: Sequence[str], targets: LinkTargets,
                   problems: Problems) -> None:
    page = issue_path(head)
    for fragment in _fragments(body):
        for href in _HREF.findall(fragment):
            href = html.unescape(href)
            target, anchor = targets.resolve(href, page)
            if target is None:
                continue
            line = _line_of(href, lines)
            if target not in targets.files:
                problems.error("check.broken_link", head.source, line, href=href)
            elif anchor and target in targets.issues and anchor not in targets.ids(target):
                problems.error("check.broken_anchor", head.source, line, href=href, anchor=anchor)


def _line_of(text: str, lines: Sequence[str]) -> int | None:
    for number, line in enumerate(lines, start=1):
        if text in line:
            return number
    return None


def source_lines(path: Path) -> list[str]:
    try:
        # split at "\n" only, as the parser does: splitlines() also splits at Word's line break
        # (\x0b), \x0c, \x85 and U+2028, and every line after one would be misnumbered
        return path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n").split("\n")
    except OSError:
        return []


def check_issue(head: IssueHead, body: IssueBody, targets: LinkTargets, problems: Problems,
                normalised: bool = False) -> None:
    """Every rule on one issue; `normalised`: the build sets half-width punctuation full-width itself."""
    lines = source_lines(head.source)
    summary_covers_articles(head, body, problems)
    credited(head, body, problems)
    not_empty(head, body, problems)
    titles_once(head, body, problems)
    credit_punctuation(head, body, lines, problems)
    if not normalised:
        punctuation_widths(head, body, lines, problems)
    links_dropped(head, lines, problems)
    internal_links(head, body, lines, targets, problems)


def check_site(model: SiteModel, body_of: Callable[[IssueHead], IssueBody], other_files: Sequence[str],
               today: dt.date, problems: Problems) -> None:
    numbering_gaps(model, problems)
    dates_in_order(model, problems)
    future_dates(model, today, problems)
    targets = LinkTargets(model, other_files, body_of)
    for head in model.issues:
        check_issue(head, body_of(head), targets, problems, model.config.punctuation == "full_width")

