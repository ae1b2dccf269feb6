"""as_future on every framework: whatever the callable does, a future comes back.

Awaiting as_future of a coroutine function (its result and its failure) is in test_async_style.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Coroutine, Generator
from typing import Any

import pytest

import txaio
from txaio.testutil import failure_of, result_of


def test_a_plain_value(txaio_clock: Any) -> None:
    f = txaio.as_future(lambda a, b=0: a + b, 1, b=2)
    txaio_clock.advance()
    assert result_of(f) == 3


def test_a_raised_exception_becomes_a_failed_future(txaio_clock: Any) -> None:
    error = RuntimeError("it failed")

    def boom() -> None:
        raise error

    f = txaio.as_future(boom)
    txaio_clock.advance()
    fail = failure_of(f)
    assert fail.value is error
    assert "boom" in txaio.failure_format_traceback(fail)


def test_keyboard_interrupt_is_not_swallowed(txaio_clock: Any) -> None:
    def interrupted() -> Any:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        txaio.as_future(interrupted)


def test_a_returned_future_is_returned_as_it_is(txaio_clock: Any) -> None:
    inner = txaio.create_future()
    assert txaio.as_future(lambda: inner) is inner


def test_a_returned_coroutine_runs_to_its_result(txaio_clock: Any) -> None:
    async def work() -> str:
        return "done"

    def starts_work() -> Any:
        return work()

    f = txaio.as_future(starts_work)
    txaio_clock.advance()
    assert result_of(f) == "done"


def test_a_coroutine_function_with_wrong_arguments_gives_a_failed_future(txaio_clock: Any) -> None:
    async def work() -> None:
        pass

    f = txaio.as_future(work, "unexpected")
    txaio_clock.advance()
    failure_of(f, TypeError)


def test_an_async_generator_function_is_refused_at_once(txaio_clock: Any) -> None:
    async def agen() -> AsyncIterator[int]:
        yield 1

    with pytest.raises(TypeError, match="async generator"):
        txaio.as_future(agen)


class _HandWrittenCoroutine(Coroutine[Any, Any, int]):
    """A coroutine that is not a native one: any collections.abc.Coroutine must run."""

    def __init__(self, result: int) -> None:
        self.result = result
        self.ran = False

    def send(self, value: Any) -> Any:
        self.ran = True
        raise StopIteration(self.result)

    def throw(self, *args: Any) -> Any:
        raise args[0]

    def close(self) -> None:
        pass

    def __await__(self) -> Generator[Any, None, int]:
        return (yield from _finished(self))


def _finished(coroutine: _HandWrittenCoroutine) -> Generator[Any, None, int]:
    coroutine.ran = True
    return coroutine.result
    yield  # a generator, though it never yields


def test_a_hand_written_coroutine_runs_to_its_result(txaio_clock: Any) -> None:
    coroutine = _HandWrittenCoroutine(11)
    f = txaio.as_future(lambda: coroutine)
    txaio_clock.advance()
    assert result_of(f) == 11
    assert coroutine.ran


def test_a_cython_compiled_coroutine_function_runs_to_its_result(cython_module: Any, txaio_clock: Any) -> None:
    cython_module.ran.clear()
    f = txaio.as_future(cython_module.double, 21)
    txaio_clock.advance()
    assert result_of(f) == 42
    assert cython_module.ran == [21]


def test_gather_takes_a_hand_written_coroutine_too(txaio_clock: Any) -> None:
    g = txaio.gather([_HandWrittenCoroutine(5), txaio.create_future_success(6)])
    txaio_clock.advance()
    assert result_of(g) == [5, 6]
