"""The archive (往期目录): every issue, newest first, a page at a time."""

from __future__ import annotations

from typing import Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model.pagination import page_window
from bulletin_gen.model.site import ArchivePage, SiteModel
from bulletin_gen.render import gov_meta
from bulletin_gen.render.kind import Output, OutputKind, Planning, Shown, page_key, reuse
from bulletin_gen.render.renderer import PageRenderer


class ArchivePages(OutputKind):
    name, template, cost = "archive", "archive.html", 3  # a page lists many issues

    def pages(self, model: SiteModel) -> Sequence[ArchivePage]:
        return model.archive

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        base = planning.page_base

        def output(archive: ArchivePage) -> Output:
            items = [head.listing for head in archive.page.items]
            key = page_key(base, self.name, archive.path, archive.year, archive.page.number, archive.page.total,
                           *items)
            return Output(archive.path, self.name, key, archive)

        return reuse(self.pages(model), last, output)

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        archive: ArchivePage = output.subject  # type: ignore[assignment]
        pager, paths = archive.page, archive.page_paths
        window = [(n, paths[n - 1] if n else None) for n in page_window(pager.number, pager.total)]
        title = renderer.words.year(archive.year) if archive.year else renderer.words.t("archive")
        return renderer.page(
            self.template, archive.path, problems,
            page_meta=gov_meta.PageMeta(gov_meta.LIST, title=f"{renderer.config.name} {title}"),
            archive=archive,
            issues=pager.items,
            year=archive.year,
            pager=pager,
            page_links=window,
            prev_page=paths[pager.number - 2] if pager.has_prev else None,
            next_page=paths[pager.number] if pager.has_next else None,
        )
