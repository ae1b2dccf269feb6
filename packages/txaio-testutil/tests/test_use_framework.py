"""use_framework: the test-only switch of the selected framework."""

from __future__ import annotations

import types
from typing import Any

import pytest

import txaio
from txaio._core import selection as _selection
from txaio.testutil import reset_selection, restore_selection, save_selection, use_framework


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
    before = save_selection()
    with pytest.raises(ValueError, match=r"unknown txaio framework 'trio'; known: 'asyncio', 'twisted'"):
        with use_framework("trio"):
            pytest.fail("the body must not run")
    assert save_selection() == before
    assert txaio.config.loop is loop


def test_not_installed_raises_importerror_and_changes_nothing(
    only_asyncio_fake: dict[str, types.ModuleType],
) -> None:
    txaio.use_asyncio()
    before = save_selection()
    with pytest.raises(ImportError, match="pip install txaio-twisted"):
        with use_framework("twisted"):
            pytest.fail("the body must not run")
    assert save_selection() == before


def test_save_restore_and_reset_selection(fake_backends: dict[str, types.ModuleType]) -> None:
    txaio.use_asyncio()
    saved = save_selection()

    reset_selection()
    assert txaio._explicit_framework is None and not txaio.using_asyncio
    with pytest.raises(RuntimeError, match="no framework selected"):
        txaio.create_future()

    restore_selection(saved)
    assert txaio._explicit_framework == "asyncio" and txaio.using_asyncio
    assert txaio.create_future is fake_backends["asyncio"].create_future


@pytest.mark.parametrize(
    ("edit", "error", "message"),
    [
        (lambda state: state.pop("create_future"), ValueError, "this lacks create_future$"),
        (lambda state: state.update(nope=1), ValueError, "names selection does not bind: 'nope'$"),
    ],
    ids=["missing", "unknown"],
)
def test_restore_refuses_what_save_did_not_return_and_changes_nothing(
    fake_backends: dict[str, types.ModuleType], edit: Any, error: type[Exception], message: str
) -> None:
    state = save_selection()
    edit(state)
    state["_explicit_framework"] = "asyncio"
    txaio.use_asyncio()
    before = save_selection()

    with pytest.raises(error, match=message):
        restore_selection(state)

    assert save_selection() == before
    assert not hasattr(txaio, "nope")


def test_restore_refuses_a_non_mapping() -> None:
    before = save_selection()
    with pytest.raises(TypeError, match=r"restore_selection\(\) takes what save_selection\(\) returned, not None"):
        restore_selection(None)  # type: ignore[arg-type]
    assert save_selection() == before
