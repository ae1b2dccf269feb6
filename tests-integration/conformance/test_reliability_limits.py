"""Where a framework itself cannot do better, the expected result per framework, pinned.

A chain of futures each resolved from inside the previous one's callback,
10 000 deep: asyncio runs callbacks on the loop's next turn, so the chain
completes; Twisted runs a Deferred's callbacks inside ``callback()``, so the
chain recurses in Twisted's own code until Python's recursion limit, the
Deferred at that depth fails with RecursionError (logged as an unhandled
error) and the ones after it never fire.  txaio does not hide this: resolve
from a callback through ``txaio.call_later(0, txaio.resolve, f, value)`` to
make such a chain safe on both (see docs/guide "Reliability").
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reliability_child import run_child

CHAIN = """
N = 10_000

async def main():
    futures = [txaio.create_future() for _ in range(N)]
    reached = [0]  # how far the chain has come

    def link(i):
        def on_value(value):
            reached[0] = i
            if i + 1 < N:
                txaio.resolve(futures[i + 1], value + 1)
            return value
        return on_value

    for i, future in enumerate(futures):
        txaio.add_callbacks(future, link(i), None)
    last = txaio.create_future()
    txaio.add_callbacks(futures[-1], lambda value: txaio.resolve(last, value), None)

    def watch(seen):
        # Between two ticks the loop has run at least once, and a live chain moves at every
        # run of the loop: no move since the last tick means it broke, on a loaded machine too.
        if txaio.is_called(last):
            return
        if reached[0] == seen:
            txaio.resolve(last, "never")
        else:
            txaio.call_later(0.05, watch, reached[0])

    txaio.resolve(futures[0], 0)
    txaio.call_later(0.05, watch, -1)
    return await last

report(run(main))
"""


def test_a_chain_resolved_from_callbacks_10_000_deep(txaio_framework: str, request: Any) -> None:
    child = run_child(txaio_framework, CHAIN, request.config, strict=False)
    assert child.returncode == 0, child.stderr
    if txaio_framework == "twisted":  # Twisted's own limit: the chain breaks at the recursion limit
        assert child.stdout.split() == ["never"]
        assert "RecursionError" in child.stderr
    else:
        assert child.stdout.split() == ["9999"]
        assert child.stderr == ""
