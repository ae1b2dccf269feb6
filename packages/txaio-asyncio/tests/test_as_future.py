"""as_future on asyncio: every kind of callable ends as a future."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

import txaio
from txaio.testutil import VirtualClock


def test_a_plain_value_becomes_a_resolved_future(clock: VirtualClock) -> None:
    f = txaio.as_future(lambda a, b=0: a + b, 1, b=2)
    assert txaio.is_called(f)
    assert f.result() == 3


def test_an_exception_becomes_a_failed_future(clock: VirtualClock) -> None:
    error = RuntimeError("it failed")

    def boom() -> None:
        raise error

    f = txaio.as_future(boom)
    assert f.exception() is error


def test_a_returned_future_is_returned_as_it_is(clock: VirtualClock) -> None:
    inner = txaio.create_future()
    assert txaio.as_future(lambda: inner) is inner


def test_a_coroutine_function_is_scheduled_on_the_configured_loop(clock: VirtualClock) -> None:
    async def work(x: int) -> int:
        await asyncio.sleep(1)
        return x * 2

    f = txaio.as_future(work, 21)
    assert isinstance(f, asyncio.Task)
    assert f.get_loop() is clock.loop
    clock.advance(1)
    assert f.result() == 42


def test_a_function_returning_a_coroutine_is_scheduled(clock: VirtualClock) -> None:
    async def work() -> str:
        return "done"

    def starts_work() -> Any:
        return work()

    f = txaio.as_future(starts_work)
    clock.advance()
    assert f.result() == "done"


def test_a_coroutine_function_with_wrong_arguments_gives_a_failed_future(clock: VirtualClock) -> None:
    async def work() -> None:
        pass

    f = txaio.as_future(work, "unexpected")
    assert isinstance(f.exception(), TypeError)


def test_an_async_generator_function_is_refused_clearly(clock: VirtualClock) -> None:
    async def agen() -> AsyncIterator[int]:
        yield 1

    with pytest.raises(TypeError, match="async generator"):
        txaio.as_future(agen)


def test_keyboard_interrupt_is_not_swallowed(clock: VirtualClock) -> None:
    def interrupted() -> Any:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        txaio.as_future(interrupted)
