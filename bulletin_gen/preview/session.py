"""One preview session: builds into the preview folder, and what each build means for the terminal and the page.

A build that fails is reported, never raised: the server keeps serving the
last good pages, the open page shows the same messages the terminal does,
and the next save builds again.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bulletin_gen.base import i18n
from bulletin_gen.base.problems import BuildFailed, Problem, Problems
from bulletin_gen.console.report import Reporter
from bulletin_gen.pipeline.builder import Builder, BuildOptions, BuildResult
from bulletin_gen.preview.server import Status, reload_paths
from bulletin_gen.preview.watch import WatchSet
from bulletin_gen.sources.cache import CACHE_DIR


def preview_dir(site: Path, port: int) -> Path:
    """The preview's own output folder, never build/. One per port: two previews can never share it,
    and a restart on the same port finds its last pages and rebuilds only what changed."""
    return site.absolute() / CACHE_DIR / f"preview-{port}"


@dataclass(frozen=True)
class Outcome:
    result: BuildResult | None  # None when the build failed
    problems: Problems
    internal: str | None = None  # a bug in bulletin-gen, not in the content


class PreviewSession:
    def __init__(self, options: BuildOptions, reporter: Reporter, language: Callable[[], str], debug: bool = False):
        self.options = options
        self.builder = Builder(options)
        self.reporter = reporter
        self._language = language
        self._debug = debug
        self._last_reported: tuple[Problem, ...] | None = None

    @property
    def site(self) -> Path:
        return self.options.site_dir

    def build(self, changed: frozenset[str] | None = None) -> Outcome:
        """Build once; never raises for anything the content or the code does wrong.
        `changed`: the content files changed since the last build, when the watcher knows."""
        try:
            result = self.builder.build(changed)
            return Outcome(result, result.problems)
        except BuildFailed as failure:
            return Outcome(None, failure.problems)
        except Exception as exc:  # noqa: BLE001 - the preview must outlive a bug, and say so
            if self._debug:
                traceback.print_exc()
            return Outcome(None, Problems(), internal=f"{type(exc).__name__}: {exc}")

    def report(self, outcome: Outcome, quiet_if_unchanged: bool = False) -> Status:
        """Print the outcome to the terminal; return what the open pages should show."""
        language = self.reporter.language = self._language()
        lines = self._problem_lines(outcome)
        if outcome.result is not None:
            problems = tuple(outcome.problems.sorted())
            if problems != self._last_reported:  # the same warnings after every save are noise
                self.reporter.lines(lines)
            self._last_reported = problems
            result = outcome.result
            if quiet_if_unchanged and not (result.written.files or result.written.removed):
                return Status(ok=True)
            self.reporter.say(i18n.message("serve.built", language, time=time.strftime("%H:%M:%S"),
                                           files=len(result.written.files) + len(result.written.removed),
                                           ms=round(result.seconds * 1000)))
            return Status(ok=True)
        self._last_reported = None
        self.reporter.lines(lines)
        return Status(ok=False, title=i18n.message("serve.overlay_title", language), lines=tuple(lines))

    def _problem_lines(self, outcome: Outcome) -> list[str]:
        """The same lines `bulletin build` prints, for the terminal and the overlay alike."""
        language = self.reporter.language
        if outcome.internal is not None:
            return [i18n.message("cli.internal", language, error=outcome.internal)]
        root = self.builder.config.root if self.builder.config else self.site
        lines = self.reporter.problem_lines(outcome.problems, root)
        if outcome.result is None:
            lines.append(i18n.message("serve.failed", language, errors=len(outcome.problems.errors),
                                      warnings=len(outcome.problems.warnings)))
        return lines

    def reload_paths(self, outcome: Outcome) -> list[str]:
        return reload_paths(outcome.result.written if outcome.result else None)

    def watch_set(self) -> WatchSet:
        """What to watch, from the latest site.yaml that could be read (the defaults before that)."""
        config, theme = self.builder.config, self.builder.theme
        content = config.content_path if config else self.site / "content"
        ignored = (self.options.output_dir,) if self.options.output_dir else ()
        if config is not None:
            ignored += (config.output_path,)
        return WatchSet.of_site(self.site, content, theme.directory if theme else None, ignored)

    def close(self) -> None:
        self.builder.close()
