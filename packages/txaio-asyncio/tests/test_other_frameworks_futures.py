"""The slow paths that ask for another framework's futures never import it for objects of no framework."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import asyncio, sys
import txaio
txaio.use_asyncio()

class Odd:
    pass

class Awaitable:
    def __await__(self):
        future = asyncio.get_running_loop().create_future()
        future.set_result("awaited")
        return (yield from future)

async def main():
    assert (await txaio.as_future(Odd)).__class__ is Odd
    assert txaio.is_future(Odd()) is False
    assert await txaio.gather([Awaitable()]) == ["awaited"]
    try:
        txaio.add_callbacks(Odd(), print, None)
    except TypeError as exc:
        assert "add_callbacks() takes an asyncio future, not Odd" in str(exc), exc
    else:
        raise AssertionError("no TypeError")
    # zope.interface, not "zope": an old zope.interface's namespace .pth file imports a bare "zope" at start-up
    framework = [name for name in sys.modules if name.startswith(("twisted", "zope.interface"))]
    print(sorted(framework) or "none")
    print(sorted(name for name in sys.modules if name.startswith("txaio.tx")) or "none")

asyncio.run(main())
"""


def test_no_twisted_is_imported_for_objects_of_no_framework() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "dev", "-W", "error", "-c", PROGRAM],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["none", "none"]
