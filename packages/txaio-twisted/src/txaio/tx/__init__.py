"""The Twisted backend of txaio: ``txaio.use_twisted()`` binds these names onto ``txaio``.

A future is a ``Deferred`` and a failure is a ``Failure``.  The timer
functions use ``txaio.config.loop`` when it is set, else the global reactor,
imported at the first call that needs it (never at import).
"""

from __future__ import annotations

from collections.abc import Callable
from time import perf_counter_ns, time_ns
from typing import TYPE_CHECKING, ParamSpec

from txaio import backend
from txaio.backend import require_core
from txaio.tx._framework import CORE_RANGE, DISTRIBUTION

require_core(DISTRIBUTION, *CORE_RANGE)

from txaio.interfaces import Future, IDelayedCall, IFailedFuture, ILogger
from txaio.tx._api import DEFAULT_API, TwistedApi, with_config
from txaio.tx._logging import (
    Logger,
    LogLevel,
    _loggers,
    add_log_categories,
    get_global_log_level,
    log_levels,
    make_logger,
    set_global_log_level,
    start_logging,
)
from txaio.tx._reactor import GLOBAL_CONFIG as config
from txaio.tx._reactor import global_reactor
from txaio.tx._timers import sleep_on

_P = ParamSpec("_P")

if TYPE_CHECKING:
    # Checkers see the facade's typed signatures (the contract's); at run time the
    # names are the plain functions imported below.
    from txaio import (
        add_callbacks,
        as_future,
        cancel,
        create_failure,
        create_future,
        create_future_error,
        create_future_success,
        failure_format_traceback,
        failure_message,
        failure_traceback,
        gather,
        is_called,
        is_future,
        make_batched_timer,
        reject,
        resolve,
    )
    from txaio.tx._version import __version__ as __version__
else:
    from txaio.tx._failures import (
        create_failure,
        failure_format_traceback,
        failure_message,
        failure_traceback,
    )
    from txaio.tx._futures import (
        add_callbacks,
        as_future,
        cancel,
        create_future,
        create_future_error,
        create_future_success,
        gather,
        is_called,
        is_future,
        reject,
        resolve,
    )

    make_batched_timer = DEFAULT_API.make_batched_timer

__all__ = (
    "IFailedFuture",
    "ILogger",
    "Logger",
    "LogLevel",
    "TwistedApi",
    "_loggers",
    "add_callbacks",
    "add_log_categories",
    "as_future",
    "call_later",
    "cancel",
    "config",
    "create_failure",
    "create_future",
    "create_future_error",
    "create_future_success",
    "failure_format_traceback",
    "failure_message",
    "failure_traceback",
    "gather",
    "get_global_log_level",
    "is_called",
    "is_future",
    "log_levels",
    "make_batched_timer",
    "make_logger",
    "perf_counter_ns",
    "reject",
    "resolve",
    "set_global_log_level",
    "sleep",
    "start_logging",
    "time_ns",
    "using_asyncio",
    "using_twisted",
    "with_config",
)

using_twisted = True
using_asyncio = False


def call_later(delay: float, fun: Callable[_P, object], *args: _P.args, **kwargs: _P.kwargs) -> IDelayedCall:
    """Call ``fun(*args, **kwargs)`` in ``delay`` seconds; returns the reactor's IDelayedCall.

    NaN, infinity and a ``fun`` that cannot be called are refused here, with
    a clear error (the reactor only asserts, and ``python -O`` drops that).
    """
    # A plain float: 0.0 when finite, NaN (truthy) for NaN and the infinities.  Anything but
    # a plain float or int (bool, complex, a str, another Real) takes the full check.
    odd = delay - delay if type(delay) is float else type(delay) is not int
    if odd or delay < 0 or not callable(fun):  # delay < 0: Twisted only asserts, and python -O drops that
        delay = backend.check_call_later(delay, fun)  # refuses what would fail later; 0.0 for a negative delay
    reactor = config.loop
    if reactor is None:
        reactor = global_reactor()
    if args or kwargs:
        return reactor.callLater(delay, fun, *args, **kwargs)  # type: ignore[no-any-return]
    return reactor.callLater(delay, fun)  # type: ignore[no-any-return]  # the common case, without * unpacking


def sleep(delay: float) -> Future[None]:
    """A Deferred that fires with None after ``delay`` seconds; cancelling it cancels the timer."""
    reactor = config.loop
    if reactor is None:
        reactor = global_reactor()
    return sleep_on(reactor, delay)


def __getattr__(name: str) -> str:
    """``__version__``, read at first use: selecting a framework needs no version file."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from txaio.tx._version import __version__ as version

    globals()["__version__"] = version
    return version
