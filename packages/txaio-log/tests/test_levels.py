"""Levels: the global level, per-logger kept levels, and the no-op rebinding."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import txaio
from txaio.interfaces import ILogger, log_levels
from txaio.log import LEVELS, LogLevelError, check_level, get_global_log_level, make_logger, set_global_log_level


def test_levels_are_the_interface_levels() -> None:
    assert list(LEVELS) == log_levels == ["none", "critical", "error", "warn", "info", "debug", "trace"]


def test_default_global_level_is_info() -> None:
    assert get_global_log_level() == "info"


@pytest.mark.parametrize("bad", ["bogus", "INFO", "", None, 20, "warning"])
def test_check_level_rejects_unknown_levels_listing_the_valid_ones(bad: Any) -> None:
    with pytest.raises(LogLevelError) as info:
        check_level(bad)
    for name in LEVELS:
        assert name in str(info.value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, RuntimeError)


def test_bad_global_level_changes_nothing() -> None:
    log = make_logger(namespace="txaio_test")
    set_global_log_level("debug")
    bound = dict(log.__dict__)
    with pytest.raises(ValueError, match="bogus"):
        set_global_log_level("bogus")
    assert get_global_log_level() == "debug"
    assert log.__dict__ == bound


def test_logger_is_an_ilogger() -> None:
    assert isinstance(make_logger(), ILogger)


def test_disabled_levels_are_one_shared_no_op() -> None:
    log = make_logger(namespace="txaio_test")
    assert log.debug is log.trace
    assert log.info is not log.debug
    set_global_log_level("error")
    assert log.warn is log.info is log.debug
    set_global_log_level("none")
    assert log.failure is log.critical is log.debug


def _python_calls(call: Any) -> int:
    count = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    return count


def test_a_disabled_call_costs_one_no_op_call() -> None:
    log = make_logger(namespace="txaio_test")
    assert _python_calls(lambda: log.debug("x {a}", a=1)) == 2  # the lambda and the no-op
    assert _python_calls(lambda: log.info("x {a}", a=1)) > 2


def test_loggers_made_early_follow_the_level_set_later(records: list[Any]) -> None:
    early = make_logger(namespace="txaio_test.early")
    early.debug("hidden")
    set_global_log_level("debug")
    early.debug("shown")
    assert [r.getMessage() for r in records] == ["shown"]


def test_loggers_made_later_start_at_the_current_level() -> None:
    set_global_log_level("error")
    late = make_logger()
    assert late.log_level == "error"
    assert late.warn is late.info


def test_own_level_is_kept_when_the_global_level_changes(records: list[Any]) -> None:
    kept = make_logger("trace", namespace="txaio_test.kept")
    follows = make_logger(namespace="txaio_test.follows")
    set_global_log_level("error")
    kept.trace("kept trace")
    follows.warn("dropped")
    assert kept.log_level == "trace"
    assert follows.log_level == "error"
    assert [r.getMessage() for r in records] == ["kept trace"]


def test_set_log_level_keep_true_and_false() -> None:
    log = make_logger()
    log.set_log_level("debug", keep=True)
    set_global_log_level("warn")
    assert log.log_level == "debug"
    log.set_log_level("debug", keep=False)
    set_global_log_level("warn")
    assert log.log_level == "warn"


def test_set_log_level_rejects_unknown_level_and_keeps_state() -> None:
    log = make_logger()
    with pytest.raises(LogLevelError):
        log.set_log_level("loud")
    assert log.log_level == "info"
    assert not log._log_level_set_explicitly


def test_make_logger_rejects_unknown_level() -> None:
    with pytest.raises(LogLevelError, match="critical, error"):
        make_logger("loud")


def test_emit_checks_the_level(records: list[Any]) -> None:
    log = make_logger(namespace="txaio_test")
    log.emit("info", "at {n}", n="info")
    log.emit("debug", "at {n}", n="debug")
    log.emit("none", "never")
    with pytest.raises(LogLevelError):
        log.emit("loud", "x")
    assert [r.getMessage() for r in records] == ["at info"]


def test_facade_before_selection_uses_txaio_log() -> None:
    assert txaio._explicit_framework is None
    txaio.set_global_log_level("warn")
    assert txaio.get_global_log_level() == "warn"
    log = txaio.make_logger()
    assert log.namespace == f"{__name__}.test_facade_before_selection_uses_txaio_log"
    assert log.log_level == "warn"


def test_save_log_state_puts_back_levels_and_categories() -> None:
    from txaio.log import _logger, add_log_categories
    from txaio.log.sink import save_log_state

    follower = make_logger(namespace="txaio_test.saved")
    keeper = make_logger("warn", namespace="txaio_test.kept")
    before = get_global_log_level()
    restore = save_log_state()
    set_global_log_level("trace")
    keeper.set_log_level("debug", keep=False)
    add_log_categories({"SAVED1": "from the category"})
    restore()
    assert (get_global_log_level(), follower.log_level, keeper.log_level) == (before, before, "warn")
    assert keeper._log_level_set_explicitly
    assert "SAVED1" not in _logger._categories
