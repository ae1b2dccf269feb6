"""Both frameworks in one process, on one loop: a Twisted server and an asyncio client.

Twisted's asyncio reactor runs on the asyncio event loop, so a Twisted server
and an asyncio client share it.  The server replies through txaio (a
coroutine that awaits an asyncio sleep and a Deferred alike); the client
awaits its replies through txaio too.  The argument says which framework the
application selects; the other side is a library that keeps its own API
object (``txaio.tx.with_config()`` / ``txaio.aio.with_config(loop=...)``).

    python examples/one_loop.py twisted    # the application selects Twisted
    python examples/one_loop.py asyncio    # the application selects asyncio
"""

import asyncio
import sys

from twisted.internet import asyncioreactor

FRAMEWORKS = ("twisted", "asyncio")  # read by examples/demo.py
framework = sys.argv[1] if len(sys.argv) > 1 else "twisted"

loop = asyncio.new_event_loop()
asyncioreactor.install(loop)  # before anything imports twisted.internet.reactor

from twisted.internet import defer, protocol, task  # noqa: E402
from twisted.internet import reactor as the_reactor  # noqa: E402
from twisted.protocols.basic import LineReceiver  # noqa: E402

import txaio  # noqa: E402
import txaio.aio  # noqa: E402
import txaio.tx  # noqa: E402

if framework == "twisted":
    txaio.use_twisted()
    server_api = txaio  # the application's framework
    client_api = txaio.aio.with_config(loop=loop)  # an asyncio library's own API object
else:
    txaio.use_asyncio()
    txaio.config.loop = loop
    server_api = txaio.tx.with_config()  # a Twisted library's own API object
    client_api = txaio


# --- the Twisted server ---------------------------------------------------------------------


class Shout(LineReceiver):
    """Answers each line with it in capitals, after a little asyncio and a little Twisted."""

    delimiter = b"\n"

    def lineReceived(self, line: bytes) -> None:
        answer = server_api.as_future(self.answer, line) if framework == "twisted" else self.answer_twisted(line)
        server_api.add_callbacks(answer, self.sendLine, self.failed)

    async def answer(self, line: bytes) -> bytes:
        await asyncio.sleep(0.01)  # asyncio, awaited in a coroutine that Twisted's side started
        await task.deferLater(the_reactor, 0.01, lambda: None)  # and a Deferred, in the same coroutine
        return line.upper()

    def answer_twisted(self, line: bytes) -> "defer.Deferred[bytes]":
        later = server_api.sleep(0.01)  # a Twisted library: Deferreds only
        return server_api.add_callbacks(later, lambda _: line.upper(), None)  # type: ignore[no-any-return]

    def failed(self, failure: txaio.IFailedFuture) -> None:
        self.sendLine(b"error: " + txaio.failure_message(failure).encode())


class ShoutFactory(protocol.Factory):
    protocol = Shout


# --- the asyncio client ---------------------------------------------------------------------


async def client(port: int) -> list[str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    replies = []
    for word in ("hello", "one loop"):
        writer.write(word.encode() + b"\n")
        await writer.drain()
        reply = client_api.as_future(reader.readline)  # an asyncio future through txaio
        replies.append((await reply).decode().strip())
    writer.close()
    await writer.wait_closed()
    return replies


async def main() -> None:
    port = the_reactor.listenTCP(0, ShoutFactory(), interface="127.0.0.1")  # a free port
    try:
        # The client's coroutine, handed to the application's txaio: under use_twisted() it
        # becomes a Deferred, under use_asyncio() a task; either way it is awaited here.
        replies = await txaio.as_future(client, port.getHost().port)
    finally:
        await txaio.as_future(port.stopListening)  # a Deferred, awaited on either side
    for reply in replies:
        print(f"client got {reply!r}")
    print(f"one loop: {type(loop).__name__}, the application on {framework}")


def run(reactor: object) -> "defer.Deferred[None]":
    future = txaio.as_future(main)
    if framework == "twisted":
        return future  # type: ignore[return-value]
    return defer.Deferred.fromFuture(future)  # type: ignore[arg-type]


try:
    task.react(run)
finally:
    loop.close()
