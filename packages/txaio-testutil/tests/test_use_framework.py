"""use_framework: the test-only switch of the selected framework."""

from __future__ import annotations

import types

import pytest

import txaio
from txaio._core import selection as _selection
from txaio.testutil import use_framework


def test_selects_for_the_body_and_restores_nothing_selected(fake_backends: dict[str, types.ModuleType]) -> None:
    with use_framework("asyncio") as name:
        assert name == "asyncio"
        assert txaio._explicit_framework == "asyncio"
        assert txaio.using_asyncio and not txaio.using_twisted
        assert txaio.create_future is fake_backends["asyncio"].create_future
    assert txaio._explicit_framework is None
    assert not txaio.using_asyncio
    assert txaio.create_future == _selection.unselected_bindings()["create_future"]


def test_switches_away_from_a_selected_framework_and_back(fake_backends: dict[str, types.ModuleType]) -> None:
    txaio.use_asyncio()
    with pytest.raises(RuntimeError, match="cannot switch"):
        txaio.use_twisted()
    with use_framework("twisted"):
        assert txaio.using_twisted and not txaio.using_asyncio
        assert txaio.create_future is fake_backends["twisted"].create_future
    assert txaio._explicit_framework == "asyncio"
    assert txaio.create_future is fake_backends["asyncio"].create_future


def test_restores_also_when_the_body_raises(fake_backends: dict[str, types.ModuleType]) -> None:
    with pytest.raises(ZeroDivisionError), use_framework("twisted"):
        1 / 0  # noqa: B018
    assert txaio._explicit_framework is None


def test_body_starts_without_a_loop_and_the_old_loop_comes_back(fake_backends: dict[str, types.ModuleType]) -> None:
    reactor_of_before = object()
    txaio.config.loop = reactor_of_before
    with use_framework("asyncio"):
        assert txaio.config.loop is None
        txaio.config.loop = object()
    assert txaio.config.loop is reactor_of_before


def test_unknown_name_is_a_clear_error_and_changes_nothing(fake_backends: dict[str, types.ModuleType]) -> None:
    txaio.use_asyncio()
    loop = txaio.config.loop = object()
    before = _selection.save_state()
    with pytest.raises(ValueError, match=r"unknown txaio framework 'trio'; known: 'asyncio', 'twisted'"):
        with use_framework("trio"):
            pytest.fail("the body must not run")
    assert _selection.save_state() == before
    assert txaio.config.loop is loop


def test_not_installed_raises_importerror_and_changes_nothing(
    only_asyncio_fake: dict[str, types.ModuleType],
) -> None:
    txaio.use_asyncio()
    before = _selection.save_state()
    with pytest.raises(ImportError, match="pip install txaio-twisted"):
        with use_framework("twisted"):
            pytest.fail("the body must not run")
    assert _selection.save_state() == before
