"""with_config(loop=L) on asyncio: every operation of that object uses L, whatever txaio.config says.

That each operation works through the object is tested once, on every
framework, in tests-integration/conformance/test_selection.py.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import txaio
from txaio._core.contract import FrameworkApi
from txaio.backend import Config
from txaio.testutil import VirtualClock


@pytest.fixture
def other() -> Iterator[asyncio.AbstractEventLoop]:
    """A second loop, not the configured one."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_with_config_returns_an_api_bound_to_its_own_config(other: asyncio.AbstractEventLoop) -> None:
    api = txaio.with_config(loop=other)
    assert isinstance(api, FrameworkApi)
    assert isinstance(api.config, Config)
    assert api.config is not txaio.config
    assert api.config.loop is other
    assert api.using_asyncio and not api.using_twisted


def test_every_operation_uses_the_given_loop(clock: VirtualClock) -> None:
    loop = asyncio.new_event_loop()
    try:
        api = txaio.with_config(loop=loop)

        async def coro() -> int:
            return 1

        made: list[Any] = [
            api.create_future(),
            api.create_future(canceller=lambda f: None),
            api.create_future_success(1),
            api.create_future_error(RuntimeError()),
            api.as_future(lambda: 1),
            api.as_future(coro),
            api.gather([]),
            api.gather([coro()]),
            api.sleep(0),
        ]
        for f in made:
            assert f.get_loop() is loop
        handle = api.call_later(10, lambda: None)
        assert handle in loop._scheduled  # type: ignore[attr-defined]
        handle.cancel()
        seen: list[int] = []
        api.make_batched_timer(0.01).call_later(0, seen.append, 1)
        loop.run_until_complete(asyncio.sleep(0.05))
        assert seen == [1]
        made[3].exception()
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        for task in asyncio.all_tasks(loop):
            task.cancel()
        loop.run_until_complete(asyncio.sleep(0))
        loop.close()


def test_with_config_without_a_loop_finds_it_at_each_call(clock: VirtualClock) -> None:
    api = txaio.with_config()
    assert api.config.loop is None
    errors: list[BaseException] = []

    def outside_the_main_thread() -> None:
        try:
            api.create_future()  # its own config, not txaio.config: the virtual loop is not its loop
        except RuntimeError as exc:
            errors.append(exc)

    worker = threading.Thread(target=outside_the_main_thread)
    worker.start()
    worker.join()
    assert len(errors) == 1 and "found no event loop" in str(errors[0])
    loop = asyncio.new_event_loop()
    try:

        async def inside() -> Any:
            return api.create_future()

        assert loop.run_until_complete(inside()).get_loop() is loop
    finally:
        loop.close()
