"""Which asyncio event loop an operation uses when none is configured.

The rule: ``config.loop`` when set; otherwise the running loop; otherwise the
loop set as current for this thread; otherwise, in the main thread only, a
new loop that becomes the thread's current loop, which is what
``asyncio.get_event_loop()`` did there through Python 3.13 and what code
written for txaio 26.6.1 relies on (Autobahn's own tests make futures with no
loop anywhere).  Because it becomes the current loop, a later
``asyncio.get_event_loop().run_until_complete(...)`` runs that very loop.
In any other thread the answer is a RuntimeError.  Nothing here emits a
DeprecationWarning on Python 3.11 to 3.14.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from typing import Any

NO_LOOP_MESSAGE = (
    "txaio (asyncio) found no event loop in this thread (only the main thread gets one made for it): "
    "set txaio.config.loop, use txaio.with_config(loop=...), "
    "call from inside a running loop, or set a current loop with asyncio.set_event_loop()"
)

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
    """The running loop, else this thread's current loop, else the main thread's new default loop."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    loop = thread_loop()
    if loop is None:
        loop = main_thread_default_loop()
    return loop


def main_thread_default_loop() -> asyncio.AbstractEventLoop:
    """A new loop set as the main thread's current loop; RuntimeError in other threads."""
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError(NO_LOOP_MESSAGE)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    return loop
