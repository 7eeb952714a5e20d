"""Checking and converting an issue's front matter fields.

Each field is converted by what it means, with the editor's line in every
message. Keys may also be written in Chinese (期号, 日期, …), since that is
what editors call them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from bulletin_gen.base.problems import Msg, Problems, did_you_mean
from bulletin_gen.settings.config import ISSUE_PRINT_KEYS, clock_time
from bulletin_gen.text.frontmatter import FrontMatter
from bulletin_gen.text.textfile import to_halfwidth
from bulletin_gen.text.yamlload import preview

KEYS = ("issue", "date", "time", "total", "title", "issuer", "summary", "contributing",
        "editor", "source", "author", "draft", "print")
ALIASES = {
    "期号": "issue", "期数": "issue", "日期": "date", "印发日期": "date", "时间": "time", "发布时间": "time",
    "总期号": "total", "总期数": "total", "标题": "title", "编印单位": "issuer",
    "印发单位": "issuer", "内容摘要": "summary", "摘要": "summary", "供稿": "contributing",
    "供稿单位": "contributing", "供稿科室": "contributing", "责任编辑": "editor",
    "来源": "source", "作者": "author", "草稿": "draft", "版记": "print", "打印版": "print",
}
# The keys of `print:` (config.ISSUE_PRINT_KEYS) as editors name them.
PRINT_ALIASES = {
    "报": "report_to", "送": "send_to", "发": "distribute_to", "印发": "printed_by", "印发单位": "printed_by",
    "份数": "copies", "印数": "copies", "共印": "copies", "标识": "mark", "密级": "mark", "编号": "serial",
    "刊别": "special", "增刊": "special", "专刊": "special",
}
_TITLE_KEYS = {"title": "title", "标题": "title", "subtitle": "subtitle", "副标题": "subtitle"}


@dataclass(frozen=True)
class RawSummaryItem:
    title: str
    subtitle: str
    line: int | None


@dataclass(frozen=True)
class Meta:
    number: int
    number_line: int | None  # where `issue:` is written, for messages about the number
    date_line: int | None
    date: dt.date
    total: int | None
    title: str | None
    issuer: str | None
    summary: tuple[RawSummaryItem, ...] | None
    contributing: str | None
    editor: str | None
    source: str | None
    author: str | None
    draft: bool
    print_overrides: tuple[tuple[str, object], ...] = ()  # `print:`: 版记 lines and 编号 for this issue
    time: str | None = None  # the time of day it is published (HH:MM), for the PubDate tag


def read_meta(fm: FrontMatter, path: Path, problems: Problems) -> Meta | None:
    """Convert the fields; None when a required one is missing or unusable."""
    fields = _canonical_keys(fm, path, problems)
    reader = _FieldReader(fields, fm, path, problems)
    number = reader.positive_int("issue", required=True)
    date = reader.date("date", required=True)
    meta = Meta(
        number=number or 0,
        number_line=reader.line("issue"),
        date_line=reader.line("date"),
        date=date or dt.date.min,
        total=reader.positive_int("total"),
        title=reader.text("title"),
        issuer=reader.text("issuer"),
        summary=reader.summary("summary"),
        contributing=reader.text("contributing"),
        editor=reader.text("editor"),
        source=reader.text("source"),
        author=reader.text("author"),
        draft=reader.boolean("draft"),
        print_overrides=reader.print_overrides("print"),
        time=reader.clock_time("time"),
    )
    return meta if number is not None and date is not None else None


def _canonical_keys(fm: FrontMatter, path: Path, problems: Problems) -> dict[str, tuple[str, object]]:
    """English key → (the key as written, value); unknown keys warned about."""
    fields: dict[str, tuple[str, object]] = {}
    for written, value in fm.data.items():
        key = ALIASES.get(written, written)
        if key not in KEYS:
            problems.warning("fm.unknown_key", path, fm.line_of(written), key=written,
                             hint=did_you_mean(written, [*KEYS, *ALIASES]))
            continue
        if key in fields:
            first = fields[key][0]
            problems.error("fm.duplicate_key", path, fm.line_of(written), key=written,
                           first=fm.line_of(first))
            continue
        fields[key] = (written, value)
    return fields


MAX_NUMBER = 10**8 - 1  # the largest number Chinese numerals are written for here (九千九百九十九万…)
_INT = re.compile(r"^第?\s*(\d+)\s*期?$")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value: str) -> tuple[int, int, int] | None:
    """2015-12-23, 2015/12/23, 2015.12.23, 20151223 and 2015年12月23日 all read the same."""
    text = to_halfwidth(value).strip()
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    return tuple(int(g) for g in match.groups()) if match else None  # type: ignore[return-value]


class _FieldReader:
    def __init__(self, fields: dict[str, tuple[str, object]], fm: FrontMatter, path: Path,
                 problems: Problems):
        self.fields, self.fm, self.path, self.problems = fields, fm, path, problems

    def _get(self, key: str, required: bool) -> tuple[str, object] | None:
        if key in self.fields and self.fields[key][1] is not None:
            return self.fields[key]
        if required:
            self.problems.error("fm.missing_field", self.path, self.line(key) or 1, key=key,
                                what=Msg.of(f"field.{key}"))
        return None

    def line(self, key: str) -> int | None:
        written = self.fields.get(key, (key, None))[0]
        return self.fm.line_of(written)

    def _wrong(self, key: str, expected: str, value: object) -> None:
        self.problems.error("fm.wrong_type", self.path, self.line(key), key=self.fields[key][0],
                            expected=Msg.of(expected), value=preview(value))

    def positive_int(self, key: str, required: bool = False) -> int | None:
        found = self._get(key, required)
        if found is None:
            return None
        value = found[1]
        match = _INT.match(to_halfwidth(value).strip()) if isinstance(value, str) else None
        digits = match.group(1).lstrip("0") if match else ""
        if len(digits) > len(str(MAX_NUMBER)) or (digits and int(digits) > MAX_NUMBER):
            # Checked on the digits first: int() of thousands of digits is itself an error.
            self.problems.error("fm.number_too_large", self.path, self.line(key), key=found[0],
                                value=preview(value)[:20], largest=MAX_NUMBER)
            return None
        if digits:
            return int(digits)
        self._wrong(key, "type.positive_int", value)
        return None

    def date(self, key: str, required: bool = False) -> dt.date | None:
        found = self._get(key, required)
        if found is None:
            return None
        value = found[1]
        if isinstance(value, dt.date):  # an explicit YAML timestamp: !!timestamp 2015-12-23
            return value.date() if isinstance(value, dt.datetime) else value
        parts = parse_date(value) if isinstance(value, str) else None
        if parts is None:
            self.problems.error("fm.bad_date", self.path, self.line(key), key=found[0],
                                value=preview(value))
            return None
        try:
            return dt.date(*parts)
        except ValueError:
            self.problems.error("fm.impossible_date", self.path, self.line(key), value=preview(value),
                                month=parts[1], day=parts[2])
            return None

    def clock_time(self, key: str) -> str | None:
        found = self._get(key, False)
        if found is None:
            return None
        value = clock_time(found[1])
        if value is None:
            self._wrong(key, "type.clock_time", found[1])
        return value

    def text(self, key: str) -> str | None:
        found = self._get(key, False)
        if found is None:
            return None
        if isinstance(found[1], str):
            return found[1].strip() or None
        self._wrong(key, "type.text", found[1])
        return None

    def boolean(self, key: str) -> bool:
        found = self._get(key, False)
        if found is None:
            return False
        value = found[1]
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip() in ("是", "否"):
            return value.strip() == "是"
        self._wrong(key, "type.bool", value)
        return False

    def print_overrides(self, key: str) -> tuple[tuple[str, object], ...]:
        """`print:` — the 版记 lines, copies, marks and 编号 this issue prints with, over site.yaml's."""
        found = self._get(key, False)
        if found is None:
            return ()
        if not isinstance(found[1], dict):
            self._wrong(key, "type.mapping", found[1])
            return ()
        overrides = []
        for written, value in found[1].items():
            name = PRINT_ALIASES.get(str(written), str(written))
            line = self.fm.line_of(f"{found[0]}.{written}") or self.line(key)
            if name not in ISSUE_PRINT_KEYS:
                self.problems.warning("fm.unknown_key", self.path, line, key=f"{found[0]}.{written}",
                                      hint=did_you_mean(str(written), [*ISSUE_PRINT_KEYS, *PRINT_ALIASES]))
                continue
            converted = _print_value(name, value)
            if converted is None:
                expected = "type.positive_int" if name == "copies" else "type.text"
                self.problems.error("fm.wrong_type", self.path, line, key=f"{found[0]}.{written}",
                                    expected=Msg.of(expected), value=preview(value))
            else:
                overrides.append((name, converted))
        return tuple(overrides)

    def summary(self, key: str) -> tuple[RawSummaryItem, ...] | None:
        found = self._get(key, False)
        if found is None:
            return None
        value = found[1]
        if isinstance(value, str):
            value = [line for line in value.split("\n") if line.strip()]
        if not isinstance(value, list):
            self._wrong(key, "type.list", value)
            return None
        line = self.line(key)
        items = []
        for index, item in enumerate(value, start=1):
            item_line = self.fm.line_of(f"{found[0]}.{index}") or line
            parsed = _summary_item(item, item_line)
            if parsed is None:
                self.problems.error("fm.summary_item", self.path, item_line, index=index)
            else:
                items.append(parsed)
        return tuple(items)


def _print_value(name: str, value: object) -> object:
    if name == "copies":
        match = _INT.match(to_halfwidth(value).strip()) if isinstance(value, str) else None
        digits = match.group(1) if match else ""
        return int(digits) if digits and 0 < len(digits) <= 9 and int(digits) > 0 else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _summary_item(item: object, line: int | None) -> RawSummaryItem | None:
    if isinstance(item, str) and item.strip():
        return RawSummaryItem(item.strip().lstrip("●•·").strip(), "", line)
    if isinstance(item, dict):
        parts = {_TITLE_KEYS.get(str(k)): v for k, v in item.items()}
        title, subtitle = parts.get("title"), parts.get("subtitle") or ""
        if None not in parts and isinstance(title, str) and title.strip() and isinstance(subtitle, str):
            return RawSummaryItem(title.strip(), subtitle.strip(), line)
    return None
