"""The contract between the facade and a backend.

A backend (txaio-asyncio, txaio-twisted) subclasses :class:`FrameworkApi`, bound to a
:class:`Config` (where every operation reads its event loop from), and
exports, at module level, every name in :data:`BACKEND_NAMES`.  Selecting a
framework binds those module-level objects onto ``txaio`` directly, so a call
such as ``txaio.create_future()`` is a single hop into the backend.
"""

from __future__ import annotations

import abc
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from types import TracebackType
from typing import Any, Final, Literal, Never, ParamSpec, TypeAlias, TypeVar, overload

from txaio.interfaces import Future, IBatchedTimer, IDelayedCall, IFailedFuture

_T = TypeVar("_T")
_R = TypeVar("_R")
_P = ParamSpec("_P")


class Config:
    """Settings shared by the operations of one API object.

    ``loop`` is an asyncio event loop or a Twisted reactor (anything providing
    IReactorTime), or None to let the backend find the current one.
    """

    __slots__ = ("loop",)

    def __init__(self, loop: Any = None) -> None:
        self.loop: Any = loop

    def __repr__(self) -> str:  # where it can be imported from, as the API reference shows it
        return f"txaio.backend.Config(loop={self.loop!r})"


class Unset:
    """The type of :data:`UNSET`, for annotations: ``canceller: Callable[..., object] | Unset``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "txaio.backend.UNSET"  # where it can be imported from, as signatures show it

    def __reduce__(self) -> str:
        return "UNSET"


#: Default of arguments where ``None`` is a meaningful value (``result=None``).
UNSET: Final = Unset()


class Stdout:
    """The type of :data:`STDOUT`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "sys.stdout"


#: ``start_logging``'s default ``out``: whatever ``sys.stdout`` is when it runs (not when it was
#: defined).  Here, not in txaio-log, so that a backend's ``start_logging`` can show it as its
#: default without importing txaio-log before its first logging call.
STDOUT: Final[Any] = Stdout()

#: What ``error=`` and ``reject()`` accept: an exception, a failure, or None for the one being handled.
Error: TypeAlias = BaseException | IFailedFuture | None

#: Result types that are surely neither a future nor a coroutine: ``as_future`` wraps them
#: without further checks.  Any other result may be a coroutine of any kind (a native one,
#: a Cython-compiled ``async def``, any :class:`collections.abc.Coroutine`: what asyncio's
#: tasks and Twisted's ``Deferred.fromCoroutine`` accept), which runs; checking that ABC
#: costs more than this set lookup, so the common plain results skip it.
PLAIN_RESULTS: Final[frozenset[type]] = frozenset(
    {type(None), bool, int, float, complex, str, bytes, bytearray, tuple, list, dict, set, frozenset}
)


class FrameworkApi(abc.ABC):
    """Every operation a backend provides, bound to one :class:`Config`.

    ``txaio.with_config(loop=...)`` returns an instance of a subclass; the
    module-level ``txaio.*`` functions are the methods of the backend's
    default instance, which reads the global ``txaio.config``.  The
    signatures here are the typed API: the overloads exist for type
    checkers only and cost nothing at run time.
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

    @overload
    def create_future(
        self, result: _T, error: Unset = ..., canceller: Callable[[Future[_T]], object] | Unset | None = ...
    ) -> Future[_T]: ...
    @overload
    def create_future(
        self,
        result: Unset = ...,
        error: Error | Unset = ...,
        canceller: Callable[[Future[Any]], object] | Unset | None = ...,
    ) -> Future[Any]: ...
    @abc.abstractmethod
    def create_future(
        self,
        result: Any = UNSET,
        error: Any = UNSET,
        canceller: Callable[[Any], object] | Unset | None = UNSET,
    ) -> Future[Any]:
        """A new future; already resolved with ``result`` or failed with ``error``."""

    @abc.abstractmethod
    def create_future_success(self, result: _T) -> Future[_T]:
        """A future already resolved with ``result``."""

    @abc.abstractmethod
    def create_future_error(self, error: Error = None) -> Future[Never]:
        """A future already failed with ``error`` (the current exception if None)."""

    @abc.abstractmethod
    def create_failure(self, exception: BaseException | None = None) -> IFailedFuture:
        """An IFailedFuture for ``exception`` (the current exception if None)."""

    @overload
    def as_future(
        self, fun: Callable[_P, Coroutine[Any, Any, _T]], *args: _P.args, **kwargs: _P.kwargs
    ) -> Future[_T]: ...
    @overload
    def as_future(self, fun: Callable[_P, Future[_T]], *args: _P.args, **kwargs: _P.kwargs) -> Future[_T]: ...
    @overload
    def as_future(self, fun: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> Future[_T]: ...
    @abc.abstractmethod
    def as_future(self, fun: Callable[..., Any], *args: Any, **kwargs: Any) -> Future[Any]:
        """Call ``fun`` and always hand back a future of its outcome.

        Where both frameworks share one loop (Twisted on asyncio's reactor), a
        future of the other framework becomes one of this framework.
        """

    @abc.abstractmethod
    def is_future(self, obj: object) -> bool:
        """True if ``obj`` is this framework's future (or awaitable task), or the other framework's.

        Both kinds count on either framework: the operations take the other
        kind where both share one loop and refuse it clearly where they do not.
        """

    @abc.abstractmethod
    def reject(self, future: Future[Any], error: Error = None) -> None:
        """Fail ``future`` with ``error`` (the current exception if None)."""

    @overload
    def resolve(self, future: Future[None]) -> None: ...
    @overload
    def resolve(self, future: Future[_T], result: _T) -> None: ...
    @abc.abstractmethod
    def resolve(self, future: Future[Any], result: Any = None) -> None:
        """Resolve ``future`` with ``result``."""

    @abc.abstractmethod
    def cancel(self, future: Future[Any], msg: str | None = None) -> None:
        """Cancel ``future``; its canceller runs and errbacks see the cancellation."""

    @overload
    def add_callbacks(
        self, future: Future[_T], callback: Callable[[_T], _R], errback: Callable[[IFailedFuture], _R] | None
    ) -> Future[_R]: ...
    @overload
    def add_callbacks(
        self, future: Future[_T], callback: None, errback: Callable[[IFailedFuture], _R]
    ) -> Future[_T | _R]: ...
    @abc.abstractmethod
    def add_callbacks(
        self,
        future: Future[Any],
        callback: Callable[[Any], object] | None,
        errback: Callable[[IFailedFuture], object] | None,
    ) -> Future[Any]:
        """Run ``callback`` on success or ``errback`` on failure of ``future``.

        On Twisted the returned future holds what the callbacks return; on
        asyncio it is ``future`` itself.  Return the argument unchanged and
        both agree (the type says what Twisted's chaining gives).
        """

    # Awaitable: what a checker infers for a list that mixes futures, tasks, Deferreds and coroutines
    # (both frameworks on one loop); each element is still a future or a coroutine at run time.
    @overload
    def gather(
        self,
        futures: Iterable[Future[_T] | Coroutine[Any, Any, _T] | Awaitable[_T]],
        consume_exceptions: Literal[False],
    ) -> Future[list[_T]]: ...
    @overload
    def gather(
        self, futures: Iterable[Future[_T] | Coroutine[Any, Any, _T] | Awaitable[_T]], consume_exceptions: bool = True
    ) -> Future[list[_T | BaseException | IFailedFuture]]: ...
    @abc.abstractmethod
    def gather(self, futures: Iterable[Any], consume_exceptions: bool = True) -> Future[list[Any]]:
        """A future of the list of results of ``futures``, in input order.

        Where both frameworks share one loop (Twisted on asyncio's reactor) the
        list may mix asyncio futures and tasks, Deferreds and coroutines.

        With ``consume_exceptions`` (the default) a failed input puts its
        exception (asyncio) or failure (Twisted) in the list, so the type
        says so; with ``consume_exceptions=False`` the first failure fails
        the whole and the list holds only results.
        """

    @abc.abstractmethod
    def is_called(self, future: Future[Any]) -> bool:
        """True once ``future`` has a result or an error."""

    @abc.abstractmethod
    def call_later(self, delay: float, fun: Callable[_P, object], *args: _P.args, **kwargs: _P.kwargs) -> IDelayedCall:
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
    def sleep(self, delay: float) -> Future[None]:
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

#: The flags a backend module may set; selection copies them onto ``txaio`` (a missing one is False).
FLAG_NAMES: Final[tuple[str, ...]] = ("using_asyncio", "using_twisted")

#: ``txaio.__all__``, in any order: the backend's names, the flags, the selectors and the
#: names every framework shares (26.6.1's list; ``txaio/_core/facade.py`` keeps the literal,
#: in 26.6.1's order, for type checkers, and the tests hold it to this).
FACADE_NAMES: Final[tuple[str, ...]] = (
    *BACKEND_NAMES,
    *FLAG_NAMES,
    "use_asyncio",
    "use_twisted",
    "config",
    "IFailedFuture",
    "ILogger",
    "time_ns",
    "perf_counter_ns",
)

#: What txaio's own backend modules (``txaio.aio``, ``txaio.tx``) export, as 26.6.1's did: the
#: facade's names but the selectors, and two logging names; each may add a few documented
#: names of its own (``tools/tests/test_api_names.py`` holds their ``__all__`` to this).
BACKEND_MODULE_NAMES: Final[tuple[str, ...]] = (
    *(name for name in FACADE_NAMES if not name.startswith("use_")),
    "log_levels",
    "_loggers",
)
