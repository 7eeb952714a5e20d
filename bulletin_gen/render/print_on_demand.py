"""The print edition outside a build, for `bulletin pdf`: chosen issues, and the year's bound volume.

An issue's PDF is made exactly as the build makes it (the print edition's
kind renders it); the bound volume (年度合订本) is one document of every issue
of a year, through templates/volume.html: a cover, the contents with the
page each issue starts on, bookmarks by issue and article, and page numbers
running through.
"""

from __future__ import annotations

import dataclasses
from typing import Mapping, Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model.issue import Issue
from bulletin_gen.render.kind import Output, Shown
from bulletin_gen.render.kinds.print_edition import PrintEdition, edition_of, make_pdf, print_path
from bulletin_gen.render.renderer import PageRenderer, asset_versions, static_digests
from bulletin_gen.render.theme import Theme
from bulletin_gen.settings.config import PrintEdition as PrintSettings
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.sources.content_files import LocalFile

VOLUME_TEMPLATE = "volume.html"
_KIND = PrintEdition()


def with_print_edition(config: SiteConfig) -> SiteConfig:
    """The site's settings with the print edition on: asked for by name, it is made even where
    site.yaml leaves it off (then with no 报/送/发 lines)."""
    return config if config.print_edition else dataclasses.replace(config, print_edition=PrintSettings())


def renderer_for(config: SiteConfig, theme: Theme, years: tuple[int, ...],
                 files: Mapping[str, LocalFile | None] | None = None) -> PageRenderer:
    """`files`: the issues' pictures and attachments as the build finds them (content_files.local_files)."""
    return PageRenderer(config, theme, asset_versions(static_digests(theme.static_files())), years, files=files)


def issue_pdf(issue: Issue, renderer: PageRenderer, problems: Problems) -> tuple[str, bytes]:
    """An issue's file name and its PDF, the very bytes a build makes."""
    path = print_path(issue.head, renderer.words)
    return path.rsplit("/", 1)[-1], _KIND.render(Output(path, _KIND.name, "", issue.head), Shown([issue], {}),
                                                  renderer, problems)


def volume_pdf(issues: Sequence[Issue], year: int, renderer: PageRenderer, problems: Problems) -> tuple[str, bytes]:
    """The bound volume of `issues` (one year's, oldest first): its file name and its PDF."""
    config = renderer.config
    name = renderer.words.t("volume_file", name=config.name, year=year)
    path = f"volume/{name}.pdf"
    editions = [edition_of(issue, config) for issue in issues]
    html = renderer.page(VOLUME_TEMPLATE, path, problems, issues=list(issues), editions=editions,
                         year=year).decode("utf-8")
    data, _ = make_pdf(html, path, max(issue.date for issue in issues), renderer, problems)
    return f"{name}.pdf", data
