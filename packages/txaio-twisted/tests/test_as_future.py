"""as_future on Twisted: values, exceptions, Deferreds and coroutines all become Deferreds."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure
from tx_helpers import outcome

import txaio


def test_plain_value_gives_a_resolved_deferred() -> None:
    assert outcome(txaio.as_future(lambda a, b=0: a + b, 1, b=2)) == [("ok", 3)]


def test_raised_exception_gives_a_failed_deferred() -> None:
    def boom() -> None:
        raise RuntimeError("boom")

    [(kind, fail)] = outcome(txaio.as_future(boom))
    assert kind == "fail"
    assert isinstance(fail.value, RuntimeError)
    assert "boom" in txaio.failure_format_traceback(fail)


def test_returned_deferred_is_handed_back_as_it_is() -> None:
    future: Deferred[Any] = Deferred()
    assert txaio.as_future(lambda: future) is future


def test_returned_failure_gives_a_failed_deferred() -> None:
    fail = Failure(KeyError("k"))
    assert outcome(txaio.as_future(lambda: fail)) == [("fail", fail)]


def test_coroutine_function_runs_and_can_await_a_deferred() -> None:
    gate: Deferred[int] = Deferred()

    async def work(x: int) -> int:
        return x + await gate

    future = txaio.as_future(work, 1)
    seen = outcome(future)
    assert seen == []
    gate.callback(41)
    assert seen == [("ok", 42)]


def test_plain_function_returning_a_coroutine_runs_it() -> None:
    async def work() -> str:
        return "ran"

    def starter() -> Any:
        return work()

    assert outcome(txaio.as_future(starter)) == [("ok", "ran")]


def test_coroutine_raising_gives_a_failed_deferred() -> None:
    async def work() -> None:
        raise ValueError("inside")

    [(kind, fail)] = outcome(txaio.as_future(work))
    assert kind == "fail"
    assert isinstance(fail.value, ValueError)


def test_coroutine_function_with_wrong_arguments_gives_a_failed_deferred() -> None:
    async def work() -> None:
        pass

    [(kind, fail)] = outcome(txaio.as_future(work, 1, 2))
    assert kind == "fail"
    assert isinstance(fail.value, TypeError)


def test_async_generator_function_raises_a_clear_type_error() -> None:
    async def numbers() -> AsyncIterator[int]:
        yield 1

    with pytest.raises(TypeError, match="async generator"):
        txaio.as_future(numbers)


def test_returned_deferred_subclass_is_handed_back_as_it_is() -> None:
    class MyDeferred(Deferred[Any]):
        pass

    future = MyDeferred()
    assert txaio.as_future(lambda: future) is future
