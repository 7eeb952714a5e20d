"""The site's labels, in one place: their default texts, the placeholders each may use, and filling them in.

Labels are the words the theme shows to readers (上一期：, 内容摘要, 第{number}期 …);
a site may override any of them under `labels:` in site.yaml, which checks
them against PLACEHOLDERS. The editor's messages are elsewhere (base/i18n.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Protocol

from bulletin_gen.base import i18n
from bulletin_gen.text import credits, numerals

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_ANY_BRACES = re.compile(r"\{([^{}]*)\}")

# Words the theme shows to readers. A site may override any of them under
# `labels:` in site.yaml.
DEFAULTS: dict[str, dict[str, str]] = {
    "zh-CN": {
        "issue_number": "第{number}期",
        "issue_total": "总第{total}期",
        "summary": "内容摘要",
        "column": "【{name}】",
        "editor_note": "编者按",
        "prev": "上一期：",
        "next": "下一期：",
        "back_to_list": "返回列表",
        "neighbour": "{yyyymmdd} 第{number_cn}期",
        "neighbours": "相邻期次",
        "archive": "往期目录",
        "archive_year": "{year}年",
        "all_years": "全部年份",
        "page_prev": "上一页",
        "page_next": "下一页",
        "page_n": "第{n}页",
        "pagination": "分页",
        "page_of": "第{page}页，共{pages}页",
        "editor": "责任编辑：",
        "source": "来源：",
        "author": "作者：",
        "skip": "跳到正文",
        "home": "首页",
        "not_found_title": "页面不存在",
        "not_found_text": "您要找的页面不存在，可能已被移动或删除。",
        "copyright": "{holder}版权所有",
        "sponsor": "主办单位：",
        "organizer": "承办单位：",
        "address": "地址：",
        "postcode": "邮编：",
        "phone": "电话：",
        "email": "电子邮箱：",
        "tech_support": "技术支持：",
        "site_code": "网站标识码：",
        "feed": "订阅（Atom）",
        "no_issues": "还没有发布任何期次。",
        "credit_section": "（{name} 供稿）",
        "credit_unit": "（供稿单位：{name}）",
        "credit_default": "（{name} 供稿）",
        "police_badge": "公安备案图标",
        "reading_issue": "本期共 {chars} 字，预计阅读 {minutes} 分钟",
        "reading_article": "{chars} 字，约 {minutes} 分钟",
        "attachment": "附件：",
        "care_mode": "关怀模式",
        "attachment_about": "（{kind}，{size}）",
        "print_file": "{name}{year}年第{number}期",
        "print_link": "下载打印版（PDF，{size}）",
        "report_to": "报：",
        "send_to": "送：",
        "distribute_to": "发：",
        "printed": "{date}印发",
        "copies": "共印{copies}份",
        "distribution": "版记",
        "column_type": "工作简报",
        "print": "打印",
        "qr_caption": "扫一扫在手机上阅读",
        "qr_label": "本页网址的二维码",
        "volume_file": "{name}{year}年合订本",
        "volume_title": "{name} {year}年合订本",
        "volume_year": "{year}年合订本",
        "volume_range": "{first}至{last}，共{count}期",
        "volume_contents": "目　录",
        "site_nav": "网站导航",
        "stats": "供稿统计",
        "stats_title": "各单位供稿统计",
        "stats_intro": "按供稿单位统计已发布各期刊登的稿件条数（每篇文章、每条工作动态各计一条）。",
        "stats_section": "供稿单位",
        "stats_total": "合计",
        "stats_uncredited": "（未注明供稿）",
        "stats_year_column": "{year}年",
        "stats_month_column": "{month}月",
        "stats_chart_title": "{year}年各单位供稿条数",
        "stats_empty": "还没有可统计的稿件。",
    },
    "en": {
        "issue_number": "No. {number}",
        "issue_total": "Issue {total} overall",
        "summary": "In this issue",
        "column": "[{name}]",
        "editor_note": "Editor's note",
        "prev": "Previous: ",
        "next": "Next: ",
        "back_to_list": "Back to the list",
        "neighbour": "{date} No. {number}",
        "neighbours": "Adjacent issues",
        "archive": "All issues",
        "archive_year": "{year}",
        "all_years": "All years",
        "page_prev": "Previous page",
        "page_next": "Next page",
        "page_n": "Page {n}",
        "pagination": "Pages",
        "page_of": "Page {page} of {pages}",
        "editor": "Editor: ",
        "source": "Source: ",
        "author": "Author: ",
        "skip": "Skip to content",
        "home": "Home",
        "not_found_title": "Page not found",
        "not_found_text": "The page you are looking for does not exist; it may have been moved or removed.",
        "copyright": "© {holder}",
        "sponsor": "Sponsor: ",
        "organizer": "Run by: ",
        "address": "Address: ",
        "postcode": "Postcode: ",
        "phone": "Phone: ",
        "email": "Email: ",
        "tech_support": "Technical support: ",
        "site_code": "Site code: ",
        "feed": "Subscribe (Atom)",
        "no_issues": "No issues have been published yet.",
        "credit_section": "(Contributed by {name})",
        "credit_unit": "(Contributed by {name})",
        "credit_default": "(Contributed by {name})",
        "police_badge": "Public security filing badge",
        "reading_issue": "{chars} characters, about {minutes} min to read",
        "reading_article": "{chars} characters, about {minutes} min",
        "attachment": "Attachment: ",
        "care_mode": "Large text",
        "attachment_about": " ({kind}, {size})",
        "print_file": "{name} {year} no. {number}",
        "print_link": "Print edition (PDF, {size})",
        "report_to": "To: ",
        "send_to": "Copy: ",
        "distribute_to": "Distribution: ",
        "printed": "Printed {date}",
        "copies": "{copies} copies",
        "distribution": "Distribution",
        "column_type": "Work bulletin",
        "print": "Print",
        "qr_caption": "Scan to read on your phone",
        "qr_label": "QR code of this page's address",
        "volume_file": "{name} {year} bound volume",
        "volume_title": "{name}, {year}: bound volume",
        "volume_year": "{year}: bound volume",
        "volume_range": "{first} to {last}, {count} issues",
        "volume_contents": "Contents",
        "site_nav": "Site",
        "stats": "Contributions",
        "stats_title": "Contributions by section",
        "stats_intro": "Items published, counted by the section that contributed them "
        "(each article and each news item counts once).",
        "stats_section": "Section",
        "stats_total": "Total",
        "stats_uncredited": "(no credit)",
        "stats_year_column": "{year}",
        "stats_month_column": "{month}",
        "stats_chart_title": "Items contributed in {year}, by section",
        "stats_empty": "Nothing to count yet.",
    },
}


# Placeholders each label may use; anything else in braces is a typo.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "issue_number": ("number", "number_cn"),
    "issue_total": ("total", "total_cn"),
    "column": ("name",),
    "neighbour": ("yyyymmdd", "date", "year", "year_cn", "number", "number_cn", "total", "name"),
    "archive_year": ("year", "year_cn"),
    "page_n": ("n",),
    "page_of": ("page", "pages"),
    "copyright": ("holder",),
    "credit_section": ("name",),
    "credit_unit": ("name",),
    "credit_default": ("name",),
    "reading_issue": ("chars", "minutes"),
    "reading_article": ("chars", "minutes"),
    "attachment_about": ("kind", "size"),
    "print_file": ("name", "year", "number", "number_cn"),
    "print_link": ("size",),
    "printed": ("date",),
    "copies": ("copies",),
    "volume_file": ("name", "year"),
    "volume_title": ("name", "year"),
    "volume_year": ("year",),
    "volume_range": ("first", "last", "count"),
    "stats_year_column": ("year", "year_cn"),
    "stats_month_column": ("month",),
    "stats_chart_title": ("year", "year_cn"),
}


def defaults(language: str) -> dict[str, str]:
    """Every label's default text in `language` (the default language's for one we lack)."""
    return dict(DEFAULTS.get(language, DEFAULTS[i18n.DEFAULT_LANGUAGE]))


def unknown_placeholder(key: str, text: str) -> str | None:
    """The first {name} in a site's text for label `key` that the label does not offer, if any."""
    known = PLACEHOLDERS.get(key, ())
    return next((name for name in _ANY_BRACES.findall(text) if name not in known), None)


# What labels are filled from, as far as they read it. Said here rather than imported: the
# settings come before the model in the pipeline (config.SiteConfig, model.issue's Issue,
# IssueHead and Credit, text.wordcount's TextLength are what fits).
class Settings(Protocol):
    @property
    def language(self) -> str: ...
    @property
    def date_style(self) -> str: ...
    @property
    def reading_speed(self) -> int: ...
    @property
    def credit_style(self) -> str: ...
    def label(self, key: str) -> str: ...


class Issue(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def total(self) -> int | None: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def year(self) -> int: ...
    @property
    def title(self) -> str: ...


class Credit(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def form(self) -> str: ...
    @property
    def person(self) -> str: ...
    @property
    def brackets(self) -> str: ...


class TextLength(Protocol):
    @property
    def chars(self) -> int: ...
    def minutes(self, speed: int) -> int: ...


class Words:
    """The site's words and formats: labels, dates, numbers. Bound once per build."""

    def __init__(self, config: Settings):
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
        """The credit line: as the editor wrote it, or in the one form site.yaml's credit_style asks for."""
        style = self.config.credit_style
        if credit.form == "default" or (style != "as_written" and credit.name):
            who = " ".join(part for part in (credit.name, credit.person) if part)
            return self.t(f"credit_{credit.form if credit.form == 'default' else style}", name=who)
        return credits.as_written(credit.form, credit.name, credit.person, credit.brackets)

    def year(self, year: int) -> str:
        return self.t("archive_year", year=year, year_cn=numerals.chinese_year(year))

    def year_cn(self, year: int) -> str:
        """二〇二五: for labels that offer {year_cn}."""
        return numerals.chinese_year(year)

    def reading(self, length: TextLength, label: str = "reading_issue") -> str:
        """本期共 N 字，预计阅读 M 分钟, at the site's reading speed."""
        return self.t(label, chars=length.chars, minutes=length.minutes(self.config.reading_speed))
