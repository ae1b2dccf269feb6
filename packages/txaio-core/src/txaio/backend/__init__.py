"""The backend interface of txaio: everything a framework backend may use from txaio-core.

A backend (txaio-asyncio, txaio-twisted, or a third party's) imports from
here and from nothing else in core, so core may reorganise its private
modules in any release while the backend's ``txaio-core>=X,<Y`` range holds.
What a backend does with these names is described in CONTRIBUTING.md
("How a backend plugs in"):

- subclass :class:`FrameworkApi` (one typed method per operation, bound to a
  :class:`Config`) and export every name of ``BACKEND_NAMES``;
- describe itself with one :class:`Framework` and register it under the
  entry-point group ``ENTRY_POINT_GROUP`` (``"txaio.frameworks"``);
- call :func:`require_core` at import with its range on txaio-core;
- share with the other backends :class:`BatchedTimer`, the argument checks
  (:func:`check_call_later`, ...), the failure helpers (:func:`format_exception_chain`:
  Python's traceback text of an exception chain, cheaply) and ``PLAIN_RESULTS``;
- ship a :class:`VirtualClock` for txaio-testutil, if it can;
- declare a :class:`ForeignFutures` (descriptor ``foreign_futures``, with
  ``future_packages``) if its futures can become another framework's, and ask
  :func:`adopt_foreign` / :func:`is_foreign_future` on its own slow path for an
  object that is neither its future nor a plain value (both frameworks in one
  process, on one loop: a Deferred under ``use_asyncio()``).

What the other distributions of txaio use (and a test helper may):

- :func:`framework_names` (the frameworks txaio knows), :func:`import_backend`
  (a framework's backend module, or an ImportError saying what to install),
  :func:`select`;
- :func:`unselected_bindings`: every name selection rebinds on ``txaio``,
  with its value before selection (txaio-testutil's ``save_selection()`` /
  ``restore_selection()`` / ``reset_selection()`` are built on it);
- ``LOGGING_BEFORE_SELECTION``: the logging functions ``txaio`` offers before
  selection, by name; each delegates to txaio-log, which skips the frame of
  the ``make_logger`` delegate when it names a logger after its caller.

The constants: ``UNSET`` (the default where None is a meaningful value), ``STDOUT``
(``start_logging``'s default ``out``: ``sys.stdout`` as it is when logging starts),
``OPERATION_NAMES`` / ``LOGGING_NAMES`` / ``BACKEND_NAMES`` (what a backend
module exports), ``FLAG_NAMES`` (the ``using_<framework>`` flags it may set),
``PLAIN_RESULTS`` (result types ``as_future`` need not inspect),
``MAX_ROUNDS`` (a virtual clock's default cap on callback rounds per step).

txaio 26.6.1 never had a ``txaio.backend`` module, so this name is new.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from txaio._core._version import __version__ as __version__
from txaio._core.contract import (
    BACKEND_NAMES,
    FLAG_NAMES,
    LOGGING_NAMES,
    OPERATION_NAMES,
    PLAIN_RESULTS,
    STDOUT,
    UNSET,
    Config,
    FrameworkApi,
    Unset,
)
from txaio._core.failures import (
    NotAnExceptionError,
    describe,
    exception_message,
    exception_of_failure,
    message_fallback,
    safe_str,
    traceback_fallback,
)
from txaio._core.selection import (
    ENTRY_POINT_GROUP,
    Framework,
    find_framework,
    framework_names,
    import_backend,
    resolve,
    select,
    unselected_bindings,
)
from txaio._core.unselected import LOGGING_BEFORE_SELECTION
from txaio._core.versions import parse_version, require_core

if TYPE_CHECKING:  # imported on first use (see __getattr__): selecting a framework needs none of them
    from txaio._core.batched import BatchedCall, BatchedTimer
    from txaio._core.checks import (
        check_call_later,
        check_sleep,
        count_at_least_one,
        finite_seconds,
        not_callable,
        positive_seconds,
        real_seconds,
    )
    from txaio._core.clock import MAX_ROUNDS, TestTimedOut, VirtualClock
    from txaio._core.foreign import ForeignFutures, adopt_foreign, is_foreign_future
    from txaio._core.tracebacks import format_exception_chain

__all__ = (
    "BACKEND_NAMES",
    "ENTRY_POINT_GROUP",
    "FLAG_NAMES",
    "LOGGING_BEFORE_SELECTION",
    "LOGGING_NAMES",
    "MAX_ROUNDS",
    "OPERATION_NAMES",
    "PLAIN_RESULTS",
    "STDOUT",
    "UNSET",
    "BatchedCall",
    "BatchedTimer",
    "Config",
    "ForeignFutures",
    "Framework",
    "FrameworkApi",
    "NotAnExceptionError",
    "Unset",
    "TestTimedOut",
    "VirtualClock",
    "adopt_foreign",
    "check_call_later",
    "check_sleep",
    "count_at_least_one",
    "describe",
    "exception_message",
    "exception_of_failure",
    "find_framework",
    "format_exception_chain",
    "finite_seconds",
    "framework_names",
    "import_backend",
    "is_foreign_future",
    "message_fallback",
    "not_callable",
    "parse_version",
    "positive_seconds",
    "real_seconds",
    "require_core",
    "resolve",
    "safe_str",
    "select",
    "traceback_fallback",
    "unselected_bindings",
)


#: Names whose module is imported when one of them is first asked for: a program that
#: never makes a batched timer, passes an odd delay or runs a virtual clock never pays for them.
_ON_FIRST_USE: dict[str, str] = {
    "BatchedCall": "batched",
    "BatchedTimer": "batched",
    "check_call_later": "checks",
    "check_sleep": "checks",
    "count_at_least_one": "checks",
    "positive_seconds": "checks",
    "real_seconds": "checks",
    "finite_seconds": "checks",
    "not_callable": "checks",
    "MAX_ROUNDS": "clock",
    "TestTimedOut": "clock",
    "VirtualClock": "clock",
    "ForeignFutures": "foreign",
    "adopt_foreign": "foreign",
    "is_foreign_future": "foreign",
    "format_exception_chain": "tracebacks",
}


def __dir__() -> list[str]:
    """The module's names, those imported on first use included (``dir()``, documentation tools)."""
    return sorted({*globals(), *_ON_FIRST_USE})


def __getattr__(name: str) -> Any:
    """A name of ``_ON_FIRST_USE``, from its module, imported now; it stays bound here after."""
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"txaio._core.{module}"), name)
    globals()[name] = value
    return value
