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
import time
from collections import deque
from itertools import islice
from typing import TYPE_CHECKING, Callable, Iterator, Protocol, Sequence, TypeVar

if TYPE_CHECKING:
    import multiprocessing.context

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 64  # below this, one process is faster than starting a pool
CHUNK = 24  # items per task: big enough to amortise the hand-over, small enough to balance load
AHEAD = 3  # chunks handed to each worker before the first result is taken


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


def workers(items: int, processes: int | None = None, weight: float = 1) -> int:
    """How many worker processes `run` uses for this many items: 0 means this process does the work.

    `weight`: what one item costs, in items of the usual kind (a page); a PDF
    costs some twenty, so a few dozen of them are worth a pool.
    """
    work = items * weight
    count = min(processes or cores(), items, max(1, int(work // CHUNK)))
    return 0 if count < 2 or work < MIN_ITEMS else count


def chunk_size(weight: float = 1) -> int:
    """Items per task: CHUNK items of the usual kind, fewer of costlier ones, so that the
    workers end together."""
    return max(1, round(CHUNK / max(weight, 1)))


def run(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], init: Callable[..., None],
        init_args: tuple[object, ...], processes: int | None = None,
        advance: Callable[[int], None] | None = None, weight: float = 1) -> Iterator[R]:
    """`work` applied to chunks of `items`, results flattened in order.

    `init(*init_args)` sets up each worker (or this process) once; `work` and
    `init` must be module-level functions so a spawned worker can import them.
    `advance(n)` is told of every chunk of n items done. `weight`: see workers().
    """
    count, size = workers(len(items), processes, weight), chunk_size(weight)
    if not count:
        init(*init_args)
        for start in range(0, len(items), size):
            chunk = items[start:start + size]
            results = work(chunk)
            if advance:
                advance(len(chunk))
            yield from results
        return
    yield from _pooled(work, items, init, init_args, count, advance, size)


# The items of the pool being started, for workers forked from this process: each reads its
# chunk from its copy of this memory instead of receiving it pickled. (At 5000 issues the page
# jobs of the render stage took 0.5 s to pickle here and over 1 s to unpickle in the workers.)
_inherited: Sequence[object] | None = None


def _inherited_chunk(work: Callable[[Sequence[T]], list[R]], start: int, size: int) -> list[R]:
    assert _inherited is not None, "only a forked worker has the items"
    return work(_inherited[start:start + size])  # type: ignore[arg-type]


ORPHAN_CHECK_SECONDS = 0.5


def _start_worker(parent: int, init: Callable[..., None], init_args: tuple[object, ...]) -> None:
    """A worker's set-up: `init`, and a watch that ends the worker once the build's process is gone.

    A build killed with kill -9 cannot tell its workers; without the watch they
    would wait for work for ever (their pipe stays open in each other).
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()
    init(*init_args)


def _pooled(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], init: Callable[..., None],
            init_args: tuple[object, ...], count: int, advance: Callable[[int], None] | None,
            size: int = CHUNK) -> Iterator[R]:
    global _inherited
    # Imported only for a pool: a small site never needs it, and it adds tens of milliseconds to start-up.
    from concurrent.futures import Future, ProcessPoolExecutor

    context = _context()
    inherit = context.get_start_method() == "fork"

    def submit(start: int) -> Future[list[R]]:
        if inherit:
            return pool.submit(_inherited_chunk, work, start, size)
        return pool.submit(work, items[start:start + size])

    _inherited = items if inherit else None  # set before the first submit, which forks the workers
    try:
        with ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker,
                                 initargs=(os.getpid(), init, init_args)) as pool:
            # Only a few chunks ahead of the one being used: results (rendered pages, parsed text)
            # wait in this process until they are taken, so a slow taker must hold the workers back.
            starts = iter(range(0, len(items), size))
            pending = deque((start, submit(start)) for start in islice(starts, count * AHEAD))
            while pending:
                start, future = pending.popleft()
                results = future.result()
                for following in islice(starts, 1):
                    pending.append((following, submit(following)))
                if advance:
                    advance(min(size, len(items) - start))
                yield from results
    finally:
        _inherited = None
