"""The Twisted API object: what ``txaio.with_config(loop=reactor)`` returns (imported at its first call).

Deferreds do not belong to a reactor, so the future operations are shared
plain functions; only the timer operations (``call_later``, ``sleep``,
``make_batched_timer``) read this object's reactor, at call time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from txaio import backend
from txaio.backend import FrameworkApi
from txaio.interfaces import IFailedFuture
from txaio.tx import _failures, _futures
from txaio.tx._reactor import batched_timer, reactor_of, sleep_on

if TYPE_CHECKING:  # annotations only: twisted.internet.base costs some 60 modules at import
    from twisted.internet.base import DelayedCall
    from twisted.internet.defer import Deferred


class TwistedApi(FrameworkApi):
    """Every txaio operation on Twisted, reading its reactor from one Config."""

    using_twisted = True
    using_asyncio = False

    # The future operations take only Deferreds, narrower than the contract's Future
    # protocol (its typed signatures are what txaio.* and txaio.tx.* show to checkers).
    create_future = staticmethod(_futures.create_future)
    create_future_success = staticmethod(_futures.create_future_success)
    create_future_error = staticmethod(_futures.create_future_error)
    as_future = staticmethod(_futures.as_future)
    is_future = staticmethod(_futures.is_future)
    is_called = staticmethod(_futures.is_called)  # type: ignore[assignment]
    resolve = staticmethod(_futures.resolve)  # type: ignore[assignment]
    reject = staticmethod(_futures.reject)  # type: ignore[assignment]
    cancel = staticmethod(_futures.cancel)  # type: ignore[assignment]
    add_callbacks = staticmethod(_futures.add_callbacks)  # type: ignore[assignment]
    gather = staticmethod(_futures.gather)
    failure_message = staticmethod(_failures.failure_message)
    failure_traceback = staticmethod(_failures.failure_traceback)
    failure_format_traceback = staticmethod(_failures.failure_format_traceback)

    def create_failure(self, exception: BaseException | None = None) -> IFailedFuture:
        """A Failure for ``exception`` (the exception being handled if None)."""
        # Failure is registered as an IFailedFuture at runtime; mypy cannot see that.
        return cast(IFailedFuture, _failures.create_failure(exception))

    def call_later(self, delay: float, fun: Callable[..., Any], *args: Any, **kwargs: Any) -> DelayedCall:
        """Call ``fun(*args, **kwargs)`` in ``delay`` seconds; returns the reactor's IDelayedCall."""
        delay = backend.check_call_later(delay, fun)
        return reactor_of(self._config).callLater(delay, fun, *args, **kwargs)  # type: ignore[no-any-return]

    def sleep(self, delay: float) -> Deferred[None]:
        """A Deferred that fires with None after ``delay`` seconds."""
        return sleep_on(reactor_of(self._config), delay)

    def make_batched_timer(self, bucket_seconds: float, chunk_size: int = 100) -> backend.BatchedTimer:
        """A timer that groups calls into buckets of ``bucket_seconds`` on this object's reactor."""
        return batched_timer(self._config, bucket_seconds, chunk_size)
