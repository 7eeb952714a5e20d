"""Problems found in the input, collected so that one run reports them all.

A problem is recorded as a message key plus parameters and is only turned
into text when reported, in the site's language.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from bulletin_gen.base import i18n

ERROR, WARNING, INFO = "error", "warning", "info"


class Phrase:
    """A parameter worded only when it is reported, in the report's language.

    Problems are cached with the parsed file and may be reported later in
    another language (`bulletin --lang en`), so nothing is worded when found.
    """

    def text(self, language: str) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Msg(Phrase):
    """A message that is itself a parameter of another message."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **params: object) -> "Msg":
        return cls(key, tuple(sorted(params.items())))

    def text(self, language: str) -> str:
        return i18n.message(self.key, language, **_localise(dict(self.params), language))


def _localise(params: dict[str, object], language: str) -> dict[str, object]:
    return {k: (v.text(language) if isinstance(v, Phrase) else v) for k, v in params.items()}


_OS_REASONS = {"ENOSPC": "os.no_space", "EDQUOT": "os.no_space", "EROFS": "os.read_only", "EACCES": "os.denied",
               "EPERM": "os.denied", "ENOTDIR": "os.not_dir", "EEXIST": "os.exists", "EISDIR": "os.is_dir"}


def os_reason(exc: OSError) -> "Msg | str":
    """Why the operating system refused, in the editor's words where the reason is a common one."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        written = exc.filename2 or exc.filename  # a copy names its source first and what it wrote second
        return Msg.of(_OS_REASONS[name], where=Msg.of("os.where", file=written) if written else "")
    return exc.strerror or str(exc)


def did_you_mean(word: str, candidates: "list[str] | tuple[str, ...]", cutoff: float = 0.6,
                 prefix: str = "") -> "Msg | str":
    """A hint naming the closest candidate, or "" when nothing is close."""
    guess = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return Msg.of("hint.did_you_mean", guess=prefix + guess[0]) if guess else ""


@dataclass(frozen=True)
class Problem:
    level: str
    key: str
    params: tuple[tuple[str, object], ...]
    path: Path | None = None
    line: int | None = None

    def text(self, language: str) -> str:
        return i18n.message(self.key, language, **_localise(dict(self.params), language))

    def format(self, language: str, relative_to: Path | None = None) -> str:
        """`file:line: 错误: message`, the form editors and CI tools both read."""
        level = i18n.LEVELS.get(language, i18n.LEVELS["zh-CN"])[self.level]
        where = ""
        if self.path is not None:
            where = display_path(self.path, relative_to)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return f"{where}{level}: {self.text(language)}"


def display_path(path: Path, relative_to: Path | None) -> str:
    """`path` as a person reads it: relative to `relative_to` (posix-style) when below it, else as given."""
    if relative_to is not None:
        # As written first: resolving follows links, and a link to itself cannot be resolved at all.
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(relative_to)).as_posix()
        except ValueError:
            pass
        try:  # the site reached through a linked folder (/tmp → /private/tmp)
            return path.resolve().relative_to(relative_to.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            pass
    return str(path)


@dataclass
class Problems:
    """An append-only list of problems, shared by one stage of the build."""

    items: list[Problem] = field(default_factory=list)

    # Positional-only, so that a message may have parameters named key, path or line.
    def add(self, level: str, key: str, path: Path | None = None, line: int | None = None, /,
            **params: object) -> None:
        self.items.append(Problem(level, key, tuple(sorted(params.items())), path, line))

    def error(self, key: str, path: Path | None = None, line: int | None = None, /, **params: object) -> None:
        self.add(ERROR, key, path, line, **params)

    def warning(self, key: str, path: Path | None = None, line: int | None = None, /,
                **params: object) -> None:
        self.add(WARNING, key, path, line, **params)

    def info(self, key: str, path: Path | None = None, line: int | None = None, /, **params: object) -> None:
        self.add(INFO, key, path, line, **params)

    def extend(self, found: Iterable[Problem]) -> None:
        """Problems found elsewhere (a worker, the cache), kept as they were reported."""
        self.items.extend(found)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level == WARNING]

    def has_errors(self) -> bool:
        return any(p.level == ERROR for p in self.items)

    def sorted(self) -> list[Problem]:
        """Stable report order: by file, then line, so output is the same every run."""
        return sorted(self.items, key=lambda p: (str(p.path or ""), p.line or 0))


class BuildFailed(Exception):
    """Raised when problems make the build impossible; carries all of them."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} errors")
        self.problems = problems
