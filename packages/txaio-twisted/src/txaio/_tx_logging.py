"""Logging on Twisted: a placeholder until txaio-log's Twisted sink lands (issue 5)."""

from __future__ import annotations

from typing import Any

from txaio._unframework import LOGGING_BEFORE_SELECTION

#: Loggers made through this backend (weak references), as txaio 26.6.1 kept them.
_loggers: Any = set()

make_logger = LOGGING_BEFORE_SELECTION["make_logger"]
start_logging = LOGGING_BEFORE_SELECTION["start_logging"]
set_global_log_level = LOGGING_BEFORE_SELECTION["set_global_log_level"]
get_global_log_level = LOGGING_BEFORE_SELECTION["get_global_log_level"]
add_log_categories = LOGGING_BEFORE_SELECTION["add_log_categories"]
