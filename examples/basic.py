"""The same library code on asyncio and on Twisted.

The part above the line is "library code": it only talks to ``txaio``, never
to asyncio or Twisted.  The part below is the application, which picks the
framework and runs its event loop.  Selecting a framework is one-way for a
process, so each framework gets its own run:

    python examples/basic.py asyncio
    python examples/basic.py twisted
"""

from __future__ import annotations

import sys
from typing import Any

import txaio

#: The frameworks this example runs on (read by demo.py).
FRAMEWORKS = ("asyncio", "twisted")

# ---------------------------------------------------------------- library code


class Countdown:
    """Counts down with txaio.call_later and hands the ticks back in a future."""

    log = txaio.make_logger()

    def __init__(self, start: int, interval: float = 0.01) -> None:
        self.start = start
        self.interval = interval

    def run(self) -> Any:
        done = txaio.create_future()
        ticks: list[int] = []

        def tick(remaining: int) -> None:
            ticks.append(remaining)
            self.log.info("tick {remaining}", remaining=remaining)
            if remaining > 1:
                txaio.call_later(self.interval, tick, remaining - 1)
            else:
                txaio.resolve(done, ticks)

        txaio.call_later(self.interval, tick, self.start)
        return done


def lookup_sync(name: str) -> str:
    """A plain function: as_future turns its value into a resolved future."""
    return name.upper()


async def lookup_async(name: str) -> str:
    """A coroutine function: as_future schedules it on the selected framework."""
    await txaio.sleep(0.01)
    return name[::-1]


def lookup_broken(name: str) -> str:
    """Fails on purpose, to show that gather hands the failure over with the results."""
    raise ValueError(f"no such name: {name}")


LOOKUPS = (lookup_sync, lookup_async, lookup_broken)


def look_up_all(name: str) -> Any:
    """Call three lookups uniformly and gather their outcomes, failures included."""
    futures = [txaio.as_future(fn, name) for fn in LOOKUPS]
    return txaio.gather(futures, consume_exceptions=True)


def describe(outcome: Any, failure_expected: bool) -> str:
    if isinstance(outcome, txaio.IFailedFuture):
        message = txaio.failure_message(outcome)
    elif isinstance(outcome, BaseException):  # asyncio's gather keeps the exception itself
        message = f"{type(outcome).__name__}: {outcome}"
    else:
        return repr(outcome) if not failure_expected else f"UNEXPECTED success: {outcome!r}"
    return f"expected failure: {message}" if failure_expected else f"UNEXPECTED failure: {message}"


def library_main() -> Any:
    """Everything the library does, as one future the application can wait for."""
    result = txaio.create_future()

    def after_countdown(ticks: list[int]) -> None:
        print(f"countdown ticks: {ticks}")
        txaio.add_callbacks(look_up_all("txaio"), after_lookups, failed)

    def after_lookups(outcomes: list[Any]) -> None:
        for lookup, outcome in zip(LOOKUPS, outcomes, strict=True):
            print(f"{lookup.__name__}: {describe(outcome, failure_expected=lookup is lookup_broken)}")
        txaio.resolve(result, len(outcomes))

    def failed(fail: Any) -> None:
        print(f"unexpected failure: {txaio.failure_message(fail)}")
        txaio.reject(result, fail)

    txaio.add_callbacks(Countdown(3).run(), after_countdown, failed)
    return result


# ----------------------------------------------------------------- application


def type_name(obj: object) -> str:
    """``asyncio.Future``, ``twisted.internet.defer.Deferred``: the public name of obj's type."""
    cls = type(obj)
    module = "asyncio" if cls.__module__ == "_asyncio" else cls.__module__  # the C implementation's module
    return f"{module}.{cls.__qualname__}"


def run_on_asyncio() -> None:
    import asyncio

    txaio.use_asyncio()
    txaio.start_logging(level="info")

    async def main() -> None:
        future = library_main()
        is_asyncio_future = isinstance(future, asyncio.Future)
        print(f"future type on asyncio: {type_name(future)} (isinstance asyncio.Future: {is_asyncio_future})")
        count = await future
        print(f"done on asyncio: {count} lookups")

    asyncio.run(main())


def run_on_twisted() -> None:
    from twisted.internet import defer, task

    txaio.use_twisted()
    txaio.start_logging(level="info")

    async def main(reactor: Any) -> None:
        future = library_main()
        is_deferred = isinstance(future, defer.Deferred)
        print(f"future type on twisted: {type_name(future)} (isinstance Deferred: {is_deferred})")
        count = await future
        print(f"done on twisted: {count} lookups")

    task.react(lambda reactor: defer.ensureDeferred(main(reactor)))


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in FRAMEWORKS:
        print(f"usage: {argv[0]} {{{'|'.join(FRAMEWORKS)}}}", file=sys.stderr)
        return 2
    if argv[1] == "asyncio":
        run_on_asyncio()
    else:
        run_on_twisted()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
