"""Fixtures for txaio-twisted's tests: Twisted selected, a task.Clock as the reactor.

No test runs the global reactor: time only moves when a test advances the Clock.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from twisted.internet.task import Clock
from twisted.logger import globalLogPublisher
from tx_helpers import LogEvents

import txaio
from txaio.testutil import use_framework
from txaio.tx import _reactor as _tx_reactor


@pytest.fixture(autouse=True)
def twisted_selected() -> Iterator[None]:
    """Every test runs with Twisted selected and the previous selection restored after."""
    with use_framework("twisted"):
        yield


@pytest.fixture
def clock() -> Iterator[Clock]:
    """A task.Clock installed as ``txaio.config.loop`` for the test."""
    saved = txaio.config.loop
    fake = Clock()
    txaio.config.loop = fake
    yield fake
    txaio.config.loop = saved


@pytest.fixture
def global_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """A task.Clock standing in for the global reactor (config.loop left unset)."""
    fake = Clock()
    monkeypatch.setattr(txaio.config, "loop", None)
    monkeypatch.setattr(_tx_reactor, "_global_reactor", fake)
    return fake


@pytest.fixture
def log_events() -> Iterator[LogEvents]:
    """Every event published to Twisted's global log publisher while the test runs."""
    gc.collect()
    events = LogEvents()
    globalLogPublisher.addObserver(events.append)
    yield events
    gc.collect()
    globalLogPublisher.removeObserver(events.append)
