"""Rendering the site model through the theme's templates into output files.

Each page gets its own small context: what it shows, plus `url()` and
`asset()` bound to where the page itself lives, so every link is relative
to it. Nothing is shared or mutated between pages.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

import jinja2

from bulletin_gen.base.problems import BuildFailed, Problem, Problems
from bulletin_gen.model import stats, urls
from bulletin_gen.model.issue import Column, Issue, IssueBody, IssueHead
from bulletin_gen.model.pagination import page_window
from bulletin_gen.model.site import ArchivePage, issue_path
from bulletin_gen.render import chart
from bulletin_gen.render.plan import ARCHIVE, ISSUE, STATS, PageJob
from bulletin_gen.render.theme import ARCHIVE_PAGE, ISSUE_PAGE, NOT_FOUND_PAGE, STATS_PAGE, Theme
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.settings.labels import Words
from bulletin_gen.sources.cache import BodyReader, BuildCache
from bulletin_gen.sources.parse_stage import reparse_body
from bulletin_gen.write.output import write_staged

STATIC_PREFIX = "static/"


def asset_versions(digests: dict[str, str], versioned: bool = True) -> dict[str, str]:
    """From each static file's sha256, the short hash appended as ?v= so browsers never keep a stale copy.

    Unversioned (the live preview), a stylesheet edit leaves every page as it
    was, so only the stylesheet is rewritten and swapped into the open page.
    """
    return {path: digest[:8] if versioned else "" for path, digest in digests.items()}


class SiteRenderer:
    """Renders one page at a time from plain data, so any process can render any page."""

    def __init__(self, config: SiteConfig, theme: Theme, versions: dict[str, str], years: tuple[int, ...],
                 bytecode_dir: Path | None = None):
        self.config = config
        self.years = years
        self.words = Words(config)
        self.env = theme.environment(bytecode_dir)
        self.theme = theme
        self._asset_versions = versions
        self.env.globals.update(t=self.words.t, words=self.words, site=self.config,
                                footer=self.config.footer)
        self.env.tests["column"] = lambda value: isinstance(value, Column)

    # --- per-page link helpers ------------------------------------------

    def _linker(self, page_path: str, rooted: bool = False) -> Callable[..., str]:
        pretty = self.config.pretty_urls
        # This page's links by target, worked out once: an archive page links each issue it
        # lists some six times (the entry and its 内容摘要 items), and every page each year.
        links: dict[str, str] = {}

        def url(target: object, anchor: str | None = None) -> str:
            path = issue_path(target) if isinstance(target, (Issue, IssueHead)) else str(target)
            if rooted:
                return urls.rooted(f"{path}#{anchor}" if anchor else path, self.config.base_path, True)
            link = links.get(path)
            if link is None:
                link = links[path] = urls.relative(path, page_path, pretty)
            return f"{link}#{anchor}" if anchor else link

        return url

    def _asset(self, url: Callable[..., str]) -> Callable[[str], str]:
        def asset(path: str) -> str:
            version = self._asset_versions.get(path)
            if version is None:
                raise jinja2.TemplateRuntimeError(f"asset('{path}'): no such file in the theme's static/")
            return f"{url(STATIC_PREFIX + path)}?v={version}" if version else url(STATIC_PREFIX + path)

        return asset

    def _context(self, page_path: str, rooted: bool = False, **values: object) -> dict[str, object]:
        url = self._linker(page_path, rooted)
        # 404.html is shown at whatever address was missing, so it has no canonical URL.
        canonical = urls.absolute(page_path, self.config.base_url) if self.config.base_url and not rooted else None
        return dict(
            values,
            page_path=page_path,
            url=url,
            asset=self._asset(url),
            canonical=canonical,
            feed_url=url("feed.xml") if self.config.base_url else None,
            archive_url=url(urls.archive_path(1)),
            stats_url=url(urls.STATS) if self.config.stats_page else None,
            years=self.years,
        )

    # --- pages ----------------------------------------------------------

    def render(self, job: PageJob, body: IssueBody | None, problems: Problems) -> bytes:
        """One page's HTML; `body` is the issue's text, for issue pages."""
        if job.kind == ISSUE:
            assert job.issue_page is not None and body is not None
            page = job.issue_page
            context = self._context(page.path, issue=Issue(page.issue, body), prev=page.prev, next=page.next)
            template = ISSUE_PAGE
        elif job.kind == ARCHIVE:
            assert job.archive_page is not None
            context, template = self._archive_context(job.archive_page), ARCHIVE_PAGE
        elif job.kind == STATS:
            assert job.stats is not None
            context, template = self._stats_context(job.path, job.stats), STATS_PAGE
        else:
            context, template = self._context(job.path, rooted=True), NOT_FOUND_PAGE
        return self._render(template, context, problems).encode("utf-8")

    def _stats_context(self, path: str, table: stats.Table) -> dict[str, object]:
        charts = [(year, chart.horizontal_bars(stats.column_chart_rows(table, year)))
                  for year in reversed(table.columns)]
        return self._context(path, table=table, charts=charts)

    def _archive_context(self, archive: ArchivePage) -> dict[str, object]:
        pager = archive.page
        window = [(n, archive.page_paths[n - 1] if n else None) for n in page_window(pager.number, pager.total)]
        return self._context(
            archive.path,
            archive=archive,
            issues=pager.items,
            year=archive.year,
            pager=pager,
            page_links=window,
            prev_page=archive.page_paths[pager.number - 2] if pager.has_prev else None,
            next_page=archive.page_paths[pager.number] if pager.has_next else None,
        )

    def compiles(self, name: str, problems: Problems) -> bool:
        """Whether the template `name` compiles; if not, its error is reported."""
        try:
            self.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            problems.error("template.syntax", Path(exc.filename or name), exc.lineno, message=exc.message)
            return False
        return True

    def _render(self, name: str, context: dict[str, object], problems: Problems) -> str:
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateNotFound as exc:
            problems.error("template.missing", None, None, template=exc.name, theme=self.theme.name)
            raise BuildFailed(problems) from None
        except jinja2.TemplateSyntaxError as exc:
            problems.error("template.syntax", Path(exc.filename or name), exc.lineno, message=exc.message)
            raise BuildFailed(problems) from None
        except Exception as exc:  # noqa: BLE001 - any template failure is reported, never a traceback
            where, line = _template_frame(exc)
            problems.error("template.render", Path(where or name), line, message=f"{type(exc).__name__}: {exc}")
            raise BuildFailed(problems) from None


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in the traceback (Jinja rewrites frames to show them)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            found = (frame.filename, frame.lineno)
    return found


# --- the render stage's work, run in this process or a worker -------------------

@dataclass(frozen=True)
class RenderSetup:
    """Everything a worker needs to render any page, sent to it once."""

    site_key: str  # changes with the code, site.yaml, templates and static files
    config: SiteConfig
    theme: Theme
    versions: dict[str, str]
    years: tuple[int, ...]
    bodies: Path  # the cache database holding the issues' text
    staging: Path  # where rendered files are written
    bytecode: Path | None  # compiled templates kept between builds


_worker: tuple[RenderSetup, SiteRenderer, BodyReader] | None = None


def init_renderer(setup: RenderSetup) -> None:
    global _worker
    if _worker is not None and replace(_worker[0], staging=setup.staging) == setup:
        # The same site rendered again in this process (bulletin serve): keep the loaded templates.
        _worker = (setup, _worker[1], _worker[2])
        return
    renderer = SiteRenderer(setup.config, setup.theme, setup.versions, setup.years, setup.bytecode)
    _worker = (setup, renderer, BodyReader(setup.bodies))


def render_pages(jobs: Sequence[PageJob]) -> list[tuple[Problem, ...]]:
    """Render each page into the staging directory; stops at the first template error and reports it."""
    assert _worker is not None, "init_renderer first"
    setup, renderer, reader = _worker
    problems = Problems()
    for job in jobs:
        body = load_body(job.issue_page.issue, reader, setup.config) if job.issue_page else None
        try:
            data = renderer.render(job, body, problems)
        except BuildFailed:
            break
        write_staged(setup.staging, job.path, data)
    return [tuple(problems.items)]


def load_body(head: IssueHead, reader: BodyReader | BuildCache, config: SiteConfig) -> IssueBody:
    return reader.body(head.digest) or reparse_body(head, config)

