"""What both backends share about failures: the bad-argument error and text that never fails.

The ``failure_*`` helpers run inside error handling, where a second
exception would hide the first, so they fall back to the texts below
(txaio 26.6.1's wording) instead of raising.
"""

from __future__ import annotations


class NotAnExceptionError(TypeError, RuntimeError):
    """An exception was needed (to fail a future with) and something else was given.

    A TypeError because that is what it is, and a RuntimeError because
    txaio 26.6.1 raised RuntimeError here and callers catch that.
    """


def exception_of_failure(fail: object) -> BaseException | None:
    """The exception in ``fail.value``, or None if ``fail`` is not a failure (reading it may raise)."""
    try:
        value = getattr(fail, "value", None)
    except Exception:
        return None
    return value if isinstance(value, BaseException) else None


def safe_str(value: object) -> str:
    """``str(value)``, or a placeholder when its ``__str__`` raises (as Python's tracebacks print)."""
    try:
        return str(value)
    except Exception:
        return "<exception str() failed>"


def message_fallback(fail: object) -> str:
    """What ``failure_message`` returns when ``fail`` cannot be read as a failure."""
    return f'Failed to produce failure message for "{safe_str(fail)}"'


def traceback_fallback(fail: object) -> str:
    """What ``failure_format_traceback`` returns when ``fail`` cannot be read as a failure."""
    return f"Failed to format failure traceback for '{safe_str(fail)}'"


def exception_message(value: BaseException) -> str:
    """``"RuntimeError: it failed"``, even when the exception's ``__str__`` raises."""
    return f"{type(value).__name__}: {safe_str(value)}"


def describe(value: object) -> str:
    """``value``'s type and repr for an error message; never raises (a repr may)."""
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__} object>"
    if len(text) > 200:
        text = text[:197] + "..."
    return f"{type(value).__name__} {text}"
