"""What ``txaio`` offers before a framework is selected.

Every framework operation raises a RuntimeError that says how to select one,
yet shows the contract's signature and docstring to ``help()`` and
``inspect.signature`` (through ``__wrapped__``, read only when asked).
The logging functions work before selection when txaio-log is installed, so
libraries can create loggers at import time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import IO, Any, Final, NoReturn

from txaio._core.contract import OPERATION_NAMES, Config, FrameworkApi
from txaio.interfaces import ILogger

USAGE_ERROR = (
    "txaio has no framework selected: call txaio.use_asyncio() or txaio.use_twisted() before using the txaio API"
)


def _throw_usage_error(*args: Any, **kwargs: Any) -> NoReturn:
    raise RuntimeError(USAGE_ERROR)


def _raising_operation(name: str) -> Callable[..., NoReturn]:
    """A stand-in for the contract's ``name`` that raises the usage error and looks like it."""
    declared = getattr(FrameworkApi, name)

    def operation(self: FrameworkApi, *args: Any, **kwargs: Any) -> NoReturn:
        raise RuntimeError(USAGE_ERROR)

    operation.__name__ = name
    operation.__qualname__ = f"UnselectedApi.{name}"
    operation.__doc__ = f"{declared.__doc__}\n\nUnavailable until a framework is selected: {USAGE_ERROR}."
    operation.__wrapped__ = declared  # type: ignore[attr-defined]  # inspect.signature() follows it
    return operation


#: An API whose every operation raises the usage error.
UnselectedApi: type[FrameworkApi] = type(
    "UnselectedApi",
    (FrameworkApi,),
    {"__module__": __name__, **{name: _raising_operation(name) for name in OPERATION_NAMES}},
)

UNSELECTED: FrameworkApi = UnselectedApi(Config())

# Declared Final so that type checkers take each signature from the contract (generic
# futures, overloads, ParamSpec), written once; selection rebinds the names on ``txaio``.
add_callbacks: Final = UNSELECTED.add_callbacks
as_future: Final = UNSELECTED.as_future
call_later: Final = UNSELECTED.call_later
cancel: Final = UNSELECTED.cancel
create_failure: Final = UNSELECTED.create_failure
create_future: Final = UNSELECTED.create_future
create_future_error: Final = UNSELECTED.create_future_error
create_future_success: Final = UNSELECTED.create_future_success
failure_format_traceback: Final = UNSELECTED.failure_format_traceback
failure_message: Final = UNSELECTED.failure_message
failure_traceback: Final = UNSELECTED.failure_traceback
gather: Final = UNSELECTED.gather
is_called: Final = UNSELECTED.is_called
is_future: Final = UNSELECTED.is_future
make_batched_timer: Final = UNSELECTED.make_batched_timer
reject: Final = UNSELECTED.reject
resolve: Final = UNSELECTED.resolve
sleep: Final = UNSELECTED.sleep


def with_config(loop: object = None) -> FrameworkApi:
    """An API object whose every operation uses ``loop``; unavailable until a framework is selected."""
    raise RuntimeError(USAGE_ERROR)


def _txaio_log(name: str) -> ModuleType:
    from txaio._core.selection import import_module  # as every first-use import: collection held off

    try:
        return import_module("txaio.log")
    except ImportError as exc:
        if exc.name not in ("txaio.log", "txaio"):
            raise
        raise RuntimeError(
            f"txaio.{name}() needs the txaio-log distribution: pip install txaio-log "
            "(txaio-asyncio and txaio-twisted install it), then select a framework with "
            "txaio.use_asyncio() or txaio.use_twisted()"
        ) from None  # the cause stays reachable as __context__


def make_logger(level: str | None = None, namespace: str | None = None) -> ILogger:
    """A logger named after where it is made; ``level`` gives it a level of its own.

    Usable before a framework is selected: the logger follows the framework selected later.
    """
    logger: ILogger = _txaio_log("make_logger").make_logger(level, namespace)
    return logger


def start_logging(out: IO[str] | None = None, level: str = "info") -> None:
    """Write log lines at ``level`` and above to ``out`` (stdout by default); the first call wins."""
    _txaio_log("start_logging").start_logging(out, level)


def set_global_log_level(level: str) -> None:
    """Set the level of every logger that has no level of its own."""
    _txaio_log("set_global_log_level").set_global_log_level(level)


def get_global_log_level() -> str:
    """The level of every logger that has no level of its own."""
    level: str = _txaio_log("get_global_log_level").get_global_log_level()
    return level


def add_log_categories(categories: Mapping[str, str]) -> None:
    """Add message formats by category key: ``log.info(log_category="AR123")``."""
    _txaio_log("add_log_categories").add_log_categories(categories)


#: The logging functions as they stand before selection, by name.
LOGGING_BEFORE_SELECTION: dict[str, Callable[..., Any]] = {
    "make_logger": make_logger,
    "start_logging": start_logging,
    "set_global_log_level": set_global_log_level,
    "get_global_log_level": get_global_log_level,
    "add_log_categories": add_log_categories,
}
