"""The txaio logger, and everything one of its calls decides before the backend writes it.

A call such as ``log.info("connected to {peer}", peer=p)`` reads here from
top to bottom: the logger's level methods (a disabled level is a no-op
bound on the instance, so it costs one call to a function that does
nothing), the global level that rebinds them, the message a call means
(its category's format, or text that does not format on its own), and the
backend of the selected framework that receives it.  ``format_message``
renders it for the backend; the namespace a logger is made with comes from
where ``make_logger()`` ran.

Above ``_levels`` and below the output and the sinks: it imports only
``_levels``, and a sink reaches it by registering itself as a backend.
"""

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Callable, Mapping
from types import CodeType, FrameType
from typing import IO, Any, Protocol

from txaio.backend import find_framework, resolve
from txaio.interfaces import ILogger
from txaio.log._levels import EMITTING_LEVELS, LEVELS, check_level, is_enabled

#: Python 3.11 may run the garbage collector inside any allocation, a dict's resize included
#: (3.12 and later collect only between bytecodes).
_COLLECTS_INSIDE_ALLOCATIONS = sys.version_info < (3, 12)

# --- the logger ---------------------------------------------------------------------------------


def _no_op(message: Any = None, /, *args: Any, **kwargs: Any) -> None:
    """What a disabled level's method is.

    The positional-only first parameter is not decoration: CPython calls
    this shape with keyword arguments measurably faster than ``(*args, **kwargs)``.
    """


def _level_methods(level: str) -> tuple[tuple[str, ...], dict[str, Callable[..., None]]]:
    """The level methods enabled at ``level``, and the no-ops a logger at it binds for the others."""
    methods = [(name, name) for name in EMITTING_LEVELS] + [("failure", "critical")]
    enabled = tuple(name for name, shown_at in methods if is_enabled(shown_at, level))
    return enabled, {name: _no_op for name, shown_at in methods if name not in enabled}


#: Per level, computed once: making a logger or changing the level only looks them up.
_LEVEL_METHODS = {level: _level_methods(level) for level in LEVELS}


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
        if own_level is not None:
            self._set_log_level(own_level)
            loggers.add(self)
            return
        # No lock: __init__ can be re-entered on this thread (a __del__ that the garbage collector
        # runs at any allocation, a signal handler) and a lock held here would deadlock it.  The
        # logger joins ``loggers`` first, then takes the global level until no change of it began
        # meanwhile, so a concurrent or re-entrant set_global_log_level is never lost.
        loggers.add(self)
        while True:
            changes = _level_changes[0]
            self._set_log_level(_global_level[0])
            if _level_changes[0] == changes:
                break

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
        if _COLLECTS_INSIDE_ALLOCATIONS and gc.isenabled():
            # CPython 3.11 may collect garbage inside this dict's resize; a __del__ run there that
            # rebinds this very logger (set_global_log_level) corrupts the dict and crashes the process.
            gc.disable()
            try:
                self._rebind_all(level)
            finally:
                gc.enable()
        else:
            self._rebind_all(level)

    def _rebind_all(self, level: str) -> None:
        """Set the level and bind the no-ops it asks for; the enabled levels use the class's methods."""
        self._log_level = level
        enabled, no_ops = _LEVEL_METHODS[level]
        own = self.__dict__
        for name in enabled:
            own.pop(name, None)
        own.update(no_ops)

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


# --- the global level, and every logger that follows it -----------------------------------------

#: Every txaio logger still alive (``txaio.aio._loggers`` / ``txaio.tx._loggers``).
loggers: weakref.WeakSet[Logger] = weakref.WeakSet()
#: The WeakSet's own set of references (one object for its life; ``clear()`` empties it in place).
_logger_references: set[weakref.ref[Logger]] = loggers.data  # type: ignore[attr-defined]

_global_level: list[str] = ["info"]


def living_loggers() -> list[Logger]:
    """Every living logger, read without running Python code mid-iteration.

    ``list(loggers)`` iterates the WeakSet in Python, so a logger made by a
    ``__del__`` that an allocation there triggers would change the set while
    it is iterated ("Set changed size during iteration"); copying its
    references is one C call, then the copy is read at leisure.
    """
    found = []
    for reference in tuple(_logger_references):
        logger = reference()
        if logger is not None:
            found.append(logger)
    return found


#: How many times the global level was set.  There is no lock (a lock held while a logger is
#: made or the level changes deadlocks a ``__del__`` or a signal handler that logs on the same
#: thread): whoever applies the global level to loggers repeats until no change began meanwhile,
#: so every logger ends at the last level set, however the calls interleave or nest.
_level_changes: list[int] = [0]
_listeners: list[Callable[[str], None]] = []


def add_level_listener(listener: Callable[[str], None]) -> None:
    """Call ``listener(level)`` after each change of the global level (a started sink's settings)."""
    _listeners.append(listener)


def remove_level_listener(listener: Callable[[str], None]) -> None:
    """Stop calling ``listener``; harmless if it is not registered."""
    if listener in _listeners:
        _listeners.remove(listener)


def get_global_log_level() -> str:
    """The level every logger without a kept level of its own follows."""
    return _global_level[0]


def set_global_log_level(level: str) -> None:
    """Change what every txaio logger emits, except those with a kept level.

    An unknown level raises before anything changes.
    """
    level = check_level(level)
    _global_level[0] = level
    _level_changes[0] += 1
    while True:
        changes = _level_changes[0]
        level = _global_level[0]  # the last level set, if another call came in meanwhile
        for logger in living_loggers():
            if not logger._log_level_set_explicitly:
                logger._set_log_level(level)
        if _level_changes[0] == changes:
            break
    for listener in list(_listeners):
        listener(level)


# --- the message a call means -------------------------------------------------------------------

#: Log categories: named formats a call selects with ``log_category=``, so a program
#: can keep its messages in one table (and translate or document them).
_categories: dict[str, str] = {}


def add_log_categories(categories: Mapping[str, str]) -> None:
    """Register ``{"ID": "format {x}"}``: a call with ``log_category="ID"`` uses that format.

    Every entry is checked before any is stored, so a bad mapping changes nothing.
    """
    given: object = categories  # callers are not always type-checked
    if not isinstance(given, Mapping):
        kind = type(given).__name__
        raise TypeError(f"add_log_categories() takes a mapping of category id to format, not {kind}")
    bad = [key for key, value in categories.items() if not isinstance(key, str) or not isinstance(value, str)]
    if bad:
        raise TypeError(f"add_log_categories(): ids and formats must be strings; bad entries: {bad!r}")
    _categories.update(categories)


def category_format(kwargs: Mapping[str, Any], message: object) -> object:
    """The format a call uses: its category's, when it names a known one, else ``message``."""
    category = kwargs.get("log_category")
    if category is None:
        return message
    return _categories.get(category, message) if isinstance(category, str) else message


def _literal(value: object) -> str:
    """A non-string message, as a format that reproduces its text."""
    return _safe_str(value).replace("{", "{{").replace("}", "}}")


class _AnyValue:
    """Stands in for the keys every event gets (``log_time``, ``log_failure``, ...)."""

    def __format__(self, spec: str) -> str:
        return ""

    def __getattr__(self, name: str) -> _AnyValue:
        return self

    def __getitem__(self, key: object) -> _AnyValue:
        return self


class _EventKeys(dict[str, Any]):
    """The keys a message logged without keyword arguments can still use."""

    def __missing__(self, key: str) -> Any:
        if key.startswith("log_") or key == "txaio_trace":
            return _AnyValue()
        raise KeyError(key)


def text_unless_format(message: str) -> str:
    """``message`` as a format that reproduces it, if it does not format on its own.

    For a call with no keyword arguments: ``log.critical(traceback_text)``
    logs the text even when it holds braces (any dict repr does), while
    ``"{{x}}"`` and ``"{log_failure}"`` still format as in txaio 26.6.1.
    """
    try:
        message.format_map(_EventKeys())
    except Exception:
        return message.replace("{", "{{").replace("}", "}}")
    return message


# --- rendering: PEP 3101 formatting that never raises into the caller ---------------------------
# A log call sits on error paths; a typo in a format string must not turn a log line into a
# crash, so a bad format yields a line that shows the format and what went wrong instead.


def format_message(message: object, event: Mapping[str, Any]) -> str:
    """``message.format_map(event)``, or a line describing why that failed."""
    if message is None:
        return ""
    if not isinstance(message, str):
        return _safe_str(message)
    try:
        return message.format_map(event)
    except Exception as exc:  # any failure, including a value's own __format__
        return f"Unable to format log message {message!r}: {type(exc).__name__}: {_safe_str(exc)}"


def _safe_str(value: object) -> str:
    try:
        return str(value)
    except Exception as exc:
        return f"<unprintable {type(value).__name__}: {type(exc).__name__}>"


# --- where messages go: the selected framework's backend ----------------------------------------
# A logger made before a framework is selected has no backend of its own; it asks here on every
# emitted message, so it follows the framework selected later.  Backends register themselves
# when their module is imported.


class Backend(Protocol):
    """A framework's logging system, as txaio loggers and ``start_logging`` use it."""

    def emit(self, logger: Logger, level: str, message: str | None, event: dict[str, Any], failure: object) -> None:
        """Send one message; ``event`` holds the caller's keywords (it may be changed).

        Called from ``Logger._deliver``: the frame three levels up is the caller's.
        """

    def start(self, out: IO[Any] | None, level: str) -> Any:
        """Show messages at ``level`` and above on ``out`` (None: only set the level); return how to undo it."""


_backends: dict[str, Backend] = {}

#: The key of the backend that messages go to while no framework is selected: the stdlib
#: sink, which ``txaio/log/__init__.py`` names (the sink imports this module, not the
#: other way round).  No framework can be selected by this name.
UNSELECTED = "<unselected>"

#: Where the unselected backend is, as ``"module:attribute"``, until its first use imports it.
_unselected_reference: list[str] = []


def register_backend(framework: str, backend: Backend) -> None:
    """Make ``backend`` the logging backend used while ``framework`` is selected."""
    _backends[framework] = backend


def name_unselected_backend(reference: str) -> None:
    """Name the backend used before selection as ``"module:attribute"``; it is imported at first use.

    The stdlib sink imports ``logging`` (milliseconds): a program that makes its
    loggers at import time pays for it when it logs or selects a framework, not before.
    """
    _backends.pop(UNSELECTED, None)
    _unselected_reference[:] = [reference]


def attach_selected_sink() -> None:
    """Import the selected framework's sink if it has not registered itself yet.

    Selecting a framework imports its sink only when txaio-log is already in use (loggers
    may exist); otherwise the sink's module is imported at the backend's first logging
    call, or here, when txaio-log is imported after the selection.  Called at import time,
    never while a message is emitted: no log line waits for an import.
    """
    name = getattr(sys.modules["txaio"], "_explicit_framework", None)
    if name is None or name in _backends:
        return
    reference = find_framework(name).log_sink
    if reference is not None and reference.partition(":")[0] not in sys.modules:
        resolve(reference)  # a module being imported right now registers itself when it is done


def _unselected_backend() -> Backend:
    backend = _backends.get(UNSELECTED)
    if backend is None:
        backend = _backends[UNSELECTED] = resolve(_unselected_reference[0])
    return backend


def current_backend() -> Backend:
    """The backend of the selected framework; the unselected one (stdlib logging) when none is selected."""
    facade: Any = sys.modules["txaio"]
    if getattr(facade, "using_twisted", False) and "twisted" in _backends:
        return _backends["twisted"]
    return _backends.get("asyncio") or _unselected_backend()


def selected_backend() -> Backend | None:
    """The backend of the selected framework; None before a framework is selected."""
    facade: Any = sys.modules["txaio"]
    if getattr(facade, "using_twisted", False):
        return _backends.get("twisted")
    if getattr(facade, "using_asyncio", False):
        return _backends.get("asyncio") or _unselected_backend()
    return None


# --- the namespace: where make_logger() was called ----------------------------------------------
# A library writes ``log = txaio.make_logger()`` in a class body and gets the namespace
# ``module.Class`` without repeating names that would go stale.

#: Code objects of functions that only pass a make_logger call on (skipped).
_wrappers: set[CodeType] = set()


def skip_frames_of(code: CodeType) -> None:
    """Treat frames running ``code`` as plumbing, not as the caller."""
    _wrappers.add(code)


def caller_namespace(depth: int = 1) -> str:
    """``module.Class`` (class body or method), ``module.function``, or ``module``.

    Only the innermost class or function counts, however deeply it is nested.

    ``depth`` counts frames above the one calling this; plumbing frames
    registered with :func:`skip_frames_of` are skipped as well.
    """
    frame: FrameType | None = sys._getframe(depth + 1)
    while frame is not None and frame.f_code in _wrappers:
        frame = frame.f_back
    if frame is None:
        return "txaio"
    return namespace_of(frame)


def namespace_of(frame: FrameType) -> str:
    """The namespace that code running in ``frame`` logs under."""
    module = str(frame.f_globals.get("__name__", "?"))
    qualname = frame.f_code.co_qualname
    if qualname == "<module>":
        return module
    parts = qualname.split(".")
    is_method = _is_function(frame.f_code) and len(parts) > 1 and parts[-2] != "<locals>"
    # a method names its class; a class body or a function (nested ones too) names itself
    return f"{module}.{parts[-2] if is_method else parts[-1]}"


def _is_function(code: CodeType) -> bool:
    # class bodies and modules run without fresh local namespaces
    return bool(code.co_flags & 0x02)  # CO_NEWLOCALS


# --- saving and restoring it all ----------------------------------------------------------------


def save_log_state() -> Callable[[], None]:
    """Note the global level, the categories and every living logger's level; return how to put them back.

    A test harness calls the result after each test, so one test's level
    changes and categories do not leak into the next (``start_logging`` is
    undone separately, by ``stop_logging``).
    """
    level = get_global_log_level()
    categories = dict(_categories)
    kept = {logger: (logger._log_level, logger._log_level_set_explicitly) for logger in living_loggers()}

    def restore() -> None:
        _categories.clear()
        _categories.update(categories)
        set_global_log_level(level)
        for logger, (own_level, explicit) in kept.items():
            logger._log_level_set_explicitly = explicit
            logger._set_log_level(own_level)

    return restore
