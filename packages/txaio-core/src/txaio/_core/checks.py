"""The checks both backends make of seconds and counts, with messages that say what was wrong.

The backends' hot paths test their arguments cheaply (a plain finite number,
something callable) and call in here only when that test fails, so these
functions can afford to be thorough.

What a number of seconds may be, on every framework and for every operation
(``call_later``, ``sleep``, batched timers and their ``bucket_seconds``, a
virtual clock's ``advance``): any ``numbers.Real`` (int, float, Fraction,
numpy's scalars, a class of your own registered as Real) and
``decimal.Decimal`` (not registered as Real only because mixing it with
floats in arithmetic loses exactness; a delay is turned into a float anyway,
so it is as good a number of seconds as any).  Refused at the call: NaN, the
infinities (a timer that can never fire is a lost call; to wait forever,
wait on a future nobody resolves), and anything else, with a ValueError or a
TypeError that names the call and the value.  ``bool`` is refused, except as
``call_later``'s delay, which txaio 26.6.1 and asyncio took as 0 or 1 second.
A negative delay means "now" (a deadline computed a moment late); ``python
-O`` changes none of this.  A count (``chunk_size``) is whatever
``operator.index`` takes (int, numpy's integers, ...), not a bool.
"""

from __future__ import annotations

import math
import sys
from typing import Any

from txaio._core.contract import describe

_INFINITY = math.inf


def not_callable(fun: object, caller: str) -> TypeError:
    """The error for a ``fun`` that cannot be called later, naming the call and the value."""
    return TypeError(f"{caller} needs a callable to call later, not {describe(fun)}")


def _is_real(value: object) -> bool:
    import numbers  # here, not at the top: only a number other than a plain float or int gets this far

    if isinstance(value, numbers.Real):
        return True
    decimal = sys.modules.get("decimal")  # a Decimal exists only once decimal was imported
    return decimal is not None and isinstance(value, decimal.Decimal)


def real_seconds(value: object, caller: str, what: str = "the delay") -> float:
    """``value`` as a float: TypeError unless a real number (not a bool), ValueError if NaN or infinite."""
    kind = type(value)
    if kind is bool or not (kind is float or kind is int or _is_real(value)):
        raise TypeError(f"{caller} needs {what} as a number of seconds, not {describe(value)}")
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError) as exc:
        raise TypeError(f"{caller} needs {what} as a number of seconds, not {describe(value)} ({exc})") from None
    if math.isnan(seconds) or seconds in (_INFINITY, -_INFINITY):
        finite = "a finite delay in seconds" if what == "the delay" else f"{what} as a finite number of seconds"
        forever = "" if math.isnan(seconds) else " (to wait forever, wait on a future that nobody resolves)"
        raise ValueError(f"{caller} needs {finite}, not {value!r}{forever}")
    return seconds


def finite_seconds(delay: object, caller: str) -> float:
    """``delay`` as a float: TypeError if it is not a real number, ValueError if NaN or infinite."""
    return real_seconds(delay, caller)


def delay_seconds(delay: object, caller: str) -> float:
    """A delay as a float, a negative one (a deadline computed a moment late) meaning now."""
    return max(real_seconds(delay, caller), 0.0)


def positive_seconds(value: object, caller: str, what: str) -> float:
    """A finite number of seconds above 0 (a bucket's width)."""
    seconds = real_seconds(value, caller, what)
    if seconds <= 0:
        raise ValueError(f"{caller} needs {what} as a finite number of seconds above 0, not {value!r}")
    return seconds


def count_at_least_one(value: object, caller: str, what: str) -> int:
    """A count of 1 or more: anything ``operator.index`` takes, not a bool."""
    import operator

    if type(value) is bool:
        raise TypeError(f"{caller} needs {what} as a whole number, not {describe(value)}")
    try:
        number = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{caller} needs {what} as a whole number, not {describe(value)}") from None
    if number < 1:
        raise ValueError(f"{caller} needs {what} of at least 1, not {value!r}")
    return number


def check_call_later(delay: Any, fun: object, caller: str = "call_later()") -> Any:
    """The slow path of a backend's ``call_later``: refuse what would fail later, return the delay to use.

    A plain int or float of 0 or more is handed back unchanged; a bool too
    (taken as 0 or 1 second, as txaio 26.6.1 did); any other real number
    comes back as a float, a negative one as 0.0 (now).
    """
    if not callable(fun):
        raise not_callable(fun, caller)
    kind = type(delay)
    if kind is bool or ((kind is int or kind is float) and 0 <= delay < _INFINITY):
        return delay
    return delay_seconds(delay, caller)


def check_sleep(delay: Any, caller: str = "sleep()") -> Any:
    """The slow path of a backend's ``sleep``: the delay to use (see :func:`check_call_later`), bools refused."""
    kind = type(delay)
    if (kind is int or kind is float) and 0 <= delay < _INFINITY:
        return delay
    return delay_seconds(delay, caller)
