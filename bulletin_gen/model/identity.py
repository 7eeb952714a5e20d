"""Comparing a build's data with the last build's by identity, in C.

A rebuild after one save is made from mostly the very objects of the last
build; `is` tells what changed without comparing contents, and map/compress
keep the walk over thousands of items out of the interpreter's loop.
"""

from __future__ import annotations

import itertools
import operator
from typing import Iterator, Sequence


def same_objects(last: Sequence[object], now: Sequence[object]) -> bool:
    """Whether `now` holds the very objects of `last`, in the same places."""
    return len(last) == len(now) and all(map(operator.is_, last, now))


def replaced_at(last: Sequence[object], now: Sequence[object]) -> Iterator[int]:
    """The places where `now` holds another object than `last` (of the same length) held."""
    return itertools.compress(range(len(now)), map(operator.is_not, last, now))
