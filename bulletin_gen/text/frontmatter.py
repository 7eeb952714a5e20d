"""Splitting an issue file into its YAML front matter and Markdown body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bulletin_gen.base.problems import Msg, Problems
from bulletin_gen.text import textfile, yamlload

_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class Split:
    yaml_text: str
    yaml_first_line: int  # 1-based line of the first YAML line in the file
    body: str
    body_first_line: int  # 1-based line of the first body line in the file


def split(text: str, path: Path, problems: Problems) -> Split | None:
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1  # blank lines before the opening --- are harmless
    if start == len(lines) or lines[start].rstrip() != "---":
        problems.error("fm.missing", path, start + 1 if start < len(lines) else 1)
        return None
    for end in range(start + 1, len(lines)):
        if _FENCE.match(lines[end]):
            return Split(
                yaml_text="\n".join(lines[start + 1 : end]),
                yaml_first_line=start + 2,
                body="\n".join(lines[end + 1 :]),
                body_first_line=end + 2,
            )
    problems.error("fm.unclosed", path, start + 1, start=start + 1)
    return None


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    key_lines: dict[str, int]  # absolute 1-based line in the file

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)


def load(part: Split, path: Path, problems: Problems) -> FrontMatter | None:
    # YAML refuses a control character anywhere; Word's line break is the one the file may still hold.
    yaml_text = textfile.without_controls(part.yaml_text, path, problems, first_line=part.yaml_first_line)
    text, fixes = yamlload.fix_fullwidth_colons(yaml_text)
    offset = part.yaml_first_line - 1
    for line, key in fixes:
        problems.warning("fm.fullwidth_colon", path, offset + line, key=key)
    try:
        loaded = yamlload.load(text)
    except yamlload.YamlError as exc:
        line_in_yaml = yamlload.error_line(exc, text)
        line = offset + min(line_in_yaml, text.count("\n") + 1) if line_in_yaml else part.yaml_first_line
        problems.error("fm.yaml", path, line, problem=yamlload.Described(exc.problem))
        return None
    if loaded.value is None:
        return FrontMatter({}, {})
    if not isinstance(loaded.value, dict):
        problems.error("fm.not_mapping", path, part.yaml_first_line, kind=_kind(loaded.value))
        return None
    for key, first, again in loaded.duplicates:
        problems.error("fm.duplicate_key", path, offset + again, key=key, first=offset + first)
    key_lines = {k: offset + v for k, v in loaded.key_lines.items()}
    data = {str(k): v for k, v in loaded.value.items()}
    if "\\" in text:  # only a double-quoted escape can put a control character in a value
        data = textfile.values_without_controls(data, key_lines, path, problems)
    return FrontMatter(data, key_lines)


def _kind(value: object) -> Msg:
    if isinstance(value, list):
        return Msg.of("fm.kind.list")
    return Msg.of("fm.kind.text", text=yamlload.preview(value))
