"""Running one stage's work in this process or across all cores.

A process pool costs tens of milliseconds to start and to ship data through,
so it is used only when there is enough work to pay for it: cold builds of
large sites. Small sites and incremental rebuilds stay in one process.
Results come back in input order, so the output is the same however the work
was split.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING, Callable, Iterator, Protocol, Sequence, TypeVar

if TYPE_CHECKING:
    import multiprocessing.context

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 64  # below this, one process is faster than starting a pool
CHUNK = 24  # items per task: big enough to amortise the hand-over, small enough to balance load


class Progress(Protocol):
    """Someone watching a long build: told each stage's size, then each chunk done."""

    def start(self, stage: str, total: int) -> None: ...

    def advance(self, done: int) -> None: ...


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork is fastest to start, but unsafe once other threads run (the preview
    # server has some); spawn works everywhere, Windows included.
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], init: Callable[..., None],
        init_args: tuple[object, ...], processes: int | None = None,
        advance: Callable[[int], None] | None = None) -> Iterator[R]:
    """`work` applied to chunks of `items`, results flattened in order.

    `init(*init_args)` sets up each worker (or this process) once; `work` and
    `init` must be module-level functions so a spawned worker can import them.
    `advance(n)` is told of every chunk of n items done.
    """
    workers = min(processes or cores(), max(1, len(items) // CHUNK))
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    if workers < 2 or len(items) < MIN_ITEMS:
        init(*init_args)
        for chunk in chunks:
            results = work(chunk)
            if advance:
                advance(len(chunk))
            yield from results
        return
    # Imported only for a pool: a small site never needs it, and it adds tens of milliseconds to start-up.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=init, initargs=init_args) as pool:
        for chunk, results in zip(chunks, pool.map(work, chunks)):
            if advance:
                advance(len(chunk))
            yield from results
