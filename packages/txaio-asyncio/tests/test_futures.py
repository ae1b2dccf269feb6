"""Futures on asyncio: what only asyncio's own types and loop show.

What every framework agrees on (create, resolve, reject, cancel, callbacks,
is_called) is tested once in tests-integration/conformance/test_futures.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import txaio
from txaio.aio import FailedFuture
from txaio.testutil import VirtualClock, failure_of, kept_records, result_of


def test_create_future_is_pending_on_the_configured_loop(clock: VirtualClock) -> None:
    f = txaio.create_future()
    assert isinstance(f, asyncio.Future)
    assert f.get_loop() is clock.loop
    assert not txaio.is_called(f)


def test_resolve_twice_raises_invalid_state_error(clock: VirtualClock) -> None:
    f = txaio.create_future()
    txaio.resolve(f, 1)
    with pytest.raises(asyncio.InvalidStateError):
        txaio.resolve(f, 2)
    assert result_of(f) == 1


def test_no_current_exception_is_a_runtime_error(clock: VirtualClock) -> None:
    f = txaio.create_future()
    with pytest.raises(RuntimeError, match="inside an except block"):
        txaio.reject(f)
    with pytest.raises(RuntimeError, match="inside an except block"):
        txaio.create_future_error()


def test_errback_gets_a_failed_future(clock: VirtualClock) -> None:
    f = txaio.create_future()
    txaio.reject(f, RuntimeError("it failed"))
    clock.advance()
    assert isinstance(failure_of(f), FailedFuture)


def test_cancel_fails_with_asyncio_cancelled_error(clock: VirtualClock) -> None:
    """The message reaching the errback is pinned in conformance/test_by_nature.py."""
    f = txaio.create_future()
    txaio.cancel(f, "going away")
    clock.advance()
    assert f.cancelled()
    failure_of(f, asyncio.CancelledError)


def test_a_raising_canceller_is_logged_and_the_future_still_cancelled(clock: VirtualClock) -> None:
    def canceller(fut: Any) -> None:
        raise KeyError("canceller broke")

    f = txaio.create_future(canceller=canceller)
    with kept_records("txaio.aio") as records:
        txaio.cancel(f)
    assert f.cancelled()
    (record,) = records
    assert record.exc_info is not None and isinstance(record.exc_info[1], KeyError)


def test_a_task_cancelled_while_awaiting_runs_the_canceller(clock: VirtualClock) -> None:
    calls: list[Any] = []
    f = txaio.create_future(canceller=calls.append)

    async def waiter() -> None:
        await f

    task = txaio.as_future(waiter)
    clock.advance()
    txaio.cancel(task)
    clock.advance()
    assert calls == [f]
    assert task.cancelled()
