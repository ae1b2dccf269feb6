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
  (:func:`check_call_later`, ...), the failure helpers and ``PLAIN_RESULTS``;
- ship a :class:`VirtualClock` for txaio-testutil, if it can.

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

The constants: ``UNSET`` (the default where None is a meaningful value),
``OPERATION_NAMES`` / ``LOGGING_NAMES`` / ``BACKEND_NAMES`` (what a backend
module exports), ``FLAG_NAMES`` (the ``using_<framework>`` flags it may set),
``PLAIN_RESULTS`` (result types ``as_future`` need not inspect),
``MAX_ROUNDS`` (a virtual clock's default cap on callback rounds per step).

txaio 26.6.1 never had a ``txaio.backend`` module, so this name is new.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from txaio._core._version import __version__ as __version__
from txaio._core.batched import BatchedCall, BatchedTimer
from txaio._core.checks import check_call_later, describe, finite_seconds, not_callable
from txaio._core.config import Config
from txaio._core.contract import BACKEND_NAMES, FLAG_NAMES, LOGGING_NAMES, OPERATION_NAMES, UNSET, FrameworkApi
from txaio._core.contract import _Unset as Unset
from txaio._core.failures import (
    NotAnExceptionError,
    exception_message,
    exception_of_failure,
    message_fallback,
    safe_str,
    traceback_fallback,
)
from txaio._core.fit import parse_version, require_core
from txaio._core.results import PLAIN_RESULTS
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

if TYPE_CHECKING:  # imported on first use: selecting a framework does not need the clock
    from txaio._core.clock import MAX_ROUNDS, TestTimedOut, VirtualClock

__all__ = (
    "BACKEND_NAMES",
    "ENTRY_POINT_GROUP",
    "FLAG_NAMES",
    "LOGGING_BEFORE_SELECTION",
    "LOGGING_NAMES",
    "MAX_ROUNDS",
    "OPERATION_NAMES",
    "PLAIN_RESULTS",
    "UNSET",
    "BatchedCall",
    "BatchedTimer",
    "Config",
    "Framework",
    "FrameworkApi",
    "NotAnExceptionError",
    "Unset",
    "TestTimedOut",
    "VirtualClock",
    "check_call_later",
    "describe",
    "exception_message",
    "exception_of_failure",
    "find_framework",
    "finite_seconds",
    "framework_names",
    "import_backend",
    "message_fallback",
    "not_callable",
    "parse_version",
    "require_core",
    "resolve",
    "safe_str",
    "select",
    "traceback_fallback",
    "unselected_bindings",
)


def __getattr__(name: str) -> Any:
    """``VirtualClock``, ``TestTimedOut`` and ``MAX_ROUNDS``, imported when first asked for."""
    if name in ("VirtualClock", "TestTimedOut", "MAX_ROUNDS"):
        from txaio._core import clock

        return getattr(clock, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
