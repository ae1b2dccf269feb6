"""Which loop an operation uses: config.loop, else the running loop, else the thread's loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import txaio
from txaio import _aio_loop
from txaio.testutil import VirtualClock, replace_loop


@pytest.fixture
def no_configured_loop() -> Iterator[None]:
    with replace_loop(None):
        yield


@pytest.fixture
def spare_loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_config_loop_wins_over_the_running_loop(clock: VirtualClock, spare_loop: asyncio.AbstractEventLoop) -> None:
    async def inside() -> Any:
        return txaio.create_future()

    f = spare_loop.run_until_complete(inside())
    assert f.get_loop() is clock.loop


def test_the_running_loop_when_none_is_configured(
    no_configured_loop: None, spare_loop: asyncio.AbstractEventLoop
) -> None:
    async def inside() -> list[Any]:
        return [txaio.create_future(), txaio.as_future(lambda: 1), txaio.sleep(0), txaio.gather([])]

    for f in spare_loop.run_until_complete(inside()):
        assert f.get_loop() is spare_loop


def test_the_threads_current_loop_when_none_runs(
    no_configured_loop: None, spare_loop: asyncio.AbstractEventLoop
) -> None:
    asyncio.set_event_loop(spare_loop)
    try:
        assert txaio.create_future().get_loop() is spare_loop
    finally:
        asyncio.set_event_loop(None)


def test_no_loop_at_all_is_a_clear_error_and_creates_none(no_configured_loop: None) -> None:
    errors: list[BaseException] = []
    created: list[Any] = []

    def in_thread() -> None:  # a fresh thread surely has no current loop
        try:
            txaio.create_future()
        except RuntimeError as exc:
            errors.append(exc)
        created.append(_aio_loop.thread_loop())

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    assert "found no event loop" in str(errors[0])
    assert created == [None]


def test_no_loop_in_the_main_thread_creates_none_and_does_not_warn(no_configured_loop: None) -> None:
    asyncio.set_event_loop(None)
    with pytest.raises(RuntimeError, match="found no event loop"):
        txaio.call_later(1, lambda: None)
    assert _aio_loop.thread_loop() is None


def test_setting_config_loop_takes_effect_at_once(spare_loop: asyncio.AbstractEventLoop) -> None:
    with replace_loop(spare_loop):
        assert txaio.create_future().get_loop() is spare_loop


def test_a_policy_of_its_own_is_asked(monkeypatch: pytest.MonkeyPatch, spare_loop: asyncio.AbstractEventLoop) -> None:
    class OwnPolicy:
        def get_event_loop(self) -> asyncio.AbstractEventLoop:
            return spare_loop

    if not hasattr(asyncio, "get_event_loop_policy") or _aio_loop.sys.version_info >= (3, 14):
        pytest.skip("Python 3.14 asks asyncio.get_event_loop() directly")
    monkeypatch.setattr(asyncio, "get_event_loop_policy", OwnPolicy)
    assert _aio_loop.thread_loop() is spare_loop
