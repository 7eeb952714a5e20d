"""The files `bulletin init` and `bulletin new` write, from the skeletons shipped in the package.

The skeletons live in bulletin_gen/skeleton/ so that an installed wheel has
them; values are filled in with string.Template (`${name}`), which leaves
YAML's own braces and colons alone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path
from string import Template


def create(path: Path, text: str) -> None:
    """Write a new file, with its folders; FileExistsError rather than write over an editor's file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as new_file:  # "x": only if it does not exist
        new_file.write(text)


def _skeleton(name: str) -> Template:
    return Template(resources.files("bulletin_gen").joinpath("skeleton", name).read_text(encoding="utf-8"))


def yaml_text(value: str) -> str:
    """A value written into YAML as it is when that is safe, else double-quoted (JSON is valid YAML)."""
    if value and re.fullmatch(r"[^\s:#'\"\[\]{},&*!|>%@`\-?][^:#]*", value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


def site_yaml(name: str, issuer: str, language: str) -> str:
    return _skeleton("site.yaml").substitute(name=yaml_text(name), issuer=yaml_text(issuer), language=language)


def gitignore() -> str:
    return _skeleton("gitignore").substitute()


def first_issue(day: dt.date) -> str:
    return _skeleton("first-issue.md").substitute(date=day.isoformat())


def new_issue(number: int, day: dt.date, issuer: str, total: int | None) -> str:
    total_line = f"total: {total}\n" if total is not None else ""
    return _skeleton("new-issue.md").substitute(number=number, date=day.isoformat(), issuer=yaml_text(issuer),
                                                total=total_line)


def issue_file(year: int, number: int) -> str:
    """Where a new issue goes in content/: one folder a year, files named by number (2025/07.md)."""
    return f"{year}/{number:02d}.md"
