"""Failures on every framework: create_failure and the failure_* helpers."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import pytest

import txaio


class FalsyError(Exception):
    def __bool__(self) -> bool:
        return False


def inner() -> None:
    raise RuntimeError("deep")


def test_create_failure_inside_except(txaio_framework: str) -> None:
    try:
        inner()
    except RuntimeError as exc:
        fail = txaio.create_failure()
        assert fail.value is exc
    assert isinstance(fail, txaio.IFailedFuture)
    assert txaio.failure_message(fail) == "RuntimeError: deep"
    assert isinstance(txaio.failure_traceback(fail), TracebackType)
    text = txaio.failure_format_traceback(fail)
    assert "inner" in text
    assert "RuntimeError: deep" in text


def test_create_failure_of_an_exception(txaio_framework: str) -> None:
    error = ValueError("given")
    fail = txaio.create_failure(error)
    assert fail.value is error
    assert txaio.failure_message(fail) == "ValueError: given"


def test_a_falsy_exception_is_still_an_exception(txaio_framework: str) -> None:
    try:
        raise FalsyError("quiet")
    except FalsyError as exc:
        error = exc
    fail = txaio.create_failure(error)
    assert fail.value is error
    assert txaio.failure_message(fail) == "FalsyError: quiet"


def test_a_raised_exception_keeps_its_traceback(txaio_framework: str) -> None:
    try:
        inner()
    except RuntimeError as exc:
        error = exc
    fail = txaio.create_failure(error)
    assert isinstance(txaio.failure_traceback(fail), TracebackType)
    assert "inner" in txaio.failure_format_traceback(fail)


def test_create_failure_outside_except_is_refused(txaio_framework: str) -> None:
    with pytest.raises(Exception):  # noqa: B017 - each framework words "no current exception" its own way
        txaio.create_failure()


def test_errbacks_get_a_failure_the_helpers_read(txaio_clock: Any, watch: Any) -> None:
    f = txaio.create_future()
    seen = watch(f)
    try:
        inner()
    except RuntimeError:
        txaio.reject(f)
    txaio_clock.advance()
    [(kind, fail)] = seen
    assert kind == "err"
    assert txaio.failure_message(fail) == "RuntimeError: deep"
    assert "inner" in txaio.failure_format_traceback(fail)
