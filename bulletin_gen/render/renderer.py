"""Rendering a page: the site model and the theme's templates in, text out.

Each page gets its own small context: what it shows, plus `url()` and
`asset()` bound to where the page itself lives, so every link is relative
to it. Nothing is shared or mutated between pages. What a page shows is the
output kind's choice (kinds/); loading issues' text, the worker pool and
writing files are the write stage's (write/).
"""

from __future__ import annotations

import hashlib
import traceback
from pathlib import Path
from typing import Callable, Mapping

import jinja2

from bulletin_gen.base.problems import BuildFailed, Problems
from bulletin_gen.model import urls
from bulletin_gen.model.issue import Column, Issue, IssueHead
from bulletin_gen.model.site import issue_path
from bulletin_gen.render import file_links, gov_meta
from bulletin_gen.render.theme import Theme
from bulletin_gen.settings.config import JIUCUO_SCRIPT, SiteConfig
from bulletin_gen.settings.labels import Words
from bulletin_gen.sources.content_files import LocalFile

STATIC_PREFIX = "static/"


def static_digests(statics: dict[str, Path]) -> dict[str, str]:
    """Each static file's sha256, by its path under static/."""
    return {relative: hashlib.sha256(source.read_bytes()).hexdigest() for relative, source in statics.items()}


def asset_versions(digests: dict[str, str], versioned: bool = True) -> dict[str, str]:
    """From each static file's sha256, the short hash appended as ?v= so browsers never keep a stale copy.

    Unversioned (the live preview), a stylesheet edit leaves every page as it
    was, so only the stylesheet is rewritten and swapped into the open page.
    """
    return {path: digest[:8] if versioned else "" for path, digest in digests.items()}


class PageRenderer:
    """Renders one page at a time from plain data, so any process can render any page."""

    def __init__(self, config: SiteConfig, theme: Theme, versions: dict[str, str], years: tuple[int, ...],
                 bytecode_dir: Path | None = None, files: Mapping[str, LocalFile | None] | None = None):
        self.config = config
        self.files = files or {}  # the pictures and attachments the issues link to, by place in content/
        self.years = years
        self.words = Words(config)
        self.env = theme.environment(bytecode_dir)
        self.theme = theme
        self._asset_versions = versions
        self.env.globals.update(t=self.words.t, words=self.words, site=self.config,
                                footer=self.config.footer, jiucuo_script=JIUCUO_SCRIPT)
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
        described: gov_meta.PageMeta = values.pop("page_meta", gov_meta.PageMeta())  # type: ignore[assignment]
        return dict(
            values,
            meta_tags=gov_meta.tags(self.config, described, canonical, self.words.t("column_type")),
            og_tags=gov_meta.open_graph(self.config, described, canonical),
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

    def page(self, template: str, page_path: str, problems: Problems, rooted: bool = False,
             **values: object) -> bytes:
        """The page at `page_path` rendered with `template`, showing `values`.

        `rooted`: links start at the site's root instead of being relative to
        the page (404.html is shown at whatever address was missing).
        """
        text = self._render(template, self._context(page_path, rooted, **values), problems)
        return self.linked(text, page_path).encode("utf-8")

    def linked(self, html: str, page_path: str, absolute: bool = False) -> str:
        """`html` with its pictures and attachments linked from `page_path`, or by absolute address."""
        return file_links.linked(html, page_path, self.files, self.words.t,
                                 self.config.base_url if absolute else None, self.config.pretty_urls)

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
