"""The write stage: which output files need building, rendering them, and putting them in place.

The first build into a directory (or one whose last build did not finish)
renders everything and swaps the new tree in whole. After that, a build
compares every file's key (see plan.py) with the keys recorded for the
directory's last build and renders only the files whose key changed; of
those, only files whose bytes changed are written, so unchanged pages keep
their mtime and rsync or a web cache see nothing new.
"""

from __future__ import annotations

import hashlib
import itertools
import operator
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bulletin_gen.base import parallel
from bulletin_gen.base.problems import BuildFailed, Problems
from bulletin_gen.model.issue import Issue
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render import feeds, plan
from bulletin_gen.render.renderer import STATIC_PREFIX, RenderSetup, asset_versions, init_renderer, load_body, render_pages
from bulletin_gen.render.theme import Theme
from bulletin_gen.sources.cache import BuildCache, code_fingerprint
from bulletin_gen.write import output


@dataclass(frozen=True)
class Site:
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


@dataclass(frozen=True)
class OtherFile:
    """An output file that is not a page: made in this process, only when its key changed."""

    path: str
    key: str
    make: Callable[[], bytes]


@dataclass(frozen=True)
class OutputPlan:
    """Every output file of the site and its key, decided before anything is rendered."""

    site_key: str  # what every page shares: the code, site.yaml, the templates, the static files
    versions: dict[str, str]  # static file → the ?v= it is linked with
    pages: plan.PagePlan
    others: list[OtherFile]
    sitemap: plan.SitemapKey | None

    @property
    def jobs(self) -> list[plan.PageJob]:
        return self.pages.jobs

    @property
    def keys(self) -> dict[str, str]:
        files = [*self.jobs, *self.others]
        return dict(zip(map(_path_of, files), map(_key_of, files)))


def plan_outputs(site: Site, last: OutputPlan | None = None) -> OutputPlan:
    """The output files and their keys; `plan.build_key(plan.keys)` is what a build of it records.

    `last` is the plan of the build whose model lent its parts to this one
    (see site_model.build_model): pages that are the very same objects keep
    their keys without computing them again.
    """
    static_digests = {relative: hashlib.sha256(source.read_bytes()).hexdigest()
                      for relative, source in site.statics.items()}
    versions = asset_versions(static_digests, site.versioned_assets)
    site_key = plan.key_of(code_fingerprint(), repr(site.model.config),
                           plan.files_key(site.theme.template_files()), sorted(versions.items()))
    sitemap = None
    if site.model.config.base_url:
        sitemap = plan.sitemap_key(site.model, site_key, last.sitemap if last else None)
    return OutputPlan(site_key, versions, plan.page_jobs(site.model, site_key, last.pages if last else None),
                      _other_files(site, site_key, static_digests, sitemap), sitemap)


def write_site(site: Site, outputs: OutputPlan, destination: Path, problems: Problems) -> Written:
    """Bring `destination` up to date with the site, planned as `outputs`."""
    with output.writing(destination, problems):
        return _write_site(site, outputs, destination, problems)


def _write_site(site: Site, outputs: OutputPlan, destination: Path, problems: Problems) -> Written:
    keys = outputs.keys
    previous = _previous_keys(site.cache, destination)
    # Set operations and compress run in C: a preview's rebuild compares thousands of keys after every save.
    stale = {path for path, _ in keys.items() - previous.items()}
    # The last build's files as they lie now: any edited or deleted by hand since are built again.
    lying = output.stamps(destination, previous)
    stale.update(output.touched(lying, site.cache.output_stamps(destination)))
    staging = output.new_staging(destination)
    try:
        jobs = sorted(itertools.compress(outputs.jobs, map(stale.__contains__, map(_path_of, outputs.jobs))),
                      key=_slowest_first)
        _render(jobs, RenderSetup(outputs.site_key, site.model.config, site.theme, outputs.versions,
                                  site.model.years, site.cache.path, staging, site.cache.templates_dir()),
                site.jobs, problems, site.progress)
        for other in outputs.others:
            if other.path in stale:
                output.write_staged(staging, other.path, other.make())
        build_key = plan.build_key(keys)
        if not previous:
            output.swap_in(staging, destination, build_key)
            written = Written(tuple(keys), (), whole=True)
        else:
            changed = list(itertools.compress(keys, map(stale.__contains__, keys)))
            removed = tuple(sorted(previous.keys() - keys.keys()))
            files = output.apply_changes(staging, destination, changed, removed, build_key)
            written = Written(tuple(files), removed, whole=False)
            lying.update(output.stamps(destination, files))  # the files not moved in lie as they did
        site.cache.record_outputs(destination, keys, build_key,
                                  lying if previous else output.stamps(destination, keys))
    finally:
        output.discard(staging)
    return written


_path_of, _key_of = operator.attrgetter("path"), operator.attrgetter("key")

# The order pages are rendered in: the slowest kinds first, so that workers do not end with
# one of them finishing the stats page (a tenth of a second at 5000 issues) while the
# others wait. Each page is its own file, so the order changes nothing in the output.
_RENDER_ORDER = {plan.STATS: 0, plan.ARCHIVE: 1, plan.NOT_FOUND: 2, plan.ISSUE: 3}


def _slowest_first(job: plan.PageJob) -> int:
    return _RENDER_ORDER[job.kind]


def _previous_keys(cache: BuildCache, destination: Path) -> dict[str, str]:
    """The keys of the build that wrote `destination`, if the cache knows that build; else {}."""
    recorded, recorded_key = cache.outputs(destination)
    if recorded and output.build_key(destination) == (recorded_key or plan.build_key(recorded)):
        return recorded
    return {}


def _render(jobs: list[plan.PageJob], setup: RenderSetup, processes: int | None, problems: Problems,
            progress: parallel.Progress | None) -> None:
    seen = set(problems.items)
    if progress:
        progress.start("render", len(jobs))
    for found in parallel.run(render_pages, jobs, init_renderer, (setup,), processes,
                              progress.advance if progress else None):
        for problem in found:
            if problem not in seen:  # every worker meets a broken template; report it once
                seen.add(problem)
                problems.items.append(problem)
    if problems.has_errors():
        raise BuildFailed(problems)


def _other_files(site: Site, site_key: str, static_digests: dict[str, str],
                 sitemap: plan.SitemapKey | None) -> list[OtherFile]:
    model, config = site.model, site.model.config
    files = [OtherFile("robots.txt", plan.key_of(site_key, "robots"), lambda: feeds.robots(config))]
    if sitemap is not None:
        def feed() -> bytes:
            newest = model.newest_first[:feeds.FEED_ENTRIES]
            return feeds.feed(model, [Issue(head, load_body(head, site.cache, config)) for head in newest])

        files.append(OtherFile("feed.xml", plan.feed_key(model, site_key, feeds.FEED_ENTRIES), feed))
        files.append(OtherFile("sitemap.xml", sitemap.key, lambda: feeds.sitemap(model)))
    for relative, source in site.statics.items():
        files.append(OtherFile(STATIC_PREFIX + relative, plan.key_of("static", static_digests[relative]),
                               source.read_bytes))
    return files
