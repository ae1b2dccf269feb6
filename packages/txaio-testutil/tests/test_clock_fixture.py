"""The txaio_clock fixture driving txaio's own operations on each installed framework."""

from __future__ import annotations

from typing import Any

import pytest

import txaio
from txaio.testutil import VirtualClock


def test_is_installed_for_the_framework_under_test(txaio_framework: str, txaio_clock: VirtualClock) -> None:
    assert txaio_clock.framework == txaio_framework
    assert txaio.config.loop is txaio_clock.loop
    assert txaio_clock.now() == 0.0


def test_resolved_future_runs_its_callbacks_on_advance_zero(txaio_clock: VirtualClock) -> None:
    seen: list[Any] = []
    f = txaio.create_future()
    txaio.add_callbacks(f, seen.append, None)
    txaio.resolve(f, 1)
    txaio_clock.advance(0)
    assert seen == [1]


def test_call_later_runs_when_due(txaio_clock: VirtualClock) -> None:
    seen: list[float] = []
    txaio.call_later(2, lambda: seen.append(txaio_clock.now()))
    txaio_clock.advance(1.9)
    assert seen == []
    txaio_clock.advance(0.1)
    assert seen == [2.0]


def test_cancelled_call_later_does_not_run(txaio_clock: VirtualClock) -> None:
    seen: list[int] = []
    call = txaio.call_later(1, seen.append, 1)
    call.cancel()
    txaio_clock.advance(5)
    assert seen == []


def test_sleep_resolves_after_virtual_time(txaio_clock: VirtualClock) -> None:
    seen: list[float] = []
    txaio.add_callbacks(txaio.sleep(3), lambda _: seen.append(txaio_clock.now()), None)
    txaio_clock.advance(2.5)
    assert seen == []
    txaio_clock.advance(1)
    assert seen == [3.0]


@pytest.mark.txaio_only("asyncio")
def test_coroutines_through_as_future_run_on_the_virtual_loop(txaio_clock: VirtualClock) -> None:
    seen: list[Any] = []

    async def work() -> str:
        await txaio.sleep(4)
        return "done"

    txaio.add_callbacks(txaio.as_future(work), seen.append, None)
    txaio_clock.advance(3.9)
    assert seen == []
    txaio_clock.advance(0.1)
    assert seen == ["done"]


def test_batched_timer_fires_each_bucket_once_due(txaio_clock: VirtualClock) -> None:
    seen: list[tuple[str, float]] = []
    timer = txaio.make_batched_timer(1)
    timer.call_later(2.2, lambda: seen.append(("a", txaio_clock.now())))
    timer.call_later(2.6, lambda: seen.append(("b", txaio_clock.now())))
    txaio_clock.advance(1.9)
    assert seen == []
    txaio_clock.advance(2)
    assert sorted(name for name, _ in seen) == ["a", "b"]
    assert all(2.0 <= when <= 3.0 for _, when in seen)
