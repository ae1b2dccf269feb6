"""The checks both backends make of a timer's arguments, with messages that say what was wrong.

The backends' hot paths test their arguments cheaply (a plain finite number,
something callable) and call in here only when that test fails, so these
functions can afford to be thorough.
"""

from __future__ import annotations

import math
from typing import Any

from txaio._core.failures import describe


def not_callable(fun: object, caller: str) -> TypeError:
    """The error for a ``fun`` that cannot be called later, naming the call and the value."""
    return TypeError(f"{caller} needs a callable to call later, not {describe(fun)}")


def finite_seconds(delay: object, caller: str) -> float:
    """``delay`` as a float: TypeError if it is not a real number, ValueError if NaN or infinite."""
    import numbers  # here, not at the top: only a delay other than a plain float or int gets this far

    if isinstance(delay, bool) or not isinstance(delay, numbers.Real):
        raise TypeError(f"{caller} needs the delay as a number of seconds, not {describe(delay)}")
    seconds = float(delay)
    if not math.isfinite(seconds):
        raise ValueError(f"{caller} needs a finite delay in seconds, not {delay!r}")
    return seconds


def check_call_later(delay: Any, fun: object, caller: str = "call_later()") -> Any:
    """The slow path of a backend's ``call_later``: refuse what would fail later, return ``delay``.

    ``delay`` is handed back unchanged (an int stays an int), so the framework
    sees what the caller gave, as it did before these checks existed.
    """
    if not callable(fun):
        raise not_callable(fun, caller)
    if type(delay) is not bool:  # True and False were accepted as 1 and 0 seconds: keep that
        finite_seconds(delay, caller)
    return delay
