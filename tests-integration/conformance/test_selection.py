"""What every framework agrees on about selection, configuration and with_config."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

import txaio
from txaio._core.contract import BACKEND_NAMES, OPERATION_NAMES
from txaio.testutil import failure_of, reset_selection, restore_selection, result_of, save_selection


def test_exactly_the_selected_framework_is_flagged(txaio_framework: str) -> None:
    assert txaio.using_asyncio is (txaio_framework == "asyncio")
    assert txaio.using_twisted is (txaio_framework == "twisted")


def test_every_name_of_the_api_is_the_selected_backends(txaio_framework: str) -> None:
    backend = importlib.import_module({"asyncio": "txaio.aio", "twisted": "txaio.tx"}[txaio_framework])
    for name in BACKEND_NAMES:
        assert getattr(txaio, name) is getattr(backend, name), name


def test_config_is_one_object_read_at_call_time(txaio_clock: Any) -> None:
    assert txaio.config.loop is txaio_clock.loop
    seen: list[int] = []
    txaio.call_later(1, seen.append, 1)
    txaio_clock.advance(1)
    assert seen == [1]


def _exercise_every_operation(api: Any, clock: Any) -> dict[str, Any]:
    """Call each operation of ``api`` once; what each gave, for the test to compare."""
    error = KeyError("k")
    pending, cancelled, rejected = api.create_future(), api.create_future(), api.create_future()
    later: list[str] = []
    batched: list[str] = []
    got: dict[str, Any] = {
        "create_future": api.is_called(pending),
        "add_callbacks": api.add_callbacks(pending, later.append, None) is pending,
        "resolve": api.resolve(pending, "resolved"),
        "reject": api.reject(rejected, error),
        "cancel": api.cancel(cancelled),
        "is_called": api.is_called(pending),
        "is_future": api.is_future(pending),
        "create_failure": api.create_failure(error).value,
        "create_future_success": api.create_future_success(1),
        "create_future_error": api.create_future_error(error),
        "as_future": api.as_future(lambda: 2),
        "gather": api.gather([api.create_future_success(3)]),
        "sleep": api.sleep(0.5),
        "call_later": api.call_later(0.5, later.append, "later") is not None,
        "make_batched_timer": api.make_batched_timer(0.5).call_later(0.1, batched.append, "batched") is not None,
        "failure_message": api.failure_message(api.create_failure(error)),
        "failure_traceback": api.failure_traceback(api.create_failure(error)),
        "failure_format_traceback": "KeyError" in api.failure_format_traceback(api.create_failure(error)),
    }
    clock.advance(1)
    for name in ("create_future_success", "as_future", "gather", "sleep"):
        got[name] = result_of(got[name])
    got["create_future_error"] = failure_of(got["create_future_error"]).value
    got["reject"] = failure_of(rejected).value is error
    got["cancel"] = type(failure_of(cancelled).value).__name__
    got["resolve"] = later
    got["make_batched_timer"] = batched
    return got


def test_with_config_on_the_configured_loop_offers_every_operation(txaio_clock: Any) -> None:
    got = _exercise_every_operation(txaio.with_config(loop=txaio_clock.loop), txaio_clock)
    assert sorted(got) == sorted(OPERATION_NAMES)  # a new operation needs its line above
    error_value = got["create_failure"]
    assert got == {
        "create_future": False,
        "add_callbacks": True,
        "resolve": ["resolved", "later"],
        "reject": True,
        "cancel": "CancelledError",
        "is_called": True,
        "is_future": True,
        "create_failure": error_value,
        "create_future_success": 1,
        "create_future_error": error_value,
        "as_future": 2,
        "gather": [3],
        "sleep": None,
        "call_later": True,
        "make_batched_timer": ["batched"],
        "failure_message": "KeyError: 'k'",
        "failure_traceback": None,
        "failure_format_traceback": True,
    }
    assert isinstance(error_value, KeyError)


def test_operations_before_selection_raise_the_usage_error() -> None:
    saved = save_selection()
    reset_selection()
    try:
        with pytest.raises(RuntimeError, match="use_asyncio"):
            txaio.create_future()
    finally:
        restore_selection(saved)
