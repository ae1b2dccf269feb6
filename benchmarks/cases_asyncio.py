"""The asyncio cases: each batch runs inside the event loop, as a program's code does.

A batch is one ``loop.run_until_complete`` of a coroutine: callbacks are run by
the loop, cancelled timers are cleaned up by the loop, and the raw side is
driven exactly like the txaio side.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import traceback
from collections.abc import Callable, Coroutine
from types import ModuleType
from typing import Any

import floors
from _common import (
    BATCHED_SIZES,
    CHUNK,
    GATHER_CHUNK,
    GATHER_WIDTH,
    Batch,
    Case,
    VirtualTime,
    batched_name,
    failure_cases,
    logging_cases,
    noop,
    plain,
    require,
)


def build(txaio: ModuleType, new_loop: Callable[[], asyncio.AbstractEventLoop] = asyncio.new_event_loop) -> list[Case]:
    """Every asyncio case, on a fresh event loop (``new_loop()``) that is also ``txaio.config.loop``."""
    loop = new_loop()
    asyncio.set_event_loop(loop)
    txaio.config.loop = loop

    def drive(body: Callable[[int], Coroutine[Any, Any, int]]) -> Batch:
        return lambda n: loop.run_until_complete(body(n))

    return [
        *_future_cases(txaio, loop, drive),
        *_gather_cases(txaio, loop, drive),
        *_timer_cases(txaio, loop, drive),
        *_logging_cases(txaio),
        *failure_cases(txaio, _raw_message, _raw_traceback),
        *_batched_cases(txaio, loop, drive),
    ]


async def _settle(done: Callable[[], bool], turns: int) -> None:
    """Let the loop turn until ``done()``; a case whose callbacks never run fails loudly."""
    for _ in range(turns):
        if done():
            return
        await asyncio.sleep(0)
    require(done(), "callbacks still pending after the loop turned")


def _future_cases(txaio: ModuleType, loop: asyncio.AbstractEventLoop, drive: Any) -> list[Case]:
    floor = floors.asyncio_floor(loop)

    def cycle(api: Any) -> Callable[[int], Coroutine[Any, Any, int]]:
        async def batch(n: int) -> int:
            seen: list[object] = []

            def on_value(value: object) -> None:
                seen.append(value)

            sleep = asyncio.sleep
            for _ in range(n // CHUNK):
                for i in range(CHUNK):
                    f = api.create_future()
                    api.add_callbacks(f, on_value, None)
                    api.resolve(f, i)
                await sleep(0)
            await _settle(lambda: len(seen) == n - n % CHUNK, 10)
            return n - n % CHUNK

        return batch

    async def raw_cycle(n: int) -> int:
        seen: list[object] = []

        def on_done(fut: asyncio.Future[Any]) -> None:
            seen.append(fut.result())

        sleep = asyncio.sleep
        for _ in range(n // CHUNK):
            for i in range(CHUNK):
                f = loop.create_future()
                f.add_done_callback(on_done)
                f.set_result(i)
            await sleep(0)
        await _settle(lambda: len(seen) == n - n % CHUNK, 10)
        return n - n % CHUNK

    def as_futures(api: Any) -> Callable[[int], Coroutine[Any, Any, int]]:
        async def batch(n: int) -> int:
            for i in range(n):
                api.as_future(plain, i)
            return n

        return batch

    async def raw_as_future(n: int) -> int:
        for i in range(n):
            f = loop.create_future()
            try:
                result = plain(i)
            except Exception as exc:
                f.set_exception(exc)
            else:
                f.set_result(result)
        return n

    def is_calleds(api: Any) -> Callable[[int], Coroutine[Any, Any, int]]:
        async def batch(n: int) -> int:
            f = loop.create_future()
            f.set_result(None)
            for _ in range(n):
                api.is_called(f)
            return n

        return batch

    async def raw_is_called(n: int) -> int:
        f = loop.create_future()
        f.set_result(None)
        for _ in range(n):
            f.done()
        return n

    return [
        Case("future_cycle", drive(cycle(txaio)), drive(raw_cycle), floor=drive(cycle(floor))),
        Case("as_future", drive(as_futures(txaio)), drive(raw_as_future), floor=drive(as_futures(floor))),
        Case("is_called", drive(is_calleds(txaio)), drive(raw_is_called), floor=drive(is_calleds(floor))),
    ]


def _gather_cases(txaio: ModuleType, loop: asyncio.AbstractEventLoop, drive: Any) -> list[Case]:
    """gather of GATHER_WIDTH futures, already resolved or resolved after the gather; per gather."""
    floor = floors.asyncio_floor(loop)

    def raw_gather(futures: list[Any]) -> asyncio.Future[list[Any]]:
        return asyncio.gather(*futures, return_exceptions=True)

    def gathers(gather: Callable[[list[Any]], Any], pending: bool) -> Callable[[int], Coroutine[Any, Any, int]]:
        async def batch(n: int) -> int:
            results: list[object] = []

            def on_done(gathered: asyncio.Future[list[Any]]) -> None:
                results.append(gathered.result())

            make, sleep = loop.create_future, asyncio.sleep
            rounds = max(1, n // GATHER_CHUNK)
            for _ in range(rounds):
                later: list[asyncio.Future[Any]] = []
                for _ in range(GATHER_CHUNK):
                    futures = [make() for _ in range(GATHER_WIDTH)]
                    if not pending:
                        for i, future in enumerate(futures):
                            future.set_result(i)
                    gather(futures).add_done_callback(on_done)
                    if pending:
                        later += futures
                for i, future in enumerate(later):
                    future.set_result(i)
                await sleep(0)
            done = rounds * GATHER_CHUNK
            await _settle(lambda: len(results) == done, 10)
            return done

        return batch

    return [
        Case(
            f"gather_{state}_{GATHER_WIDTH}",
            drive(gathers(txaio.gather, pending)),
            drive(gathers(raw_gather, pending)),
            start=GATHER_CHUNK,
            cap=100_000,
            floor=drive(gathers(floor.gather, pending)),
        )
        for state, pending in (("resolved", False), ("pending", True))
    ]


def _raw_message() -> str:
    exc = sys.exception()
    return f"{type(exc).__name__}: {exc}"


def _raw_traceback(exc: BaseException) -> Callable[[], str]:
    return lambda: "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def _timer_cases(txaio: ModuleType, loop: asyncio.AbstractEventLoop, drive: Any) -> list[Case]:
    def cancelled(api: Any) -> Callable[[int], Coroutine[Any, Any, int]]:
        async def batch(n: int) -> int:
            sleep = asyncio.sleep
            for _ in range(n // CHUNK):
                for _ in range(CHUNK):
                    api.call_later(1.0, noop).cancel()
                await sleep(0)
            return n - n % CHUNK

        return batch

    # The raw side is the same loop body on the loop itself: loop.call_later(1.0, noop).cancel().
    floor = floors.asyncio_floor(loop)
    return [Case("call_later_cancel", drive(cancelled(txaio)), drive(cancelled(loop)), floor=drive(cancelled(floor)))]


def _logging_cases(txaio: ModuleType) -> list[Case]:
    def stdlib_enabled(sink: Any) -> Callable[[int], None]:
        logger = logging.getLogger("bench.raw.enabled")
        logger.setLevel(logging.INFO)
        logger.propagate = False
        handler = logging.StreamHandler(sink)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        logger.addHandler(handler)
        return lambda i: logger.info("enabled %s", i)

    return logging_cases(txaio, stdlib_enabled, lambda: logging.getLogger(__name__))


def _batched_cases(txaio: ModuleType, loop: asyncio.AbstractEventLoop, drive: Any) -> list[Case]:
    tx = txaio
    cases: list[Case] = []

    def cancel_case(size: int) -> Case:
        async def ours(n: int) -> int:
            timer = tx.make_batched_timer(1.0)
            rounds = max(1, n // size)
            for _ in range(rounds):
                calls = [timer.call_later(10.0, noop) for _ in range(size)]
                for call in calls:
                    call.cancel()
                await asyncio.sleep(0)
            return rounds * size

        async def raw(n: int) -> int:
            rounds = max(1, n // size)
            for _ in range(rounds):
                handles = [loop.call_later(10.0, noop) for _ in range(size)]
                for handle in handles:
                    handle.cancel()
                await asyncio.sleep(0)
            return rounds * size

        return Case(batched_name("batched_cancel", size), drive(ours), drive(raw), start=size)

    def fire_case(size: int) -> Case:
        async def fire(n: int, through_txaio: bool) -> int:
            rounds = max(1, n // size)
            for _ in range(rounds):
                fired: list[None] = []

                def on_fire(seen: list[None] = fired) -> None:
                    seen.append(None)

                clock = VirtualTime(loop.time())
                loop.time = clock.now  # type: ignore[method-assign]
                try:
                    if through_txaio:
                        timer = tx.make_batched_timer(1.0)
                        for _ in range(size):
                            timer.call_later(10.0, on_fire)
                    else:
                        for _ in range(size):
                            loop.call_later(10.0, on_fire)
                    clock.value += 12.0
                    for _ in range(size + 100):
                        if len(fired) == size:
                            break
                        await asyncio.sleep(0)
                        clock.value += 0.01  # a backend may pace its chunks by a real delay
                    require(len(fired) == size, "timers still pending after the loop turned")
                finally:
                    del loop.time  # type: ignore[method-assign]
            return rounds * size

        return Case(
            batched_name("batched_fire", size),
            drive(lambda n: fire(n, True)),
            drive(lambda n: fire(n, False)),
            start=size,
        )

    for size in BATCHED_SIZES:
        cases.append(cancel_case(size))
    # The fire case moves the loop's clock by replacing loop.time; uvloop's timers run on
    # libuv's own clock, which cannot be moved, so there it would wait for real time.
    if isinstance(loop, asyncio.BaseEventLoop):
        cases.append(fire_case(BATCHED_SIZES[-1]))
    return cases
