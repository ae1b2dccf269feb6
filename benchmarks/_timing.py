"""Timing: a case runs a batch of operations; we time whole batches, timeit-style.

Timing a batch (not one call) keeps the clock's own cost out of the figure;
the median over repetitions keeps a busy shared machine's hiccups out too.
The txaio side and the raw side alternate within each repetition so that a
slow patch of the machine hits both.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

#: A batch: do about ``n`` operations, return how many were done.
Batch = Callable[[int], int]

#: Wall-clock by default.  ``use_cpu_clock()`` switches to this thread's CPU time, which a
#: machine busy with other processes disturbs far less (waiting for a core is not counted).
_clock: Callable[[], int] = time.perf_counter_ns


def use_cpu_clock() -> None:
    global _clock
    _clock = time.thread_time_ns


@dataclass
class Side:
    """The median cost of one operation, and what it was measured on."""

    ns_per_op: float
    ops_per_batch: int
    repetitions: int


@dataclass
class Comparison:
    """Both sides of a case and the median of their paired ratios (None without a raw side)."""

    ours: Side
    raw: Side | None
    ratio: float | None


def time_batch(batch: Batch, n: int) -> tuple[float, int]:
    """Run one batch with the garbage collector off (as timeit does); ns per op and ops done."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        start = _clock()
        done = batch(n)
        elapsed = _clock() - start
    finally:
        if was_enabled:
            gc.enable()
    if done <= 0:
        raise RuntimeError(f"a batch asked for {n} operations reported {done}")
    return elapsed / done, done


def calibrate(batch: Batch, start: int, target_ns: int, cap: int) -> int:
    """Grow ``n`` from ``start`` (doubling) until one batch takes ``target_ns``; also warms up."""
    n = start
    while True:
        per_op, done = time_batch(batch, n)
        if per_op * done >= target_ns or n >= cap:
            return n
        n = min(cap, n * 2)


def compare(txaio_batch: Batch, raw_batch: Batch | None, n: int, repetitions: int) -> Comparison:
    """Median ns/op of both sides, alternating which side goes first.

    The ratio is the median of each repetition's own txaio/raw ratio: the two
    batches of one repetition run back to back, so a load spike from other
    processes on the machine mostly cancels out of it.
    """
    ours: list[float] = []
    raws: list[float] = []
    ratios: list[float] = []
    done_ours = done_raw = 0
    for rep in range(repetitions):
        order = [("ours", txaio_batch), ("raw", raw_batch)]
        if rep % 2:
            order.reverse()
        for side, batch in order:
            if batch is None:
                continue
            per_op, done = time_batch(batch, n)
            if side == "ours":
                ours.append(per_op)
                done_ours = done
            else:
                raws.append(per_op)
                done_raw = done
        if raws:
            ratios.append(ours[-1] / raws[-1])
    return Comparison(
        Side(statistics.median(ours), done_ours, repetitions),
        Side(statistics.median(raws), done_raw, repetitions) if raws else None,
        statistics.median(ratios) if ratios else None,
    )
