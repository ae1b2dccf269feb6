"""Where asyncio and Twisted differ by nature: each side's documented behaviour.

The asyncio side is documented in packages/txaio-asyncio/README.md.  Code
that must run on both follows the guide: callbacks return their argument,
and nothing relies on when exactly a callback runs.
"""

from __future__ import annotations

from typing import Any

import pytest

import txaio
from txaio.testutil import failure_of, result_of

on_asyncio = pytest.mark.txaio_only("asyncio")
on_twisted = pytest.mark.txaio_only("twisted")


def _chain(txaio_clock: Any) -> list[Any]:
    f = txaio.create_future()
    seen: list[Any] = []
    txaio.add_callbacks(f, lambda value: seen.append(value) or "replaced", None)
    txaio.add_callbacks(f, seen.append, None)
    txaio.resolve(f, "original")
    txaio_clock.advance()
    return seen


@on_asyncio
def test_asyncio_callbacks_are_not_chained(txaio_clock: Any) -> None:
    assert _chain(txaio_clock) == ["original", "original"]


@on_twisted
def test_twisted_callbacks_are_chained(txaio_clock: Any) -> None:
    assert _chain(txaio_clock) == ["original", "replaced"]


def _when_callbacks_run(txaio_clock: Any) -> tuple[list[Any], list[Any]]:
    """What callbacks saw right after resolve, and right after add_callbacks on a resolved future."""
    pending = txaio.create_future()
    after_resolve: list[Any] = []
    txaio.add_callbacks(pending, after_resolve.append, None)
    txaio.resolve(pending, "resolved")
    snapshot = list(after_resolve)
    after_add: list[Any] = []
    txaio.add_callbacks(txaio.create_future_success("done"), after_add.append, None)
    early = (snapshot, list(after_add))
    txaio_clock.advance()
    assert after_resolve == ["resolved"]
    assert after_add == ["done"]
    return early


@on_asyncio
def test_asyncio_callbacks_run_on_the_next_loop_turn(txaio_clock: Any) -> None:
    assert _when_callbacks_run(txaio_clock) == ([], [])


@on_twisted
def test_twisted_callbacks_run_at_once(txaio_clock: Any) -> None:
    assert _when_callbacks_run(txaio_clock) == (["resolved"], ["done"])


def _consumed_slot(txaio_clock: Any, error: BaseException) -> Any:
    g = txaio.gather([txaio.create_future_success(1), txaio.create_future_error(error)])
    txaio_clock.advance()
    results = result_of(g)
    assert results[0] == 1
    return results[1]


@on_asyncio
def test_asyncio_gather_puts_the_exception_itself_in_place_of_a_consumed_error(txaio_clock: Any) -> None:
    error = RuntimeError("consumed")
    assert _consumed_slot(txaio_clock, error) is error


@on_twisted
def test_twisted_gather_puts_a_failure_in_place_of_a_consumed_error(txaio_clock: Any) -> None:
    error = RuntimeError("consumed")
    slot = _consumed_slot(txaio_clock, error)
    assert isinstance(slot, txaio.IFailedFuture)
    assert slot.value is error


@on_asyncio
def test_asyncio_is_future_counts_a_coroutine(txaio_clock: Any) -> None:
    async def work() -> None:
        pass

    coroutine = work()
    try:
        assert txaio.is_future(coroutine)
    finally:
        coroutine.close()


@on_asyncio
def test_asyncio_cancel_message_reaches_the_errback(txaio_clock: Any) -> None:
    f = txaio.create_future()
    failures: list[Any] = []
    txaio.add_callbacks(f, None, failures.append)
    txaio.cancel(f, "shutting down")
    txaio_clock.advance()
    assert txaio.failure_message(failures[0]) == "CancelledError: shutting down"


@on_asyncio
def test_asyncio_add_callbacks_refuses_what_cannot_be_called_and_adds_nothing(txaio_clock: Any) -> None:
    f = txaio.create_future()
    for callback, errback in [("text", None), (None, 42), (print, "text"), ("text", print)]:
        with pytest.raises(TypeError, match="callable"):
            txaio.add_callbacks(f, callback, errback)
    txaio.resolve(f, 1)
    reported: list[Any] = []
    txaio_clock.loop.set_exception_handler(lambda loop, context: reported.append(context))
    txaio_clock.advance()
    assert reported == []
    assert f.remove_done_callback(print) == 0  # not half-added either
    assert result_of(f) == 1


@on_twisted
def test_twisted_add_callbacks_takes_what_cannot_be_called_and_fails_when_it_fires(txaio_clock: Any) -> None:
    """As Twisted's addCallbacks and txaio 26.6.1: the mistake shows when the Deferred fires.

    Twisted before 23.8 asserts at the call instead (an assert that ``python -O`` removes).
    """
    f = txaio.create_future()
    try:
        txaio.add_callbacks(f, "text", None)  # type: ignore[arg-type]
    except AssertionError:
        assert twisted_version() < (23, 8)
        return
    txaio.resolve(f, 1)
    failure_of(f, TypeError)


def twisted_version() -> tuple[int, ...]:
    from importlib import metadata

    return tuple(int(part) for part in metadata.version("twisted").split(".")[:2])


@on_asyncio
def test_asyncio_is_called_refuses_what_is_not_a_future(txaio_framework: str) -> None:
    with pytest.raises(TypeError):
        txaio.is_called("not a future")


@on_twisted
def test_twisted_is_called_on_what_is_not_a_future_raises_attribute_error_as_26_6_1(txaio_framework: str) -> None:
    with pytest.raises(AttributeError):
        txaio.is_called("not a future")


@on_asyncio
def test_asyncio_a_call_later_handle_may_be_cancelled_twice(txaio_clock: Any) -> None:
    seen: list[Any] = []
    handle = txaio.call_later(1, seen.append, "x")
    handle.cancel()
    handle.cancel()
    txaio_clock.advance(2)
    assert seen == []


@on_twisted
def test_twisted_a_call_later_handle_refuses_a_second_cancel(txaio_clock: Any) -> None:
    from twisted.internet.error import AlreadyCancelled

    seen: list[Any] = []
    handle = txaio.call_later(1, seen.append, "x")
    handle.cancel()
    with pytest.raises(AlreadyCancelled):
        handle.cancel()
    txaio_clock.advance(2)
    assert seen == []
