"""The Twisted cases: Deferreds and the real reactor, driven by hand.

The reactor is never started (it cannot be restarted); instead each batch
calls ``reactor.runUntilCurrent()`` where a running reactor would take a
turn: it runs due timers and cleans up cancelled ones.  The real reactor,
not ``task.Clock``, because Clock re-sorts its whole list on every
``callLater`` and 100k raw timers would measure that, not Twisted.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import floors
from _common import (
    BATCHED_SIZES,
    CHUNK,
    GATHER_CHUNK,
    GATHER_WIDTH,
    Case,
    VirtualTime,
    batched_name,
    failure_cases,
    logging_cases,
    noop,
    plain,
    require,
)


def build(txaio: ModuleType) -> list[Case]:
    """Every Twisted case, with the global reactor as ``txaio.config.loop``."""
    from twisted.internet import reactor

    txaio.config.loop = reactor
    return [
        *_future_cases(txaio, reactor),
        *_gather_cases(txaio, reactor),
        *_timer_cases(txaio, reactor),
        *_logging_cases(txaio),
        *_failure_cases(txaio),
        *_batched_cases(txaio, reactor),
    ]


def _future_cases(txaio: ModuleType, reactor: Any) -> list[Case]:
    from twisted.internet import defer

    turn = reactor.runUntilCurrent
    floor = floors.twisted_floor(reactor)

    def cycle(api: Any) -> Callable[[int], int]:
        def batch(n: int) -> int:
            seen: list[object] = []

            def on_value(value: object) -> None:
                seen.append(value)

            for _ in range(n // CHUNK):
                for i in range(CHUNK):
                    d = api.create_future()
                    api.add_callbacks(d, on_value, None)
                    api.resolve(d, i)
                turn()
            require(len(seen) == n - n % CHUNK, "future callbacks")
            return n - n % CHUNK

        return batch

    def raw_cycle(n: int) -> int:
        seen: list[object] = []

        def on_value(value: object) -> None:
            seen.append(value)

        deferred = defer.Deferred
        for _ in range(n // CHUNK):
            for i in range(CHUNK):
                d: defer.Deferred[Any] = deferred()
                d.addCallback(on_value)
                d.callback(i)
            turn()
        require(len(seen) == n - n % CHUNK, "Deferred callbacks")
        return n - n % CHUNK

    def as_futures(api: Any) -> Callable[[int], int]:
        def batch(n: int) -> int:
            for i in range(n):
                api.as_future(plain, i)
            return n

        return batch

    def raw_as_future(n: int) -> int:
        maybe_deferred = defer.maybeDeferred  # Twisted's own "call it, give me a Deferred"
        for i in range(n):
            maybe_deferred(plain, i)
        return n

    def is_calleds(api: Any) -> Callable[[int], int]:
        def batch(n: int) -> int:
            d = defer.succeed(None)
            for _ in range(n):
                api.is_called(d)
            return n

        return batch

    def raw_is_called(n: int) -> int:
        d = defer.succeed(None)
        for _ in range(n):
            d.called  # noqa: B018
        return n

    return [
        Case("future_cycle", cycle(txaio), raw_cycle, floor=cycle(floor)),
        Case("as_future", as_futures(txaio), raw_as_future, floor=as_futures(floor)),
        Case("is_called", is_calleds(txaio), raw_is_called, floor=is_calleds(floor)),
    ]


def _gather_cases(txaio: ModuleType, reactor: Any) -> list[Case]:
    """gather of GATHER_WIDTH Deferreds, already fired or fired after the gather; per gather.

    The raw side is what gather is made of in Twisted: a DeferredList that
    consumes errors, and a callback that takes the values out of its pairs.
    """
    from twisted.internet.defer import Deferred, DeferredList, succeed

    turn = reactor.runUntilCurrent
    floor = floors.twisted_floor(reactor)

    def values(pairs: list[tuple[bool, Any]]) -> list[Any]:
        return [value for _, value in pairs]

    def raw_gather(deferreds: list[Any]) -> Any:
        return DeferredList(deferreds, consumeErrors=True).addCallback(values)

    def gathers(gather: Callable[[list[Any]], Any], pending: bool) -> Callable[[int], int]:
        def batch(n: int) -> int:
            results: list[object] = []
            rounds = max(1, n // GATHER_CHUNK)
            for _ in range(rounds):
                later: list[Any] = []
                for _ in range(GATHER_CHUNK):
                    if pending:
                        deferreds = [Deferred() for _ in range(GATHER_WIDTH)]
                        later += deferreds
                    else:
                        deferreds = [succeed(i) for i in range(GATHER_WIDTH)]
                    gather(deferreds).addCallback(results.append)
                for i, deferred in enumerate(later):
                    deferred.callback(i)
                turn()
            done = rounds * GATHER_CHUNK
            require(len(results) == done, "gather callbacks")
            return done

        return batch

    return [
        Case(
            f"gather_{state}_{GATHER_WIDTH}",
            gathers(txaio.gather, pending),
            gathers(raw_gather, pending),
            start=GATHER_CHUNK,
            cap=100_000,
            floor=gathers(floor.gather, pending),
        )
        for state, pending in (("resolved", False), ("pending", True))
    ]


def _failure_cases(txaio: ModuleType) -> list[Case]:
    from twisted.python.failure import Failure

    def raw_message() -> str:
        failure = Failure()
        return f"{failure.type.__name__}: {failure.getErrorMessage()}"

    def raw_traceback(exc: BaseException) -> Callable[[], str]:
        return Failure(exc).getTraceback

    return failure_cases(txaio, raw_message, raw_traceback)


def _timer_cases(txaio: ModuleType, reactor: Any) -> list[Case]:
    turn = reactor.runUntilCurrent

    def cancelled(api: Any) -> Callable[[int], int]:
        def batch(n: int) -> int:
            for _ in range(n // CHUNK):
                for _ in range(CHUNK):
                    api.call_later(1.0, noop).cancel()
                turn()
            return n - n % CHUNK

        return batch

    def raw(n: int) -> int:
        call_later = reactor.callLater
        for _ in range(n // CHUNK):
            for _ in range(CHUNK):
                call_later(1.0, noop).cancel()
            turn()
        return n - n % CHUNK

    return [Case("call_later_cancel", cancelled(txaio), raw, floor=cancelled(floors.twisted_floor(reactor)))]


def _logging_cases(txaio: ModuleType) -> list[Case]:
    from twisted.logger import Logger, textFileLogObserver

    def twisted_enabled(sink: Any) -> Callable[[int], None]:
        logger = Logger(namespace="bench.raw.enabled", observer=textFileLogObserver(sink))
        return lambda i: logger.info("enabled {i}", i=i)

    return logging_cases(txaio, twisted_enabled, Logger)


def _batched_cases(txaio: ModuleType, reactor: Any) -> list[Case]:
    tx = txaio
    turn = reactor.runUntilCurrent

    def cancel_case(size: int) -> Case:
        def ours(n: int) -> int:
            timer = tx.make_batched_timer(1.0)
            rounds = max(1, n // size)
            for _ in range(rounds):
                calls = [timer.call_later(10.0, noop) for _ in range(size)]
                for call in calls:
                    call.cancel()
                turn()
            return rounds * size

        def raw(n: int) -> int:
            call_later = reactor.callLater
            rounds = max(1, n // size)
            for _ in range(rounds):
                handles = [call_later(10.0, noop) for _ in range(size)]
                for handle in handles:
                    handle.cancel()
                turn()
            return rounds * size

        return Case(batched_name("batched_cancel", size), ours, raw, start=size)

    def fire_case(size: int) -> Case:
        def fire(n: int, through_txaio: bool) -> int:
            rounds = max(1, n // size)
            for _ in range(rounds):
                fired: list[None] = []

                def on_fire(seen: list[None] = fired) -> None:
                    seen.append(None)

                clock = VirtualTime(reactor.seconds())
                reactor.seconds = clock.now
                try:
                    if through_txaio:
                        timer = tx.make_batched_timer(1.0)
                        for _ in range(size):
                            timer.call_later(10.0, on_fire)
                    else:
                        for _ in range(size):
                            reactor.callLater(10.0, on_fire)
                    clock.value += 12.0
                    for _ in range(size + 100):
                        if len(fired) == size:
                            break
                        turn()
                        clock.value += 0.01  # a backend may pace its chunks by a real delay
                    require(len(fired) == size, "timers still pending after the reactor turned")
                finally:
                    del reactor.seconds
            return rounds * size

        return Case(
            batched_name("batched_fire", size),
            lambda n: fire(n, True),
            lambda n: fire(n, False),
            start=size,
        )

    cases = [cancel_case(size) for size in BATCHED_SIZES]
    cases.append(fire_case(BATCHED_SIZES[-1]))
    return cases
