"""robots.txt: every page may be indexed; where the sitemap is, when there is one."""

from __future__ import annotations

from typing import Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render import feeds
from bulletin_gen.render.kind import Output, OutputKind, Planning, Shown
from bulletin_gen.render.keys import key_of
from bulletin_gen.render.renderer import PageRenderer


class Robots(OutputKind):
    name, cost = "robots", 0

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        return [Output("robots.txt", self.name, key_of(planning.site_key, self.name))]

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        return feeds.robots(renderer.config)
