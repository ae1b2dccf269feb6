"""What every framework agrees on about selection, configuration and with_config."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

import txaio
from txaio._core.contract import BACKEND_NAMES, OPERATION_NAMES
from txaio.testutil import reset_selection, restore_selection, save_selection


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


def test_with_config_on_the_configured_loop_offers_every_operation(txaio_clock: Any) -> None:
    api = txaio.with_config(loop=txaio_clock.loop)
    for name in OPERATION_NAMES:
        assert callable(getattr(api, name)), name
    seen: list[Any] = []
    f = api.create_future()
    api.add_callbacks(f, seen.append, None)
    api.resolve(f, "through with_config")
    api.call_later(0.5, seen.append, "later")
    txaio_clock.advance(0.5)
    assert seen == ["through with_config", "later"]


def test_operations_before_selection_raise_the_usage_error() -> None:
    saved = save_selection()
    reset_selection()
    try:
        with pytest.raises(RuntimeError, match="use_asyncio"):
            txaio.create_future()
    finally:
        restore_selection(saved)
