"""The site's words and formats: labels, dates, 期号, credits, in the site's language."""

from __future__ import annotations

import datetime as dt
import re

from bulletin_gen.model.issue import Credit, Issue
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.text import numerals
from bulletin_gen.text.wordcount import TextLength

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Words:
    """The site's words and formats: labels, dates, numbers. Bound once per build."""

    def __init__(self, config: SiteConfig):
        self.config = config
        # Each label split once into its text and its {name} slots: templates call t()
        # some seventy times on every page.
        self._split: dict[str, list[str]] = {}

    def t(self, key: str, **params: object) -> str:
        parts = self._split.get(key)
        if parts is None:
            parts = self._split[key] = _PLACEHOLDER.split(self.config.label(key))
        if len(parts) == 1:
            return parts[0]
        # Text and names alternate; a name the caller did not give stays as written.
        return "".join(part if i % 2 == 0 else str(params.get(part, "{" + part + "}"))
                       for i, part in enumerate(parts))

    def date(self, day: dt.date) -> str:
        if self.config.language == "en":
            return numerals.english_date(day)
        if self.config.date_style == "chinese":
            return numerals.chinese_date(day)
        return numerals.arabic_date(day)

    def issue_number(self, issue: Issue) -> str:
        return self.t("issue_number", number=issue.number, number_cn=numerals.chinese_number(issue.number))

    def issue_total(self, issue: Issue) -> str:
        if issue.total is None:
            return ""
        return self.t("issue_total", total=issue.total, total_cn=numerals.chinese_number(issue.total))

    def neighbour(self, issue: Issue) -> str:
        """上一期：20151215 第三十九期: how a neighbour link reads."""
        return self.t(
            "neighbour",
            yyyymmdd=issue.date.strftime("%Y%m%d"),
            date=self.date(issue.date),
            year=issue.year,
            year_cn=numerals.chinese_year(issue.year),
            number=issue.number,
            number_cn=numerals.chinese_number(issue.number),
            total=issue.total if issue.total is not None else "",
            name=issue.title,
        )

    def credit(self, credit: Credit) -> str:
        return self.t(f"credit_{credit.form}", name=credit.name)

    def year(self, year: int) -> str:
        return self.t("archive_year", year=year, year_cn=numerals.chinese_year(year))

    def year_cn(self, year: int) -> str:
        """二〇二五: for labels that offer {year_cn}."""
        return numerals.chinese_year(year)

    def reading(self, length: TextLength, label: str = "reading_issue") -> str:
        """本期共 N 字，预计阅读 M 分钟, at the site's reading speed."""
        return self.t(label, chars=length.chars, minutes=length.minutes(self.config.reading_speed))
