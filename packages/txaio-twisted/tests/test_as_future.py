"""as_future on Twisted: Deferreds, Failures and awaiting a Deferred inside a coroutine.

What every framework agrees on is tested once in
tests-integration/conformance/test_as_future.py.
"""

from __future__ import annotations

from typing import Any

from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

import txaio
from txaio.testutil import assert_no_result, failure_of, result_of


def test_returned_failure_gives_a_failed_deferred() -> None:
    fail = Failure(KeyError("k"))
    assert failure_of(txaio.as_future(lambda: fail)) is fail


def test_coroutine_function_runs_and_can_await_a_deferred() -> None:
    gate: Deferred[int] = Deferred()

    async def work(x: int) -> int:
        return x + await gate

    future = txaio.as_future(work, 1)
    assert_no_result(future)
    gate.callback(41)
    assert result_of(future) == 42


def test_returned_deferred_subclass_is_handed_back_as_it_is() -> None:
    class MyDeferred(Deferred[Any]):
        pass

    future = MyDeferred()
    assert txaio.as_future(lambda: future) is future
