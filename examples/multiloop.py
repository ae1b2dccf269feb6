"""Several asyncio event loops at once, each with its own txaio API object.

Library code that wants to support more than one loop keeps an API object,
``self._txa``, instead of calling ``txaio.*`` directly: ``txaio`` itself (the
global loop) by default, or ``txaio.with_config(loop=loop)`` when the user
passes a loop.  Every future, timer and sleep made through ``self._txa``
then belongs to that loop.  Here three worker threads each run their own
loop, and one more client uses the global API from the main thread.

    python examples/multiloop.py asyncio
"""

from __future__ import annotations

import asyncio
import sys
import threading
from typing import Any

import txaio

#: The frameworks this example runs on (read by demo.py): several loops are an asyncio idea.
FRAMEWORKS = ("asyncio",)

# ---------------------------------------------------------------- library code


class Pinger:
    """Library code: pings ``count`` times, ``interval`` apart, on the loop it was given."""

    def __init__(self, name: str, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self.name = name
        # The opt-in path of the guide: the global API, or one bound to the given loop.
        self._txa: Any = txaio if loop is None else txaio.with_config(loop=loop)

    def ping(self, count: int, interval: float) -> Any:
        done = self._txa.create_future()
        seen: list[int] = []

        def once(number: int) -> None:
            seen.append(number)
            if number < count:
                self._txa.call_later(interval, once, number + 1)
            else:
                self._txa.resolve(done, seen)

        self._txa.call_later(interval, once, 1)
        return done

    async def ping_and_rest(self, count: int, interval: float) -> str:
        pings = await self.ping(count, interval)
        await self._txa.sleep(interval)
        return f"{self.name}: {len(pings)} pings"


# ----------------------------------------------------------------- application


def run_worker(name: str, count: int, results: dict[str, str], lock: threading.Lock) -> None:
    """A thread with its own loop: the library is handed that loop explicitly."""
    loop = asyncio.new_event_loop()
    try:
        pinger = Pinger(name, loop=loop)
        future = pinger.ping(count, 0.005)
        own_loop = future.get_loop() is loop
        summary = loop.run_until_complete(pinger.ping_and_rest(count, 0.005))
        with lock:
            results[name] = f"{summary} on {'its own' if own_loop else 'ANOTHER'} loop"
    finally:
        loop.close()


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in FRAMEWORKS:
        print(f"usage: {argv[0]} {{{'|'.join(FRAMEWORKS)}}}", file=sys.stderr)
        return 2
    txaio.use_asyncio()
    results: dict[str, str] = {}
    lock = threading.Lock()
    threads = [
        threading.Thread(target=run_worker, args=(f"worker-{n}", n + 2, results, lock), name=f"worker-{n}")
        for n in range(3)
    ]
    for thread in threads:
        thread.start()

    async def on_the_global_loop() -> str:
        # No loop given: the library uses the global txaio API and the running loop.
        return await Pinger("main").ping_and_rest(2, 0.005)

    print(asyncio.run(on_the_global_loop()), "on the main thread's running loop")
    for thread in threads:
        thread.join()
    for name in sorted(results):
        print(results[name])
    return 0 if len(results) == len(threads) and "ANOTHER" not in "".join(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
