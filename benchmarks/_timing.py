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
    """Both sides of a case and the median of their paired ratios (None without a raw side).

    ``floor`` is the same work through the least a Python layer with txaio's
    signatures must do, when the case has one: ``floor_ratio`` is floor/raw.
    """

    ours: Side
    raw: Side | None
    ratio: float | None
    floor: Side | None = None
    floor_ratio: float | None = None


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


def compare(
    txaio_batch: Batch, raw_batch: Batch | None, n: int, repetitions: int, floor_batch: Batch | None = None
) -> Comparison:
    """Median ns/op of each side, rotating which side goes first.

    Each ratio is the median of the repetitions' own ratios to the raw side:
    the batches of one repetition run back to back, so a load spike from
    other processes on the machine mostly cancels out of it.
    """
    sides = {"ours": txaio_batch, "raw": raw_batch, "floor": floor_batch}
    order = [name for name, batch in sides.items() if batch is not None]
    per_op: dict[str, list[float]] = {name: [] for name in order}
    done: dict[str, int] = {}
    ratios: dict[str, list[float]] = {"ours": [], "floor": []}
    for rep in range(repetitions):
        turn = order[rep % len(order) :] + order[: rep % len(order)]
        for name in turn:
            per_op_ns, done[name] = time_batch(sides[name], n)  # type: ignore[arg-type]
            per_op[name].append(per_op_ns)
        if "raw" in per_op:
            for name in ("ours", "floor"):
                if name in per_op:
                    ratios[name].append(per_op[name][-1] / per_op["raw"][-1])

    def side(name: str) -> Side | None:
        return Side(statistics.median(per_op[name]), done[name], repetitions) if name in per_op else None

    def ratio(name: str) -> float | None:
        return statistics.median(ratios[name]) if ratios[name] else None

    ours = side("ours")
    assert ours is not None
    return Comparison(ours, side("raw"), ratio("ours"), side("floor"), ratio("floor"))
