"""The output kinds, one module each, and their registry: a new sort of output is one more line here.

Their order is the order of the plan (and of a build's list of files).
"""

from __future__ import annotations

from bulletin_gen.base.problems import Problems
from bulletin_gen.render.kind import OutputKind
from bulletin_gen.render.kinds.archive_pages import ArchivePages
from bulletin_gen.render.kinds.content_files import ContentFiles
from bulletin_gen.render.kinds.feed import Feed
from bulletin_gen.render.kinds.issue_pages import IssuePages
from bulletin_gen.render.kinds.not_found_page import NotFoundPage
from bulletin_gen.render.kinds.print_edition import PrintEdition
from bulletin_gen.render.kinds.robots import Robots
from bulletin_gen.render.kinds.sitemap import Sitemap
from bulletin_gen.render.kinds.static_files import StaticFiles
from bulletin_gen.render.kinds.stats_page import StatsPage
from bulletin_gen.render.kinds.year_pages import YearPages
from bulletin_gen.settings.config import SiteConfig

KINDS: tuple[OutputKind, ...] = (
    IssuePages(),
    ArchivePages(),
    YearPages(),
    StatsPage(),
    NotFoundPage(),
    Robots(),
    Feed(),
    Sitemap(),
    StaticFiles(),
    ContentFiles(),
    PrintEdition(),
)

BY_NAME: dict[str, OutputKind] = {kind.name: kind for kind in KINDS}


def check(config: SiteConfig, problems: Problems) -> None:
    """What stops some kind from being made here, said once a build."""
    for kind in KINDS:
        kind.check(config, problems)


def templates(config: SiteConfig) -> list[str]:
    """The templates the site's pages need: a theme must have them all."""
    return list(dict.fromkeys(kind.template for kind in KINDS if kind.template and kind.wanted(config)))
