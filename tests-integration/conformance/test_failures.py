"""Failures on every framework: create_failure and the failure_* helpers."""

from __future__ import annotations

import traceback
from types import TracebackType
from typing import Any

import pytest

import txaio
from txaio.testutil import failure_of


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
    assert txaio.failure_traceback(fail) is error.__traceback__
    text = txaio.failure_format_traceback(fail)
    assert text.startswith("Traceback (most recent call last):")
    assert "in inner" in text
    assert text.rstrip().endswith("RuntimeError: deep")


def test_a_message_of_an_exception_without_text(txaio_framework: str) -> None:
    assert txaio.failure_message(txaio.create_failure(ValueError())) == "ValueError: "


@pytest.mark.parametrize("bad", ["text", 1, KeyError], ids=["str", "int", "exception-class"])
def test_create_failure_of_a_non_exception_is_refused(txaio_framework: str, bad: Any) -> None:
    with pytest.raises(TypeError):
        txaio.create_failure(bad)


class ForeignFailure(txaio.IFailedFuture):
    """An IFailedFuture that neither framework made."""

    def __init__(self, value: BaseException) -> None:
        self._value = value

    @property
    def value(self) -> BaseException:
        return self._value


def test_reject_with_a_foreign_failure_keeps_its_exception(txaio_clock: Any) -> None:
    error = ValueError("from elsewhere")
    f = txaio.create_future()
    txaio.reject(f, ForeignFailure(error))
    txaio_clock.advance()
    assert failure_of(f).value is error


def test_the_helpers_read_a_foreign_failure(txaio_framework: str) -> None:
    try:
        raise OSError("disk")
    except OSError as exc:
        error = exc
    foreign = ForeignFailure(error)
    assert txaio.failure_message(foreign) == "OSError: disk"
    assert txaio.failure_traceback(foreign) is error.__traceback__
    assert txaio.failure_format_traceback(foreign) == "".join(traceback.format_exception(error))


def test_create_failure_outside_except_is_refused(txaio_framework: str) -> None:
    with pytest.raises(Exception, match="inside an except block"):
        txaio.create_failure()


def test_errbacks_get_a_failure_the_helpers_read(txaio_clock: Any) -> None:
    f = txaio.create_future()
    failures: list[Any] = []
    txaio.add_callbacks(f, None, failures.append)
    try:
        inner()
    except RuntimeError:
        txaio.reject(f)
    txaio_clock.advance()
    [fail] = failures
    assert "inner" in [frame.name for frame in traceback.extract_tb(txaio.failure_traceback(fail))]
    assert txaio.failure_message(fail) == "RuntimeError: deep"
    assert "inner" in txaio.failure_format_traceback(fail)


NOT_FAILURES = [None, 5, "text", RuntimeError("an exception, not a failure"), object()]
HELPERS = ["failure_message", "failure_traceback", "failure_format_traceback"]


@pytest.mark.parametrize("helper", HELPERS)
@pytest.mark.parametrize("thing", NOT_FAILURES, ids=lambda thing: type(thing).__name__)
def test_the_failure_helpers_never_raise_on_what_is_not_a_failure(
    txaio_framework: str, helper: str, thing: Any
) -> None:
    """They run inside error handling: 26.6.1's fallback text (or no traceback) instead of a second error."""
    expected = {
        "failure_message": f'Failed to produce failure message for "{thing}"',
        "failure_traceback": None,
        "failure_format_traceback": f"Failed to format failure traceback for '{thing}'",
    }[helper]
    assert getattr(txaio, helper)(thing) == expected


class _UnprintableError(Exception):
    def __str__(self) -> str:
        raise ValueError("this __str__ is broken")


class _BrokenValue:
    """Looks like a failure, but reading its exception raises."""

    @property
    def value(self) -> BaseException:
        raise AttributeError("no value today")

    def __str__(self) -> str:
        return "broken failure"


@pytest.mark.parametrize("helper", HELPERS)
def test_the_failure_helpers_never_raise_when_reading_the_failure_raises(txaio_framework: str, helper: str) -> None:
    result = getattr(txaio, helper)(_BrokenValue())
    assert result is None or "broken failure" in result


def test_an_exception_whose_str_raises_still_gets_a_message_and_a_repr(txaio_framework: str) -> None:
    fail = txaio.create_failure(_UnprintableError())
    message = txaio.failure_message(fail)
    assert message.startswith("_UnprintableError: ")
    assert "_UnprintableError" in repr(fail)
    assert "_UnprintableError" in txaio.failure_format_traceback(fail)
