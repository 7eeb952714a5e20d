"""The write stage: which output files need building, rendering them, and putting them in place.

The first build into a directory (or one whose last build did not finish)
renders everything and swaps the new tree in whole. After that, a build
compares every file's key (see render/plan.py) with the keys recorded for the
directory's last build and renders only the files whose key changed; of
those, only files whose bytes changed are written, so unchanged pages keep
their mtime and rsync or a web cache see nothing new.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from bulletin_gen.base import parallel
from bulletin_gen.base.problems import BuildFailed, Problems
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render.kind import Output, Planning
from bulletin_gen.render.kinds import BY_NAME, KINDS
from bulletin_gen.render.keys import build_key, files_key, key_of
from bulletin_gen.render.plan import OutputPlan, plan_outputs
from bulletin_gen.render.renderer import asset_versions, static_digests
from bulletin_gen.render.theme import Theme
from bulletin_gen.sources.cache import BuildCache, code_fingerprint
from bulletin_gen.sources.content_files import local_files
from bulletin_gen.write import output
from bulletin_gen.write.workers import RenderSetup, init_renderer, render_outputs


@dataclass(frozen=True)
class WriteInputs:
    """What the write stage works from: the model, the theme and where stored text lives."""

    model: SiteModel
    theme: Theme
    statics: dict[str, Path]
    cache: BuildCache
    jobs: int | None = None  # worker processes; None: one per core
    versioned_assets: bool = True  # ?v=<hash> on stylesheet and script links
    progress: parallel.Progress | None = None


@dataclass(frozen=True)
class Written:
    """What a build changed in its output directory."""

    files: tuple[str, ...]  # written: new, or with other bytes than before
    removed: tuple[str, ...]  # no longer part of the site
    whole: bool  # the whole directory was replaced (a first build, or one after an unfinished build)


def plan_site(site: WriteInputs, last: OutputPlan | None = None) -> OutputPlan:
    """The output files and their keys; `build_key(plan.keys)` is what a build of it records.

    `last` is the plan of the build whose model lent its parts to this one
    (see model/site.py): files made for the very same objects keep their
    keys without computing them again.
    """
    digests = static_digests(site.statics)
    versions = asset_versions(digests, site.versioned_assets)
    # Which kinds can be made here belongs in it too (a page that links its PDF must be made
    # again once the PDFs can be), and what else each one's files are made from.
    made = [(kind.name, kind.made_from(site.model.config, site.theme)) for kind in KINDS
            if kind.wanted(site.model.config)]
    site_key = key_of(code_fingerprint(), repr(site.model.config), files_key(site.theme.template_files()),
                      sorted(versions.items()), made)
    files = local_files(site.model.file_places, site.model.config.content_path, site.cache)
    planning = Planning(site_key, key_of(site_key, site.model.years), site.statics, digests, files)
    return plan_outputs(site.model, planning, versions, last)


def write_site(site: WriteInputs, outputs: OutputPlan, destination: Path, problems: Problems) -> Written:
    """Bring `destination` up to date with the site, planned as `outputs`."""
    with output.writing(destination, problems):
        return _write_site(site, outputs, destination, problems)


def _write_site(site: WriteInputs, outputs: OutputPlan, destination: Path, problems: Problems) -> Written:
    keys = outputs.keys
    previous = _previous_keys(site.cache, destination)
    # Set operations and compress run in C: a preview's rebuild compares thousands of keys after every save.
    stale = {path for path, _ in keys.items() - previous.items()}
    # The last build's files as they lie now: any edited or deleted by hand since are built again.
    lying = output.stamps(destination, previous)
    stale.update(output.touched(lying, site.cache.output_stamps(destination)))
    staging = output.new_staging(destination)
    try:
        todo = list(itertools.compress(outputs.outputs, map(stale.__contains__, keys)))
        _render(todo, RenderSetup(outputs.site_key, destination, site.model.config, site.theme, outputs.versions,
                                  site.model.years, site.cache.path, staging, site.cache.templates_dir(),
                                  dict(outputs.planning.files)),
                site.jobs, problems, site.progress)
        marker_key = build_key(keys)
        if not previous:
            output.swap_in(staging, destination, marker_key)
            written = Written(tuple(keys), (), whole=True)
        else:
            changed = list(itertools.compress(keys, map(stale.__contains__, keys)))
            removed = tuple(sorted(previous.keys() - keys.keys()))
            files = output.apply_changes(staging, destination, changed, removed, marker_key)
            written = Written(tuple(files), removed, whole=False)
            lying.update(output.stamps(destination, files))  # the files not moved in lie as they did
        site.cache.record_outputs(destination, keys, marker_key,
                                  lying if previous else output.stamps(destination, keys))
    finally:
        output.discard(staging)
    return written


def waves(todo: list[Output]) -> list[list[Output]]:
    """The outputs in the order their kinds need: a kind's files after those of the kinds whose
    files they show something of (`OutputKind.after`), each wave slowest first."""
    present = {output.kind for output in todo}
    depth: dict[str, int] = {}

    def wave(name: str) -> int:
        if name not in depth:
            depth[name] = 1 + max((wave(other) for other in BY_NAME[name].after if other in present), default=-1)
        return depth[name]

    groups: dict[int, list[Output]] = {}
    for planned in todo:
        groups.setdefault(wave(planned.kind), []).append(planned)
    return [sorted(groups[number], key=_slowest_first) for number in sorted(groups)]


def _slowest_first(planned: Output) -> int:
    """The order outputs are rendered in: the slowest kinds first, so that workers do not end with
    one of them finishing the stats page while the others wait. Each output is its own file, so
    the order changes nothing in the output."""
    return -BY_NAME[planned.kind].cost


def _previous_keys(cache: BuildCache, destination: Path) -> dict[str, str]:
    """The keys of the build that wrote `destination`, if the cache knows that build; else {}."""
    recorded, recorded_key = cache.outputs(destination)
    if recorded and output.build_key(destination) == (recorded_key or build_key(recorded)):
        return recorded
    return {}


def _render(todo: list[Output], setup: RenderSetup, processes: int | None, problems: Problems,
            progress: parallel.Progress | None) -> None:
    seen = set(problems.items)
    if progress:
        progress.start("render", len(todo))
    for wave in waves(todo):
        # Costs are relative to an issue page's 1; a wave of cheap files (robots.txt, static
        # files: 0) still counts as pages, what starting a pool is measured against.
        weight = max(1.0, sum(BY_NAME[planned.kind].cost for planned in wave) / len(wave))
        for found in parallel.run(render_outputs, wave, init_renderer, (setup,), processes,
                                  progress.advance if progress else None, weight):
            new = [problem for problem in dict.fromkeys(found) if problem not in seen]
            seen.update(new)  # every worker meets a broken template; report it once
            problems.extend(new)
        if problems.has_errors():
            raise BuildFailed(problems)
