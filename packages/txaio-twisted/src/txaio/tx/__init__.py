"""The Twisted backend of txaio: ``txaio.use_twisted()`` binds these names onto ``txaio``.

A future is a ``Deferred`` and a failure is a ``Failure``.  The timer
functions use ``txaio.config.loop`` when it is set, else the global reactor,
imported at the first call that needs it (never at import).
"""

from __future__ import annotations

from collections.abc import Callable
from time import perf_counter_ns, time_ns
from typing import IO, TYPE_CHECKING, Any, ParamSpec

from txaio import backend
from txaio.backend import require_core
from txaio.tx._framework import CORE_RANGE, DISTRIBUTION

require_core(DISTRIBUTION, *CORE_RANGE)

from twisted.logger import Logger as TwistedLogger
from twisted.logger import LogLevel

from txaio.backend import LOGGING_BEFORE_SELECTION, STDOUT, Config
from txaio.interfaces import Future, IDelayedCall, IFailedFuture, ILogger, log_levels
from txaio.tx._reactor import GLOBAL_CONFIG as config
from txaio.tx._reactor import batched_timer, global_reactor, sleep_on

_P = ParamSpec("_P")

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from types import ModuleType

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
    from txaio.log.sink import loggers as _loggers
    from txaio.tx._api import TwistedApi
    from txaio.tx._logging import Logger
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

    def make_batched_timer(bucket_seconds: float, chunk_size: int = 100) -> backend.BatchedTimer:
        """A timer that groups its calls into buckets of ``bucket_seconds``, on ``txaio.config.loop``'s reactor."""
        return batched_timer(config, bucket_seconds, chunk_size)


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


def with_config(loop: Any = None) -> TwistedApi:
    """An API object whose timers use ``loop`` (else ``txaio.config.loop``, else the global reactor).

    Twisted has one reactor per process: a ``loop`` other than the reactor
    already set in ``txaio.config.loop`` is refused.  An asyncio loop there (an
    application on asyncio, this object a library's) is not a reactor: it is
    passed over.  The API object's class is imported at the first call.
    """
    configured = config.loop
    if configured is not None and not hasattr(configured, "callLater"):
        configured = None  # an asyncio loop, set by an application on asyncio: not a reactor
    if loop is not None and configured is not None and loop is not configured:
        raise RuntimeError(
            f"Twisted has one reactor per process: with_config(loop={loop!r}) differs from the reactor "
            f"already set in txaio.config.loop ({configured!r})"
        )
    api: TwistedApi = backend.resolve("txaio.tx._api:TwistedApi")(Config(loop))
    return api


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


# --- logging: txaio-log and the Twisted sink are imported at the first logging call -------------
# Selecting Twisted imports no logging module: a program pays for them when it makes its first
# logger or starts logging, which imports them before any line is written.
_sink: ModuleType | None = None


def _logging_module() -> ModuleType:
    """``txaio.tx._logging``, imported now if it was not yet (with txaio-log).

    Imported as core imports what it loads on first use: with garbage collection held off,
    so that no ``__del__`` that logs runs while the logging modules are half made.
    """
    global _sink
    module: ModuleType = backend.resolve("txaio.tx._logging")
    _sink = module
    return module


def make_logger(
    level: str | None = None,
    logger: Callable[..., Any] = TwistedLogger,
    observer: Any = None,
    namespace: str | None = None,
) -> Logger:
    """A logger emitting twisted.logger events, named after where it is made.

    As txaio 26.6.1's ``txaio.tx.make_logger``: ``level`` gives it a level of
    its own that the global level does not change, ``logger`` is the Twisted
    Logger class (any class whose instances have ``emit`` and ``failure``),
    ``observer`` receives its events instead of the global publisher.
    ``namespace`` overrides the name.
    """
    made: Logger = (_sink or _logging_module()).make_logger(level, logger, observer, namespace)  # names our caller
    return made


def start_logging(out: IO[Any] | None = STDOUT, level: str = "info") -> None:
    """Write ``<timestamp> <message>`` lines at ``level`` and above to ``out`` (stdout by default).

    txaio's events and every other twisted.logger or legacy
    ``twisted.python.log`` event are shown.  ``out=None`` adds no output of
    txaio's own: Twisted logging starts for the observers the application
    added.  As in txaio 26.6.1, if Twisted logging had not begun, standard
    output and error are redirected into the log.  The first call wins:
    later calls change nothing (an unknown level still raises).
    """
    (_sink or _logging_module()).start_logging(out, level)


# These need no sink: the functions txaio offers before selection, which import txaio-log on first use.
set_global_log_level: Callable[[str], None] = LOGGING_BEFORE_SELECTION["set_global_log_level"]
get_global_log_level: Callable[[], str] = LOGGING_BEFORE_SELECTION["get_global_log_level"]
add_log_categories: Callable[[Mapping[str, str]], None] = LOGGING_BEFORE_SELECTION["add_log_categories"]


def __getattr__(name: str) -> Any:
    """``__version__``, ``Logger``, ``_loggers``, ``TwistedApi``: read at first use, selecting needs none."""
    if name in ("Logger", "_loggers", "TwistedApi"):
        value = backend.resolve(f"txaio.tx._api:{name}") if name == "TwistedApi" else getattr(_logging_module(), name)
        globals()[name] = value
        return value
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from txaio.tx._version import __version__ as version

    globals()["__version__"] = version
    return version
