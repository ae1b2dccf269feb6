"""Fixtures for txaio-core's tests: a clean selection per test and a fake backend.

The fake backend lets core's selection logic be tested with only txaio-core
installed; it stands in for the module of one framework.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fakes import FakeClock

import txaio
from txaio._core import selection as _selection
from txaio._core.contract import BACKEND_NAMES, LOGGING_NAMES, OPERATION_NAMES, Config, FrameworkApi
from txaio.testutil import reset_selection, restore_selection, save_selection


def _recording(name: str) -> Callable[..., tuple[Any, ...]]:
    def operation(self: FrameworkApi, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
        return (self, name, args, kwargs)

    return operation


#: An API whose operations return ``(api, name, args, kwargs)`` instead of acting.
FakeApi: type[FrameworkApi] = type(
    "FakeApi", (FrameworkApi,), {"using_asyncio": True, **{name: _recording(name) for name in OPERATION_NAMES}}
)


def make_fake_backend(module_name: str, using_asyncio: bool = True) -> types.ModuleType:
    """A module that exports every name a backend must export."""
    module = types.ModuleType(module_name)
    api = FakeApi(txaio.config)
    for name in OPERATION_NAMES:
        setattr(module, name, getattr(api, name))
    for name in LOGGING_NAMES:
        setattr(module, name, lambda *args, _name=name, **kwargs: (_name, args, kwargs))

    def with_config(loop: Any = None) -> FrameworkApi:
        return FakeApi(Config(loop=loop))

    module.with_config = with_config  # type: ignore[attr-defined]
    module.using_asyncio = using_asyncio  # type: ignore[attr-defined]
    module.using_twisted = not using_asyncio  # type: ignore[attr-defined]
    module.api = api  # type: ignore[attr-defined]
    assert all(hasattr(module, name) for name in BACKEND_NAMES)
    return module


@pytest.fixture(autouse=True)
def clean_selection() -> Iterator[None]:
    """Every test starts with no framework selected and leaves none selected."""
    saved = save_selection()
    reset_selection()
    yield
    restore_selection(saved)


@pytest.fixture
def fake_backends(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, types.ModuleType]]:
    """Point "asyncio" at an importable fake module and "twisted" at a missing one."""
    fake = make_fake_backend("txaio_fake_asyncio_backend")
    monkeypatch.setitem(sys.modules, fake.__name__, fake)
    monkeypatch.setattr(
        _selection,
        "FRAMEWORKS",
        _selection.Frameworks(
            {"twisted": ("txaio-twisted", "txaio_backend_that_is_not_installed:FRAMEWORK")},
            loaded=(_selection.Framework("asyncio", fake.__name__, "txaio-asyncio"),),
        ),
    )
    yield {"asyncio": fake}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
