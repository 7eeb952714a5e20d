"""The render stage's work, run in this process or in a worker: outputs in, files in the staging folder out.

A worker is set up once with everything any output needs (`RenderSetup`),
then takes chunks of outputs: for each it loads the issues' text the output
shows, has the output's kind render it, and writes it into the staging folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping, Sequence

from bulletin_gen.base.problems import BuildFailed, Problem, Problems
from bulletin_gen.model.issue import Issue
from bulletin_gen.render.kind import Output, Shown
from bulletin_gen.render.kinds import BY_NAME
from bulletin_gen.render.renderer import PageRenderer
from bulletin_gen.render.theme import Theme
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.sources.bodies import load_body
from bulletin_gen.sources.cache import BodyReader
from bulletin_gen.sources.content_files import LocalFile
from bulletin_gen.write.output import write_staged


@dataclass(frozen=True)
class RenderSetup:
    """Everything a worker needs to render any output, sent to it once."""

    site_key: str  # changes with the code, site.yaml, templates and static files
    destination: Path  # the output folder: files not made again this build are read from there
    config: SiteConfig
    theme: Theme
    versions: dict[str, str]
    years: tuple[int, ...]
    bodies: Path  # the cache database holding the issues' text
    staging: Path  # where rendered files are written
    bytecode: Path | None  # compiled templates kept between builds
    files: Mapping[str, LocalFile | None] = field(default_factory=dict)  # pictures and attachments, by place


_worker: tuple[RenderSetup, PageRenderer, BodyReader] | None = None


def init_renderer(setup: RenderSetup) -> None:
    global _worker
    if _worker is not None and replace(_worker[0], staging=setup.staging) == setup:
        # The same site rendered again in this process (bulletin serve): keep the loaded templates.
        _worker = (setup, _worker[1], _worker[2])
        return
    renderer = PageRenderer(setup.config, setup.theme, setup.versions, setup.years, setup.bytecode, setup.files)
    _worker = (setup, renderer, BodyReader(setup.bodies))


def _sizes(paths: Sequence[str], setup: RenderSetup) -> dict[str, int]:
    """The sizes of output files made earlier: in this build (staged), or in the last one."""
    sizes = {}
    for path in paths:
        for folder in (setup.staging, setup.destination):
            try:
                sizes[path] = (folder / path).stat().st_size
                break
            except OSError:
                continue
    return sizes


def render_outputs(outputs: Sequence[Output]) -> list[tuple[Problem, ...]]:
    """Render each output into the staging directory; stops at the first template error and reports it."""
    assert _worker is not None, "init_renderer first"
    setup, renderer, reader = _worker
    problems = Problems()
    for output in outputs:
        kind = BY_NAME[output.kind]
        texts = [Issue(head, load_body(head, reader, setup.config)) for head in kind.texts_of(output)]
        shown = Shown(texts, _sizes(kind.sizes_of(output, renderer), setup))
        try:
            data = kind.render(output, shown, renderer, problems)
        except BuildFailed:
            break
        write_staged(setup.staging, output.path, data)
    return [tuple(problems.items)]
