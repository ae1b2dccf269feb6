"""The floor of each case: the least a pure-Python layer with txaio's signatures must cost.

Each function here has the signature of the txaio operation it stands for and
does only what that signature and the framework force on any such layer: one
Python call, reading the configured loop at call time, taking ``*args,
**kwargs`` where the API does, and (asyncio) an adapter between a done-callback,
which gets the future, and a txaio callback, which gets the value.  It checks
nothing and handles no failure, so it is not a usable txaio; measured beside
the raw framework and txaio, it splits txaio's cost over raw into what the
API's shape costs (floor/raw) and what is ours (txaio/floor).
"""

from __future__ import annotations

import asyncio
from types import MethodType, ModuleType, SimpleNamespace
from typing import Any

_UNSET: Any = object()


class _Config:
    """Where the floor reads its loop at each call, as txaio reads ``txaio.config.loop``."""

    __slots__ = ("loop",)

    def __init__(self, loop: Any) -> None:
        self.loop = loop


def _no_op(message: Any = None, /, *args: Any, **kwargs: Any) -> None:
    """A disabled log method: it must take a message, positional arguments and keywords."""


def logger() -> Any:
    """An object whose ``debug`` is a disabled log method, stored on the instance."""
    log = SimpleNamespace()
    log.debug = _no_op
    return log


def _deliver(callback: Any, future: Any) -> None:
    callback(future.result())


def _operations(*functions: Any) -> ModuleType:
    """The functions as attributes of a module, as the cases call ``txaio.<name>`` on one.

    A module, not a SimpleNamespace: CPython looks a module's attributes up faster,
    and the floor must not cost more than txaio for a reason of its own.
    """
    module = ModuleType("floor")
    for function in functions:
        setattr(module, function.__name__, function)
    return module


def asyncio_floor(loop: Any) -> ModuleType:
    """The floor's operations on an asyncio event loop."""
    config = _Config(loop)

    def create_future(result: Any = _UNSET, error: Any = _UNSET, canceller: Any = _UNSET) -> Any:
        return config.loop.create_future()

    def add_callbacks(future: Any, callback: Any, errback: Any) -> Any:
        future.add_done_callback(MethodType(_deliver, callback))
        return future

    def resolve(future: Any, result: Any = None) -> None:
        future.set_result(result)

    def as_future(fun: Any, *args: Any, **kwargs: Any) -> Any:
        result = fun(*args, **kwargs) if kwargs else fun(*args)
        done = config.loop.create_future()
        done.set_result(result)
        return done

    def is_called(future: Any) -> bool:
        return future.done()  # type: ignore[no-any-return]

    def call_later(delay: Any, fun: Any, *args: Any, **kwargs: Any) -> Any:
        if args:
            return config.loop.call_later(delay, fun, *args)
        return config.loop.call_later(delay, fun)

    def gather(futures: Any, consume_exceptions: bool = True) -> Any:
        return asyncio.gather(*futures, return_exceptions=consume_exceptions)

    return _operations(create_future, add_callbacks, resolve, as_future, is_called, call_later, gather)


def twisted_floor(reactor: Any) -> ModuleType:
    """The floor's operations on Twisted (a future is a Deferred)."""
    from twisted.internet.defer import Deferred, DeferredList, fail, succeed

    config = _Config(reactor)

    def create_future(result: Any = _UNSET, error: Any = _UNSET, canceller: Any = _UNSET) -> Any:
        return Deferred()

    def add_callbacks(future: Any, callback: Any, errback: Any) -> Any:
        future.addCallback(callback)
        return future

    def resolve(future: Any, result: Any = None) -> None:
        future.callback(result)

    def as_future(fun: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = fun(*args, **kwargs) if kwargs else fun(*args)
        except Exception:
            return fail()
        return succeed(result)

    def is_called(future: Any) -> bool:
        return future.called  # type: ignore[no-any-return]

    def call_later(delay: Any, fun: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return config.loop.callLater(delay, fun, *args, **kwargs)
        return config.loop.callLater(delay, fun)

    def gather(futures: Any, consume_exceptions: bool = True) -> Any:
        gathered = DeferredList(list(futures), consumeErrors=True)
        return gathered.addCallback(_values)

    return _operations(create_future, add_callbacks, resolve, as_future, is_called, call_later, gather)


def _values(pairs: Any) -> list[Any]:
    return [value for _, value in pairs]
