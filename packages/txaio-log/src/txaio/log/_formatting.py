"""PEP 3101 formatting of log messages that never raises into the caller.

A log call sits on error paths; a typo in a format string must not turn a
log line into a crash, so a bad format yields a line that shows the format
and what went wrong instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def format_message(message: object, event: Mapping[str, Any]) -> str:
    """``message.format_map(event)``, or a line describing why that failed."""
    if message is None:
        return ""
    if not isinstance(message, str):
        return _safe_str(message)
    try:
        return message.format_map(event)
    except Exception as exc:  # any failure, including a value's own __format__
        return f"Unable to format log message {message!r}: {_describe(exc)}"


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {_safe_str(exc)}"


def _safe_str(value: object) -> str:
    try:
        return str(value)
    except Exception as exc:
        return f"<unprintable {type(value).__name__}: {type(exc).__name__}>"
