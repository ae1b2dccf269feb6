"""Deferreds and asyncio futures in one process, on one loop: Twisted on asyncio's reactor.

Twisted's ``asyncioreactor`` runs the reactor on an asyncio event loop; this
module is what lets txaio's operations take either kind of future there.
Under ``use_twisted()`` an asyncio future (or task) becomes a Deferred of its
outcome, and a coroutine runs as an asyncio task on the reactor's loop that
may await asyncio futures and Deferreds alike.  Under ``use_asyncio()`` the
asyncio backend reaches :data:`DEFERREDS_ELSEWHERE` through the descriptor
(``txaio.backend.adopt_foreign``): a Deferred becomes an asyncio future.
Either way cancelling one side cancels the other, and a failure keeps its
exception and traceback.  Where the two cannot meet (an asyncio future under a
reactor that is not asyncio's, a Deferred on a loop no reactor runs) the call
raises RuntimeError saying what to install.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine, Generator
from types import TracebackType
from typing import Any

from twisted.internet.defer import CancelledError, Deferred
from twisted.python.failure import Failure

from txaio.backend import ForeignFutures
from txaio.tx._futures import new_failure
from txaio.tx._reactor import GLOBAL_CONFIG

_Future = asyncio.Future[Any]

INSTALL_HINT = (
    "install Twisted's asyncio reactor on that loop before anything imports twisted.internet.reactor: "
    "from twisted.internet import asyncioreactor; asyncioreactor.install(loop)"
)


def reactor_loop() -> asyncio.AbstractEventLoop | None:
    """The asyncio loop the reactor runs on (``txaio.config.loop`` if a reactor, else the one installed), or None.

    A reactor of another kind configured (a ``task.Clock`` in tests) means
    None, even where asyncio's reactor is installed.

    Nothing is installed here: without a reactor yet, the answer is None.
    """
    module = sys.modules.get("twisted.internet.asyncioreactor")
    if module is None:  # never imported: no reactor can be asyncio's
        return None
    kind = module.AsyncioSelectorReactor
    reactor = GLOBAL_CONFIG.loop
    if reactor is None or not hasattr(reactor, "callLater"):  # none, or an asyncio loop: the installed one
        reactor = sys.modules.get("twisted.internet.reactor")
    if not isinstance(reactor, kind):
        return None  # a reactor of another kind (a task.Clock too): nothing asyncio runs there
    return reactor._asyncioEventloop  # type: ignore[no-any-return]  # Twisted names no public accessor


def _loop_for(future: _Future, what: str) -> asyncio.AbstractEventLoop:
    """The reactor's loop, which must be ``future``'s; RuntimeError saying what to install otherwise."""
    loop = reactor_loop()
    if loop is None:
        raise RuntimeError(
            f"{what} got an asyncio future ({future!r}) under use_twisted(), but the Twisted reactor is not "
            f"asyncio's, so nothing would ever run it: {INSTALL_HINT}; or select asyncio (txaio.use_asyncio())"
        )
    if future.get_loop() is not loop:
        raise RuntimeError(
            f"{what} got an asyncio future of another event loop ({future.get_loop()!r}) than the one Twisted's "
            f"reactor runs on ({loop!r}): make it on the reactor's loop"
        )
    return loop


def deferred_of(future: _Future, what: str = "txaio") -> Deferred[Any]:
    """A Deferred of an asyncio future's outcome; cancelling either cancels the other.

    A cancelled future fails the Deferred with Twisted's CancelledError, as
    cancelling a Deferred does; a failed one with its exception and traceback.
    """
    _loop_for(future, what)

    def cancel_future(_: Deferred[Any]) -> None:
        future.cancel()

    deferred: Deferred[Any] = Deferred(cancel_future)

    def settle(done: _Future) -> None:
        if deferred.called:
            return  # the Deferred was cancelled first
        if done.cancelled():
            deferred.cancel()
            return
        exc = done.exception()
        if exc is None:
            deferred.callback(done.result())
        else:
            deferred.errback(new_failure(exc, type(exc), exc.__traceback__))

    future.add_done_callback(settle)
    return deferred


def future_of(deferred: Deferred[Any], loop: asyncio.AbstractEventLoop) -> _Future:
    """An asyncio future on ``loop`` of a Deferred's outcome; cancelling either cancels the other.

    The Deferred's result (or failure) moves to the future, as Twisted's
    ``Deferred.asFuture`` does, so no "Unhandled error in Deferred" follows.
    """
    future: _Future = loop.create_future()

    def settle(result: object) -> None:
        if future.done():
            return None  # the future was cancelled first
        if isinstance(result, Failure):
            if isinstance(result.value, CancelledError):
                future.cancel()
            else:
                exc: BaseException = result.value  # type: ignore[assignment]  # a Failure always has one
                if exc.__traceback__ is None and isinstance(result.tb, TracebackType):
                    exc = exc.with_traceback(result.tb)
                future.set_exception(exc)
        else:
            future.set_result(result)
        return None

    deferred.addBoth(settle)
    if not future.done():
        future.add_done_callback(lambda done: deferred.cancel() if done.cancelled() else None)
    return future


def to_deferred(obj: Any, what: str) -> Deferred[Any] | None:
    """A Deferred for an asyncio future, or None if ``obj`` is none (the caller refuses it)."""
    if isinstance(obj, asyncio.Future):
        return deferred_of(obj, what)
    return None


def run_coroutine(coroutine: Coroutine[Any, Any, Any], loop: asyncio.AbstractEventLoop) -> Deferred[Any]:
    """Run ``coroutine`` as an asyncio task on ``loop``, where it may await asyncio futures and Deferreds.

    The task starts at once where the loop is running and Python has eager
    tasks (3.12+), else at the loop's next turn.  The Deferred has its
    outcome; cancelling the Deferred cancels the task.
    """
    runner = _run(coroutine)
    task: asyncio.Task[Any]
    if _EAGER and loop.is_running():
        task = asyncio.Task(runner, loop=loop, eager_start=True)  # type: ignore[call-arg]
    else:
        task = loop.create_task(runner)
    return deferred_of(task)


_EAGER = sys.version_info >= (3, 12)


async def _run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    return await _BothKinds(coroutine)


class _BothKinds:
    """Steps a coroutine inside an asyncio task, waiting for each Deferred it awaits as for a future.

    An awaited Deferred yields itself until it has its result, which asyncio's
    tasks refuse ("bad yield"); here each such yield becomes a wait on an
    asyncio future that the Deferred completes, then the coroutine resumes
    and takes the result from the Deferred itself.  Everything else it
    yields (asyncio futures) goes to the task unchanged.
    """

    __slots__ = ("_coroutine",)

    def __init__(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self._coroutine = coroutine

    def __await__(self) -> Generator[Any, Any, Any]:
        coroutine = self._coroutine
        value: Any = None
        error: BaseException | None = None
        while True:
            try:
                yielded = coroutine.send(value) if error is None else coroutine.throw(error)
            except StopIteration as stop:
                return stop.value
            value = error = None
            try:
                if isinstance(yielded, Deferred):
                    waiter = asyncio.get_running_loop().create_future()
                    yielded.addBoth(_wake, waiter)
                    try:
                        yield from waiter
                    except asyncio.CancelledError:
                        yielded.addErrback(_cancelled_here)
                        yielded.cancel()  # the task was cancelled: so is what it waits for
                        raise
                else:
                    value = yield yielded
            except GeneratorExit:
                coroutine.close()
                raise
            except BaseException as exc:
                error = exc


def _wake(result: object, waiter: _Future) -> object:
    if not waiter.done():
        waiter.set_result(None)
    return result


def _cancelled_here(failure: Failure) -> Failure | None:
    """The cancellation the task's own caused: handled, so no "Unhandled error in Deferred"."""
    return None if isinstance(failure.value, CancelledError) else failure


class DeferredsToAsyncio(ForeignFutures):
    """Twisted's Deferreds for the asyncio backend, on the loop Twisted's asyncio reactor runs on."""

    def is_future(self, obj: object) -> bool:
        return isinstance(obj, Deferred)

    def adopt(self, obj: object, framework: str, loop: Any) -> _Future | None:
        if framework != "asyncio" or not isinstance(obj, Deferred):
            return None
        module = sys.modules.get("twisted.internet.asyncioreactor")
        reactor = sys.modules.get("twisted.internet.reactor")
        if module is None or not isinstance(reactor, module.AsyncioSelectorReactor):
            kind = "no Twisted reactor is installed" if reactor is None else f"the reactor is {type(reactor).__name__}"
            raise RuntimeError(
                f"txaio (asyncio) got a Twisted Deferred ({obj!r}), but {kind}, so no reactor runs on the asyncio "
                f"loop and nothing would fire it: {INSTALL_HINT}"
            )
        reactor_loop: asyncio.AbstractEventLoop = reactor._asyncioEventloop
        if loop is not None and loop is not reactor_loop:
            raise RuntimeError(
                f"txaio (asyncio) got a Twisted Deferred ({obj!r}) on the event loop {loop!r}, but Twisted's reactor "
                f"runs on another one ({reactor_loop!r}): use the reactor's loop (txaio.config.loop = that loop)"
            )
        return future_of(obj, reactor_loop)


#: The converter txaio-twisted's descriptor names (``foreign_futures``).
DEFERREDS_ELSEWHERE = DeferredsToAsyncio()
