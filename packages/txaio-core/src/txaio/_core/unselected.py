"""What ``txaio`` offers before a framework is selected.

Every framework operation raises a RuntimeError that says how to select one.
The logging functions work before selection when txaio-log is installed, so
libraries can create loggers at import time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, NoReturn

from txaio._core.config import Config
from txaio._core.contract import LOGGING_NAMES, OPERATION_NAMES, FrameworkApi

USAGE_ERROR = (
    "txaio has no framework selected: call txaio.use_asyncio() or txaio.use_twisted() before using the txaio API"
)


def _throw_usage_error(*args: Any, **kwargs: Any) -> NoReturn:
    raise RuntimeError(USAGE_ERROR)


def _raising_operation(name: str) -> Callable[..., NoReturn]:
    def operation(self: FrameworkApi, *args: Any, **kwargs: Any) -> NoReturn:
        raise RuntimeError(USAGE_ERROR)

    operation.__name__ = operation.__qualname__ = name
    operation.__doc__ = f"Unavailable until a framework is selected: {USAGE_ERROR}."
    return operation


#: An API whose every operation raises the usage error.
UnselectedApi: type[FrameworkApi] = type(
    "UnselectedApi",
    (FrameworkApi,),
    {"__module__": __name__, **{name: _raising_operation(name) for name in OPERATION_NAMES}},
)

UNSELECTED: FrameworkApi = UnselectedApi(Config())


def with_config(loop: Any = None) -> FrameworkApi:
    """Unavailable until a framework is selected."""
    raise RuntimeError(USAGE_ERROR)


def _delegate_to_txaio_log(name: str) -> Callable[..., Any]:
    def delegate(*args: Any, **kwargs: Any) -> Any:
        try:
            log_module = importlib.import_module("txaio.log")
        except ImportError as exc:
            if exc.name not in ("txaio.log", "txaio"):
                raise
            raise RuntimeError(
                f"txaio.{name}() needs the txaio-log distribution: pip install txaio-log "
                "(txaio-asyncio and txaio-twisted install it), then select a framework with "
                "txaio.use_asyncio() or txaio.use_twisted()"
            ) from exc
        return getattr(log_module, name)(*args, **kwargs)

    delegate.__name__ = delegate.__qualname__ = name
    delegate.__doc__ = f"txaio.log.{name}, usable before a framework is selected."
    return delegate


#: The logging functions as they stand before selection, by name.
LOGGING_BEFORE_SELECTION: dict[str, Callable[..., Any]] = {name: _delegate_to_txaio_log(name) for name in LOGGING_NAMES}
