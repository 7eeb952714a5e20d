"""Reading length: 字数 and an estimated reading time, counted the way a Chinese reader counts.

字数 counts Han characters one by one and Latin words (runs of letters or
digits, e.g. "WiFi", "2025", "3.5") one each, as Chinese word processors do;
punctuation, spaces and markup count nothing. Full-width letters and digits
count like half-width ones. The reading time is 字数 divided by the site's
reading speed, rounded up, and never under one minute.
"""

from __future__ import annotations

import html
import math
import re
from typing import Iterable, NamedTuple

from bulletin_gen.text.textfile import to_halfwidth

DEFAULT_SPEED = 400  # characters a minute, the usual figure for reading Chinese prose

# Runs of Han characters: the CJK Unified Ideographs with extensions A to H, and the compatibility ideographs.
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’.\-][A-Za-z0-9\u00c0-\u024f]+)*")
_TAG = re.compile(r"<[^>]*>")


class TextLength(NamedTuple):
    han: int  # Han characters
    latin: int  # Latin words and numbers

    @property
    def chars(self) -> int:
        """字数: what an editor means by the length of a text."""
        return self.han + self.latin

    def minutes(self, speed: int = DEFAULT_SPEED) -> int:
        return max(1, math.ceil(self.chars / speed))


NOTHING = TextLength(0, 0)


def of_text(text: str) -> TextLength:
    # Each run of Han characters is blanked first, so "第3期" is 2 Han characters and one number.
    # Blanking whole runs leaves a short string for the slow NFKC folding (a bulletin is mostly
    # Han), and the run count gives the Han count: what the runs' removal shortened, plus a space each.
    rest, runs = _HAN_RUN.subn(" ", text)
    latin = len(_LATIN_WORD.findall(to_halfwidth(rest)))
    return TextLength(len(text) - len(rest) + runs, latin)


def plain_text(fragment: str) -> str:
    """Rendered HTML as a reader sees it: tags dropped (each leaves a space), entities read as characters."""
    return html.unescape(_TAG.sub(" ", fragment))


def of_html(fragment: str) -> TextLength:
    return of_text(plain_text(fragment))


def total(lengths: Iterable[TextLength]) -> TextLength:
    han = latin = 0
    for length in lengths:
        han += length.han
        latin += length.latin
    return TextLength(han, latin)
