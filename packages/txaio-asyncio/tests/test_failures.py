"""Failures on asyncio: create_failure and the helpers that read any IFailedFuture."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import pytest

import txaio
from txaio.aio import FailedFuture


class FalsyError(Exception):
    def __bool__(self) -> bool:
        return False


class ForeignFailure(txaio.IFailedFuture):
    """An IFailedFuture that is not ours, like Twisted's Failure would be."""

    def __init__(self, value: BaseException) -> None:
        self._value = value

    @property
    def value(self) -> BaseException:
        return self._value


def raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught


def test_create_failure_keeps_the_exception_and_its_traceback() -> None:
    error = raised(RuntimeError("it failed"))
    fail = txaio.create_failure(error)
    assert isinstance(fail, FailedFuture)
    assert fail.value is error
    assert txaio.failure_traceback(fail) is error.__traceback__
    assert isinstance(txaio.failure_traceback(fail), TracebackType)


def test_create_failure_inside_except_uses_the_current_exception() -> None:
    try:
        raise KeyError("k")
    except KeyError as exc:
        fail = txaio.create_failure()
        assert fail.value is exc


def test_a_falsy_exception_is_still_an_exception() -> None:
    error = raised(FalsyError("quiet"))
    fail = txaio.create_failure(error)
    assert fail.value is error
    assert txaio.failure_message(fail) == "FalsyError: quiet"


def test_create_failure_outside_except_is_refused() -> None:
    with pytest.raises(RuntimeError, match="inside an except block"):
        txaio.create_failure()


@pytest.mark.parametrize("bad", ["text", 1, KeyError])
def test_create_failure_of_a_non_exception_is_refused(bad: Any) -> None:
    with pytest.raises(TypeError, match="exception instance"):
        txaio.create_failure(bad)


def test_failure_message() -> None:
    assert txaio.failure_message(txaio.create_failure(RuntimeError("it failed"))) == "RuntimeError: it failed"
    assert txaio.failure_message(txaio.create_failure(ValueError())) == "ValueError: "


def test_failure_format_traceback_reads_like_python() -> None:
    def inner() -> None:
        raise RuntimeError("deep")

    try:
        inner()
    except RuntimeError:
        text = txaio.failure_format_traceback(txaio.create_failure())
    assert text.startswith("Traceback (most recent call last):")
    assert "in inner" in text
    assert text.rstrip().endswith("RuntimeError: deep")


def test_helpers_read_a_foreign_failure() -> None:
    error = raised(OSError("disk"))
    foreign = ForeignFailure(error)
    assert txaio.failure_message(foreign) == "OSError: disk"
    assert txaio.failure_traceback(foreign) is error.__traceback__
    assert "OSError: disk" in txaio.failure_format_traceback(foreign)


def test_failed_future_looks_like_26_6_1() -> None:
    error = RuntimeError("it failed")
    fail = FailedFuture(RuntimeError, error, None)
    assert str(fail) == "it failed"
    assert repr(fail) == "<FailedFuture RuntimeError: it failed>"
    assert (fail.type, fail.tb) == (RuntimeError, None)
