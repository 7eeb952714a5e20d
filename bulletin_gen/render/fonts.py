"""The print edition's fonts: an office's own, and which characters no font can set.

An office's licensed fonts (仿宋_GB2312, 方正小标宋…) go in a `fonts/` folder of
the site or its theme: the PDF uses them through @font-face under every
family name the font file gives itself, and they are never copied to the
web output (their licence is the office's, for its own documents).

A character no font can set would print as an empty box. The fonts are the
families print.css names (its one list, read from it, not repeated here)
that this machine has, as fontconfig finds them, and the office's; their
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


FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")


def office_fonts(folders: tuple[Path, ...]) -> dict[str, Path]:
    """The font files of the folders, by name; a later folder's file of the same name wins."""
    found: dict[str, Path] = {}
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
                    found[path.name] = path
    return dict(sorted(found.items()))


def font_faces(files: dict[str, Path], url_prefix: str) -> str:
    """@font-face rules for the files, under each family name a file gives itself (in any language),
    with its weight and style; `url_prefix` + the file's name is where the PDF fetches it."""
    rules = []
    for name, path in files.items():
        for family, weight, italic in _names(str(path)):
            rules.append(f'@font-face {{ font-family: "{family}"; src: url("{url_prefix}{name}"); '
                         f'font-weight: {weight}; font-style: {"italic" if italic else "normal"}; }}')
    return "\n".join(rules)


def missing(text: str, stylesheet: Path, office: tuple[Path, ...] = ()) -> list[str]:
    """The characters of `text`, once each in order, that none of the stylesheet's fonts on this
    machine nor the office's fonts has; empty when fontconfig cannot be asked (WeasyPrint needs
    it too)."""
    covered = _coverage(stylesheet.read_text(encoding="utf-8"))
    if covered is None:
        return []
    for path in office:
        covered = covered | _cmap(str(path), 0)
    return [char for char in dict.fromkeys(text) if ord(char) not in covered and not _NO_GLYPH.match(char)]


@functools.lru_cache(maxsize=64)
def _names(path: str) -> tuple[tuple[str, int, bool], ...]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            families = {record.toUnicode() for record in font["name"].names if record.nameID in (1, 16)}
            weight = font["OS/2"].usWeightClass if "OS/2" in font else 400
            italic = bool(font["head"].macStyle & 2) if "head" in font else False
    except Exception:  # noqa: BLE001 - a file fontTools cannot read is no font of ours
        return ()
    return tuple((family, weight, italic) for family in sorted(families) if family and '"' not in family)


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
