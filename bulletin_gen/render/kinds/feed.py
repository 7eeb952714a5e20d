"""feed.xml: the newest issues as an Atom feed, with their text, for feed readers. Only with base_url."""

from __future__ import annotations

from typing import Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render import feeds
from bulletin_gen.render.kind import Output, OutputKind, Planning, Shown, files_shown
from bulletin_gen.render.keys import key_of
from bulletin_gen.render.renderer import PageRenderer
from bulletin_gen.settings.config import SiteConfig


class Feed(OutputKind):
    name, cost = "feed", 2  # twenty issues' text

    def wanted(self, config: SiteConfig) -> bool:
        return bool(config.base_url)  # a feed's links must be absolute

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        newest = model.newest_first[:feeds.FEED_ENTRIES]
        key = key_of(planning.site_key, self.name, *(head.digest for head in newest), files_shown(newest, planning))
        return [Output("feed.xml", self.name, key, newest)]

    def texts_of(self, output: Output) -> Sequence[IssueHead]:
        return output.subject  # type: ignore[return-value]

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        return feeds.feed(renderer.config, shown.texts, lambda html: renderer.linked(html, output.path, absolute=True))
