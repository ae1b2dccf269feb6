"""The batched-timer engine: many timers, one real delayed call per bucket.

Backends feed it a way to find the scheduler (an event loop, a reactor) at
each call, that scheduler's clock, a way to make a real delayed call on it,
and a way to report an exception; the engine knows nothing else of the
framework.  It never holds on to a scheduler between calls except inside a
bucket: a bucket belongs to the scheduler it was made on, and a call made
while another scheduler is current gets a bucket of its own there, so a timer
made before ``asyncio.run()`` (or used across two runs) fires in each run.

A timer due at time ``t`` joins the bucket that ends at the first multiple
of ``bucket_seconds`` at or after ``t``: it fires no earlier than asked, and
no later than one bucket after.  Cancelling is O(1).

A bucket's calls run back to back, ``chunk_size`` at a time, the loop
getting a turn between chunks.  An exception from one call is reported and
the rest still run; KeyboardInterrupt and SystemExit propagate, as from any
callback, once the bucket's remaining calls are rescheduled.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from txaio._core.checks import count_at_least_one, delay_seconds, not_callable, positive_seconds
from txaio.interfaces import IBatchedTimer, IDelayedCall

_INFINITY = math.inf

Scheduler = Callable[[], Any]
Clock = Callable[[Any], float]
DelayedCallMaker = Callable[[Any, float, Callable[[], None]], IDelayedCall]
ErrorReporter = Callable[[Any, BaseException], None]


class BatchedCall:
    """One timer of a :class:`BatchedTimer`; ``cancel()`` stops it."""

    __slots__ = ("_args", "_bucket", "_func", "_kwargs")

    def __init__(self, bucket: _Bucket, func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]):
        self._bucket: _Bucket | None = bucket
        self._func = func
        self._args = args
        self._kwargs = kwargs

    def active(self) -> bool:
        """True until the call has run or been cancelled."""
        return self._bucket is not None

    def cancel(self) -> None:
        """Stop the call; harmless when repeated or after it ran."""
        bucket = self._bucket
        if bucket is not None:
            self._bucket = None
            bucket.discard(self)

    def _run(self) -> None:
        self._bucket = None
        self._func(*self._args, **self._kwargs)


class _Bucket:
    """The timers that share one real delayed call."""

    __slots__ = ("calls", "delayed_call", "delivering", "key", "owner", "scheduler")

    def __init__(self, owner: BatchedTimer, key: int, scheduler: Any) -> None:
        self.owner = owner
        self.key = key
        self.scheduler = scheduler
        self.calls: dict[BatchedCall, None] = {}
        self.delayed_call: IDelayedCall | None = None
        self.delivering = False

    def discard(self, call: BatchedCall) -> None:
        del self.calls[call]
        if not self.calls and not self.delivering:
            self.owner._drop(self)


def _check_delay(delay: object) -> float:
    """A finite delay in seconds; a negative one (a deadline computed a moment late) means now."""
    return delay_seconds(delay, "BatchedTimer.call_later()")


class BatchedTimer(IBatchedTimer):
    """Groups timers into buckets of ``bucket_seconds`` and runs each bucket in chunks."""

    def __init__(
        self,
        bucket_seconds: float,
        chunk_size: int = 100,
        *,
        scheduler: Scheduler,
        clock: Clock,
        call_later: DelayedCallMaker,
        report_error: ErrorReporter,
    ) -> None:
        self._bucket_seconds = positive_seconds(bucket_seconds, "make_batched_timer()", "bucket_seconds")
        self._chunk_size = count_at_least_one(chunk_size, "make_batched_timer()", "chunk_size")
        self._scheduler = scheduler
        self._clock = clock
        self._real_call_later = call_later
        self._report_error = report_error
        self._buckets: dict[int, _Bucket] = {}

    @property
    def bucket_seconds(self) -> float:
        """The width of one bucket."""
        return self._bucket_seconds

    @property
    def chunk_size(self) -> int:
        """How many calls run before the loop gets a turn."""
        return self._chunk_size

    def pending(self) -> int:
        """How many timers wait in buckets that have not started firing."""
        return sum(len(bucket.calls) for bucket in self._buckets.values())

    def call_later(self, delay: float, func: Callable[..., Any], *args: Any, **kwargs: Any) -> BatchedCall:
        """Call ``func(*args, **kwargs)`` between ``delay`` and ``delay`` plus one bucket from now."""
        kind = type(delay)
        if (kind is not float and kind is not int) or not 0 <= delay < _INFINITY:
            delay = _check_delay(delay)  # the full check, with its message; plain numbers skip it
        if not callable(func):
            raise not_callable(func, "BatchedTimer.call_later()")
        scheduler = self._scheduler()  # looked up now: a closed or missing loop fails here, leaving nothing
        now = self._clock(scheduler)
        due = now + delay
        width = self._bucket_seconds
        key = math.ceil(due / width)
        if key * width < due:
            key += 1
        bucket = self._buckets.get(key)
        if bucket is None or bucket.scheduler is not scheduler:
            # A new bucket, or the one for this instant belongs to another (maybe closed) loop.
            new = _Bucket(self, key, scheduler)
            new.delayed_call = self._real_call_later(scheduler, max(key * width - now, 0.0), lambda: self._deliver(new))
            bucket = self._buckets[key] = new
        call = BatchedCall(bucket, func, args, kwargs)
        bucket.calls[call] = None
        return call

    def _drop(self, bucket: _Bucket) -> None:
        if self._buckets.get(bucket.key) is bucket:
            del self._buckets[bucket.key]
        if bucket.delayed_call is not None:
            bucket.delayed_call.cancel()
            bucket.delayed_call = None

    def _deliver(self, bucket: _Bucket) -> None:
        if self._buckets.get(bucket.key) is bucket:
            del self._buckets[bucket.key]
        bucket.delayed_call = None
        bucket.delivering = True
        self._deliver_chunk(bucket, list(bucket.calls), 0)

    def _deliver_chunk(self, bucket: _Bucket, calls: list[BatchedCall], start: int) -> None:
        end = min(start + self._chunk_size, len(calls))
        for index in range(start, end):
            call = calls[index]
            if call._bucket is not bucket:
                continue  # cancelled while waiting for its chunk
            del bucket.calls[call]
            try:
                call._run()
            except (KeyboardInterrupt, SystemExit):
                self._continue_later(bucket, calls, index + 1)
                raise
            except BaseException as exc:  # CancelledError, GeneratorExit: report them, run the rest
                self._report_error(bucket.scheduler, exc)
        self._continue_later(bucket, calls, end)

    def _continue_later(self, bucket: _Bucket, calls: list[BatchedCall], end: int) -> None:
        """Run the calls from ``end`` on in the next turn of the loop, or end the delivery."""
        if end < len(calls):
            self._real_call_later(bucket.scheduler, 0.0, lambda: self._deliver_chunk(bucket, calls, end))
        else:
            bucket.delivering = False
