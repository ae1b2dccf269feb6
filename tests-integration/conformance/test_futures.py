"""Futures on every framework: create, resolve, reject, cancel, callbacks, is_called.

Callbacks on asyncio run on the next loop turn, so every test lets the
virtual clock run what is ready (``advance()``) before it looks.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import pytest

import txaio
from txaio.testutil import failure_of, result_of


def test_a_new_future_is_pending(txaio_clock: Any) -> None:
    f = txaio.create_future()
    assert txaio.is_future(f)
    assert not txaio.is_called(f)


def test_operations_take_the_keyword_names_of_26_6_1(txaio_clock: Any) -> None:
    f = txaio.create_future()
    assert txaio.is_called(future=f) is False
    txaio.resolve(future=f, result=7)
    assert txaio.is_called(future=f) is True
    txaio_clock.advance()
    assert result_of(f) == 7


def test_result_none_is_a_real_result(txaio_clock: Any) -> None:
    f = txaio.create_future(result=None)
    assert txaio.is_called(f)
    txaio_clock.advance()
    assert result_of(f) is None


def test_create_future_with_an_error(txaio_clock: Any) -> None:
    error = RuntimeError("it failed")
    f = txaio.create_future(error=error)
    txaio_clock.advance()
    assert failure_of(f).value is error


def test_create_future_refuses_a_result_and_an_error(txaio_clock: Any) -> None:
    with pytest.raises(ValueError):
        txaio.create_future(result=1, error=RuntimeError("x"))


def test_create_future_success_and_error(txaio_clock: Any) -> None:
    error = KeyError("k")
    ok, err = txaio.create_future_success("yes"), txaio.create_future_error(error)
    txaio_clock.advance()
    assert result_of(ok) == "yes"
    assert failure_of(err).value is error


def test_create_future_error_inside_except(txaio_clock: Any) -> None:
    try:
        raise OSError("disk")
    except OSError as exc:
        error = exc
        f = txaio.create_future_error()
    txaio_clock.advance()
    assert failure_of(f).value is error


def test_resolve_delivers_the_value(txaio_clock: Any) -> None:
    f = txaio.create_future()
    txaio.resolve(f, {"a": 1})
    txaio_clock.advance()
    assert result_of(f) == {"a": 1}
    assert txaio.is_called(f)


def test_resolve_twice_is_refused_and_the_first_value_stays(txaio_clock: Any) -> None:
    f = txaio.create_future()
    txaio.resolve(f, 1)
    with pytest.raises(Exception):  # noqa: B017 - InvalidStateError / AlreadyCalledError
        txaio.resolve(f, 2)
    txaio_clock.advance()
    assert result_of(f) == 1


def test_reject_with_an_exception(txaio_clock: Any) -> None:
    f = txaio.create_future()
    error = RuntimeError("it failed")
    txaio.reject(f, error)
    txaio_clock.advance()
    fail = failure_of(f)
    assert isinstance(fail, txaio.IFailedFuture)
    assert fail.value is error
    assert txaio.failure_message(fail) == "RuntimeError: it failed"


def test_reject_inside_except_uses_the_current_exception_and_keeps_its_traceback(txaio_clock: Any) -> None:
    inside, after = txaio.create_future(), txaio.create_future()
    try:
        raise LookupError("current")
    except LookupError as exc:
        error = exc
        txaio.reject(inside)
    txaio.reject(after, error)
    txaio_clock.advance()
    inside_failure, after_failure = failure_of(inside), failure_of(after)
    assert inside_failure.value is after_failure.value is error
    assert txaio.failure_traceback(inside_failure) is not None
    assert 'raise LookupError("current")' in txaio.failure_format_traceback(inside_failure)
    # Twisted before 23.8 clears the exception's traceback once a Deferred holds it (it keeps
    # a copy of the frames in its Failure), so the second future keeps it only where it is left.
    if error.__traceback__ is not None:
        assert txaio.failure_traceback(after_failure) is error.__traceback__


def test_reject_with_a_failure(txaio_clock: Any) -> None:
    f = txaio.create_future()
    error = ValueError("wrapped")
    txaio.reject(f, txaio.create_failure(error))
    txaio_clock.advance()
    assert failure_of(f).value is error


@pytest.mark.parametrize("bad", ["text", 42, object()])
def test_reject_with_a_non_exception_is_refused_and_the_future_stays_pending(txaio_clock: Any, bad: Any) -> None:
    f = txaio.create_future()
    with pytest.raises(TypeError, match=f"reject\\(\\) needs an exception.*not {type(bad).__name__}"):
        txaio.reject(f, bad)
    assert not txaio.is_called(f)


@pytest.mark.parametrize("bad", ["text", 42])
def test_the_error_for_a_non_exception_is_also_the_runtime_error_26_6_1_raised(txaio_clock: Any, bad: Any) -> None:
    """Code written for 26.6.1 catches RuntimeError here; a TypeError that is also one keeps it working."""
    f = txaio.create_future()
    with pytest.raises(RuntimeError) as caught:
        txaio.reject(f, bad)
    assert isinstance(caught.value, TypeError)
    assert not txaio.is_called(f)


def unhandled_reports(loop: Any) -> Callable[[], list[BaseException]]:
    """What the framework reports as an unhandled failure: ``collect()`` forces it out and lists it.

    asyncio: what reaches the loop's exception handler; Twisted: the
    failures of "Unhandled error in Deferred" log events.
    """
    reported: list[BaseException] = []
    if txaio.using_asyncio:
        loop.set_exception_handler(lambda _, context: reported.append(context["exception"]))
    else:
        from twisted.logger import globalLogPublisher

        def observer(event: dict[str, Any]) -> None:
            if event.get("log_namespace") == "twisted.internet.defer" and "log_failure" in event:
                reported.append(event["log_failure"].value)  # the second event of "Unhandled error in Deferred"

        globalLogPublisher.addObserver(observer)

    def collect() -> list[BaseException]:
        gc.collect()
        if not txaio.using_asyncio:
            globalLogPublisher.removeObserver(observer)
        return reported

    return collect


def test_a_failure_with_only_a_callback_is_reported_not_swallowed(txaio_clock: Any) -> None:
    collect = unhandled_reports(txaio_clock.loop)
    error = KeyError("nobody handles this")
    f = txaio.create_future()
    seen: list[Any] = []
    txaio.add_callbacks(f, seen.append, None)
    txaio.reject(f, error)
    txaio_clock.advance()
    del f
    assert seen == []
    assert collect() == [error]


def test_a_failure_handled_by_a_later_errback_is_not_reported(txaio_clock: Any) -> None:
    collect = unhandled_reports(txaio_clock.loop)
    f = txaio.create_future()
    seen: list[Any] = []
    txaio.add_callbacks(f, seen.append, None)
    txaio.add_callbacks(f, None, lambda fail: seen.append(fail.value))
    error = KeyError("handled")
    txaio.reject(f, error)
    txaio_clock.advance()
    del f
    assert seen == [error]
    assert collect() == []


def test_reject_outside_except_is_refused_and_the_future_stays_pending(txaio_clock: Any) -> None:
    f = txaio.create_future()
    with pytest.raises(Exception, match="inside an except block"):
        txaio.reject(f)
    assert not txaio.is_called(f)


def test_add_callbacks_refuses_two_nones(txaio_clock: Any) -> None:
    with pytest.raises(ValueError):
        txaio.add_callbacks(txaio.create_future(), None, None)


def test_only_the_matching_side_runs(txaio_clock: Any) -> None:
    good, bad = txaio.create_future(), txaio.create_future()
    seen: list[str] = []
    txaio.add_callbacks(good, lambda v: seen.append("good ok") and v, lambda f: seen.append("good err"))
    txaio.add_callbacks(bad, lambda v: seen.append("bad ok") and v, lambda f: seen.append("bad err"))
    txaio.resolve(good, 1)
    txaio.reject(bad, RuntimeError("x"))
    txaio_clock.advance()
    assert sorted(seen) == ["bad err", "good ok"]


def test_callbacks_added_after_resolution_still_run(txaio_clock: Any) -> None:
    f = txaio.create_future()
    txaio.resolve(f, "late")
    txaio_clock.advance()
    seen: list[Any] = []
    txaio.add_callbacks(f, seen.append, None)
    txaio_clock.advance()
    assert seen == ["late"]


def test_callbacks_that_return_their_argument_behave_the_same_everywhere(txaio_clock: Any) -> None:
    """The guide's advice: return the incoming value, and chaining does not matter."""
    f = txaio.create_future()
    seen: list[Any] = []

    def first(value: Any) -> Any:
        seen.append(("first", value))
        return value

    txaio.add_callbacks(f, first, None)
    txaio.add_callbacks(f, lambda value: seen.append(("second", value)), None)
    txaio.resolve(f, 7)
    txaio_clock.advance()
    assert seen == [("first", 7), ("second", 7)]


def test_cancel_runs_the_canceller_once_with_the_future(txaio_clock: Any) -> None:
    calls: list[Any] = []
    f = txaio.create_future(canceller=calls.append)
    txaio.cancel(f)
    txaio_clock.advance()
    assert calls == [f]
    fail = failure_of(f)
    assert type(fail.value).__name__ == "CancelledError"
    assert txaio.failure_message(fail).startswith("CancelledError")
    assert txaio.is_called(f)


def test_cancel_accepts_a_message(txaio_clock: Any) -> None:
    f = txaio.create_future()
    txaio.cancel(f, "shutting down")
    txaio_clock.advance()
    assert type(failure_of(f).value).__name__ == "CancelledError"


def test_cancel_after_resolution_changes_nothing(txaio_clock: Any) -> None:
    calls: list[Any] = []
    f = txaio.create_future(canceller=calls.append)
    txaio.resolve(f, "kept")
    txaio.cancel(f)
    txaio_clock.advance()
    assert result_of(f) == "kept"
    assert calls == []


def test_is_future_says_no_to_plain_values(txaio_framework: str) -> None:
    for value in (None, 1, "text", [], RuntimeError("x")):
        assert not txaio.is_future(value)


def test_create_future_with_a_failure_as_error(txaio_clock: Any) -> None:
    error = KeyError("k")
    f = txaio.create_future(error=txaio.create_failure(error))
    txaio_clock.advance()
    assert failure_of(f).value is error


@pytest.mark.parametrize("bad", ["text", 42, RuntimeError])
def test_create_future_with_a_bad_error_is_refused(txaio_clock: Any, bad: Any) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        txaio.create_future(error=bad)


def test_create_future_with_a_bad_canceller_is_refused(txaio_clock: Any) -> None:
    with pytest.raises(TypeError, match="canceller"):
        txaio.create_future(canceller="not callable")


def test_create_future_error_outside_except_is_refused(txaio_clock: Any) -> None:
    with pytest.raises(Exception, match="inside an except block"):
        txaio.create_future_error()


def test_resolve_without_a_value_gives_none(txaio_clock: Any) -> None:
    f = txaio.create_future()
    txaio.resolve(f)
    txaio_clock.advance()
    assert result_of(f) is None


def test_reject_with_an_exception_class_is_refused(txaio_clock: Any) -> None:
    f = txaio.create_future()
    with pytest.raises(TypeError, match="reject\\(\\) needs an exception"):
        txaio.reject(f, ValueError)  # type: ignore[arg-type]
    assert not txaio.is_called(f)


def test_add_callbacks_returns_the_future(txaio_clock: Any) -> None:
    f = txaio.create_future()
    assert txaio.add_callbacks(f, lambda value: value, None) is f


def test_add_callbacks_refusing_two_nones_adds_nothing(txaio_clock: Any) -> None:
    f = txaio.create_future()
    with pytest.raises(ValueError, match="both are None"):
        txaio.add_callbacks(f, None, None)
    txaio.resolve(f, 3)
    txaio_clock.advance()
    assert result_of(f) == 3


def test_cancel_twice_runs_the_canceller_once(txaio_clock: Any) -> None:
    calls: list[Any] = []
    f = txaio.create_future(canceller=calls.append)
    txaio.cancel(f, "going away")
    txaio.cancel(f)
    assert calls == [f]  # at once, inside the first cancel()
    txaio_clock.advance()
    failure_of(f)
    assert calls == [f]


def test_a_canceller_may_resolve_the_future_itself(txaio_clock: Any) -> None:
    f = txaio.create_future(canceller=lambda fut: txaio.resolve(fut, "instead"))
    txaio.cancel(f)
    txaio_clock.advance()
    assert result_of(f) == "instead"


def test_is_called_on_every_state(txaio_clock: Any) -> None:
    pending, done, failed, cancelled = (txaio.create_future() for _ in range(4))
    txaio.resolve(done, 1)
    txaio.reject(failed, RuntimeError("x"))
    txaio.cancel(cancelled)
    assert [txaio.is_called(f) for f in (pending, done, failed, cancelled)] == [False, True, True, True]
    failure_of(failed)
    failure_of(cancelled)
