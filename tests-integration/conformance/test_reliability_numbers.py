"""Seconds and counts: every real number is taken, the same refusals everywhere, negative means now.

Seconds (``call_later``, ``sleep``, a batched timer's ``call_later`` and its
``bucket_seconds``) take any ``numbers.Real`` and ``decimal.Decimal``;
counts (``chunk_size``) take whatever ``operator.index`` takes.  NaN, the
infinities, non-numbers (and bools, except as ``call_later``'s delay) are
refused at the call; a negative delay means now, also under ``python -O``.
Plain classes of our own stand in for numpy's scalars (which register the
same way), so no numpy is needed.
"""

from __future__ import annotations

import numbers
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import txaio

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reliability_child import clean_run, run_child


class Seconds:
    """A real number that is neither int nor float (as numpy.float32(0.05) is)."""

    def __init__(self, value: float) -> None:
        self.value = value

    def __float__(self) -> float:
        return self.value

    def __repr__(self) -> str:
        return f"Seconds({self.value})"


numbers.Real.register(Seconds)


class Count:
    """A whole number that is not an int (as numpy.int64(10) is)."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


REAL_DELAYS = [Fraction(1, 20), Decimal("0.05"), Seconds(0.05), 0.05, 1]
NOT_NUMBERS = ["0.05", None, complex(1, 0), object(), [1]]
NOT_FINITE = [float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("Infinity")]


def fired_within(clock: Any, seconds: float, start: Any) -> list[str]:
    seen: list[str] = []
    start(lambda *_: seen.append("fired"))
    clock.advance(seconds)
    return seen


@pytest.mark.parametrize("delay", REAL_DELAYS, ids=repr)
def test_call_later_takes_every_real_number(txaio_framework: str, txaio_clock: Any, delay: Any) -> None:
    assert fired_within(txaio_clock, 1.01, lambda fire: txaio.call_later(delay, fire)) == ["fired"]


@pytest.mark.parametrize("delay", REAL_DELAYS, ids=repr)
def test_sleep_takes_every_real_number(txaio_framework: str, txaio_clock: Any, delay: Any) -> None:
    assert fired_within(txaio_clock, 1.01, lambda fire: txaio.add_callbacks(txaio.sleep(delay), fire, None)) == [
        "fired"
    ]


@pytest.mark.parametrize("delay", REAL_DELAYS, ids=repr)
@pytest.mark.parametrize("bucket", [Fraction(1, 20), Decimal("0.05"), Seconds(0.05), 1], ids=repr)
def test_batched_timers_take_every_real_number(txaio_framework: str, txaio_clock: Any, delay: Any, bucket: Any) -> None:
    timer = txaio.make_batched_timer(bucket, chunk_size=Count(10))
    assert timer.chunk_size == 10 and type(timer.chunk_size) is int
    assert fired_within(txaio_clock, 2.01, lambda fire: timer.call_later(delay, fire)) == ["fired"]


@pytest.mark.parametrize("delay", [-0.003, -1, Fraction(-1, 2)], ids=repr)
def test_a_negative_delay_means_now_everywhere(txaio_framework: str, txaio_clock: Any, delay: Any) -> None:
    timer = txaio.make_batched_timer(0.1)
    seen: list[str] = []
    txaio.call_later(delay, seen.append, "call_later")
    txaio.add_callbacks(txaio.sleep(delay), lambda _: seen.append("sleep"), None)
    timer.call_later(delay, seen.append, "batched")
    txaio_clock.advance(0.1)
    assert sorted(seen) == ["batched", "call_later", "sleep"]


def _every_delay_taker(timer: Any) -> dict[str, Any]:
    return {
        "call_later": lambda d: txaio.call_later(d, print),
        "sleep": txaio.sleep,
        "batched call_later": lambda d: timer.call_later(d, print),
        "make_batched_timer": txaio.make_batched_timer,
    }


@pytest.mark.parametrize("value", NOT_FINITE, ids=repr)
def test_nan_and_infinity_are_refused_at_every_call(txaio_framework: str, txaio_clock: Any, value: Any) -> None:
    timer = txaio.make_batched_timer(0.1)
    for name, take in _every_delay_taker(timer).items():
        with pytest.raises(ValueError, match=r"finite") as caught:
            take(value)
        assert repr(value) in str(caught.value), name
    assert timer.pending() == 0
    assert txaio_clock.next_due() is None, "nothing was scheduled"


@pytest.mark.parametrize("value", NOT_NUMBERS, ids=lambda v: type(v).__name__)
def test_non_numbers_are_refused_at_every_call(txaio_framework: str, txaio_clock: Any, value: Any) -> None:
    timer = txaio.make_batched_timer(0.1)
    for name, take in _every_delay_taker(timer).items():
        with pytest.raises(TypeError, match="number of seconds"):
            take(value)
        assert name
    assert txaio_clock.next_due() is None, "nothing was scheduled"


def test_bools_are_refused_where_they_make_no_sense(txaio_framework: str, txaio_clock: Any) -> None:
    timer = txaio.make_batched_timer(0.1)
    for take in (txaio.sleep, txaio.make_batched_timer, lambda d: timer.call_later(d, print)):
        with pytest.raises(TypeError, match="bool"):
            take(True)
    with pytest.raises(TypeError, match="chunk_size as a whole number, not bool"):
        txaio.make_batched_timer(0.1, chunk_size=True)
    handle = txaio.call_later(True, print)  # txaio 26.6.1 and asyncio take it as one second: kept
    handle.cancel()


@pytest.mark.parametrize(
    ("chunk", "error"),
    [(0, ValueError), (-1, ValueError), (Count(0), ValueError), (1.5, TypeError), (Fraction(10), TypeError)],
    ids=repr,
)
def test_bad_counts_are_refused(txaio_framework: str, chunk: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="chunk_size"):
        txaio.make_batched_timer(0.1, chunk_size=chunk)


def test_under_python_O_a_negative_delay_is_still_now_and_nan_still_refused(txaio_framework: str, request: Any) -> None:
    body = """
    async def main():
        seen = []
        txaio.call_later(-0.003, seen.append, "call_later")
        await txaio.sleep(-1)
        try:
            txaio.sleep(float("nan"))
        except ValueError:
            seen.append("nan refused")
        await txaio.sleep(0.01)
        return " ".join(sorted(seen))

    report(run(main))
    """
    lines = clean_run(run_child(txaio_framework, body, request.config, strict=False, flags=("-O",)))
    assert lines == ["call_later nan refused"]
