"""``result_of`` / ``failure_of`` / ``assert_no_result`` on both frameworks."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from typing import Any

import pytest

import txaio
from txaio._core import selection as _selection
from txaio.testutil import (
    VirtualClock,
    assert_no_result,
    failure_of,
    result_of,
    use_framework,
    virtual_clock,
)


@pytest.fixture(params=sorted(_selection.FRAMEWORKS))
def clock(request: pytest.FixtureRequest) -> Iterator[VirtualClock]:
    try:
        _selection.import_backend(request.param)
    except ImportError as exc:
        pytest.skip(f"needs {request.param}: {exc}")
    with use_framework(request.param), virtual_clock() as installed:
        yield installed


def test_pending(clock: VirtualClock) -> None:
    future = txaio.create_future()
    assert_no_result(future)
    with pytest.raises(AssertionError, match=r"result_of\(.*\): the future has no result yet"):
        result_of(future)
    with pytest.raises(AssertionError, match=r"failure_of\(.*\): the future has no result yet"):
        failure_of(future)
    # the probes pass everything through: later callbacks see the result as usual
    seen: list[Any] = []
    txaio.add_callbacks(future, seen.append, None)
    txaio.resolve(future, "late")
    clock.advance()
    assert seen == ["late"]


def test_succeeded(clock: VirtualClock) -> None:
    future = txaio.create_future_success({"a": 1})
    assert result_of(future) == {"a": 1}
    assert result_of(future) == {"a": 1}, "the result stays in the future"
    with pytest.raises(AssertionError, match=r"failure_of\(.*\): the future succeeded with \{'a': 1\}"):
        failure_of(future)
    with pytest.raises(AssertionError, match=r"assert_no_result\(.*\): the future already succeeded with \{'a': 1\}"):
        assert_no_result(future)


def test_failed(clock: VirtualClock) -> None:
    future = txaio.create_future_error(txaio.create_failure(KeyError("gone")))
    with pytest.raises(AssertionError, match=r"result_of\(.*\): the future failed with KeyError: 'gone'"):
        result_of(future)
    with pytest.raises(AssertionError, match=r"assert_no_result\(.*\): the future already failed with KeyError"):
        assert_no_result(future)
    with pytest.raises(AssertionError, match=r"expected ValueError or TypeError, but the future failed with KeyError"):
        failure_of(future, ValueError, TypeError)
    failure = failure_of(future, LookupError)
    assert isinstance(failure.value, KeyError)
    assert txaio.failure_message(failure) == "KeyError: 'gone'"


def test_cancelled(clock: VirtualClock) -> None:
    future = txaio.create_future()
    txaio.cancel(future)
    clock.advance()
    assert type(failure_of(future).value).__name__ == "CancelledError"


def test_not_a_future_is_a_clear_error(clock: VirtualClock) -> None:
    for check in (result_of, failure_of, assert_no_result):
        with pytest.raises(TypeError, match="expected a future of the selected txaio framework, got int: 42"):
            check(42)


def _unhandled_reports(framework: str, read: Any) -> list[str]:
    """What the framework reports about a failed future that is garbage-collected after ``read(future)``."""
    reports: list[str] = []
    if framework == "asyncio":
        loop = asyncio.new_event_loop()
        loop.set_exception_handler(lambda _, context: reports.append(context["message"]))
        future: Any = loop.create_future()
        future.set_exception(KeyError("gone"))
        read(future)
        del future
        gc.collect()
        loop.close()
        return reports
    from twisted.logger import globalLogPublisher

    def observe(event: dict[str, Any]) -> None:
        if "Unhandled error" in str(event.get("log_format")):
            reports.append(str(event.get("log_format")))

    globalLogPublisher.addObserver(observe)
    try:
        future = txaio.create_future_error(txaio.create_failure(KeyError("gone")))
        read(future)
        del future
        gc.collect()
    finally:
        globalLogPublisher.removeObserver(observe)
    return reports


def test_failure_of_handles_the_failure_result_of_does_not(clock: VirtualClock) -> None:
    def read_with_result_of(future: Any) -> None:
        with pytest.raises(AssertionError):
            result_of(future)

    assert _unhandled_reports(clock.framework, failure_of) == []
    assert _unhandled_reports(clock.framework, read_with_result_of) != []
