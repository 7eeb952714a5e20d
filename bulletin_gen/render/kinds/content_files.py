"""The pictures and attachments the issues link to, copied from content/ beside the page that uses them."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render.kind import Output, OutputKind, Planning, Shown
from bulletin_gen.render.keys import key_of
from bulletin_gen.render.renderer import PageRenderer


class ContentFiles(OutputKind):
    name, cost = "files", 0

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        # Their bytes alone, as a static file's: a file linked by several issues is one output.
        return [Output(found.output, self.name, key_of(self.name, found.digest), found.source)
                for found in planning.files.values() if found is not None]

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        source: Path = output.subject  # type: ignore[assignment]
        return source.read_bytes()
