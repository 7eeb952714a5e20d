"""404.html: what the web server shows at any address the site does not have."""

from __future__ import annotations

from typing import Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render.kind import Output, OutputKind, Planning, Shown
from bulletin_gen.render.keys import key_of
from bulletin_gen.render.renderer import PageRenderer


class NotFoundPage(OutputKind):
    name, template, cost = "404", "404.html", 2

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        return [Output("404.html", self.name, key_of(planning.page_base, self.name))]

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        # Shown at whatever address was missing, so its links start at the site's root.
        return renderer.page(self.template, output.path, problems, rooted=True)
