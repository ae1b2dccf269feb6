"""Which asyncio event loop an operation uses when none is configured.

The rule, looked up at every call (never when something is made): the
running loop; otherwise the loop set as current for this thread; otherwise,
in the main thread only, txaio's own loop.  txaio's own loop is made on first
need, is never set as the thread's current loop (so it is never the loop that
``asyncio.run()`` or another library meets), and is closed by txaio when the
interpreter exits, so it leaves no ResourceWarning.  It exists because code
written for txaio 26.6.1 makes futures with no loop anywhere (Autobahn's own
tests do), which 26.6.1 served with ``asyncio.get_event_loop()``.  In any
other thread the answer is a RuntimeError.  A closed loop is refused at the
call with a RuntimeError that says what to do.  Nothing here emits a
DeprecationWarning on Python 3.11 to 3.15.
"""

from __future__ import annotations

import asyncio
import atexit
import sys
import threading
from typing import Any

NO_LOOP_MESSAGE = (
    "txaio (asyncio) found no event loop in this thread (only the main thread has one of txaio's own): "
    "set txaio.config.loop, use txaio.with_config(loop=...), "
    "call from inside a running loop, or set a current loop with asyncio.set_event_loop()"
)


def closed_loop_error(loop: asyncio.AbstractEventLoop, where: str) -> RuntimeError:
    """The error for an operation that would use ``loop`` after it was closed."""
    return RuntimeError(
        f"txaio (asyncio): the event loop {where} ({loop!r}) is closed, so nothing made on it could ever "
        "complete; call from inside a running loop (asyncio.run(...)), or give txaio an open loop with "
        "txaio.config.loop = loop, txaio.with_config(loop=loop) or asyncio.set_event_loop(loop)"
    )


#: Where a configured loop comes from, for :func:`closed_loop_error`.
CONFIGURED = "in txaio's configuration (txaio.config.loop or with_config(loop=...))"


def open_loop(loop: asyncio.AbstractEventLoop) -> asyncio.AbstractEventLoop:
    """``loop`` (a configured one), or the clear error if it is closed."""
    if loop.is_closed():
        raise closed_loop_error(loop, CONFIGURED)
    return loop


if sys.version_info >= (3, 14):

    def thread_loop() -> asyncio.AbstractEventLoop | None:
        """The loop set as current for this thread, or None (3.14 never creates one here)."""
        try:
            return asyncio.get_event_loop()
        except RuntimeError:
            return None

else:

    def thread_loop() -> asyncio.AbstractEventLoop | None:
        """The loop set as current for this thread, or None.

        ``asyncio.get_event_loop()`` would create a loop (with a
        DeprecationWarning on 3.12 and 3.13) when none is set, so the default
        policy's thread-local slot is read instead; a policy of another kind
        is asked directly.
        """
        policy = asyncio.get_event_loop_policy()
        local: Any = getattr(policy, "_local", None)
        if local is None:
            try:
                return policy.get_event_loop()
            except RuntimeError:
                return None
        loop: asyncio.AbstractEventLoop | None = getattr(local, "_loop", None)
        return loop


def current_loop() -> asyncio.AbstractEventLoop:
    """The running loop, else this thread's current loop, else (main thread) txaio's own loop."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    loop = thread_loop()
    if loop is None:
        return own_loop()
    if loop.is_closed():
        raise closed_loop_error(loop, "set as this thread's current loop")
    return loop


_own: asyncio.AbstractEventLoop | None = None


def own_loop() -> asyncio.AbstractEventLoop:
    """txaio's own loop, made on first need in the main thread; RuntimeError in other threads.

    It is never set as current and never run by txaio: futures made on it
    can be resolved and inspected by synchronous code, and whoever wants
    their callbacks to run can run it (``own_loop().run_until_complete(f)``).
    """
    global _own
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError(NO_LOOP_MESSAGE)
    loop = _own
    if loop is None or loop.is_closed():
        loop = _own = asyncio.new_event_loop()
        if not _closing_registered:
            _register_closing()
    return loop


_closing_registered = False


def _register_closing() -> None:
    global _closing_registered
    _closing_registered = True
    atexit.register(close_own_loop)


def close_own_loop() -> None:
    """Close txaio's own loop, if it made one (at exit; tests call it too)."""
    global _own
    loop, _own = _own, None
    if loop is not None and not loop.is_running():
        loop.close()
