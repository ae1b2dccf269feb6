"""The README's first example: library code written once, run on asyncio and on Twisted.

python examples/hello.py asyncio
python examples/hello.py twisted
"""

import sys

import txaio

FRAMEWORKS = ("asyncio", "twisted")  # read by examples/demo.py
framework = sys.argv[1] if len(sys.argv) > 1 else "asyncio"


def double_later(value):
    """Library code: it only talks to txaio, so it runs on either framework."""
    future = txaio.create_future()
    txaio.call_later(0.1, txaio.resolve, future, value * 2)
    return future


def show(result):
    print(f"got {result} on {framework}")
    return result


async def main():
    future = double_later(21)
    txaio.add_callbacks(future, show, None)
    await future  # the loop (or reactor) runs until the future has its result


if framework == "twisted":
    from twisted.internet import defer, task

    txaio.use_twisted()
    task.react(lambda reactor: defer.ensureDeferred(main()))
else:
    import asyncio

    txaio.use_asyncio()
    asyncio.run(main())
