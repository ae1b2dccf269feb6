"""gather of asyncio's own futures on one loop, without going through ``asyncio.gather``.

``asyncio.gather`` checks and wraps every input and, on 3.11, schedules one
loop call per input already done.  Here the inputs are known to be futures
of asyncio's exact types on the configured loop, so each distinct pending
input gets one done-callback and the inputs already done are settled
together: in one loop call on 3.11 (asyncio settles them one turn later
there), at once from 3.12 (as asyncio does).  What a caller can see stays
``asyncio.gather``'s: the outer future is asyncio's own gathering future
(its ``cancel()`` cancels the inputs), results come in input order with a
repeated input repeated, the first failure fails the outer unless
exceptions are returned, later failures count as retrieved, and the outer
settles in the same loop turn.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import Any

from txaio.aio._futures import CancellableFuture

_Future = asyncio.Future[Any]

#: The futures taken here, by exact type: asyncio's own future, which every loop's
#: ``create_future`` makes (uvloop's too), its task, and txaio's future with a canceller.
OWN_FUTURES = frozenset({asyncio.Future, asyncio.Task, CancellableFuture})

#: asyncio's outer future of a gather; without it (a later Python) every gather is asyncio's.
_OUTER: Callable[..., _Future] | None = getattr(asyncio.tasks, "_GatheringFuture", None)
#: From 3.12 asyncio.gather settles the inputs already done before it returns.
_SETTLES_AT_ONCE = sys.version_info >= (3, 12)
#: From 3.14 asyncio.gather inside a task records the task as what waits on each pending
#: input (``python -m asyncio pstree`` shows it); that case is left to asyncio.gather.
_RECORDS_WAITERS = hasattr(asyncio.futures, "future_add_to_awaited_by")
_current_task = asyncio.current_task
_running_loop = asyncio._get_running_loop
# The reads of every input's outcome; the types taken here do not override them.
_cancelled = asyncio.Future.cancelled
_exception = asyncio.Future.exception
_result = asyncio.Future.result
_asyncio_gather = asyncio.gather


def gather_futures(items: list[Any], loop: asyncio.AbstractEventLoop, return_exceptions: bool) -> _Future | None:
    """``asyncio.gather(*items)`` for futures of :data:`OWN_FUTURES`; None for any other input.

    Inputs on ``loop`` (the configured one, open) are gathered here; inputs
    of ours on another loop go to ``asyncio.gather`` as they are (which
    refuses a mix of loops).  None says some input is of another type, and
    nothing has been done to any input.
    """
    for item in items:
        if type(item) not in OWN_FUTURES or item._loop is not loop:
            if OWN_FUTURES.issuperset(map(type, items)):
                return _asyncio_gather(*items, return_exceptions=return_exceptions)
            return None
    if _OUTER is None or (_RECORDS_WAITERS and _in_a_task()):
        return _asyncio_gather(*items, return_exceptions=return_exceptions)
    children = list(items)  # a list, as asyncio.gather keeps
    distinct = dict.fromkeys(children)
    outer = _OUTER(children, loop=loop)
    waiting = len(distinct)

    def child_done(child: _Future) -> None:
        """One input is done: its failure fails the outer, or the last one gives the results."""
        nonlocal waiting
        waiting -= 1
        if outer.done():
            if not child.cancelled():
                child.exception()  # retrieved: asyncio logs no "never retrieved" for it
            return
        if not return_exceptions:
            if child.cancelled():
                outer.set_exception(child._make_cancelled_error())  # type: ignore[attr-defined]
                return
            error = child.exception()
            if error is not None:
                outer.set_exception(error)
                return
        if not waiting:
            _conclude(outer, children)

    done: list[_Future] = []
    for child in distinct:
        if child.done():
            done.append(child)
        else:
            child.add_done_callback(child_done)
    if not done:
        return outer

    def settle() -> None:
        """The inputs that were done when gather was called, in input order, as ``child_done`` each."""
        nonlocal waiting
        if return_exceptions and not outer.done():  # no input can settle the outer but the last
            waiting -= len(done)
            if not waiting:
                _conclude(outer, children)
            return
        for child in done:
            child_done(child)

    if _SETTLES_AT_ONCE:
        settle()
    else:
        loop.call_soon(settle)
    return outer


def _in_a_task() -> bool:
    """True when a task of the running loop calls (the task asyncio.gather records from 3.14)."""
    running = _running_loop()
    return running is not None and _current_task(running) is not None


def _conclude(outer: Any, children: list[_Future]) -> None:
    """Every input is done: the outer gets the list of outcomes, or is cancelled if that was asked."""
    if True in map(_cancelled, children):
        results = [_outcome(child) for child in children]
    else:  # the common case, read a column at a time (nothing runs between the reads)
        results = list(map(_exception, children))
        if results.count(None) == len(results):
            results = list(map(_result, children))
        else:
            errors = results
            results = [child.result() if e is None else e for child, e in zip(children, errors, strict=True)]
    if outer._cancel_requested:
        # as asyncio: the cancellation error is made from the last input
        outer.set_exception(children[-1]._make_cancelled_error())  # type: ignore[attr-defined]
    else:
        outer.set_result(results)


def _outcome(child: _Future) -> Any:
    """An input's result, its exception, or a new CancelledError with its cancel message."""
    if child.cancelled():
        message = child._cancel_message  # type: ignore[attr-defined]
        return asyncio.CancelledError("" if message is None else message)
    error = child.exception()
    return child.result() if error is None else error
