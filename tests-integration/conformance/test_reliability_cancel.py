"""A canceller that raises: the future still ends cancelled and the exception is logged, not lost.

Whatever waits on the future is released (its errback sees the framework's
CancelledError), ``cancel()`` itself does not raise, and the canceller's
exception is logged through txaio's logging at critical, with its traceback.
"""

from __future__ import annotations

import io
from typing import Any

import txaio
from txaio.testutil import isolated_logging


def test_a_raising_canceller_still_cancels_and_its_error_is_logged(txaio_framework: str, txaio_clock: Any) -> None:
    def broken_canceller(future: Any) -> None:
        raise KeyError("the canceller broke")

    out = io.StringIO()
    with isolated_logging():
        txaio.start_logging(out=out, level="info")
        future = txaio.create_future(canceller=broken_canceller)
        seen: list[str] = []
        txaio.add_callbacks(future, seen.append, lambda fail: seen.append(type(fail.value).__name__))
        txaio.cancel(future)  # does not raise
        txaio_clock.advance()
    assert txaio.is_called(future)
    assert seen == ["CancelledError"], "the waiter was released"
    text = out.getvalue()
    assert "the canceller" in text and "raised" in text, text
    assert "KeyError: 'the canceller broke'" in text, text


def test_a_canceller_that_resolves_the_future_wins(txaio_framework: str, txaio_clock: Any) -> None:
    future = txaio.create_future(canceller=lambda f: txaio.resolve(f, "resolved by the canceller"))
    seen: list[Any] = []
    txaio.add_callbacks(future, seen.append, lambda fail: seen.append(type(fail.value).__name__))
    txaio.cancel(future)
    txaio_clock.advance()
    assert seen == ["resolved by the canceller"]


def test_a_task_awaiting_a_future_whose_canceller_raises_ends_cancelled(txaio_framework: str, txaio_clock: Any) -> None:
    def broken_canceller(future: Any) -> None:
        raise KeyError("the canceller broke")

    inner = txaio.create_future(canceller=broken_canceller)

    async def waiter() -> None:
        await inner

    with isolated_logging():
        txaio.start_logging(out=io.StringIO(), level="info")
        outer = txaio.as_future(waiter)
        txaio_clock.advance()
        seen: list[str] = []
        txaio.add_callbacks(outer, seen.append, lambda fail: seen.append(type(fail.value).__name__))
        txaio.cancel(outer)
        txaio_clock.advance()
    assert seen == ["CancelledError"]
    assert txaio.is_called(inner)
