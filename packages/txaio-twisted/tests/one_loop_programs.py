"""Programs that run both frameworks in one process, for ``test_one_loop.py`` (one per subprocess).

``python one_loop_programs.py LOOP PROGRAM``: LOOP is ``asyncio`` or ``uvloop``
(the kind of event loop Twisted's asyncio reactor is installed on, or
``none`` for no asyncio reactor at all); PROGRAM names a function below, which
prints what it saw, one fact per line.  Installing a reactor is once per
process, hence a process each.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import sys
from collections.abc import Callable
from typing import Any

PROGRAMS: dict[str, Callable[[Any], Any]] = {}


def program(fun: Callable[[Any], Any]) -> Callable[[Any], Any]:
    PROGRAMS[fun.__name__] = fun
    return fun


def new_loop(kind: str) -> asyncio.AbstractEventLoop:
    if kind == "uvloop":
        import uvloop

        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def refused(call: Callable[[], Any]) -> str:
    try:
        call()
    except RuntimeError as exc:
        return f"RuntimeError: {exc}"
    return "no error"


# --- under use_twisted(), on asyncio's reactor -------------------------------------------------


async def mixed(reactor: Any, txaio: Any, value: int) -> int:
    """A coroutine that awaits asyncio things, Deferreds and txaio's own futures."""
    from twisted.internet import task

    await asyncio.sleep(0.001)
    got = await task.deferLater(reactor, 0.001, lambda: value)
    await txaio.sleep(0.001)
    await asyncio.wait_for(asyncio.sleep(0), 1)  # needs a current task
    return got + 1  # type: ignore[no-any-return]


@program
async def twisted_as_future(loop: asyncio.AbstractEventLoop) -> None:
    from twisted.internet import reactor

    import txaio

    print("coroutine:", await txaio.as_future(mixed, reactor, txaio, 41))
    future = loop.create_future()
    loop.call_later(0.001, future.set_result, "future's")
    print("future:", await txaio.as_future(lambda: future))
    task = loop.create_task(asyncio.sleep(0.001, "task's"))
    made = txaio.as_future(lambda: task)
    print("is a Deferred:", type(made).__name__, await made)


@program
def twisted_as_future_before_the_loop_runs(loop: asyncio.AbstractEventLoop) -> None:
    """Called when the reactor starts, before asyncio's loop runs: the coroutine starts when it does."""
    from twisted.internet import defer, task

    import txaio

    def main(reactor: Any) -> Any:
        made = txaio.as_future(mixed, reactor, txaio, 1)
        return made.addCallback(lambda result: print("before the loop:", result))

    task.react(lambda reactor: defer.ensureDeferred(main(reactor)))


@program
async def twisted_gather(loop: asyncio.AbstractEventLoop) -> None:
    from twisted.internet import defer, reactor

    import txaio

    future = loop.create_future()
    loop.call_later(0.001, future.set_result, 2)
    items = [defer.succeed(1), future, loop.create_task(asyncio.sleep(0, 3)), mixed(reactor, txaio, 3)]
    print("gather:", await txaio.gather(items))

    async def boom() -> None:
        await asyncio.sleep(0)
        raise KeyError("root")

    results = await txaio.gather([loop.create_task(boom()), defer.succeed(5)], consume_exceptions=True)
    failure = results[0]
    print("consumed:", txaio.failure_message(failure), "boom" in txaio.failure_format_traceback(failure), results[1])
    try:
        await txaio.gather([loop.create_task(boom())], consume_exceptions=False)
    except KeyError as exc:
        print("not consumed:", repr(exc))


@program
async def twisted_add_callbacks(loop: asyncio.AbstractEventLoop) -> None:
    import txaio

    future = loop.create_future()
    chained = txaio.add_callbacks(future, lambda value: value * 2, None)
    print("gives a Deferred:", type(chained).__name__, txaio.is_future(chained))
    future.set_result(21)
    print("callback:", await chained)

    def fail() -> None:
        raise ValueError("from asyncio")

    failing = loop.create_future()
    try:
        fail()
    except ValueError as exc:
        failing.set_exception(exc)
    seen: list[Any] = []
    await txaio.add_callbacks(failing, None, seen.append)
    print("errback:", txaio.failure_message(seen[0]), "in fail" in txaio.failure_format_traceback(seen[0]))


@program
async def twisted_is_future_and_is_called(loop: asyncio.AbstractEventLoop) -> None:
    import txaio

    future = loop.create_future()
    task = loop.create_task(asyncio.sleep(0))
    print("is_future:", txaio.is_future(future), txaio.is_future(task), txaio.is_future(42), txaio.is_future(None))
    made = txaio.as_future(lambda: future)
    print("is_called:", txaio.is_called(made))
    future.set_result(1)
    await asyncio.sleep(0)
    print("is_called:", txaio.is_called(made))
    await task


@program
async def twisted_cancel(loop: asyncio.AbstractEventLoop) -> None:
    from twisted.internet import defer

    import txaio

    task = loop.create_task(asyncio.sleep(60))
    made = txaio.as_future(lambda: task)
    txaio.cancel(made)
    await asyncio.sleep(0)
    print("Deferred cancelled, task cancelled:", task.cancelled())
    try:
        await made
    except defer.CancelledError:
        print("the Deferred failed with CancelledError")

    task = loop.create_task(asyncio.sleep(60))
    made = txaio.as_future(lambda: task)
    task.cancel()
    try:
        await made
    except defer.CancelledError:
        print("task cancelled, Deferred cancelled")

    future = loop.create_future()
    txaio.cancel(future, msg="why")
    try:
        await future
    except asyncio.CancelledError as exc:
        print("cancel() of an asyncio future keeps the message:", exc.args)

    waited = defer.Deferred()
    events: list[str] = []

    async def waits() -> None:
        try:
            await waited
        except asyncio.CancelledError:
            events.append("the coroutine saw CancelledError")
            raise

    running = txaio.as_future(waits)
    await asyncio.sleep(0)
    txaio.cancel(running)
    await asyncio.sleep(0)
    print(*events, "; what it awaited is cancelled:", waited.called)
    running.addErrback(lambda failure: print("its Deferred failed with", failure.type.__name__))


@program
async def twisted_timers_meet_asyncio(loop: asyncio.AbstractEventLoop) -> None:
    import txaio

    async def sleeps() -> str:
        await txaio.sleep(0.001)  # a Deferred, awaited in an asyncio task
        await asyncio.sleep(0.001)
        return "slept"

    task = loop.create_task(asyncio.sleep(0))
    print("sleep in a coroutine:", await txaio.as_future(sleeps))
    fired: list[int] = []
    # Due long after the test: on uvloop a timer already due runs before call_soon's callbacks,
    # so a short delay and a busy machine would race the two.
    call = txaio.call_later(60, fired.append, 1)
    loop.call_soon(call.cancel)  # asyncio code may cancel it
    await asyncio.sleep(0.01)
    print("call_later cancelled from asyncio code:", fired if not call.active() else "still pending")
    await task


@program
async def twisted_refuses_another_loops_future(loop: asyncio.AbstractEventLoop) -> None:
    import txaio

    other = asyncio.new_event_loop()
    try:
        future = other.create_future()
        print(refused(lambda: txaio.as_future(lambda: future)))
    finally:
        other.close()


@program
def twisted_refuses_on_the_default_reactor(loop: None) -> None:
    from twisted.internet import defer, task

    import txaio

    def main(reactor: Any) -> Any:
        other = asyncio.new_event_loop()
        future = other.create_future()
        print("as_future", refused(lambda: txaio.as_future(lambda: future)))
        print("gather", refused(lambda: txaio.gather([future])))
        print("add_callbacks", refused(lambda: txaio.add_callbacks(future, print, None)))
        print("is_future:", txaio.is_future(future))
        other.close()
        return defer.succeed(None)

    task.react(main)


# --- under use_asyncio(), on a loop that runs Twisted's reactor -------------------------------


@program
async def asyncio_as_future(loop: asyncio.AbstractEventLoop) -> None:
    from twisted.internet import reactor, task

    import txaio

    made = txaio.as_future(lambda: task.deferLater(reactor, 0.001, lambda: 42))
    print("a future:", asyncio.isfuture(made), await made)

    def fail() -> None:
        raise ValueError("from Twisted")

    try:
        await txaio.as_future(lambda: task.deferLater(reactor, 0.001, fail))
    except ValueError as exc:
        print("failure:", repr(exc), exc.__traceback__ is not None)
    print("is_future:", txaio.is_future(task.deferLater(reactor, 0, lambda: None)))


@program
async def asyncio_gather(loop: asyncio.AbstractEventLoop) -> None:
    from twisted.internet import defer, reactor, task

    import txaio

    items = [defer.succeed(1), task.deferLater(reactor, 0.001, lambda: 2), asyncio.sleep(0, 3)]
    print("gather:", await txaio.gather(items))
    failed = defer.fail(KeyError("k"))
    results = await txaio.gather([failed, asyncio.sleep(0, 4)], consume_exceptions=True)
    print("consumed:", repr(results[0]), results[1])


@program
async def asyncio_add_callbacks(loop: asyncio.AbstractEventLoop) -> None:
    from twisted.internet import reactor, task

    import txaio

    seen: list[Any] = []
    made = txaio.add_callbacks(task.deferLater(reactor, 0.001, lambda: 7), seen.append, None)
    print("gives a future:", asyncio.isfuture(made), await made, seen)
    failures: list[Any] = []
    failing = txaio.add_callbacks(task.deferLater(reactor, 0.001, lambda: 1 / 0), None, failures.append)
    with contextlib.suppress(ZeroDivisionError):
        await failing
    print("errback:", txaio.failure_message(failures[0]))


@program
async def asyncio_cancel(loop: asyncio.AbstractEventLoop) -> None:
    from twisted.internet import defer

    import txaio

    cancelled: list[str] = []
    deferred: defer.Deferred[Any] = defer.Deferred(lambda _: cancelled.append("canceller"))
    made = txaio.as_future(lambda: deferred)
    made.cancel()
    await asyncio.sleep(0)
    print("future cancelled, Deferred cancelled:", cancelled, deferred.called)

    deferred = defer.Deferred()
    made = txaio.as_future(lambda: deferred)
    txaio.cancel(deferred)
    await asyncio.sleep(0)
    print("Deferred cancelled, future cancelled:", made.cancelled())


@program
async def asyncio_refuses_another_loop(loop: asyncio.AbstractEventLoop) -> None:
    from twisted.internet import defer

    import txaio

    other = asyncio.new_event_loop()
    try:
        api = txaio.with_config(loop=other)
        print(refused(lambda: api.as_future(lambda: defer.succeed(1))))
    finally:
        other.close()


@program
def asyncio_refuses_without_a_reactor(loop: None) -> None:
    from twisted.internet import defer

    import txaio

    async def main() -> None:
        print("as_future", refused(lambda: txaio.as_future(lambda: defer.succeed(1))))
        print("gather", refused(lambda: txaio.gather([defer.succeed(1)])))
        print("add_callbacks", refused(lambda: txaio.add_callbacks(defer.succeed(1), print, None)))

    asyncio.run(main())


# --- libraries that pick their own framework --------------------------------------------------


@program
async def library_on_asyncio_in_a_twisted_application(loop: asyncio.AbstractEventLoop) -> None:
    """The application selected Twisted; an asyncio library keeps its own API object."""
    import txaio
    import txaio.aio

    library = txaio.aio.with_config(loop=loop)
    future = library.create_future()
    library.call_later(0.001, library.resolve, future, "library's")
    print("library:", asyncio.isfuture(future), await future)

    async def work() -> str:
        await asyncio.sleep(0.001)
        return "work"

    made = library.as_future(work)
    print("library as_future:", asyncio.isfuture(made), await made)
    print("application:", type(txaio.create_future()).__name__)


@program
async def library_on_twisted_in_an_asyncio_application(loop: asyncio.AbstractEventLoop) -> None:
    """The application selected asyncio; a Twisted library keeps its own API object."""
    from twisted.internet import defer

    import txaio
    import txaio.tx

    library = txaio.tx.with_config()
    deferred = library.create_future()
    library.call_later(0.001, library.resolve, deferred, "library's")
    print("library:", isinstance(deferred, defer.Deferred), await txaio.as_future(lambda: deferred))
    print("library sleep:", await txaio.as_future(lambda: library.sleep(0.001)))
    print("application:", type(txaio.create_future()).__name__)


def main(kind: str, name: str) -> None:
    fun = PROGRAMS[name]
    framework = "asyncio" if name.startswith(("asyncio", "library_on_twisted")) else "twisted"
    if kind == "none":
        import txaio

        getattr(txaio, f"use_{framework}")()
        fun(None)
        return
    from twisted.internet import asyncioreactor

    loop = new_loop(kind)
    asyncioreactor.install(loop)
    import txaio

    getattr(txaio, f"use_{framework}")()
    if framework == "asyncio":
        txaio.config.loop = loop
    if not inspect.iscoroutinefunction(fun):
        try:
            fun(loop)
        finally:
            loop.close()
        return
    from twisted.internet import defer, task

    def run(reactor: Any) -> Any:
        if framework == "twisted":
            return txaio.as_future(fun, loop)  # runs as an asyncio task that may await Deferreds too
        return defer.Deferred.fromFuture(loop.create_task(fun(loop)))

    try:
        task.react(run)
    finally:
        loop.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
