"""Futures on Twisted: what only Twisted's own types show (a txaio future is a Deferred).

What every framework agrees on (create, resolve, reject, cancel, callbacks,
is_called) is tested once in tests-integration/conformance/test_futures.py.
"""

from __future__ import annotations

import pytest
from twisted.internet.defer import AlreadyCalledError, CancelledError, Deferred
from twisted.python.failure import Failure, NoCurrentExceptionError

import txaio
from txaio.testutil import failure_of, result_of


def test_create_future_is_a_pending_deferred() -> None:
    future = txaio.create_future()
    assert isinstance(future, Deferred)
    assert not txaio.is_called(future)


def test_create_future_with_error_is_failed_with_a_failure() -> None:
    error = RuntimeError("it failed")
    fail = failure_of(txaio.create_future(error=error))
    assert isinstance(fail, Failure)
    assert fail.value is error


def test_no_current_exception_is_twisteds_error() -> None:
    future = txaio.create_future()
    with pytest.raises(NoCurrentExceptionError, match="inside an except block"):
        txaio.reject(future)
    with pytest.raises(NoCurrentExceptionError, match="inside an except block"):
        txaio.create_future_error()


def test_resolve_twice_raises_already_called_error() -> None:
    future = txaio.create_future()
    txaio.resolve(future, 1)
    with pytest.raises(AlreadyCalledError):
        txaio.resolve(future, 2)
    assert result_of(future) == 1


def test_reject_with_a_twisted_failure_passes_it_on_unchanged() -> None:
    future = txaio.create_future()
    fail = Failure(RuntimeError("bad"))
    txaio.reject(future, fail)
    assert failure_of(future) is fail


def test_cancel_fails_with_twisteds_cancelled_error() -> None:
    future = txaio.create_future()
    txaio.cancel(future, msg="stop")
    failure_of(future, CancelledError)
