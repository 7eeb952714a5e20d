"""Before anything is copied: is the build complete, is it the build of the content as it is now, does check pass?

The output directory's marker records the key of the build that wrote it
(write/output.py); a build that was cut short records none. Planning the same
site's outputs again, without rendering, gives the key a build of the
content as it is now would record. Equal keys: the output is current.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bulletin_gen.base.problems import BuildFailed, Problems
from bulletin_gen.check.review import review
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.pipeline.builder import Builder, BuildOptions, planned_outputs
from bulletin_gen.render.keys import build_key
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.write import output


@dataclass(frozen=True)
class Ready:
    """A build that may be published."""

    config: SiteConfig
    build: Path  # the output directory
    files: list[str]  # every file of the site, as the build planned them; nothing else in build/ goes out
    key: str  # the build key, recorded in the release
    issues: int
    newest: IssueHead | None
    problems: Problems  # warnings only: an error stops before Ready


def preflight(site: Path) -> Ready:
    """The build, ready to publish; raise BuildFailed naming every reason it is not."""
    with Builder(BuildOptions(site_dir=site)) as builder:
        content = builder.read()
        problems = review(content)
        if problems.has_errors():
            raise BuildFailed(problems)
        planned = planned_outputs(content)
        build = content.config.output_path.absolute()
        key = build_key(planned)
        _check_build(build, key, problems)
        _check_untouched(build, content.cache.output_stamps(build), problems)
    newest = content.model.newest_first[0] if content.model.newest_first else None
    return Ready(content.config, build, sorted(planned), key, len(content.model.issues), newest, problems)


def _check_untouched(build: Path, recorded: dict[str, int | None], problems: Problems) -> None:
    """Every file is as the build left it: one edited or deleted by hand since is not published."""
    touched = output.touched(output.stamps(build, recorded), recorded)
    if touched:
        problems.error("publish.touched_build", None, None, path=build, count=len(touched), example=touched[0])
        raise BuildFailed(problems)


def _check_build(build: Path, key: str, problems: Problems) -> None:
    found = output.build_key(build)
    if found == key:
        return
    if not (build / output.MARKER).is_file():
        problems.error("publish.no_build", None, None, path=build)
    elif found is None:
        problems.error("publish.unfinished_build", None, None, path=build)
    else:
        problems.error("publish.stale_build", None, None, path=build)
    raise BuildFailed(problems)
