"""The framework-neutral interfaces that user code may rely on.

They are plain abstract classes so that a backend can register its own types
(Twisted's ``Failure`` is registered as an ``IFailedFuture``) without
inheriting from them; ``Future`` and ``IDelayedCall`` are Protocols, which
the frameworks' own objects satisfy as they are.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Generator
from typing import Any, ParamSpec, Protocol, TypeVar

_T_co = TypeVar("_T_co", covariant=True)
_P = ParamSpec("_P")

#: Every level name, from "log nothing" to "log everything".
log_levels: list[str] = ["none", "critical", "error", "warn", "info", "debug", "trace"]


class IFailedFuture(abc.ABC):
    """What an errback receives: a failure holding the exception in ``.value``."""

    @property
    @abc.abstractmethod
    def value(self) -> BaseException:
        """The exception instance."""


class ILogger(abc.ABC):  # noqa: B024 - no abstract methods, as in txaio 26.6.1
    """What ``txaio.make_logger()`` returns.

    Every method takes a PEP 3101 format string and keyword arguments; the
    keys ``log_time`` and ``log_level`` are added for the format to use.
    """

    def emit(self, level: str, *args: Any, **kwargs: Any) -> None:  # noqa: B027
        """Log at ``level``, one of :data:`log_levels`: the message, if any, is the one positional
        argument (or ``format=``); every keyword is an event key, so ``emit(level, **event)`` works."""

    def failure(self, message: str, **kwargs: Any) -> None:  # noqa: B027
        """Log at level "critical", with the current exception's traceback."""

    def critical(self, message: str, **kwargs: Any) -> None:  # noqa: B027
        """Log at level "critical"."""

    def error(self, message: str, **kwargs: Any) -> None:  # noqa: B027
        """Log at level "error"."""

    def warn(self, message: str, **kwargs: Any) -> None:  # noqa: B027
        """Log at level "warn"."""

    def info(self, message: str, **kwargs: Any) -> None:  # noqa: B027
        """Log at level "info"."""

    def debug(self, message: str, **kwargs: Any) -> None:  # noqa: B027
        """Log at level "debug"."""

    def trace(self, message: str, **kwargs: Any) -> None:  # noqa: B027
        """Log at level "trace", below debug."""


class Future(Protocol[_T_co]):
    """A txaio future of a ``_T_co``: an ``asyncio.Future`` or a Twisted ``Deferred``.

    A Protocol for type checkers only: both frameworks' futures satisfy it as
    they are, so ``txaio.create_future_success(1)`` is a ``Future[int]`` on
    either.  Portable code awaits it or passes it to ``txaio.*``; calling the
    framework's own methods on it ties the code to that framework.
    """

    def __await__(self) -> Generator[Any, Any, _T_co]:
        """Wait for the result inside a coroutine."""
        ...

    def cancel(self) -> object:
        """Cancel it (``txaio.cancel(future)`` is the portable spelling)."""
        ...


class IDelayedCall(Protocol):
    """What every ``call_later`` returns: at least something that can be cancelled."""

    def cancel(self) -> Any:
        """Stop the call from happening; harmless once it ran or was cancelled."""


class IBatchedTimer(abc.ABC):
    """Many timers, few real delayed calls: see ``txaio.make_batched_timer``."""

    @abc.abstractmethod
    def call_later(self, delay: float, func: Callable[_P, object], *args: _P.args, **kwargs: _P.kwargs) -> IDelayedCall:
        """Call ``func(*args, **kwargs)`` near ``delay`` seconds from now."""
