"""Failures on asyncio: FailedFuture, the IFailedFuture txaio-asyncio makes.

create_failure and the failure_* helpers are tested once, on every
framework, in tests-integration/conformance/test_failures.py.
"""

from __future__ import annotations

import pytest

import txaio
from txaio.aio import FailedFuture


def test_create_failure_makes_a_failed_future() -> None:
    error = RuntimeError("it failed")
    fail = txaio.create_failure(error)
    assert isinstance(fail, FailedFuture)
    assert fail.value is error


def test_create_failure_outside_except_is_a_runtime_error() -> None:
    with pytest.raises(RuntimeError, match="inside an except block"):
        txaio.create_failure()


def test_failed_future_looks_like_26_6_1() -> None:
    error = RuntimeError("it failed")
    fail = FailedFuture(RuntimeError, error, None)
    assert str(fail) == "it failed"
    assert repr(fail) == "<FailedFuture RuntimeError: it failed>"
    assert (fail.type, fail.tb) == (RuntimeError, None)
