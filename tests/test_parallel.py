"""The process pool: every item's result, in input order, however many chunks are in flight."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from bulletin_gen.base import parallel


def _init(offset: int) -> None:
    global _offset
    _offset = offset


def _slow_square(chunk: list[int]) -> list[tuple[int, int]]:
    # Uneven work, so chunks finish out of order in the pool.
    time.sleep(0.002 * (chunk[0] % 3))
    return [(x, x * x + _offset) for x in chunk]


def _fails_on_500(chunk: list[int]) -> list[int]:
    if 500 in chunk:
        raise ValueError("item 500")
    return chunk


@pytest.mark.parametrize("start", ["default", "spawn"])
def test_a_pool_gives_every_result_in_input_order_with_more_chunks_than_it_holds_at_once(monkeypatch, start):
    """Forked workers read their chunks from the memory they inherit; spawned ones are sent them."""
    if start == "spawn":
        monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    items = list(range(1000))  # 42 chunks: many more than the chunks handed out ahead
    assert parallel.workers(len(items), 2) == 2
    results = list(parallel.run(_slow_square, items, _init, (7,), processes=2))
    assert results == [(x, x * x + 7) for x in items]
    assert parallel._inherited is None  # the items are not held once the pool is done


def test_a_failing_chunk_stops_the_run_with_its_error():
    with pytest.raises(ValueError, match="item 500"):
        list(parallel.run(_fails_on_500, list(range(1000)), _init, (0,), processes=2))


def test_small_work_stays_in_this_process():
    assert parallel.workers(parallel.MIN_ITEMS - 1, 8) == 0
    seen = list(parallel.run(lambda chunk: [os.getpid() for _ in chunk], list(range(10)), _init, (0,), 2))
    assert set(seen) == {os.getpid()}
