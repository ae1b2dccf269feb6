"""The asyncio backend of txaio (distribution txaio-asyncio).

``txaio.use_asyncio()`` binds this module's names onto ``txaio``.  The
operations are the methods of one default API object that reads the global
``txaio.config`` at each call, or the shared future functions, so every
``txaio.*`` call is a single hop.
"""

from __future__ import annotations

from time import perf_counter_ns, time_ns
from typing import IO, TYPE_CHECKING, Any

from txaio.aio._framework import CORE_RANGE, DISTRIBUTION
from txaio.backend import require_core

require_core(DISTRIBUTION, *CORE_RANGE)

import txaio
from txaio.aio import _failure, _futures
from txaio.aio._api import AsyncioApi
from txaio.aio._failure import FailedFuture
from txaio.backend import LOGGING_BEFORE_SELECTION, STDOUT, Config
from txaio.backend import resolve as _resolve_reference
from txaio.interfaces import IFailedFuture, ILogger, log_levels

__all__ = (
    "using_asyncio",
    "using_twisted",
    "config",
    "with_config",
    "FailedFuture",
    "IFailedFuture",
    "ILogger",
    "log_levels",
    "create_future",
    "create_future_success",
    "create_future_error",
    "create_failure",
    "as_future",
    "is_future",
    "reject",
    "resolve",
    "cancel",
    "add_callbacks",
    "gather",
    "is_called",
    "call_later",
    "sleep",
    "failure_message",
    "failure_traceback",
    "failure_format_traceback",
    "make_batched_timer",
    "make_logger",
    "start_logging",
    "set_global_log_level",
    "get_global_log_level",
    "add_log_categories",
    "_loggers",
    "time_ns",
    "perf_counter_ns",
)

using_asyncio: bool = True
using_twisted: bool = False

#: The one global configuration (the same object as ``txaio.config``).
config: Config = txaio.config


def with_config(loop: Any = None) -> AsyncioApi:
    """An API object whose every operation uses ``loop`` (None: find the loop at each call)."""
    return AsyncioApi(Config(loop=loop))


_default = AsyncioApi(config)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from types import ModuleType

    # Checkers see the facade's typed signatures (the contract's); at run time the
    # names are the fast callables bound below.
    from txaio import (
        add_callbacks,
        as_future,
        call_later,
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
        sleep,
    )
    from txaio.aio._version import __version__ as __version__
    from txaio.log import Logger
    from txaio.log.sink import loggers as _loggers
else:
    create_future = _default._create_future
    create_future_success = _default.create_future_success
    create_future_error = _default.create_future_error
    as_future = _default._as_future
    gather = _default._gather
    call_later = _default._call_later
    sleep = _default.sleep
    make_batched_timer = _default.make_batched_timer

    is_future = _futures.is_future
    resolve = _futures.resolve
    reject = _futures.reject
    cancel = _futures.cancel
    add_callbacks = _futures.add_callbacks
    is_called = _futures.is_called

    create_failure = _failure.create_failure
    failure_message = _failure.failure_message
    failure_traceback = _failure.failure_traceback
    failure_format_traceback = _failure.failure_format_traceback


# --- logging: txaio-log and the stdlib sink are imported at the first logging call -------------
# Selecting asyncio imports no logging module: a program pays for them when it makes its first
# logger or starts logging, which imports them before any line is written.
_sink: ModuleType | None = None


def _logging_module() -> ModuleType:
    """``txaio.aio._logging``, imported now if it was not yet (with txaio-log).

    Imported as core imports what it loads on first use: with garbage collection held off,
    so that no ``__del__`` that logs runs while the logging modules are half made.
    """
    global _sink
    module: ModuleType = _resolve_reference("txaio.aio._logging")
    _sink = module
    return module


def make_logger(level: str | None = None, namespace: str | None = None) -> Logger:
    """A logger that writes through stdlib logging, named after where it is made.

    ``namespace`` overrides the name; ``level`` gives it a level of its own
    that ``set_global_log_level`` does not change.
    """
    logger: Logger = (_sink or _logging_module()).make_logger(level, namespace)  # names this frame's caller
    return logger


def start_logging(out: IO[Any] | None = STDOUT, level: str = "info") -> None:
    """Write ``<timestamp> <message>`` lines at ``level`` and above to ``out`` (stdout by default).

    txaio's records and those of every stdlib logger are shown; the root
    logger becomes at least as verbose as ``level``.  ``out=None`` adds no
    handler: it only sets the levels, for the handlers the application
    added.  The first call wins: later calls change nothing (an unknown
    level still raises).
    """
    (_sink or _logging_module()).start_logging(out, level)


# These need no sink: the functions txaio offers before selection, which import txaio-log on first use.
set_global_log_level: Callable[[str], None] = LOGGING_BEFORE_SELECTION["set_global_log_level"]
get_global_log_level: Callable[[], str] = LOGGING_BEFORE_SELECTION["get_global_log_level"]
add_log_categories: Callable[[Mapping[str, str]], None] = LOGGING_BEFORE_SELECTION["add_log_categories"]


def __getattr__(name: str) -> Any:
    """``__version__`` and ``_loggers``, read at first use: selecting a framework needs neither."""
    if name == "_loggers":
        loggers = _logging_module()._loggers
        globals()["_loggers"] = loggers
        return loggers
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from txaio.aio._version import __version__ as version

    globals()["__version__"] = version
    return version
