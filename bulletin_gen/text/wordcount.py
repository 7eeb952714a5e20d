"""Reading length: 字数 and an estimated reading time, counted the way a Chinese reader counts.

字数 is counted as Word and WPS count it: each Han character is 1, each
full-width punctuation mark is 1 (，。、；：？！“”‘’（）《》【】——……·〇 and the
like: see _WIDE_MARK), and each Latin word (a run of letters or digits, e.g.
"WiFi", "2025", "3.5") is 1. Half-width punctuation, spaces and markup count
nothing. Full-width letters and digits count like half-width ones. The
reading time is 字数 divided by the site's reading speed, rounded up, and
never under one minute.
"""

from __future__ import annotations

import html
import math
import re
from typing import Iterable, NamedTuple

from bulletin_gen.text.textfile import to_halfwidth

DEFAULT_SPEED = 400  # characters a minute, the usual figure for reading Chinese prose

# Runs of Han characters: the CJK Unified Ideographs with extensions A to H, and the compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # as a character class's body
_HAN_RUN = re.compile(f"[{HAN}]+")
_HAN_CHAR = re.compile(f"[{HAN}]")
# Punctuation set in a Chinese font's full width, each one 字 to Word and WPS: CJK symbols and
# punctuation (、。〈〉《》「」【】〇…), the full-width forms of ASCII punctuation (，：；！？（）％…), the
# curly quotes, dash, ellipsis and middle dot Chinese text uses (“”‘’——……·), vertical and small forms.
# A ’ between Latin letters is an apostrophe (don’t), part of a word.
_WIDE_MARK = re.compile("[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                        "\u2018\u201c\u201d\u2014\u2026\u00b7\u2022\u25cf\u203b\ufe10-\ufe19\ufe30-\ufe6b]"
                        "|(?<![A-Za-z0-9\u00c0-\u024f])\u2019|\u2019(?![A-Za-z0-9\u00c0-\u024f])")
_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’.\-][A-Za-z0-9\u00c0-\u024f]+)*")
_TAG = re.compile(r"<[^>]*>")


class TextLength(NamedTuple):
    han: int  # Han characters
    latin: int  # Latin words and numbers
    marks: int = 0  # full-width punctuation marks

    @property
    def chars(self) -> int:
        """字数: what an editor means by the length of a text, and what Word and WPS show."""
        return self.han + self.latin + self.marks

    def minutes(self, speed: int = DEFAULT_SPEED) -> int:
        return max(1, math.ceil(self.chars / speed))


NOTHING = TextLength(0, 0)


def is_han(char: str) -> bool:
    return bool(char) and _HAN_CHAR.match(char) is not None


def of_text(text: str) -> TextLength:
    # Each run of Han characters is blanked first, so "第3期" is 2 Han characters and one number.
    # Blanking whole runs leaves a short string for the slow NFKC folding (a bulletin is mostly
    # Han), and the run count gives the Han count: what the runs' removal shortened, plus a space each.
    rest, runs = _HAN_RUN.subn(" ", text)
    # Marks are blanked before the folding too: NFKC would turn full-width ones half-width.
    rest_without_marks, marks = _WIDE_MARK.subn(" ", rest)
    latin = len(_LATIN_WORD.findall(to_halfwidth(rest_without_marks)))
    return TextLength(len(text) - len(rest) + runs, latin, marks)


def plain_text(fragment: str) -> str:
    """Rendered HTML as a reader sees it: tags dropped (each leaves a space), entities read as characters."""
    return html.unescape(_TAG.sub(" ", fragment))


def of_html(fragment: str) -> TextLength:
    return of_text(plain_text(fragment))


def total(lengths: Iterable[TextLength]) -> TextLength:
    han = latin = marks = 0
    for length in lengths:
        han += length.han
        latin += length.latin
        marks += length.marks
    return TextLength(han, latin, marks)
