"""User code as a typed user writes it: checked by ``mypy --strict`` and ``pyright --strict``.

``hatch run types`` checks it (tools/typecheck); it is never run.  Each
``assert_type`` pins what a checker sees, so a type that regresses to Any
fails.  Each line marked ``# type: ignore[code]  # pyright: ignore[rule]``
is a mistake that both checkers must catch: an ignore that stops being
needed is itself an error (mypy ``warn_unused_ignores``, pyright
``reportUnnecessaryTypeIgnoreComment``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from types import TracebackType
from typing import Any, Never, assert_type

from twisted.internet.defer import Deferred

import txaio
import txaio.aio
import txaio.log
import txaio.tx
from txaio import Future, IBatchedTimer, IFailedFuture, ILogger
from txaio._core.contract import FrameworkApi
from txaio.interfaces import IDelayedCall


def to_text(value: int) -> str:
    return str(value)


def on_failure(fail: IFailedFuture) -> None:
    print(txaio.failure_message(fail))


async def fetch(url: str, retries: int = 3) -> bytes:
    return url.encode() * retries


def send(data: bytes, *, flush: bool = False) -> int:
    return len(data)


def deferred_length(text: str) -> Future[int]:
    return txaio.create_future_success(len(text))


def shout(text: str) -> str:
    return text.upper()


def tick(count: int) -> None:
    print(count)


def the_facade() -> None:
    """Every operation of ``txaio.*`` and what the checkers see."""
    assert_type(txaio.create_future(), Future[Any])
    assert_type(txaio.create_future(1), Future[int])
    assert_type(txaio.create_future(result="x"), Future[str])
    assert_type(txaio.create_future(error=RuntimeError()), Future[Any])
    assert_type(txaio.create_future_success(b"x"), Future[bytes])
    assert_type(txaio.create_future_error(RuntimeError()), Future[Never])
    assert_type(txaio.create_failure(), IFailedFuture)
    assert_type(txaio.as_future(fetch, "https://example.org"), Future[bytes])
    assert_type(txaio.as_future(deferred_length, "abc"), Future[int])
    assert_type(txaio.as_future(send, b"data", flush=True), Future[int])
    assert_type(txaio.is_future(object()), bool)
    f: Future[int] = txaio.create_future()
    txaio.resolve(f, 1)
    txaio.reject(f, RuntimeError("no"))
    txaio.cancel(f, "stop")
    assert_type(txaio.is_called(f), bool)
    assert_type(txaio.add_callbacks(f, to_text, None), Future[str])
    assert_type(txaio.add_callbacks(f, None, on_failure), Future[int | None])
    assert_type(txaio.gather([f, f], consume_exceptions=False), Future[list[int]])
    assert_type(txaio.gather([f]), Future[list[int | BaseException | IFailedFuture]])
    assert_type(txaio.call_later(1.0, tick, 3), IDelayedCall)
    assert_type(txaio.sleep(0.5), Future[None])
    fail = txaio.create_failure(RuntimeError())
    assert_type(txaio.failure_message(fail), str)
    assert_type(txaio.failure_traceback(fail), TracebackType | None)
    assert_type(txaio.failure_format_traceback(fail), str)
    assert_type(txaio.make_batched_timer(1.0), IBatchedTimer)
    assert_type(txaio.make_batched_timer(1.0).call_later(2.0, tick, 1), IDelayedCall)
    assert_type(txaio.make_logger(), ILogger)
    assert_type(txaio.get_global_log_level(), str)
    txaio.set_global_log_level("debug")
    txaio.start_logging(level="info")
    txaio.add_log_categories({"AR1": "message {x}"})
    assert_type(txaio.with_config(loop=None), FrameworkApi)
    assert_type(txaio.with_config(None).create_future_success(1), Future[int])
    assert_type(txaio.using_asyncio, bool)
    assert_type(txaio.__version__, str)


async def awaiting() -> None:
    """A txaio future is awaitable, with its result type."""
    assert_type(await txaio.create_future_success(1), int)
    assert_type(await txaio.sleep(1), None)


def both_frameworks_futures(af: asyncio.Future[int], d: Deferred[int], coro: Coroutine[Any, Any, str]) -> None:
    """An asyncio future and a Twisted Deferred are txaio Futures as they are."""
    assert_type(txaio.add_callbacks(af, to_text, None), Future[str])
    assert_type(txaio.add_callbacks(d, to_text, None), Future[str])
    assert_type(txaio.gather([d, d], consume_exceptions=False), Future[list[int]])
    txaio.resolve(d, 1)
    txaio.add_callbacks(d, shout, None)  # type: ignore[arg-type]  # pyright: ignore
    assert_type(txaio.gather([coro], consume_exceptions=False), Future[list[str]])


def one_loop(task: asyncio.Task[int], d: Deferred[int], coro: Coroutine[Any, Any, int]) -> None:
    """Both frameworks on one loop: each operation takes either kind of future, mixed too."""
    assert_type(txaio.as_future(lambda: task), Future[int])
    assert_type(txaio.as_future(lambda: d), Future[int])
    assert_type(txaio.gather([task, d, coro], consume_exceptions=False), Future[list[int]])
    assert_type(txaio.add_callbacks(task, to_text, None), Future[str])
    assert_type(txaio.is_future(task), bool)
    assert_type(txaio.is_called(task), bool)
    assert_type(txaio.cancel(task, "why"), None)
    assert_type(txaio.cancel(d), None)


def mistakes() -> None:
    """Each line is a mistake both checkers must report."""
    f: Future[int] = txaio.create_future()
    txaio.resolve(42, 1)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
    txaio.resolve(f)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    txaio.gather([1, 2])  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    # pyright names this error reportCallIssue or reportArgumentType depending on the ignore comment.
    txaio.add_callbacks(f, shout, None)  # type: ignore[arg-type]  # pyright: ignore
    txaio.add_callbacks(f, None, None)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    txaio.as_future(send, "not bytes")  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    txaio.as_future(fetch)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    txaio.call_later(1.0, tick)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    txaio.call_later(1.0, tick, "3")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    txaio.make_batched_timer(1.0).call_later(1.0, tick)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    txaio.with_config(lop=None)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    txaio.make_logger(levle="info")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    txaio.reject(f, "a string")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    txaio.sleep("1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    txaio.failure_message(RuntimeError())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    text: str = txaio.create_future_success(1)  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
    del text


def the_asyncio_backend() -> None:
    """``txaio.aio`` has the facade's types."""
    f: Future[int] = txaio.aio.create_future()
    assert_type(txaio.aio.create_future(1), Future[int])
    assert_type(txaio.aio.create_future_success(b"x"), Future[bytes])
    assert_type(txaio.aio.create_future_error(), Future[Never])
    assert_type(txaio.aio.create_failure(), IFailedFuture)
    assert_type(txaio.aio.as_future(fetch, "u"), Future[bytes])
    assert_type(txaio.aio.is_future(f), bool)
    assert_type(txaio.aio.resolve(f, 1), None)
    assert_type(txaio.aio.reject(f), None)
    assert_type(txaio.aio.cancel(f), None)
    assert_type(txaio.aio.is_called(f), bool)
    assert_type(txaio.aio.add_callbacks(f, to_text, on_failure), Future[str | None])
    assert_type(txaio.aio.gather([f], consume_exceptions=False), Future[list[int]])
    assert_type(txaio.aio.call_later(1, tick, 1), IDelayedCall)
    assert_type(txaio.aio.sleep(1), Future[None])
    assert_type(txaio.aio.failure_message(txaio.aio.create_failure()), str)
    assert_type(txaio.aio.failure_traceback(txaio.aio.create_failure()), TracebackType | None)
    assert_type(txaio.aio.failure_format_traceback(txaio.aio.create_failure()), str)
    assert_type(txaio.aio.make_batched_timer(1), IBatchedTimer)
    assert_type(txaio.aio.with_config().using_asyncio, bool)  # its class, AsyncioApi, is not exported
    assert_type(txaio.aio.make_logger(), txaio.log.Logger)
    assert_type(txaio.aio.get_global_log_level(), str)
    assert_type(txaio.aio.set_global_log_level("info"), None)
    assert_type(txaio.aio.start_logging(level="info"), None)
    assert_type(txaio.aio.add_log_categories({"AR1": "x"}), None)
    assert_type(txaio.aio.using_asyncio, bool)
    txaio.aio.sleep("1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    txaio.aio.call_later(1, tick)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def the_twisted_backend() -> None:
    """``txaio.tx`` has the facade's types."""
    f: Future[int] = txaio.tx.create_future()
    assert_type(txaio.tx.create_future(1), Future[int])
    assert_type(txaio.tx.create_future_success(b"x"), Future[bytes])
    assert_type(txaio.tx.create_future_error(), Future[Never])
    assert_type(txaio.tx.create_failure(), IFailedFuture)
    assert_type(txaio.tx.as_future(fetch, "u"), Future[bytes])
    assert_type(txaio.tx.is_future(f), bool)
    assert_type(txaio.tx.resolve(f, 1), None)
    assert_type(txaio.tx.reject(f), None)
    assert_type(txaio.tx.cancel(f), None)
    assert_type(txaio.tx.is_called(f), bool)
    assert_type(txaio.tx.add_callbacks(f, to_text, on_failure), Future[str | None])
    assert_type(txaio.tx.gather([f], consume_exceptions=False), Future[list[int]])
    assert_type(txaio.tx.call_later(1, tick, 1), IDelayedCall)
    assert_type(txaio.tx.sleep(1), Future[None])
    assert_type(txaio.tx.failure_message(txaio.tx.create_failure()), str)
    assert_type(txaio.tx.failure_traceback(txaio.tx.create_failure()), TracebackType | None)
    assert_type(txaio.tx.failure_format_traceback(txaio.tx.create_failure()), str)
    assert_type(txaio.tx.make_batched_timer(1), IBatchedTimer)
    assert_type(txaio.tx.with_config(), txaio.tx.TwistedApi)
    assert_type(txaio.tx.make_logger(), txaio.tx.Logger)
    assert_type(txaio.tx.get_global_log_level(), str)
    assert_type(txaio.tx.set_global_log_level("info"), None)
    assert_type(txaio.tx.start_logging(level="info"), None)
    assert_type(txaio.tx.add_log_categories({"AR1": "x"}), None)
    assert_type(txaio.tx.using_asyncio, bool)
    txaio.tx.sleep("1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    txaio.tx.call_later(1, tick)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
