"""Printing problems and results for a person at a terminal."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import TextIO

from bulletin_gen.base import i18n
from bulletin_gen.base.problems import Problems


class Reporter:
    def __init__(self, language: str = i18n.DEFAULT_LANGUAGE, out: TextIO | None = None,
                 err: TextIO | None = None):
        self.language = language
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def error(self, text: str) -> None:
        print(text, file=self.err, flush=True)

    def problem_lines(self, problems: Problems, root: Path | None) -> list[str]:
        """`file:line: 错误: message`, one line a problem, in the order they are printed."""
        return [problem.format(self.language, root) for problem in problems.sorted()]

    def problems(self, problems: Problems, root: Path | None) -> None:
        self.lines(self.problem_lines(problems, root))

    def lines(self, lines: list[str]) -> None:
        """Problem lines go to stderr, so they stay apart from a command's own output."""
        for line in lines:
            print(line, file=self.err, flush=True)

    def failed(self, problems: Problems, root: Path | None, message: str = "cli.failed") -> None:
        """The problems, then one line: `message` says what did not happen (the build, or a command's work)."""
        self.problems(problems, root)
        print(i18n.message(message, self.language, errors=len(problems.errors),
                           warnings=len(problems.warnings)), file=self.err, flush=True)


def table_lines(header: list[str], rows: list[list[object]]) -> list[str]:
    """A plain-text table for a terminal: the first column left-aligned, numbers right-aligned.

    Widths count terminal columns, so rows of Chinese section names line up.
    """
    cells = [[str(cell) for cell in row] for row in [header, *rows]]
    widths = [max(columns(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for row in cells:
        parts = [row[0] + " " * (widths[0] - columns(row[0]))]
        parts += [" " * (widths[i] - columns(cell)) + cell for i, cell in enumerate(row[1:], start=1)]
        lines.append("  ".join(parts).rstrip())
    return lines


def columns(text: str) -> int:
    """How many terminal columns the text takes: Han and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
