"""The virtual clock, driven through the raw frameworks (no txaio backend needed)."""

from __future__ import annotations

import asyncio
import importlib.util
import math
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import txaio
from txaio.testutil import VirtualClock, virtual_clock

FRAMEWORKS = ["asyncio", "twisted"]


def _call_later(clock: VirtualClock) -> Callable[..., Any]:
    """The raw framework's way to schedule a delayed call on ``clock``."""
    return clock.loop.call_later if clock.framework == "asyncio" else clock.loop.callLater  # type: ignore[no-any-return]


@pytest.fixture(params=FRAMEWORKS)
def clock(request: pytest.FixtureRequest) -> Iterator[VirtualClock]:
    if request.param == "twisted" and importlib.util.find_spec("twisted") is None:
        pytest.skip("Twisted is not installed")
    with virtual_clock(request.param) as installed:
        yield installed


def test_starts_at_zero_and_is_installed_as_the_loop(clock: VirtualClock) -> None:
    assert clock.now() == 0.0
    assert txaio.config.loop is clock.loop


def test_advance_moves_time_and_runs_only_what_is_due(clock: VirtualClock) -> None:
    seen: list[tuple[str, float]] = []
    later = _call_later(clock)
    later(2, lambda: seen.append(("two", clock.now())))
    later(5, lambda: seen.append(("five", clock.now())))
    clock.advance(1.5)
    assert seen == [] and clock.now() == 1.5
    clock.advance(0.5)
    assert seen == [("two", 2.0)]
    clock.advance(10)
    assert seen == [("two", 2.0), ("five", 5.0)]
    assert clock.now() == 12.0


def test_callbacks_see_their_own_due_time_and_chained_ones_run_too(clock: VirtualClock) -> None:
    seen: list[tuple[str, float]] = []
    later = _call_later(clock)

    def first() -> None:
        seen.append(("first", clock.now()))
        later(1, lambda: seen.append(("chained", clock.now())))
        later(0, lambda: seen.append(("at once", clock.now())))

    later(2, first)
    later(2.5, lambda: seen.append(("between", clock.now())))
    clock.advance(4)
    assert seen == [("first", 2.0), ("at once", 2.0), ("between", 2.5), ("chained", 3.0)]


def test_advance_zero_runs_what_is_due_now_without_moving_time(clock: VirtualClock) -> None:
    seen: list[int] = []
    _call_later(clock)(0, seen.append, 1)
    _call_later(clock)(0.001, seen.append, 2)
    clock.advance()
    assert seen == [1]
    assert clock.now() == 0.0


def test_cancelled_calls_do_not_run(clock: VirtualClock) -> None:
    seen: list[int] = []
    handle = _call_later(clock)(1, seen.append, 1)
    handle.cancel()
    clock.advance(2)
    assert seen == []


def test_no_real_waiting(clock: VirtualClock) -> None:
    seen: list[int] = []
    _call_later(clock)(3600, seen.append, 1)
    started = time.monotonic()
    clock.advance(3600)
    assert time.monotonic() - started < 1.0
    assert seen == [1]


@pytest.mark.parametrize(
    ("bad", "error"),
    [(-1, ValueError), (math.nan, ValueError), (math.inf, ValueError), ("1", TypeError), (True, TypeError)],
)
def test_bad_advance_is_a_clear_error_and_changes_nothing(clock: VirtualClock, bad: Any, error: type) -> None:
    seen: list[int] = []
    _call_later(clock)(0, seen.append, 1)
    clock.advance(1)
    _call_later(clock)(0, seen.append, 2)
    with pytest.raises(error, match="advance"):
        clock.advance(bad)
    assert clock.now() == 1.0
    assert seen == [1]


def test_a_callback_that_reschedules_itself_forever_fails_instead_of_hanging(
    clock: VirtualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "max_rounds", 50)
    later = _call_later(clock)

    def again() -> None:
        later(0, again)

    later(0, again)
    with pytest.raises(RuntimeError, match="still due"):
        clock.advance(1)


def test_a_failing_callback_does_not_stop_time_for_good(clock: VirtualClock) -> None:
    seen: list[int] = []
    later = _call_later(clock)

    def boom() -> None:
        raise KeyError("boom")

    later(1, boom)
    later(2, seen.append, 2)
    if clock.framework == "twisted":
        with pytest.raises(KeyError):  # as with task.Clock, the exception reaches the test
            clock.advance(3)
        assert clock.now() == 1.0  # time stopped at the failing call
        clock.advance(2)
    else:
        errors: list[dict[str, Any]] = []
        clock.loop.set_exception_handler(lambda loop, context: errors.append(context))
        clock.advance(3)
        assert isinstance(errors[0]["exception"], KeyError)
    assert seen == [2]


# --- asyncio specifics -------------------------------------------------------------------


@pytest.fixture
def aio_clock() -> Iterator[VirtualClock]:
    with virtual_clock("asyncio") as installed:
        yield installed


def test_asyncio_loop_is_a_real_event_loop_with_virtual_time(aio_clock: VirtualClock) -> None:
    assert isinstance(aio_clock.loop, asyncio.AbstractEventLoop)
    assert not aio_clock.loop.is_running()
    assert aio_clock.loop.time() == aio_clock.now() == 0.0


def test_asyncio_futures_and_task_steps_run_on_advance_zero(aio_clock: VirtualClock) -> None:
    loop = aio_clock.loop
    seen: list[Any] = []
    future = loop.create_future()
    future.add_done_callback(lambda f: seen.append(f.result()))
    future.set_result(1)
    assert seen == []
    aio_clock.advance(0)
    assert seen == [1]


def test_asyncio_sleep_inside_tasks_follows_virtual_time(aio_clock: VirtualClock) -> None:
    loop = aio_clock.loop
    seen: list[float] = []

    async def sleeper() -> str:
        seen.append(loop.time())
        await asyncio.sleep(5)
        seen.append(loop.time())
        await asyncio.sleep(0)
        return "done"

    task = loop.create_task(sleeper())
    aio_clock.advance(0)
    assert seen == [0.0]
    aio_clock.advance(4.999)
    assert not task.done()
    aio_clock.advance(0.001)
    assert task.done() and task.result() == "done"
    assert seen == [0.0, 5.0]


def test_asyncio_close_cancels_pending_tasks_and_closes_the_loop() -> None:
    cancelled: list[bool] = []

    async def forever() -> None:
        try:
            await asyncio.sleep(1000)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    with virtual_clock("asyncio") as clock:
        task = clock.loop.create_task(forever())
        clock.advance(1)
    assert cancelled == [True]
    assert task.cancelled()
    assert clock.loop.is_closed()


def test_asyncio_advance_from_inside_its_own_loop_is_refused(aio_clock: VirtualClock) -> None:
    errors: list[BaseException] = []

    def reenter() -> None:
        try:
            aio_clock.advance(1)
        except RuntimeError as exc:
            errors.append(exc)

    aio_clock.loop.call_soon(reenter)
    aio_clock.advance(0)
    assert "inside the virtual clock's own loop" in str(errors[0])


# --- the context manager -----------------------------------------------------------------


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_context_manager_restores_the_loop_also_when_the_body_raises(framework: str) -> None:
    old = txaio.config.loop = object()
    with pytest.raises(KeyError), virtual_clock(framework) as clock:
        assert txaio.config.loop is clock.loop
        raise KeyError("boom")
    assert txaio.config.loop is old
    if framework == "asyncio":
        assert clock.loop.is_closed()


def test_unknown_framework_is_a_clear_error_and_changes_nothing() -> None:
    old = txaio.config.loop = object()
    with pytest.raises(ValueError, match=r"unknown txaio framework 'trio'"):
        with virtual_clock("trio"):
            pytest.fail("the body must not run")
    assert txaio.config.loop is old


def test_without_a_selected_framework_it_says_what_to_do() -> None:
    with pytest.raises(RuntimeError, match="no txaio framework is selected"):
        with virtual_clock():
            pytest.fail("the body must not run")
    assert txaio.config.loop is None


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_defaults_to_the_selected_framework(framework: str, fake_backends: dict[str, Any]) -> None:
    from txaio.testutil import use_framework

    with use_framework(framework), virtual_clock() as clock:
        assert clock.framework == framework
