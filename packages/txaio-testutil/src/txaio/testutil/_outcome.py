"""Reading a future's outcome right now, on either framework, without waiting.

After Twisted's ``successResultOf`` / ``failureResultOf`` /
``assertNoResult``: a test that drove a future (with a virtual clock, say)
states what it expects of it in one line, and gets a clear AssertionError
if the future is in another state.
"""

from __future__ import annotations

import asyncio
from typing import Any

import txaio
from txaio.backend import find_framework
from txaio.interfaces import IFailedFuture

PENDING = "pending"
SUCCEEDED = "succeeded"
FAILED = "failed"


def outcome(future: Any, *, handle_failure: bool = False) -> tuple[str, Any]:
    """``(state, value)``: value is the result, or the IFailedFuture of a failed (or cancelled) future.

    A result stays in the future for its later callbacks.  A failure stays
    unhandled too unless ``handle_failure`` (then asyncio does not log
    "exception was never retrieved", nor Twisted "Unhandled error in Deferred").
    """
    if asyncio.isfuture(future):
        return _asyncio_outcome(future, handle_failure)
    if not txaio.is_future(future):
        raise TypeError(f"expected a future of the selected txaio framework, got {type(future).__name__}: {future!r}")
    seen: list[tuple[str, Any]] = []

    def succeeded(value: Any) -> Any:
        seen.append((SUCCEEDED, value))
        return value

    def failed(fail: IFailedFuture) -> IFailedFuture | None:
        seen.append((FAILED, fail))
        return None if handle_failure else fail

    # On Twisted the callbacks of a fired Deferred run right here; on a
    # pending one this pair passes everything through when it fires later.
    txaio.add_callbacks(future, succeeded, failed)
    return seen[0] if seen else (PENDING, None)


def _asyncio_outcome(future: asyncio.Future[Any], handle_failure: bool) -> tuple[str, Any]:
    if not future.done():
        return PENDING, None
    if future.cancelled():
        error: BaseException | None = asyncio.CancelledError()
    elif handle_failure:
        error = future.exception()
    else:
        # Reading the exception would mark it retrieved.
        error = getattr(future, "_exception", None)
    if error is None:
        return SUCCEEDED, future.result()
    create_failure = find_framework("asyncio").load_api().create_failure  # txaio-asyncio made this future

    return FAILED, create_failure(error)


def result_of(future: Any) -> Any:
    """The result of ``future``, which must have succeeded already (else AssertionError)."""
    state, value = outcome(future)
    if state == PENDING:
        raise AssertionError(f"result_of({future!r}): the future has no result yet")
    if state == FAILED:
        raise AssertionError(f"result_of({future!r}): the future failed with {_describe(value)}") from value.value
    return value


def failure_of(future: Any, *expected: type[BaseException]) -> IFailedFuture:
    """The failure of ``future``, which must have failed already (with one of ``expected``, if given).

    The failure counts as handled afterwards.  A cancelled future fails with
    ``asyncio.CancelledError`` on asyncio, ``twisted.internet.defer.CancelledError`` on Twisted.
    """
    state, value = outcome(future)
    if state == PENDING:
        raise AssertionError(f"failure_of({future!r}): the future has no result yet")
    if state == SUCCEEDED:
        raise AssertionError(f"failure_of({future!r}): the future succeeded with {value!r}")
    if expected and not isinstance(value.value, expected):
        names = " or ".join(kind.__name__ for kind in expected)
        raise AssertionError(
            f"failure_of({future!r}): expected {names}, but the future failed with {_describe(value)}"
        ) from value.value
    failure: IFailedFuture = outcome(future, handle_failure=True)[1]
    return failure


def assert_no_result(future: Any) -> None:
    """Assert that ``future`` has neither a result nor a failure yet."""
    state, value = outcome(future)
    if state == SUCCEEDED:
        raise AssertionError(f"assert_no_result({future!r}): the future already succeeded with {value!r}")
    if state == FAILED:
        raise AssertionError(
            f"assert_no_result({future!r}): the future already failed with {_describe(value)}"
        ) from value.value


def _describe(failure: IFailedFuture) -> str:
    error = failure.value
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
