"""One build, start to finish: discover → parse → model → render → write.

Every stage reports into one Problems list; the build stops before writing
anything when there is an error, so the previous output stays as it was.
Parsing reuses the build cache for unchanged files, and writing re-renders
only the files whose inputs changed (see render/plan.py and write/stage.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from bulletin_gen.base.parallel import Progress
from bulletin_gen.base.problems import BuildFailed, Msg, Problems
from bulletin_gen.model.issue import IssueBody, IssueHead
from bulletin_gen.model.memo import ModelMemo
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render import kinds
from bulletin_gen.render.keys import key_of
from bulletin_gen.render.plan import OutputPlan
from bulletin_gen.render.theme import Theme, load_theme
from bulletin_gen.settings.config import SiteConfig, check_base_url, load_config
from bulletin_gen.sources.bodies import load_body
from bulletin_gen.sources.cache import BuildCache
from bulletin_gen.sources.content_files import report_missing
from bulletin_gen.sources.discover import Found, discover, rediscover
from bulletin_gen.sources.parse_stage import parse_stage
from bulletin_gen.write import output
from bulletin_gen.write.stage import WriteInputs, Written, plan_site, write_site


@dataclass(frozen=True)
class BuildOptions:
    site_dir: Path
    output_dir: Path | None = None
    base_url: str | None = None
    drafts: bool = False
    cache: bool = True  # False: ignore and do not update the site's build cache
    jobs: int | None = None  # worker processes for large builds; None: one per core
    versioned_assets: bool = True  # False for the live preview, which swaps stylesheets in place
    progress: Progress | None = None  # told how far parsing and rendering have got


@dataclass(frozen=True)
class BuildResult:
    config: SiteConfig
    output: Path
    issues: int
    pages: int
    written: Written  # the output files this build wrote or removed
    seconds: float
    problems: Problems


def configure(options: BuildOptions) -> tuple[SiteConfig, Problems]:
    # Absolute, so `--site .` and `--site /srv/zgxx` are the same site to the cache and the output keys.
    config, problems = load_config(options.site_dir.absolute())
    if options.base_url is not None:
        config = _with_base_url(config, options.base_url, problems)
    return config, problems


def _with_base_url(config: SiteConfig, base_url: str, problems: Problems) -> SiteConfig:
    """--base-url gets the same check as site.yaml's; an empty one removes it."""
    checked = check_base_url(base_url) if base_url else None
    if base_url and checked is None:
        problems.error("config.wrong_type", None, None, key="--base-url", expected=Msg.of("type.url"),
                       value=base_url)
        raise BuildFailed(problems)
    return replace(config, base_url=checked)


def static_files(theme: Theme, config: SiteConfig, problems: Problems) -> dict[str, Path]:
    files = theme.static_files()
    icon = config.footer.police_icon
    if icon and icon not in files:
        problems.error("config.missing_static", config.root / "site.yaml", config.where("footer.police_icon")[1],
                       key="footer.police_icon",
                       path="static/" + icon)
    return files


@dataclass(frozen=True)
class SiteContent:
    """What a site's content says, read but not built."""

    config: SiteConfig
    model: SiteModel
    problems: Problems
    cache: BuildCache  # open while the Builder that read it is
    others: frozenset[str] = frozenset()  # content/'s other files (pictures, attachments), by relative path
    drafts_use: frozenset[str] = frozenset()  # the files that drafts left out of the model link to

    def body(self, head: IssueHead) -> IssueBody:
        return load_body(head, self.cache, self.config)


def page_count(model: SiteModel) -> int:
    archives = len(model.archive) + sum(len(pages) for _, pages in model.year_archives)
    return len(model.issue_pages) + archives + (model.stats is not None) + 1  # 1: the 404 page


def planned_outputs(content: SiteContent, versioned_assets: bool = True) -> dict[str, str]:
    """Every file a build of `content` writes, with its key, found without rendering a page.

    `keys.build_key` of these is what the build records in its output
    directory: `bulletin publish` compares the two to refuse a stale build.
    """
    problems = Problems()  # the theme's own problems were reported when the content was checked
    theme = load_theme(content.config, problems, kinds.templates(content.config))
    site = WriteInputs(content.model, theme, static_files(theme, content.config, problems), content.cache,
                versioned_assets=versioned_assets)
    return plan_site(site).keys


class Builder:
    """Builds one site: once (`bulletin build`), or again after every change (`bulletin serve`).

    Between builds it keeps the site's cache open, with the issues it has
    already read, so a rebuild after one saved file reads and renders only
    what that file affects.
    """

    def __init__(self, options: BuildOptions):
        self.options = options
        self._cache: BuildCache | None = None
        self._models = ModelMemo()  # the last build's order, counts and model
        self._last_plan: OutputPlan | None = None  # its output files and their keys
        self._found: Found | None = None  # the content files as the last finished parse saw them
        # What the latest build read, even if it then failed: the preview watches these.
        self.config: SiteConfig | None = None
        self.theme: Theme | None = None

    def build(self, changed: Iterable[str] | None = None) -> BuildResult:
        """Build the site; raise BuildFailed with every problem if it cannot be built.

        `changed`: the content files (absolute paths) that were created, edited
        or deleted since the last build, as a watcher saw them, so the others
        need not be looked at; None when that is not known.
        """
        started = time.perf_counter()
        options = self.options
        config, problems = configure(options)
        self.config = config
        destination = (options.output_dir or config.output_path).absolute()
        setting = config.where("output_dir") if options.output_dir is None else (None, None)
        output.check_output_dir(destination, config.root, config.content_path, problems, setting)
        theme = self.theme = load_theme(config, problems, kinds.templates(config))
        kinds.check(config, problems)
        statics = static_files(theme, config, problems)
        content = self._read(config, problems, changed)
        try:
            if problems.has_errors():
                raise BuildFailed(problems)
            if not config.base_url:
                problems.warning("site.no_base_url", config.root / "site.yaml", None)
            model = content.model
            site = WriteInputs(model, theme, statics, content.cache, options.jobs, options.versioned_assets,
                        options.progress)
            outputs = self._last_plan = plan_site(site, self._last_plan)
            report_missing(model.issues, outputs.planning.files, content.others, problems)
            written = write_site(site, outputs, destination, problems)
        finally:
            if content.cache.broken:
                self.close()
        return BuildResult(config, destination, len(model.issues), page_count(model), written,
                           time.perf_counter() - started, problems)

    def read(self) -> SiteContent:
        """The site's issues in order, without building anything: for check, stats and new.

        Problems are collected, not raised, beyond an unusable site.yaml; the
        issues that could be read are all there.
        """
        config, problems = configure(self.options)
        self.config = config
        return self._read(config, problems)

    def _read(self, config: SiteConfig, problems: Problems, changed: Iterable[str] | None = None) -> SiteContent:
        options = self.options
        found, changed_set = self._discover(config, problems, changed)
        cache = self._open_cache(config, problems)
        try:
            heads = parse_stage(found, config, cache, problems, options.jobs, options.progress, changed_set)
            drafts_use = frozenset(ref.path for head in heads if head.draft for ref in head.files)
            if not options.drafts:
                heads = [head for head in heads if not head.draft]
            self._found = found
            return SiteContent(config, self._models.model(config, heads, problems), problems, cache, found.others,
                               drafts_use)
        finally:
            if cache.broken:
                self.close()

    def _discover(self, config: SiteConfig, problems: Problems,
                  changed: Iterable[str] | None) -> tuple[Found, frozenset[str] | None]:
        """The content files, from the last build's list and the watcher's when both can be trusted.

        Files the watcher did not name keep the parse the cache holds for them
        in memory; a cache opened afresh holds none, so they are looked at.
        """
        last, self._found = self._found, None  # set again only once the files are all parsed
        if changed is not None and last is not None and last.content_dir == config.content_path:
            changed_set = frozenset(changed)
            found = rediscover(last, changed_set)
            if found is not None:
                return found, changed_set
        return discover(config.content_path, problems, config.where("content_dir")), None

    def _open_cache(self, config: SiteConfig, problems: Problems) -> BuildCache:
        key = key_of(repr(config))
        if self._cache is not None and self._cache.reuse(key, problems):
            return self._cache
        self.close()
        self._cache = BuildCache.open(config.root, key, problems, enabled=self.options.cache)
        return self._cache

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    def __enter__(self) -> "Builder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def build(options: BuildOptions) -> BuildResult:
    """Build the site once; raise BuildFailed with every problem if it cannot be built."""
    with Builder(options) as builder:
        return builder.build()
