"""Each year's archive (2024年): its issues, newest first, a page at a time, as the archive shows them."""

from __future__ import annotations

from typing import Sequence

from bulletin_gen.model.site import ArchivePage, SiteModel
from bulletin_gen.render.kinds.archive_pages import ArchivePages


class YearPages(ArchivePages):
    name = "year"

    def pages(self, model: SiteModel) -> Sequence[ArchivePage]:
        return [page for _, pages in model.year_archives for page in pages]
