"""Futures on Twisted: a txaio future is a Deferred, callbacks run as Twisted runs them."""

from __future__ import annotations

from typing import Any

import pytest
from twisted.internet.defer import AlreadyCalledError, CancelledError, Deferred
from twisted.python.failure import Failure, NoCurrentExceptionError
from tx_helpers import outcome

import txaio
from txaio.interfaces import IFailedFuture


def test_create_future_is_a_pending_deferred() -> None:
    future = txaio.create_future()
    assert isinstance(future, Deferred)
    assert not txaio.is_called(future)
    assert txaio.is_future(future)


def test_create_future_with_result_none_is_resolved_with_none() -> None:
    assert outcome(txaio.create_future(result=None)) == [("ok", None)]


def test_create_future_with_error_is_failed_with_a_failure() -> None:
    error = RuntimeError("it failed")
    [(kind, fail)] = outcome(txaio.create_future(error=error))
    assert kind == "fail"
    assert isinstance(fail, Failure)
    assert fail.value is error


def test_create_future_with_result_and_error_raises_value_error() -> None:
    with pytest.raises(ValueError, match="not both"):
        txaio.create_future(result=1, error=RuntimeError("x"))


def test_create_future_with_error_of_wrong_type_raises_type_error() -> None:
    with pytest.raises(TypeError, match="not str"):
        txaio.create_future(error="not an exception")


def test_create_future_with_canceller_that_is_not_callable_raises_type_error() -> None:
    with pytest.raises(TypeError, match="canceller"):
        txaio.create_future(canceller=42)


def test_create_future_success_and_error() -> None:
    assert outcome(txaio.create_future_success("v")) == [("ok", "v")]
    [(kind, fail)] = outcome(txaio.create_future_error(KeyError("k")))
    assert kind == "fail"
    assert isinstance(fail.value, KeyError)


def test_create_future_error_without_error_uses_the_current_exception() -> None:
    try:
        raise ZeroDivisionError("zero")
    except ZeroDivisionError:
        future = txaio.create_future_error()
    [(kind, fail)] = outcome(future)
    assert kind == "fail"
    assert isinstance(fail.value, ZeroDivisionError)


def test_create_future_error_outside_except_raises_a_clear_error() -> None:
    with pytest.raises(NoCurrentExceptionError, match="inside an except block"):
        txaio.create_future_error()


def test_is_future_is_false_for_other_objects() -> None:
    assert not txaio.is_future(None)
    assert not txaio.is_future(object())


def test_resolve_runs_callbacks_now() -> None:
    future = txaio.create_future()
    seen = outcome(future)
    txaio.resolve(future, 7)
    assert seen == [("ok", 7)]
    assert txaio.is_called(future)


def test_resolve_twice_raises_and_keeps_the_first_result() -> None:
    future = txaio.create_future()
    txaio.resolve(future, 1)
    with pytest.raises(AlreadyCalledError):
        txaio.resolve(future, 2)
    assert outcome(future) == [("ok", 1)]


def test_reject_with_exception_gives_errbacks_a_failure() -> None:
    future = txaio.create_future()
    seen = outcome(future)
    error = RuntimeError("bad")
    txaio.reject(future, error)
    [(kind, fail)] = seen
    assert kind == "fail"
    assert isinstance(fail, Failure) and isinstance(fail, IFailedFuture)
    assert fail.value is error


def test_reject_with_failure_passes_it_on_unchanged() -> None:
    future = txaio.create_future()
    seen = outcome(future)
    fail = Failure(RuntimeError("bad"))
    txaio.reject(future, fail)
    assert seen == [("fail", fail)]


def test_reject_with_another_ifailedfuture_keeps_its_exception() -> None:
    class Other(IFailedFuture):
        def __init__(self, value: BaseException) -> None:
            self._value = value

        @property
        def value(self) -> BaseException:
            return self._value

    error = ValueError("from elsewhere")
    future = txaio.create_future()
    seen = outcome(future)
    txaio.reject(future, Other(error))
    assert seen[0][1].value is error


def test_reject_without_error_inside_except_uses_the_current_exception() -> None:
    future = txaio.create_future()
    seen = outcome(future)
    try:
        raise KeyError("current")
    except KeyError:
        txaio.reject(future)
    assert isinstance(seen[0][1].value, KeyError)


def test_reject_without_error_outside_except_raises_and_leaves_future_pending() -> None:
    future = txaio.create_future()
    with pytest.raises(NoCurrentExceptionError, match="inside an except block"):
        txaio.reject(future)
    assert not txaio.is_called(future)


def test_reject_with_non_exception_raises_type_error_and_leaves_future_pending() -> None:
    future = txaio.create_future()
    with pytest.raises(TypeError, match="not str"):
        txaio.reject(future, "oops")  # type: ignore[arg-type]
    assert not txaio.is_called(future)


def test_add_callbacks_returns_the_future() -> None:
    future = txaio.create_future()
    assert txaio.add_callbacks(future, lambda v: v, None) is future


def test_add_callbacks_callback_only_and_errback_only() -> None:
    good = txaio.create_future()
    got: list[Any] = []
    txaio.add_callbacks(good, got.append, None)
    txaio.resolve(good, "yes")
    bad = txaio.create_future()
    txaio.add_callbacks(bad, None, got.append)
    txaio.reject(bad, RuntimeError("no"))
    assert got[0] == "yes"
    assert isinstance(got[1].value, RuntimeError)


def test_add_callbacks_with_both_none_raises_and_adds_nothing() -> None:
    future = txaio.create_future()
    with pytest.raises(ValueError, match="both are None"):
        txaio.add_callbacks(future, None, None)
    txaio.resolve(future, 3)
    assert outcome(future) == [("ok", 3)]


def test_callbacks_chain_as_on_twisted() -> None:
    future = txaio.create_future()
    txaio.add_callbacks(future, lambda value: value * 2, None)
    seen = outcome(future)
    txaio.resolve(future, 21)
    assert seen == [("ok", 42)]


def test_callbacks_on_a_resolved_deferred_run_immediately() -> None:
    future = txaio.create_future(result="done")
    seen: list[Any] = []
    txaio.add_callbacks(future, seen.append, None)
    assert seen == ["done"]


def test_cancel_runs_the_canceller_once_with_the_future() -> None:
    calls: list[Any] = []
    future = txaio.create_future(canceller=calls.append)
    seen = outcome(future)
    txaio.cancel(future)
    txaio.cancel(future)
    assert calls == [future]
    [(kind, fail)] = seen
    assert kind == "fail"
    assert isinstance(fail.value, CancelledError)


def test_cancel_accepts_msg() -> None:
    future = txaio.create_future()
    seen = outcome(future)
    txaio.cancel(future, msg="stop")
    assert isinstance(seen[0][1].value, CancelledError)


def test_cancel_after_resolve_changes_nothing() -> None:
    calls: list[Any] = []
    future = txaio.create_future(canceller=calls.append)
    txaio.resolve(future, 1)
    txaio.cancel(future)
    assert calls == []
    assert outcome(future) == [("ok", 1)]


def test_canceller_that_resolves_wins() -> None:
    future = txaio.create_future(canceller=lambda f: f.callback("rescued"))
    txaio.cancel(future)
    assert outcome(future) == [("ok", "rescued")]
