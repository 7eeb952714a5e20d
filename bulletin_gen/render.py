"""Rendering the site model through the theme's templates into output files.

Each page gets its own small context: what it shows, plus `url()` and
`asset()` bound to where the page itself lives, so every link is relative
to it. Nothing is shared or mutated between pages.
"""

from __future__ import annotations

import hashlib
import traceback
from pathlib import Path
from typing import Callable, Iterator

import jinja2

from bulletin_gen import urls
from bulletin_gen.model import Column, Issue
from bulletin_gen.output import OutputFile
from bulletin_gen.pagination import page_window
from bulletin_gen.problems import BuildFailed, Problems
from bulletin_gen.site_model import ArchivePage, IssuePage, SiteModel, issue_path
from bulletin_gen.theme import Theme
from bulletin_gen.words import Words

STATIC_PREFIX = "static/"


class SiteRenderer:
    def __init__(self, model: SiteModel, theme: Theme, static_files: dict[str, Path]):
        self.model = model
        self.config = model.config
        self.words = Words(model.config)
        self.env = theme.environment()
        self.theme = theme
        self._asset_versions = {
            path: hashlib.sha256(source.read_bytes()).hexdigest()[:8] for path, source in static_files.items()
        }
        self.env.globals.update(t=self.words.t, words=self.words, site=self.config,
                                footer=self.config.footer)
        self.env.tests["column"] = lambda value: isinstance(value, Column)

    # --- per-page link helpers ------------------------------------------

    def _linker(self, page_path: str, rooted: bool = False) -> Callable[..., str]:
        pretty = self.config.pretty_urls

        def url(target: object, anchor: str | None = None) -> str:
            path = issue_path(target) if isinstance(target, Issue) else str(target)
            if anchor:
                path += "#" + anchor
            if rooted:
                return urls.rooted(path, self.config.base_path, True)
            return urls.relative(path, page_path, pretty)

        return url

    def _asset(self, url: Callable[..., str]) -> Callable[[str], str]:
        def asset(path: str) -> str:
            version = self._asset_versions.get(path)
            if version is None:
                raise jinja2.TemplateRuntimeError(f"asset('{path}'): no such file in the theme's static/")
            return f"{url(STATIC_PREFIX + path)}?v={version}"

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
            years=self.model.years,
        )

    # --- pages ----------------------------------------------------------

    def pages(self) -> Iterator[tuple[str, str, dict[str, object]]]:
        """(output path, template name, context) for every HTML page."""
        for page in self.model.issue_pages:
            yield page.path, "issue.html", self._issue_context(page)
        for archive in self.model.archive:
            yield archive.path, "archive.html", self._archive_context(archive)
        for _, archives in self.model.year_archives:
            for archive in archives:
                yield archive.path, "archive.html", self._archive_context(archive)
        yield "404.html", "404.html", self._context("404.html", rooted=True)

    def _issue_context(self, page: IssuePage) -> dict[str, object]:
        return self._context(page.path, issue=page.issue, prev=page.prev, next=page.next)

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

    def render_all(self, problems: Problems) -> Iterator[OutputFile]:
        """Render lazily, one page at a time, so memory does not grow with the site."""
        for path, template_name, context in self.pages():
            html = self._render(template_name, context, problems)
            if html is not None:
                yield OutputFile(path, html.encode("utf-8"))
        if problems.has_errors():
            raise BuildFailed(problems)

    def _render(self, name: str, context: dict[str, object], problems: Problems) -> str | None:
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
