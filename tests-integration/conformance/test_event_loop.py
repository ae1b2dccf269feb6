"""The asyncio runs use the event loop the run asked for (``--txaio-asyncio-loop``).

The suite runs once on asyncio's own loop and once on uvloop; this is what
shows the second run really was on uvloop, in async tests and synchronous ones.
"""

from __future__ import annotations

import asyncio

import pytest

import txaio
from txaio.testutil.plugin import asyncio_loop


def _expected_module(config: pytest.Config) -> str:
    wanted = asyncio_loop(config)
    return "asyncio" if wanted is None else wanted.partition(":")[0].partition(".")[0]


@pytest.mark.txaio_only("asyncio")
def test_a_synchronous_test_makes_futures_on_that_loop(request: pytest.FixtureRequest) -> None:
    future = txaio.create_future()
    assert type(future.get_loop()).__module__.partition(".")[0] == _expected_module(request.config)


@pytest.mark.txaio_only("asyncio")
async def test_an_async_test_runs_on_that_loop(request: pytest.FixtureRequest) -> None:
    running = asyncio.get_running_loop()
    assert type(running).__module__.partition(".")[0] == _expected_module(request.config)
    assert txaio.create_future().get_loop() is running
