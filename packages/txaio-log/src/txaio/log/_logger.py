"""The txaio logger: one object per class or module, cheap when a level is off.

A disabled level's method is rebound to a no-op on the instance, so a call
at that level costs one call to a function that does nothing.
"""

from __future__ import annotations

import sys
from typing import Any

from txaio.interfaces import ILogger
from txaio.log._backend import Backend, current_backend
from txaio.log._categories import category_format
from txaio.log._formatting import text_unless_format
from txaio.log._levels import EMITTING_LEVELS, check_level, is_enabled
from txaio.log._state import get_global_log_level, level_lock, loggers


def _no_op(message: Any = None, /, *args: Any, **kwargs: Any) -> None:
    """What a disabled level's method is.

    The positional-only first parameter is not decoration: CPython calls
    this shape with keyword arguments measurably faster than ``(*args, **kwargs)``.
    """


class Logger(ILogger):
    """A logger under one namespace; its messages go to the selected framework.

    ``backend`` pins the logging backend; None follows whichever framework is
    selected when a message is emitted (loggers made at import time).
    """

    namespace: str
    _log_level: str
    _log_level_set_explicitly: bool
    #: What each backend emits through, made on first use and kept only by this logger
    #: (so a logger per request, each with its own namespace, leaves nothing behind).
    #: ``_logger`` is the Twisted one: 26.6.1's ``txaio.tx.Logger`` named it so.
    _stdlib_logger: Any = None
    _logger: Any = None

    def __init__(self, namespace: str, level: str | None = None, *, backend: Backend | None = None) -> None:
        own_level = None if level is None else check_level(level)
        self.namespace = namespace
        self._backend = backend
        self._log_level_set_explicitly = level is not None
        with level_lock:  # a concurrent set_global_log_level sees this logger or runs before it reads the level
            self._set_log_level(get_global_log_level() if own_level is None else own_level)
            loggers.add(self)

    def __repr__(self) -> str:
        return f"<txaio Logger {self.namespace!r} level={self._log_level!r}>"

    @property
    def log_level(self) -> str:
        """This logger's level."""
        return self._log_level

    def set_log_level(self, level: str, keep: bool = True) -> None:
        """Set this logger's level; with ``keep`` the global level no longer changes it."""
        level = check_level(level)
        self._log_level_set_explicitly = keep
        self._set_log_level(level)

    def _set_log_level(self, level: str) -> None:
        """Rebind every level method: its real method if enabled, else a no-op."""
        self._log_level = level
        for name in EMITTING_LEVELS:
            self._rebind(name, is_enabled(name, level))
        self._rebind("failure", is_enabled("critical", level))

    def _rebind(self, name: str, enabled: bool) -> None:
        if enabled:
            self.__dict__.pop(name, None)  # the class's method
        else:
            self.__dict__[name] = _no_op

    def emit(self, level: str, *args: Any, **kwargs: Any) -> None:
        """Log at ``level`` (a name from ``txaio.interfaces.log_levels``); an unknown level raises.

        Any keyword is an event key, ``message`` and ``format`` included, so
        ``log.emit(level, **event)`` re-emits an event logged elsewhere.
        """
        if len(args) > 1:
            raise TypeError(f"emit() takes a level and at most one message, not {len(args)} positional arguments")
        if is_enabled(check_level(level), self._log_level):
            if not args and "format" not in kwargs and isinstance(kwargs.get("log_format"), str):
                args = (kwargs["log_format"],)  # a re-emitted event keeps its text
            self._deliver(level, args[0] if args else None, kwargs, None)

    def failure(self, message: Any = None, failure: Any = None, /, **kwargs: Any) -> None:
        """Log at "critical" with a traceback: of ``failure`` if given, else the current exception.

        The message may show the failure itself as ``{log_failure}``.
        """
        if failure is None:
            failure = kwargs.pop("failure", None)
        self._deliver("critical", message, kwargs, failure if failure is not None else sys.exception())

    def critical(self, message: Any = None, /, **kwargs: Any) -> None:
        """Log at "critical"."""
        self._deliver("critical", message, kwargs, None)

    def error(self, message: Any = None, /, **kwargs: Any) -> None:
        """Log at "error"."""
        self._deliver("error", message, kwargs, None)

    def warn(self, message: Any = None, /, **kwargs: Any) -> None:
        """Log at "warn"."""
        self._deliver("warn", message, kwargs, None)

    def info(self, message: Any = None, /, **kwargs: Any) -> None:
        """Log at "info"."""
        self._deliver("info", message, kwargs, None)

    def debug(self, message: Any = None, /, **kwargs: Any) -> None:
        """Log at "debug"."""
        self._deliver("debug", message, kwargs, None)

    def trace(self, message: Any = None, /, **kwargs: Any) -> None:
        """Log at "trace": debug, with ``txaio_trace=True`` in the event."""
        self._deliver("trace", message, kwargs, None)

    def _deliver(self, level: str, message: Any, kwargs: dict[str, Any], failure: object) -> None:
        """Hand one message to the backend.

        ``format=`` is the message when none is given positionally (Twisted's
        own keyword).  A message given with no keyword arguments that does not
        format on its own is text, logged as it is.
        """
        if kwargs:
            if "format" in kwargs:
                given = kwargs.pop("format")
                if message is None:
                    message = given
            if "log_category" in kwargs:
                message = category_format(kwargs, message)
            if message is not None and not isinstance(message, str):
                message = _literal(message)
        elif message is not None:
            if not isinstance(message, str):
                message = _literal(message)
            elif "{" in message or "}" in message:
                message = text_unless_format(message)
        backend = self._backend if self._backend is not None else current_backend()
        backend.emit(self, level, message, kwargs, failure)


def _literal(value: object) -> str:
    """A non-string message, as a format that reproduces its text."""
    try:
        text = str(value)
    except Exception as exc:
        text = f"<unprintable {type(value).__name__}: {type(exc).__name__}>"
    return text.replace("{", "{{").replace("}", "}}")
