"""Printing problems and results for a person at a terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bulletin_gen import i18n
from bulletin_gen.problems import Problems


class Reporter:
    def __init__(self, language: str = i18n.DEFAULT_LANGUAGE, out: TextIO | None = None,
                 err: TextIO | None = None):
        self.language = language
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def problems(self, problems: Problems, root: Path | None) -> None:
        for problem in problems.sorted():
            print(problem.format(self.language, root), file=self.err, flush=True)

    def failed(self, problems: Problems, root: Path | None) -> None:
        self.problems(problems, root)
        print(i18n.message("cli.failed", self.language, errors=len(problems.errors),
                           warnings=len(problems.warnings)), file=self.err, flush=True)
