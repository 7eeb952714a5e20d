"""Which characters of a text no font of the print stylesheet can set: they would print as empty boxes.

The fonts are the families print.css names (its one list, read from it, not
repeated here) that this machine has, as fontconfig finds them; their
character maps are read once a process, with fontTools.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

# Quoted family names in a stylesheet's font stacks: "Noto Serif CJK SC", "仿宋_GB2312".
_FAMILY = re.compile(r'"([^"]+)"')
_STACK = re.compile(r"(?:font-family|--serif|--title|--kai|--sans)\s*:\s*([^;}]+)")
# Characters that need no glyph of their own: spaces, line breaks, invisible joiners.
_NO_GLYPH = re.compile(r"[\s\u200b-\u200f\u2028\u2029\u2060\ufeff]")


def families(stylesheet: str) -> tuple[str, ...]:
    """Every family the stylesheet's font stacks name, in order, once each."""
    names = (name for stack in _STACK.findall(stylesheet) for name in _FAMILY.findall(stack))
    return tuple(dict.fromkeys(names))


def missing(text: str, stylesheet: Path) -> list[str]:
    """The characters of `text`, once each in order, that none of the stylesheet's fonts on this
    machine has; empty when fontconfig cannot be asked (the check needs it, WeasyPrint too)."""
    covered = _coverage(stylesheet.read_text(encoding="utf-8"))
    if covered is None:
        return []
    return [char for char in dict.fromkeys(text) if ord(char) not in covered and not _NO_GLYPH.match(char)]


@functools.lru_cache(maxsize=4)
def _coverage(stylesheet: str) -> frozenset[int] | None:
    if shutil.which("fc-list") is None:
        return None
    points: set[int] = set()
    for family in families(stylesheet):
        for path, index in _font_files(family):
            points.update(_cmap(path, index))
    return frozenset(points)


def _font_files(family: str) -> list[tuple[str, int]]:
    """The files fontconfig has of exactly this family (fc-list matches no other)."""
    listed = subprocess.run(["fc-list", "-f", "%{file}\t%{index}\n", family], capture_output=True, text=True,
                            check=False).stdout
    return [(path, int(index or 0)) for path, _, index in (line.partition("\t") for line in listed.splitlines())
            if path]


@functools.lru_cache(maxsize=64)
def _cmap(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # noqa: BLE001 - a font fontTools cannot read covers nothing, as far as we can tell
        return frozenset()
