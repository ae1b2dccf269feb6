"""Failures on Twisted: Failure is the IFailedFuture; the helpers also take other IFailedFutures."""

from __future__ import annotations

import traceback

import pytest
from twisted.python.failure import Failure, NoCurrentExceptionError

import txaio
from txaio.interfaces import IFailedFuture


def raise_it(error: BaseException) -> None:
    raise error


def caught(error: BaseException) -> BaseException:
    try:
        raise_it(error)
    except BaseException as exc:
        return exc
    raise AssertionError("unreachable")


class OtherFailure(IFailedFuture):
    """An IFailedFuture that is not a Failure (as another framework would make)."""

    def __init__(self, value: BaseException) -> None:
        self._value = value

    @property
    def value(self) -> BaseException:
        return self._value


def test_failure_is_an_ifailedfuture() -> None:
    assert isinstance(Failure(RuntimeError("x")), IFailedFuture)
    assert issubclass(Failure, IFailedFuture)


def test_create_failure_of_an_exception_keeps_its_traceback() -> None:
    error = caught(RuntimeError("it failed"))
    fail = txaio.create_failure(error)
    assert isinstance(fail, Failure)
    assert fail.value is error
    assert txaio.failure_traceback(fail) is error.__traceback__


def test_create_failure_of_a_falsy_exception_is_that_exception() -> None:
    class Falsy(Exception):
        def __bool__(self) -> bool:
            return False

    error = Falsy("still an error")
    assert txaio.create_failure(error).value is error


def test_create_failure_without_argument_uses_the_current_exception() -> None:
    try:
        raise_it(KeyError("now"))
    except KeyError:
        fail = txaio.create_failure()
    assert isinstance(fail.value, KeyError)


def test_create_failure_outside_except_raises_a_clear_error() -> None:
    with pytest.raises(NoCurrentExceptionError, match="inside an except block"):
        txaio.create_failure()


def test_create_failure_of_a_non_exception_raises_type_error() -> None:
    with pytest.raises(TypeError, match="not str"):
        txaio.create_failure("nope")  # type: ignore[arg-type]


def test_failure_message() -> None:
    assert txaio.failure_message(txaio.create_failure(RuntimeError("it failed"))) == "RuntimeError: it failed"


def test_failure_message_of_another_ifailedfuture() -> None:
    assert txaio.failure_message(OtherFailure(ValueError("v"))) == "ValueError: v"


def test_failure_format_traceback_looks_like_a_python_traceback() -> None:
    text = txaio.failure_format_traceback(txaio.create_failure(caught(RuntimeError("it failed"))))
    assert text.startswith("Traceback (most recent call last):")
    assert "raise_it" in text
    assert "RuntimeError: it failed" in text


def test_failure_format_traceback_of_another_ifailedfuture() -> None:
    error = caught(ValueError("elsewhere"))
    text = txaio.failure_format_traceback(OtherFailure(error))
    assert text == "".join(traceback.format_exception(error))


def test_failure_traceback_of_another_ifailedfuture() -> None:
    error = caught(ValueError("elsewhere"))
    assert txaio.failure_traceback(OtherFailure(error)) is error.__traceback__


def test_failure_traceback_survives_the_deferred_chain() -> None:
    future = txaio.create_future()
    seen: list[Failure] = []
    txaio.add_callbacks(future, None, seen.append)
    txaio.reject(future, caught(RuntimeError("deep")))
    names = [frame.name for frame in traceback.extract_tb(txaio.failure_traceback(seen[0]))]
    assert "raise_it" in names
