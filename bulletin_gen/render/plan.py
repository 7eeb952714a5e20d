"""Every output file the site consists of, each with the key of everything it is made from.

The registered kinds (kinds/__init__.py) each plan their own files; this puts
their plans together. Pure: nothing here reads or writes files.

What each file is made from (every file also: the tool's code, site.yaml,
the theme's templates and static files; every page: the list of years,
which its archive navigation shows):
- an issue page: its issue, and what its two neighbours' heads show (their
  number and date appear in its prev/next links), not their text;
- an archive page: the heads of the issues it lists, and its place among the pages;
- the stats page: its table of counts, and nothing else;
- feed.xml: the newest issues it carries; sitemap.xml: every page's address and date;
- a static file: its bytes alone.
"""

from __future__ import annotations

from typing import NamedTuple

from bulletin_gen.model.site import SiteModel
from bulletin_gen.render.kind import Output, Planning
from bulletin_gen.render.kinds import KINDS


class OutputPlan(NamedTuple):
    """Every output file of the site and its key, decided before anything is rendered."""

    planning: Planning
    versions: dict[str, str]  # static file → the ?v= it is linked with
    by_kind: tuple[tuple[str, list[Output]], ...]  # each kind's files, in the registry's order

    @property
    def site_key(self) -> str:
        return self.planning.site_key

    @property
    def outputs(self) -> list[Output]:
        return [output for _, outputs in self.by_kind for output in outputs]

    @property
    def keys(self) -> dict[str, str]:
        return {output.path: output.key for _, outputs in self.by_kind for output in outputs}


def plan_outputs(model: SiteModel, planning: Planning, versions: dict[str, str],
                 last: OutputPlan | None = None) -> OutputPlan:
    """Each wanted kind's files. `last` is the plan of the build whose model lent its parts to
    this one (see model/site.py): its files that are made for the very same objects keep their keys."""
    earlier = dict(last.by_kind) if last is not None and last.planning == planning else {}
    return OutputPlan(planning, versions, tuple(
        (kind.name, kind.plan(model, planning, earlier.get(kind.name, ())))
        for kind in KINDS if kind.wanted(model.config)))
