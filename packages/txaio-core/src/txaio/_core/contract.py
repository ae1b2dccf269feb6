"""The contract between the facade and a backend.

A backend (txaio-asyncio, txaio-twisted) subclasses :class:`FrameworkApi` and
exports, at module level, every name in :data:`BACKEND_NAMES`.  Selecting a
framework binds those module-level objects onto ``txaio`` directly, so a call
such as ``txaio.create_future()`` is a single hop into the backend.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, Final

from txaio._core.config import Config
from txaio.interfaces import IBatchedTimer, IDelayedCall, IFailedFuture


class _Unset:
    """The type of :data:`UNSET`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "txaio.UNSET"

    def __reduce__(self) -> str:
        return "UNSET"


#: Default of arguments where ``None`` is a meaningful value (``result=None``).
UNSET: Final = _Unset()

#: A framework's future: an ``asyncio.Future`` or a Twisted ``Deferred``.
Future = Any


class FrameworkApi(abc.ABC):
    """Every operation a backend provides, bound to one :class:`Config`.

    ``txaio.with_config(loop=...)`` returns an instance of a subclass; the
    module-level ``txaio.*`` functions are the methods of the backend's
    default instance, which reads the global ``txaio.config``.
    """

    #: True only on the asyncio backend.
    using_asyncio: bool = False
    #: True only on the Twisted backend.
    using_twisted: bool = False

    def __init__(self, config: Config) -> None:
        self._config = config

    @property
    def config(self) -> Config:
        """The configuration this object's operations read."""
        return self._config

    @abc.abstractmethod
    def create_future(
        self,
        result: Any = UNSET,
        error: Any = UNSET,
        canceller: Callable[[Future], Any] | _Unset | None = UNSET,
    ) -> Future:
        """A new future; already resolved with ``result`` or failed with ``error``."""

    @abc.abstractmethod
    def create_future_success(self, result: Any) -> Future:
        """A future already resolved with ``result``."""

    @abc.abstractmethod
    def create_future_error(self, error: BaseException | IFailedFuture | None = None) -> Future:
        """A future already failed with ``error`` (the current exception if None)."""

    @abc.abstractmethod
    def create_failure(self, exception: BaseException | None = None) -> IFailedFuture:
        """An IFailedFuture for ``exception`` (the current exception if None)."""

    @abc.abstractmethod
    def as_future(self, fun: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        """Call ``fun`` and always hand back a future of its outcome."""

    @abc.abstractmethod
    def is_future(self, obj: Any) -> bool:
        """True if ``obj`` is this framework's future (or awaitable task)."""

    @abc.abstractmethod
    def reject(self, future: Future, error: BaseException | IFailedFuture | None = None) -> None:
        """Fail ``future`` with ``error`` (the current exception if None)."""

    @abc.abstractmethod
    def resolve(self, future: Future, result: Any = None) -> None:
        """Resolve ``future`` with ``result``."""

    @abc.abstractmethod
    def cancel(self, future: Future, msg: str | None = None) -> None:
        """Cancel ``future``; its canceller runs and errbacks see the cancellation."""

    @abc.abstractmethod
    def add_callbacks(
        self,
        future: Future,
        callback: Callable[[Any], Any] | None,
        errback: Callable[[IFailedFuture], Any] | None,
    ) -> Future:
        """Run ``callback`` on success or ``errback`` on failure of ``future``."""

    @abc.abstractmethod
    def gather(self, futures: Iterable[Future], consume_exceptions: bool = True) -> Future:
        """A future of the list of results of ``futures``, in input order."""

    @abc.abstractmethod
    def is_called(self, future: Future) -> bool:
        """True once ``future`` has a result or an error."""

    @abc.abstractmethod
    def call_later(self, delay: float, fun: Callable[..., Any], *args: Any, **kwargs: Any) -> IDelayedCall:
        """Call ``fun(*args, **kwargs)`` in ``delay`` seconds; the handle can cancel."""

    @abc.abstractmethod
    def failure_message(self, fail: IFailedFuture) -> str:
        """One line for a user: ``"RuntimeError: it failed"``."""

    @abc.abstractmethod
    def failure_traceback(self, fail: IFailedFuture) -> TracebackType | None:
        """The traceback object of the failure."""

    @abc.abstractmethod
    def failure_format_traceback(self, fail: IFailedFuture) -> str:
        """The failure's traceback, formatted as Python prints one."""

    @abc.abstractmethod
    def make_batched_timer(self, bucket_seconds: float, chunk_size: int = 100) -> IBatchedTimer:
        """A timer that groups its calls into buckets of ``bucket_seconds``."""

    @abc.abstractmethod
    def sleep(self, delay: float) -> Future:
        """A future that resolves (to None) after ``delay`` seconds."""


#: The operations of :class:`FrameworkApi`, by name.
OPERATION_NAMES: Final[tuple[str, ...]] = tuple(sorted(FrameworkApi.__abstractmethods__))

#: The logging functions a backend exports (they come from txaio-log).
LOGGING_NAMES: Final[tuple[str, ...]] = (
    "make_logger",
    "start_logging",
    "set_global_log_level",
    "get_global_log_level",
    "add_log_categories",
)

#: Every name a backend module exports and selection binds onto ``txaio``.
BACKEND_NAMES: Final[tuple[str, ...]] = (*OPERATION_NAMES, *LOGGING_NAMES, "with_config")
