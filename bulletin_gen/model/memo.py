"""What a Builder carries from one build to the next in the same process (`bulletin serve`).

The issues' order, the 供稿统计 and the site model are pure functions of the
issues' heads. After a save, all but one head are the very objects of the
last build, so each of those functions can start from its last result and
redo only what involves the heads that changed. Every shortcut here gives
exactly what the plain function gives; the incremental-build property tests
hold them to that.
"""

from __future__ import annotations

from dataclasses import dataclass

from bulletin_gen.base.problems import Msg, Problems, display_path
from bulletin_gen.model import ordering, stats
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.model.site import SiteModel, build_model
from bulletin_gen.settings.config import SiteConfig


@dataclass(frozen=True)
class _Order:
    numbering: str
    heads: tuple[IssueHead, ...]  # as parsed, in file order
    ordered: tuple[IssueHead, ...]
    repeats: bool  # some number is taken twice


class ModelMemo:
    def __init__(self) -> None:
        self._order: _Order | None = None
        self._counts = stats.YearTableMemo()
        self._model: SiteModel | None = None

    def model(self, config: SiteConfig, heads: list[IssueHead], problems: Problems) -> SiteModel:
        """The site model of `heads`; a number taken twice is reported into `problems`."""
        order = self._ordered(tuple(heads), config.numbering)
        if order.repeats:
            _report_repeats(order.ordered, config, problems)
        table = self._counts.by_year(order.ordered, config.credit_aliases) if config.stats_page else None
        self._model = build_model(config, order.ordered, table, previous=self._model)
        return self._model

    def _ordered(self, heads: tuple[IssueHead, ...], numbering: str) -> _Order:
        last = self._order
        if last is not None and last.numbering == numbering:
            ordered = ordering.in_order_again(last.heads, last.ordered, heads, numbering)
            if ordered is not None:  # no issue moved, so no number became or stopped being a repeat
                self._order = _Order(numbering, heads, ordered, last.repeats)
                return self._order
        ordered = ordering.in_order(heads, numbering)
        repeats = bool(ordering.duplicates(ordered, numbering))
        self._order = _Order(numbering, heads, ordered, repeats)
        return self._order


def _report_repeats(ordered: tuple[IssueHead, ...], config: SiteConfig, problems: Problems) -> None:
    for repeat, first in ordering.duplicates(ordered, config.numbering):
        which = Msg.of(f"issue.which_{config.numbering}", year=repeat.year, number=repeat.number)
        problems.error("issue.duplicate", repeat.source, repeat.number_line, which=which,
                       other=f"{display_path(first.source, config.root)}:{first.number_line}")

