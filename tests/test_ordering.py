"""The order of issues, their years and the site model, computed afresh or carried over from the last build."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from bulletin_gen.model import ordering, stats
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.model.site import build_model
from bulletin_gen.settings.config import load_config
from tests.sitekit import make_site


def heads(*days: str) -> list[IssueHead]:
    return [IssueHead(Path(f"content/{i:03}.md"), f"d{i}", i + 1, None, dt.date.fromisoformat(day), None, "组工信息",
                      "", (), None, None, None, None, False, credits=("组织一科",)).with_listing_key()
            for i, day in enumerate(days)]


def test_a_year_that_recurs_out_of_step_with_the_numbers_is_one_year():
    """Continuous numbering, one issue dated into the wrong year: its year still lists it."""
    issues = heads("2023-11-01", "2024-02-01", "2023-12-20", "2024-03-01")
    grouped = ordering.by_year(issues)
    assert {year: [h.number for h in group] for year, group in grouped.items()} == {2023: [1, 3], 2024: [2, 4]}
    assert {year: [h.number for h in group] for year, group in ordering.by_year(issues[::-1]).items()} == \
        {2024: [4, 2], 2023: [3, 1]}


def test_an_edit_that_moves_no_issue_keeps_the_order_and_one_that_does_sorts_again():
    last = heads("2024-01-05", "2024-01-12", "2024-01-19")
    ordered = ordering.in_order(last, "yearly")
    edited = [last[0], replace(last[1], title="改过的题目"), last[2]]
    assert ordering.in_order_again(last, ordered, edited, "yearly") == ordering.in_order(edited, "yearly")
    renumbered = [last[0], replace(last[1], number=9), last[2]]
    assert ordering.in_order_again(last, ordered, renumbered, "yearly") is None


def test_a_model_carried_over_from_the_last_equals_one_made_afresh_and_changes_only_what_it_must(tmp_path):
    site = make_site(tmp_path / "site", {}, "name: 组工信息\nissuer: 中共示例县委组织部\nper_page: 2\n")
    config, _ = load_config(site)
    last_heads = heads(*(f"2024-{m:02}-0{d}" for m in range(1, 7) for d in (1, 8)))  # 12 issues, two years' worth
    last = build_model(config, ordering.in_order(last_heads, "yearly"), None)
    edited = list(last.issues)
    edited[5] = replace(edited[5], digest="new text")  # the text of one issue in the middle
    model = build_model(config, edited, None, previous=last)
    assert model == build_model(config, edited, None)
    changed = [i for i, (a, b) in enumerate(zip(last.issue_pages, model.issue_pages)) if a is not b]
    assert changed == [4, 5, 6]  # its page and its neighbours' (their links show it)
    assert [a is b for a, b in zip(last.archive, model.archive)] == [True, True, True, False, True, True]


def test_credit_counts_carried_over_equal_counts_made_afresh():
    memo = stats.YearTableMemo()
    issues = heads("2023-06-01", "2024-01-05", "2024-02-05")
    aliases = (("组织科", "组织一科"),)
    assert memo.by_year(issues, aliases) == stats.by_year(issues, stats.alias_map(aliases))
    issues[2] = replace(issues[2], credits=("干部科", "组织科"))
    assert memo.by_year(issues, aliases) == stats.by_year(issues, stats.alias_map(aliases))
    assert memo.by_year(issues, ()) == stats.by_year(issues, {})
