"""Log categories: ``log_category="ID"`` selects a registered format."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from txaio.log import _logger, add_log_categories, make_logger


def test_a_category_supplies_the_format(records: list[logging.LogRecord]) -> None:
    add_log_categories({"TX100": "connected to {peer}"})
    log = make_logger(namespace="txaio_test")
    log.info(log_category="TX100", peer="a")
    log.info("ignored text", log_category="TX100", peer="b")
    log.info("plain {peer}", log_category="UNKNOWN", peer="c")
    assert [r.getMessage() for r in records] == ["connected to a", "connected to b", "plain c"]


def test_categories_accumulate_and_override() -> None:
    add_log_categories({"A": "a"})
    add_log_categories({"B": "b", "A": "a2"})
    assert _logger._categories == {"A": "a2", "B": "b"}


@pytest.mark.parametrize("bad", [["A", "a"], "A=a", {"A": 1}, {1: "a"}, {"OK": "x", "BAD": None}])
def test_bad_categories_raise_and_store_nothing(bad: Any) -> None:
    add_log_categories({"KEEP": "k"})
    with pytest.raises(TypeError):
        add_log_categories(bad)
    assert _logger._categories == {"KEEP": "k"}
