"""txaio's logging API, the same on asyncio and Twisted (distribution txaio-log).

Before a framework is selected, ``txaio.make_logger()`` and the other logging
functions are these; loggers made here follow the framework selected later.
txaio-log never imports Twisted: the Twisted sink ships with txaio-twisted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from txaio.backend import LOGGING_BEFORE_SELECTION
from txaio.log._levels import LEVELS, LogLevelError, check_level
from txaio.log._logger import (
    Backend,
    Logger,
    add_log_categories,
    attach_selected_sink,
    caller_namespace,
    current_backend,
    format_message,
    get_global_log_level,
    loggers,
    name_unselected_backend,
    register_backend,
    set_global_log_level,
    skip_frames_of,
)
from txaio.log._output import logging_started, start_logging, stop_logging

if TYPE_CHECKING:
    from txaio.log._version import __version__ as __version__

__all__ = (
    "Backend",
    "LEVELS",
    "LogLevelError",
    "Logger",
    "add_log_categories",
    "caller_namespace",
    "check_level",
    "current_backend",
    "format_message",
    "get_global_log_level",
    "loggers",
    "logging_started",
    "make_logger",
    "register_backend",
    "set_global_log_level",
    "skip_frames_of",
    "start_logging",
    "stop_logging",
)


def make_logger(level: str | None = None, namespace: str | None = None) -> Logger:
    """A logger named after where it is made (``module.Class``, ``module.function``, ``module``).

    ``namespace`` overrides the name; ``level`` gives the logger a level of
    its own that the global level does not change.
    """
    return Logger(caller_namespace() if namespace is None else namespace, level)


# Until a framework is selected, messages go through stdlib logging.  Named here, at the
# top: the modules below import one way (levels, logger, output, stdlib sink).  Named, not
# imported: importing the sink imports ``logging``, which only a message (or selecting a
# framework, which imports it anyway) should cost.
name_unselected_backend("txaio.log._stdlib:STDLIB_BACKEND")

# txaio.make_logger() before selection reaches make_logger through core's delegate.
skip_frames_of(LOGGING_BEFORE_SELECTION["make_logger"].__code__)

# Imported after a framework was selected (by its backend's first logging call, or by a
# program or a test harness that uses txaio.log directly): that framework's sink joins now,
# so no message of a logger made from here on goes elsewhere.  Last: the sink imports this module.
attach_selected_sink()


def __getattr__(name: str) -> str:
    """``__version__``, read at first use: selecting a framework needs no version file."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from txaio.log._version import __version__ as version

    globals()["__version__"] = version
    return version
