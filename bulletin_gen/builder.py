"""One build, start to finish: discover → parse → model → render → write.

Every stage reports into one Problems list; the build stops before writing
anything when there is an error, so the previous output stays as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from bulletin_gen import feeds, ordering, output
from bulletin_gen.config import SiteConfig, check_base_url, load_config
from bulletin_gen.discover import discover
from bulletin_gen.markdown_render import Renderer
from bulletin_gen.model import Issue
from bulletin_gen.parse.issue import parse_issue
from bulletin_gen.problems import BuildFailed, Msg, Problems
from bulletin_gen.output import OutputFile
from bulletin_gen.render import STATIC_PREFIX, SiteRenderer
from bulletin_gen.site_model import SiteModel, build_model
from bulletin_gen.theme import Theme, load_theme

@dataclass(frozen=True)
class BuildOptions:
    site_dir: Path
    output_dir: Path | None = None
    base_url: str | None = None
    drafts: bool = False
    language: str | None = None


@dataclass(frozen=True)
class BuildResult:
    config: SiteConfig
    output: Path
    issues: int
    pages: int
    files: int
    seconds: float
    problems: Problems


def configure(options: BuildOptions) -> tuple[SiteConfig, Problems]:
    config, problems = load_config(options.site_dir, options.language)
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


def parse_all(config: SiteConfig, problems: Problems, drafts: bool) -> list[Issue]:
    markdown = Renderer()
    issues = []
    for path in discover(config.content_path, problems):
        issue = parse_issue(path, config, markdown, problems)
        if issue is not None and (drafts or not issue.draft):
            issues.append(issue)
    return issues


def model_of(config: SiteConfig, issues: list[Issue], problems: Problems) -> SiteModel:
    ordered = ordering.in_order(issues, config.numbering)
    for repeat, first in ordering.duplicates(ordered, config.numbering):
        which = Msg.of(f"issue.which_{config.numbering}", year=repeat.year, number=repeat.number)
        problems.error("issue.duplicate", repeat.source, repeat.number_line, which=which,
                       other=f"{_relative(first.source, config)}:{first.number_line}")
    return build_model(config, ordered)


def _relative(path: Path, config: SiteConfig) -> str:
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def static_files(theme: Theme, config: SiteConfig, problems: Problems) -> dict[str, Path]:
    files = theme.static_files()
    icon = config.footer.police_icon
    if icon and icon not in files:
        problems.error("config.missing_static", config.root / "site.yaml", None, key="footer.police_icon",
                       path="static/" + icon)
    return files


def output_files(model: SiteModel, theme: Theme, statics: dict[str, Path],
                 problems: Problems) -> Iterator[OutputFile]:
    yield from SiteRenderer(model, theme, statics).render_all(problems)
    yield from feeds.machine_files(model)
    for relative, source in statics.items():
        yield OutputFile(STATIC_PREFIX + relative, source.read_bytes())


def build(options: BuildOptions) -> BuildResult:
    """Build the site; raise BuildFailed with every problem if it cannot be built."""
    started = time.perf_counter()
    config, problems = configure(options)
    destination = (options.output_dir or config.output_path).absolute()
    output.check_output_dir(destination, config.root, config.content_path, problems)
    theme = load_theme(config, problems)
    issues = parse_all(config, problems, options.drafts)
    model = model_of(config, issues, problems)
    statics = static_files(theme, config, problems)
    if problems.has_errors():
        raise BuildFailed(problems)
    if not config.base_url:
        problems.warning("site.no_base_url", config.root / "site.yaml", None)
    files = output.write_tree(output_files(model, theme, statics, problems), destination)
    pages = len(model.issue_pages) + len(model.archive) + sum(len(a) for _, a in model.year_archives) + 1
    return BuildResult(config, destination, len(model.issues), pages, files,
                       time.perf_counter() - started, problems)
