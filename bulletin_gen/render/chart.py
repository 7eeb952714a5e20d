"""The geometry of a horizontal bar chart, drawn as inline SVG by the stats page's template.

Horizontal bars because the labels are section names in Chinese, often long:
they read left to right beside their bars instead of slanting under columns.
Numbers are computed here and rounded, so the SVG is the same on every build;
the template only writes them out (and escapes the labels).
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

# Narrow enough that a phone shrinks the drawing only a little and its labels stay legible.
WIDTH = 480
BAR = 24  # bar height
GAP = 10  # between bars
PAD = 8  # around the plot
FONT = 16  # the labels' size; a Han character is about one font size wide
MAX_LABEL_CHARS = 12  # longer labels are shortened with … (the table beside the chart has them whole)
VALUE_ROOM = 48  # right of the longest bar, for its number


class Bar(NamedTuple):
    label: str  # as drawn, perhaps shortened
    full_label: str
    value: int
    y: float  # top of the bar
    width: float
    text_y: float  # the middle of the bar, where its label and value sit


class BarChart(NamedTuple):
    width: int
    height: int
    label_width: float  # bars start here; labels end just left of it
    bar_height: int
    bars: tuple[Bar, ...]


def _shorten(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _text_width(text: str) -> float:
    """Roughly: a Han or full-width character is one font size wide, anything else about half."""
    return sum(FONT if ord(ch) > 0x2E7F else FONT * 0.55 for ch in text)


def horizontal_bars(rows: Sequence[tuple[str, int]]) -> BarChart:
    """One bar per (label, value), in the order given."""
    labels = [_shorten(label) for label, _ in rows]
    label_width = round(PAD + max((_text_width(label) for label in labels), default=0) + PAD, 1)
    room = WIDTH - label_width - VALUE_ROOM - PAD
    largest = max((value for _, value in rows), default=0) or 1
    bars = tuple(
        Bar(label, full, value, PAD + i * (BAR + GAP), round(max(1.0, room * value / largest), 1),
            PAD + i * (BAR + GAP) + BAR / 2)
        for i, (label, (full, value)) in enumerate(zip(labels, rows))
    )
    height = PAD * 2 + len(rows) * (BAR + GAP) - (GAP if rows else 0)
    return BarChart(WIDTH, height, label_width, BAR, bars)
