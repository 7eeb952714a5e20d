"""static/: the theme's stylesheets, scripts and pictures, with the site's own static/ over them, copied."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render.kind import Output, OutputKind, Planning, Shown
from bulletin_gen.render.keys import key_of
from bulletin_gen.render.renderer import STATIC_PREFIX, PageRenderer


class StaticFiles(OutputKind):
    name, cost = "static", 0

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        # Their bytes alone: a new version of the tool or a site.yaml edit leaves them as they lie.
        return [Output(STATIC_PREFIX + relative, self.name, key_of(self.name, planning.static_digests[relative]),
                       source) for relative, source in planning.statics.items()]

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        source: Path = output.subject  # type: ignore[assignment]
        return source.read_bytes()
