"""The backend module: what selection binds, and what importing it must not do."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap

import pytest

import txaio
import txaio.tx
from txaio.testutil import reset_selection, use_framework


def test_the_module_flags_say_twisted() -> None:
    """That selection binds every name of txaio.tx is tested in conformance/test_selection.py."""
    assert txaio.tx.using_twisted is True
    assert txaio.tx.using_asyncio is False


def test_26_6_1_names_reached_by_downstream_code() -> None:
    assert txaio.tx.config is txaio.config
    for name in ("Logger", "LogLevel", "log_levels", "_loggers", "make_logger", "IFailedFuture", "ILogger"):
        assert hasattr(txaio.tx, name), name
    assert txaio.tx.time_ns is txaio.time_ns
    assert txaio.tx.perf_counter_ns is txaio.perf_counter_ns


def test_with_twisted_selects_twisted_and_offers_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "txaio.with_twisted", raising=False)
    with use_framework("twisted"):
        reset_selection()
        assert not txaio.using_twisted
        with_twisted = importlib.import_module("txaio.with_twisted")
        assert txaio.using_twisted
        assert with_twisted.create_future is txaio.tx.create_future


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout.strip()


def test_selecting_twisted_does_not_install_a_reactor() -> None:
    out = run_python(
        """
        import sys, txaio
        txaio.use_twisted()
        f = txaio.create_future(); txaio.resolve(f, 1); txaio.gather([f])
        print("twisted.internet.reactor" in sys.modules)
        """
    )
    assert out == "False"


def test_selecting_twisted_leaves_first_use_modules_unloaded() -> None:
    """The start-up imports no module that only a later call needs (issue 31); each still loads when asked."""
    out = run_python(
        """
        import sys, txaio
        txaio.use_twisted()
        lazy = ("txaio.tx._bridge", "txaio._core.foreign", "txaio._core.import_errors", "txaio.tx._version",
                "txaio.log._version", "txaio.log", "txaio.tx._logging")
        print(sorted(name for name in lazy if name in sys.modules))
        import txaio.log, txaio.tx
        from txaio.tx._version import __version__
        print(txaio.tx.__version__ == __version__, txaio.log.__version__ == __version__)
        """
    )
    assert out.splitlines() == ["[]", "True True"]


def _events_of(make: str) -> list[str]:
    """What an observer on Twisted's global publisher sees of one message of a logger made by ``make``."""
    return run_python(
        f"""
        import sys, txaio
        from twisted.logger import globalLogPublisher
        seen = []
        globalLogPublisher.addObserver(lambda event: seen.append(event.get("log_format")))
        {make}
        log.info("through twisted {{n}}", n=1)
        print(seen, "txaio.tx._logging" in sys.modules, log._backend is not None)
        """
    ).splitlines()


def test_the_first_make_logger_after_selection_loads_the_twisted_sink() -> None:
    assert _events_of("txaio.use_twisted(); log = txaio.make_logger()") == ["['through twisted {n}'] True True"]


def test_txaio_log_imported_after_selection_attaches_the_twisted_sink() -> None:
    # a logger of txaio.log itself follows the selected framework: its sink joins when txaio.log is imported
    make = (
        "txaio.use_twisted(); import txaio.log; assert 'txaio.tx._logging' in sys.modules; "
        "log = txaio.log.make_logger()"
    )
    assert _events_of(make) == ["['through twisted {n}'] True False"]


def test_a_logger_made_before_selection_finds_the_twisted_sink_loaded_at_selection() -> None:
    make = "log = txaio.make_logger(); txaio.use_twisted(); assert 'txaio.tx._logging' in sys.modules"
    assert _events_of(make) == ["['through twisted {n}'] True False"]


def test_restoring_twisted_after_a_test_brought_txaio_log_in_attaches_the_twisted_sink() -> None:
    steps = (
        "from txaio.testutil import use_framework\n"
        "txaio.use_twisted()\n"
        "with use_framework('asyncio'):\n"
        "    import txaio.log\n"
        "    assert 'txaio.tx._logging' not in sys.modules\n"
        "assert 'txaio.tx._logging' in sys.modules\n"
        "log = txaio.log.make_logger()\n"
    )
    assert _events_of(f"exec({steps!r})") == ["['through twisted {n}'] True False"]


def test_a_custom_reactor_installed_after_selection_is_used() -> None:
    out = run_python(
        """
        import txaio
        txaio.use_twisted()
        from twisted.internet import selectreactor
        selectreactor.install()
        from twisted.internet import reactor
        txaio.call_later(0, reactor.stop)
        reactor.run()
        print(type(reactor).__name__)
        """
    )
    assert out == "SelectReactor"
