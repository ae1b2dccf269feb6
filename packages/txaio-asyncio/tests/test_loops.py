"""Which loop an operation uses: config.loop, else the running loop, else the thread's loop."""

from __future__ import annotations

import asyncio
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import txaio
from txaio.aio import _loop as _aio_loop
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


def in_a_fresh_thread(action: Callable[[], Any]) -> list[Any]:
    """Run ``action`` where surely no loop is current; returns [error or None, the thread's loop after]."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            action()
            outcome.append(None)
        except RuntimeError as exc:
            outcome.append(exc)
        outcome.append(_aio_loop.thread_loop())

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    return outcome


def test_no_loop_outside_the_main_thread_is_a_clear_error_and_creates_none(no_configured_loop: None) -> None:
    error, loop_after = in_a_fresh_thread(txaio.create_future)
    assert "found no event loop" in str(error)
    assert loop_after is None


@pytest.fixture
def main_thread_without_loop(no_configured_loop: None) -> Iterator[None]:
    asyncio.set_event_loop(None)
    yield
    loop = _aio_loop.thread_loop()
    asyncio.set_event_loop(None)
    if loop is not None:
        loop.close()


def test_no_loop_in_the_main_thread_uses_txaios_own_loop_and_sets_none(
    main_thread_without_loop: None,
) -> None:
    # txaio 26.6.1 called asyncio.get_event_loop(), which made a loop; code written for it
    # (Autobahn's tests among it) makes futures with no loop anywhere.  Ours uses a loop of
    # its own, never set as current, and closed at exit.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = txaio.create_future()
        handle = txaio.call_later(1, lambda: None)
    assert _aio_loop.thread_loop() is None, "no loop is left set as current"
    loop = _aio_loop.own_loop()
    assert f.get_loop() is loop
    assert txaio.create_future().get_loop() is loop, "later calls use the same loop"
    handle.cancel()
    txaio.resolve(f, 5)
    assert loop.run_until_complete(f) == 5, "whoever wants its callbacks to run can run it"


def test_txaios_own_loop_is_closed_by_close_own_loop(main_thread_without_loop: None) -> None:
    loop = _aio_loop.own_loop()
    _aio_loop.close_own_loop()
    assert loop.is_closed()
    assert _aio_loop.own_loop() is not loop, "a new one is made on the next need"
    _aio_loop.close_own_loop()


def test_a_closed_current_loop_is_refused_at_the_call(no_configured_loop: None) -> None:
    loop = asyncio.new_event_loop()
    loop.close()
    asyncio.set_event_loop(loop)
    try:
        with pytest.raises(RuntimeError, match="is closed"):
            txaio.create_future()
    finally:
        asyncio.set_event_loop(None)


def test_setting_config_loop_takes_effect_at_once(spare_loop: asyncio.AbstractEventLoop) -> None:
    with replace_loop(spare_loop):
        assert txaio.create_future().get_loop() is spare_loop


def test_the_threads_loop_is_asked_as_python_answers_it(
    monkeypatch: pytest.MonkeyPatch, spare_loop: asyncio.AbstractEventLoop
) -> None:
    """Through 3.13 a policy of its own is asked; from 3.14 on, ``asyncio.get_event_loop()`` itself."""
    if _aio_loop.sys.version_info >= (3, 14):
        monkeypatch.setattr(asyncio, "get_event_loop", lambda: spare_loop)
    else:

        class OwnPolicy:
            def get_event_loop(self) -> asyncio.AbstractEventLoop:
                return spare_loop

        monkeypatch.setattr(asyncio, "get_event_loop_policy", OwnPolicy)
    assert _aio_loop.thread_loop() is spare_loop
