"""The names of ``txaio``, declared once with their types.

``txaio/__init__.py`` imports them all, and so does the stand-in top-level
``txaio.py`` when pip has deleted ``txaio/__init__.py`` (see that module).
This file has a path txaio 26.6.1 never shipped, so no upgrade removes it.
Selecting a framework binds each operation onto the ``txaio`` module itself,
so every call is a single hop and ``mock.patch("txaio.sleep")`` reaches callers.
"""

from txaio._core import hold_collection, release_collection

# Automatic garbage collection is held off while the modules behind ``import txaio`` load
# (hold_collection says why): what they make lives as long as the process, so a collection
# in between frees nothing and only costs start-up time, which command-line tools pay at
# every run.
_held = hold_collection()
try:
    import sys
    from time import perf_counter_ns, time_ns
    from typing import Final

    from txaio._core import unselected
    from txaio._core._version import installed_version as _installed_version
    from txaio._core.contract import Config
    from txaio._core.selection import _use_framework as _use_framework
    from txaio._core.selection import use_asyncio, use_twisted

    # The operations, declared Final in ``unselected`` so that checkers take each signature
    # from the contract (generic futures, overloads, ParamSpec).
    from txaio._core.unselected import (
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
    from txaio.interfaces import Future as Future
    from txaio.interfaces import IBatchedTimer as IBatchedTimer
    from txaio.interfaces import IFailedFuture, ILogger
finally:
    release_collection(_held)
    del _held

#: 26.6.1's module of the pre-selection API, a name real code reaches for.
_unframework = unselected

__all__ = (
    "with_config",
    "using_twisted",
    "using_asyncio",
    "use_twisted",
    "use_asyncio",
    "config",
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
    "failure_message",
    "failure_traceback",
    "failure_format_traceback",
    "make_batched_timer",
    "make_logger",
    "start_logging",
    "set_global_log_level",
    "get_global_log_level",
    "add_log_categories",
    "IFailedFuture",
    "ILogger",
    "sleep",
    "time_ns",
    "perf_counter_ns",
)

#: The one global configuration: set ``config.loop`` to an event loop or reactor.
config: Config = Config()

#: True only once asyncio is selected.
using_asyncio: bool = False
#: True only once Twisted is selected.
using_twisted: bool = False
#: The selected framework's name, or None.
_explicit_framework: str | None = None

# 26.6.1 had a module ``txaio._unframework``; keep ``import txaio._unframework``
# working without shipping that path (an upgrade by pip would delete it).
sys.modules.setdefault("txaio._unframework", _unframework)

# Final for the same reason as the operations imported above.  Selecting a framework
# rebinds all of them on ``txaio`` (selection.py).
with_config: Final = _unframework.with_config

make_logger: Final = _unframework.make_logger
start_logging: Final = _unframework.start_logging
set_global_log_level: Final = _unframework.set_global_log_level
get_global_log_level: Final = _unframework.get_global_log_level
add_log_categories: Final = _unframework.add_log_categories

#: The version of the ``txaio`` meta-package when it is installed, else txaio-core's.
__version__: str = _installed_version(sys.modules["txaio"].__path__)
version: str = __version__

#: Names ``txaio`` carries beyond ``__all__``: 26.6.1's private names that real code uses, and ``Future``.
EXTRA_NAMES = (
    "__version__",
    "version",
    "_explicit_framework",
    "_use_framework",
    "_unframework",
    "IBatchedTimer",
    "Future",
)
