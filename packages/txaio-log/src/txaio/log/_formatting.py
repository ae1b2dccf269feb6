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


class _AnyValue:
    """Stands in for the keys every event gets (``log_time``, ``log_failure``, ...)."""

    def __format__(self, spec: str) -> str:
        return ""

    def __getattr__(self, name: str) -> _AnyValue:
        return self

    def __getitem__(self, key: object) -> _AnyValue:
        return self


class _EventKeys(dict[str, Any]):
    """The keys a message logged without keyword arguments can still use."""

    def __missing__(self, key: str) -> Any:
        if key.startswith("log_") or key == "txaio_trace":
            return _AnyValue()
        raise KeyError(key)


def text_unless_format(message: str) -> str:
    """``message`` as a format that reproduces it, if it does not format on its own.

    For a call with no keyword arguments: ``log.critical(traceback_text)``
    logs the text even when it holds braces (any dict repr does), while
    ``"{{x}}"`` and ``"{log_failure}"`` still format as in txaio 26.6.1.
    """
    try:
        message.format_map(_EventKeys())
    except Exception:
        return message.replace("{", "{{").replace("}", "}}")
    return message
