"""Futures on asyncio: creating, resolving, failing, cancelling, and their callbacks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import txaio
from txaio.aio import FailedFuture
from txaio.testutil import VirtualClock


def outcome(clock: VirtualClock, future: Any) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []
    txaio.add_callbacks(future, lambda v: seen.append(("ok", v)), lambda f: seen.append(("err", f.value)))
    clock.advance()
    return seen


def test_create_future_is_pending_on_the_configured_loop(clock: VirtualClock) -> None:
    f = txaio.create_future()
    assert isinstance(f, asyncio.Future)
    assert f.get_loop() is clock.loop
    assert not txaio.is_called(f)


def test_create_future_with_result_none_is_resolved(clock: VirtualClock) -> None:
    f = txaio.create_future(result=None)
    assert txaio.is_called(f)
    assert f.result() is None


def test_create_future_with_error(clock: VirtualClock) -> None:
    error = RuntimeError("it failed")
    f = txaio.create_future(error=error)
    assert f.exception() is error


def test_create_future_with_a_failure_as_error(clock: VirtualClock) -> None:
    error = KeyError("k")
    f = txaio.create_future(error=txaio.create_failure(error))
    assert f.exception() is error


def test_create_future_with_result_and_error_is_refused(clock: VirtualClock) -> None:
    with pytest.raises(ValueError, match="not both"):
        txaio.create_future(result=1, error=RuntimeError())


@pytest.mark.parametrize("bad", ["text", 42, RuntimeError])
def test_create_future_with_a_bad_error_is_refused(clock: VirtualClock, bad: Any) -> None:
    with pytest.raises(TypeError, match="exception instance or an IFailedFuture"):
        txaio.create_future(error=bad)


def test_create_future_with_a_bad_canceller_is_refused(clock: VirtualClock) -> None:
    with pytest.raises(TypeError, match="canceller must be callable"):
        txaio.create_future(canceller="not callable")


def test_create_future_success_and_error(clock: VirtualClock) -> None:
    assert outcome(clock, txaio.create_future_success(None)) == [("ok", None)]
    error = ValueError("v")
    assert outcome(clock, txaio.create_future_error(error)) == [("err", error)]


def test_create_future_error_uses_the_exception_being_handled(clock: VirtualClock) -> None:
    try:
        raise KeyError("current")
    except KeyError as exc:
        f = txaio.create_future_error()
        assert f.exception() is exc


def test_create_future_error_outside_except_is_refused(clock: VirtualClock) -> None:
    with pytest.raises(RuntimeError, match="inside an except block"):
        txaio.create_future_error()


def test_resolve_runs_callbacks_on_the_next_loop_turn(clock: VirtualClock) -> None:
    f = txaio.create_future()
    seen: list[Any] = []
    assert txaio.add_callbacks(f, seen.append, None) is f
    txaio.resolve(f, "value")
    assert seen == []  # asyncio runs done callbacks from the loop, not inside set_result
    clock.advance()
    assert seen == ["value"]


def test_resolve_without_a_value_gives_none(clock: VirtualClock) -> None:
    f = txaio.create_future()
    txaio.resolve(f)
    assert f.result() is None


def test_resolve_twice_is_refused_and_keeps_the_first_result(clock: VirtualClock) -> None:
    f = txaio.create_future()
    txaio.resolve(f, 1)
    with pytest.raises(asyncio.InvalidStateError):
        txaio.resolve(f, 2)
    assert f.result() == 1


def test_reject_with_exception_keeps_its_traceback(clock: VirtualClock) -> None:
    f = txaio.create_future()
    try:
        raise RuntimeError("it failed")
    except RuntimeError as exc:
        error = exc
    txaio.reject(f, error)
    (kind, value), *_ = outcome(clock, f)
    assert (kind, value) == ("err", error)
    assert value.__traceback__ is not None


def test_reject_inside_except_uses_the_current_exception(clock: VirtualClock) -> None:
    f = txaio.create_future()
    try:
        raise OSError("disk")
    except OSError as exc:
        txaio.reject(f)
        assert f.exception() is exc


def test_reject_with_a_failure(clock: VirtualClock) -> None:
    f = txaio.create_future()
    error = LookupError("x")
    txaio.reject(f, txaio.create_failure(error))
    assert f.exception() is error


@pytest.mark.parametrize("bad", ["text", 3.5, object(), ValueError])
def test_reject_with_a_bad_error_is_refused_and_leaves_the_future_pending(clock: VirtualClock, bad: Any) -> None:
    f = txaio.create_future()
    with pytest.raises(TypeError, match="reject\\(\\) needs an exception instance"):
        txaio.reject(f, bad)
    assert not txaio.is_called(f)


def test_reject_outside_except_is_refused_and_leaves_the_future_pending(clock: VirtualClock) -> None:
    f = txaio.create_future()
    with pytest.raises(RuntimeError, match="inside an except block"):
        txaio.reject(f)
    assert not txaio.is_called(f)


def test_add_callbacks_needs_one_of_them(clock: VirtualClock) -> None:
    f = txaio.create_future()
    with pytest.raises(ValueError, match="both are None"):
        txaio.add_callbacks(f, None, None)
    txaio.resolve(f, 1)
    clock.advance()  # nothing was registered, nothing runs


def test_callbacks_are_not_chained(clock: VirtualClock) -> None:
    f = txaio.create_future()
    seen: list[Any] = []
    txaio.add_callbacks(f, lambda v: seen.append(v) or "changed", None)
    txaio.add_callbacks(f, seen.append, None)
    txaio.resolve(f, "original")
    clock.advance()
    assert seen == ["original", "original"]


def test_errback_only_ignores_success_and_callback_only_ignores_failure(clock: VirtualClock) -> None:
    good, bad = txaio.create_future(), txaio.create_future()
    seen: list[Any] = []
    txaio.add_callbacks(good, None, seen.append)
    txaio.add_callbacks(bad, seen.append, None)
    txaio.resolve(good, 1)
    txaio.reject(bad, RuntimeError("x"))
    clock.advance()
    assert seen == []


def test_errback_gets_a_failed_future(clock: VirtualClock) -> None:
    f = txaio.create_future()
    failures: list[Any] = []
    txaio.add_callbacks(f, None, failures.append)
    txaio.reject(f, RuntimeError("it failed"))
    clock.advance()
    (fail,) = failures
    assert isinstance(fail, FailedFuture)
    assert isinstance(fail, txaio.IFailedFuture)
    assert txaio.failure_message(fail) == "RuntimeError: it failed"


def test_cancel_runs_the_canceller_once_with_the_future_and_errbacks_see_it(clock: VirtualClock) -> None:
    calls: list[Any] = []
    f = txaio.create_future(canceller=calls.append)
    failures: list[Any] = []
    txaio.add_callbacks(f, None, failures.append)
    txaio.cancel(f, "going away")
    txaio.cancel(f)
    assert calls == [f]  # at once, inside cancel(), as on Twisted
    clock.advance()
    (fail,) = failures
    assert isinstance(fail.value, asyncio.CancelledError)
    assert "going away" in str(fail.value)
    assert calls == [f]


def test_a_canceller_may_resolve_the_future_itself(clock: VirtualClock) -> None:
    f = txaio.create_future(canceller=lambda fut: txaio.resolve(fut, "instead"))
    txaio.cancel(f)
    assert f.result() == "instead"


def test_a_raising_canceller_is_reported_and_the_future_still_cancelled(clock: VirtualClock) -> None:
    reported: list[dict[str, Any]] = []
    clock.loop.set_exception_handler(lambda loop, context: reported.append(context))

    def canceller(fut: Any) -> None:
        raise KeyError("canceller broke")

    f = txaio.create_future(canceller=canceller)
    txaio.cancel(f)
    assert f.cancelled()
    assert isinstance(reported[0]["exception"], KeyError)


def test_cancel_after_resolve_changes_nothing(clock: VirtualClock) -> None:
    calls: list[Any] = []
    f = txaio.create_future(canceller=calls.append)
    txaio.resolve(f, 1)
    txaio.cancel(f)
    assert f.result() == 1
    assert calls == []


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


def test_is_future(clock: VirtualClock) -> None:
    async def coro() -> None:
        pass

    pending = coro()
    try:
        assert txaio.is_future(txaio.create_future())
        assert txaio.is_future(pending)  # as txaio 26.6.1 answers on asyncio
        assert not txaio.is_future(42)
        assert not txaio.is_future(None)
    finally:
        pending.close()


def test_is_called_on_every_state(clock: VirtualClock) -> None:
    pending, done, failed, cancelled = (txaio.create_future() for _ in range(4))
    txaio.resolve(done, 1)
    txaio.reject(failed, RuntimeError())
    txaio.cancel(cancelled)
    assert [txaio.is_called(f) for f in (pending, done, failed, cancelled)] == [False, True, True, True]
    failed.exception()


def test_is_called_refuses_what_is_not_a_future() -> None:
    with pytest.raises(TypeError):
        txaio.is_called("not a future")


@pytest.mark.parametrize(("callback", "errback"), [("text", None), (None, 42), (print, "text"), ("text", print)])
def test_add_callbacks_refuses_what_cannot_be_called_and_adds_nothing(
    clock: VirtualClock, callback: Any, errback: Any
) -> None:
    f = txaio.create_future()
    with pytest.raises(TypeError, match="callable"):
        txaio.add_callbacks(f, callback, errback)
    txaio.resolve(f, 1)
    reported: list[Any] = []
    clock.loop.set_exception_handler(lambda loop, context: reported.append(context))
    clock.advance()
    assert reported == []
    assert f.remove_done_callback(print) == 0
