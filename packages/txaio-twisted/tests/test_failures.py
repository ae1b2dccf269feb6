"""Failures on Twisted: Failure is the IFailedFuture txaio-twisted makes.

create_failure and the failure_* helpers are tested once, on every
framework, in tests-integration/conformance/test_failures.py.
"""

from __future__ import annotations

from types import TracebackType

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


def _inner() -> None:
    raise KeyError("root")


def _outer() -> None:
    try:
        _inner()
    except KeyError as exc:
        raise RuntimeError("outer") from exc


def _cleaned_failure() -> Failure:
    try:
        _outer()
    except RuntimeError:
        fail = Failure()
    fail.cleanFailure()  # what a Deferred does to a failure it keeps: saved frames, not the live ones
    fail.tb = None  # as some Twisted versions leave it (and a Failure that crossed a pickle)
    assert not isinstance(fail.getTracebackObject(), TracebackType)  # a stand-in of saved frames, or None
    return fail


def test_a_cleaned_failure_is_formatted_from_its_saved_frames_with_its_chain() -> None:
    import traceback

    fail = _cleaned_failure()
    text = txaio.failure_format_traceback(fail)
    expected = "".join(traceback.format_exception(type(fail.value), fail.value, fail.getTracebackObject()))
    assert text == expected
    assert text.startswith("Traceback (most recent call last):\n")
    assert 'in _inner\n    raise KeyError("root")\n' in text  # the cause, from its own traceback
    assert "The above exception was the direct cause of the following exception:" in text
    assert text.endswith("RuntimeError: outer\n")


def test_a_cleaned_failure_without_frames_is_the_exception_line_and_its_chain() -> None:
    fail = _cleaned_failure()
    fail.getTracebackObject = lambda: None  # type: ignore[method-assign]  # nothing saved at all
    text = txaio.failure_format_traceback(fail)
    sentence = "The above exception was the direct cause of the following exception:"
    assert text.endswith(f"\n{sentence}\n\nRuntimeError: outer\n")
    assert "KeyError: 'root'" in text
