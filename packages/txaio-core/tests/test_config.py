"""``txaio.config`` and ``txaio.with_config``."""

from __future__ import annotations

import types

import pytest

import txaio
from txaio._core.contract import OPERATION_NAMES, UNSET, Config, FrameworkApi


def test_config_is_one_writable_object() -> None:
    config = txaio.config
    marker = object()
    config.loop = marker
    try:
        assert txaio.config is config and txaio.config.loop is marker
    finally:
        config.loop = None


def test_config_refuses_unknown_settings() -> None:
    with pytest.raises(AttributeError):
        txaio.config.lop = 1  # type: ignore[attr-defined]


def test_with_config_returns_an_api_bound_to_that_loop(fake_backends: dict[str, types.ModuleType]) -> None:
    txaio.use_asyncio()
    loop = object()
    api = txaio.with_config(loop=loop)
    assert isinstance(api, FrameworkApi)
    assert api.config.loop is loop
    assert txaio.config.loop is None, "with_config must not touch the global config"
    for name in OPERATION_NAMES:
        made_by, called, _, _ = getattr(api, name)()
        assert made_by is api and called == name


def test_a_backend_missing_an_operation_cannot_be_instantiated() -> None:
    class Partial(FrameworkApi):
        pass

    with pytest.raises(TypeError, match="abstract"):
        Partial(Config())  # type: ignore[abstract]


def test_unset_is_distinct_from_none() -> None:
    assert UNSET is not None and repr(UNSET) == "txaio.backend.UNSET"
