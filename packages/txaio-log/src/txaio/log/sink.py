"""What a backend uses to route txaio's log output through its framework (txaio-log's sink interface).

A backend (txaio-asyncio, txaio-twisted, or a third party's) imports from
here and from the public ``txaio.log`` only, never from txaio-log's private
modules, so either side can be released on its own:

- :class:`Backend` is what a backend registers with ``register_backend``
  (``STDLIB_BACKEND`` is the stdlib ``logging`` one, which asyncio uses);
- ``format_message`` renders a message as txaio does (PEP 3101 formats,
  never raising), ``is_enabled`` compares levels, ``LEVELS`` lists them and
  ``STDLIB_LEVELNO`` maps each to a stdlib ``logging`` level number;
- ``LineWriter`` and ``format_line`` write timestamped lines to an
  output stream without ever hanging or losing a line silently;
- ``STDOUT`` is ``start_logging``'s default ``out``: whatever ``sys.stdout`` is when it runs;
- ``loggers`` holds every txaio logger made so far (weakly);
- ``save_log_state`` notes the global level, the log categories and each
  logger's level, and returns how to put them back (what a test harness
  such as ``txaio.testutil.isolated_logging`` uses between tests).
"""

from __future__ import annotations

from txaio.log._levels import LEVELS, STDLIB_LEVELNO, check_level, is_enabled
from txaio.log._logger import Backend, current_backend, format_message, loggers, register_backend, save_log_state
from txaio.log._output import STDOUT, LineWriter, format_line
from txaio.log._stdlib import STDLIB_BACKEND

__all__ = (
    "LEVELS",
    "STDLIB_BACKEND",
    "STDLIB_LEVELNO",
    "STDOUT",
    "Backend",
    "LineWriter",
    "check_level",
    "current_backend",
    "format_line",
    "format_message",
    "is_enabled",
    "loggers",
    "register_backend",
    "save_log_state",
)
