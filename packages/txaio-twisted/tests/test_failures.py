"""Failures on Twisted: Failure is the IFailedFuture txaio-twisted makes.

create_failure and the failure_* helpers are tested once, on every
framework, in tests-integration/conformance/test_failures.py.
"""

from __future__ import annotations

import pytest
from twisted.python.failure import Failure, NoCurrentExceptionError

import txaio
from txaio.interfaces import IFailedFuture


def test_failure_is_an_ifailedfuture() -> None:
    assert isinstance(Failure(RuntimeError("x")), IFailedFuture)
    assert issubclass(Failure, IFailedFuture)


def test_create_failure_makes_a_twisted_failure() -> None:
    error = RuntimeError("it failed")
    fail = txaio.create_failure(error)
    assert isinstance(fail, Failure)
    assert fail.value is error


def test_create_failure_outside_except_raises_twisteds_error() -> None:
    with pytest.raises(NoCurrentExceptionError, match="inside an except block"):
        txaio.create_failure()
