"""Every test starts from the default logging state and leaves it so."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from txaio.testutil import isolated_logging, kept_records


@pytest.fixture(autouse=True)
def _isolated_logging() -> Iterator[None]:
    with isolated_logging():
        yield


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    """The stdlib records that reach the logger "txaio_test" and below."""
    with kept_records("txaio_test") as seen:
        yield seen
