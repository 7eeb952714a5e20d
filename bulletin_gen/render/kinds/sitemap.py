"""sitemap.xml: every page's address and date, for search engines. Only with base_url."""

from __future__ import annotations

from typing import Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render import feeds
from bulletin_gen.render.kind import Output, OutputKind, Planning, Shown
from bulletin_gen.render.keys import key_of
from bulletin_gen.render.renderer import PageRenderer
from bulletin_gen.settings.config import SiteConfig


class Sitemap(OutputKind):
    name, cost = "sitemap", 2  # a line per page

    def wanted(self, config: SiteConfig) -> bool:
        return bool(config.base_url)  # a sitemap's addresses must be absolute

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        pages = feeds.sitemap_pages(model)
        if last and last[0].subject == pages:  # an edit that moved no page and no date: hashed once
            return [last[0]]
        return [Output("sitemap.xml", self.name, key_of(planning.site_key, self.name, *pages), pages)]

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        assert renderer.config.base_url
        return feeds.sitemap(output.subject, renderer.config.base_url)  # type: ignore[arg-type]
