"""txaio.aio and txaio.with_asyncio: what a backend module must export, and the version check."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
from typing import Any

import pytest

import txaio
import txaio.aio
from txaio._core.contract import LOGGING_NAMES
from txaio.aio import _logging as _aio_logging
from txaio.backend import LOGGING_BEFORE_SELECTION
from txaio.testutil import reset_selection, use_framework


def test_the_module_flags_say_asyncio() -> None:
    """That selection binds every name of txaio.aio is tested in conformance/test_selection.py."""
    assert txaio.aio.using_asyncio is True and txaio.aio.using_twisted is False


def test_names_downstream_code_reaches_for() -> None:
    assert txaio.aio.FailedFuture.__name__ == "FailedFuture"
    assert issubclass(txaio.aio.FailedFuture, txaio.IFailedFuture)
    assert txaio.aio._loggers is _aio_logging._loggers
    for name in ("make_logger", "start_logging"):  # first-use delegates of _logging's, with the same signature
        delegate, real = getattr(txaio.aio, name), getattr(_aio_logging, name)
        assert delegate.__module__ == "txaio.aio" and inspect.signature(delegate) == inspect.signature(real)
    for name in set(LOGGING_NAMES) - {"make_logger", "start_logging"}:  # they need no sink: txaio-log's, through core
        assert getattr(txaio.aio, name) is LOGGING_BEFORE_SELECTION[name]
    assert txaio.aio.config is txaio.config


def test_the_logging_delegates_reach_the_stdlib_sink() -> None:
    log = txaio.aio.make_logger()
    assert log.namespace == __name__ + ".test_the_logging_delegates_reach_the_stdlib_sink"
    assert log._backend is _aio_logging.STDLIB_BACKEND and log in txaio.aio._loggers
    assert txaio.aio.make_logger(namespace="x", level="debug").log_level == "debug"
    before = txaio.aio.get_global_log_level()
    try:
        txaio.aio.set_global_log_level("trace")
        assert txaio.aio.get_global_log_level() == "trace" == log.log_level
    finally:
        txaio.aio.set_global_log_level(before)


def test_txaio_config_is_never_replaced() -> None:
    before = txaio.config
    txaio.with_config(loop=None)
    assert txaio.config is before is txaio.aio.config


def test_with_asyncio_selects_asyncio_and_offers_the_api() -> None:
    reset_selection()
    sys.modules.pop("txaio.with_asyncio", None)
    module = importlib.import_module("txaio.with_asyncio")
    assert txaio.using_asyncio
    assert module.create_future is txaio.aio.create_future
    assert module.FailedFuture is txaio.aio.FailedFuture


def test_import_checks_the_core_version(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr("txaio.backend.require_core", lambda *args: calls.append(args))
    saved = sys.modules.pop("txaio.aio")
    try:
        importlib.import_module("txaio.aio")
    finally:
        sys.modules["txaio.aio"] = saved
    assert calls == [("txaio-asyncio", "1.0", "2")]


def test_a_core_out_of_range_refuses_the_import(monkeypatch: pytest.MonkeyPatch) -> None:
    import txaio.backend as _compat

    real = _compat.require_core

    def old_core(dist: str, minimum: str, below: str) -> None:
        real(dist, minimum, below, installed="0.9")

    monkeypatch.setattr(_compat, "require_core", old_core)
    saved = sys.modules.pop("txaio.aio")
    try:
        with pytest.raises(ImportError, match=re.escape("txaio-asyncio needs txaio-core>=1.0,<2")):
            importlib.import_module("txaio.aio")
    finally:
        sys.modules["txaio.aio"] = saved


def test_switching_to_twisted_is_refused_once_asyncio_is_selected() -> None:
    with use_framework("asyncio"):
        with pytest.raises(RuntimeError, match="already uses asyncio"):
            txaio.use_twisted()
        assert txaio.using_asyncio


def test_importing_the_backend_does_not_import_twisted() -> None:
    code = "import txaio; txaio.use_asyncio(); import sys; print(any(m.startswith('twisted') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_selecting_asyncio_leaves_first_use_modules_unloaded() -> None:
    """The start-up imports no module that only a later call needs (issue 31); each still loads when asked."""
    code = (
        "import sys, txaio\n"
        "txaio.use_asyncio()\n"
        "lazy = ('txaio._core.import_errors', 'txaio.aio._version', 'txaio.log._version', 'txaio.log',\n"
        "        'txaio.aio._logging')\n"
        "print(sorted(name for name in lazy if name in sys.modules))\n"
        "import txaio.aio\n"
        "from txaio.aio._version import __version__\n"
        "print(txaio.aio.__version__ == __version__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.splitlines() == ["[]", "True"]
