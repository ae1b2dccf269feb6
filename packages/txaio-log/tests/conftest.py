"""Every test starts from the default logging state and leaves it so."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from txaio.log._testing import isolated_logging


@pytest.fixture(autouse=True)
def _isolated_logging() -> Iterator[None]:
    with isolated_logging():
        yield


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    """The stdlib records that reach the logger "txaio_test" and below."""
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    handler = Keep()
    target = logging.getLogger("txaio_test")
    target.addHandler(handler)
    target.setLevel(1)  # let stdlib pass everything: these tests are about txaio's levels
    try:
        yield seen
    finally:
        target.removeHandler(handler)
        target.setLevel(logging.NOTSET)
