"""The 供稿统计 page: how many items each section contributed, by year, as a table and charts."""

from __future__ import annotations

from typing import Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model import stats, urls
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render import chart
from bulletin_gen.render.kind import Output, OutputKind, Planning, Shown
from bulletin_gen.render.keys import key_of
from bulletin_gen.render.renderer import PageRenderer
from bulletin_gen.settings.config import SiteConfig


class StatsPage(OutputKind):
    # The slowest page by far (a tenth of a second at 5000 issues): rendered first.
    name, template, cost = "stats", "stats.html", 4

    def wanted(self, config: SiteConfig) -> bool:
        return config.stats_page

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        if model.stats is None:
            return []
        return [Output(urls.STATS, self.name, key_of(planning.page_base, self.name, repr(model.stats)), model.stats)]

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        table: stats.Table = output.subject  # type: ignore[assignment]
        charts = [(year, chart.horizontal_bars(stats.column_chart_rows(table, year)))
                  for year in reversed(table.columns)]
        return renderer.page(self.template, output.path, problems, table=table, charts=charts)
