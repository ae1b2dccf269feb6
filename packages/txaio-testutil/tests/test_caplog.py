"""pytest's ``caplog`` sees txaio's log lines on both frameworks (pytester, subprocess)."""

from __future__ import annotations

import pytest

CAPLOG = """
import logging

import pytest
import txaio


def test_sync(txaio_framework, caplog):
    caplog.set_level(logging.INFO)
    log = txaio.make_logger()
    log.info("hello {who}", who=txaio_framework)
    log.debug("not at this level")
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        (__name__ + ".test_sync", logging.INFO, "hello " + txaio_framework)
    ]


async def test_async_with_a_failure(txaio_framework, caplog):
    await txaio.sleep(0)
    log = txaio.make_logger()
    try:
        raise KeyError("lost")
    except KeyError:
        log.failure("it went wrong")
    [record] = caplog.records
    assert record.levelno == logging.CRITICAL
    assert "it went wrong" in record.getMessage()
    assert record.exc_info[0] is KeyError


@pytest.mark.txaio_only("twisted")
def test_twisted_logger_events_too(caplog):
    from twisted.logger import Logger
    Logger(namespace="my.twisted").warn("from {what}", what="twisted.logger")
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("my.twisted", logging.WARNING, "from twisted.logger")
    ]


@pytest.mark.txaio_only("twisted")
def test_forwarding_ends_with_the_test():
    from twisted.logger import globalLogPublisher
    assert not any(type(o).__name__ == "StdlibForwarder" for o in globalLogPublisher._observers)
"""


@pytest.mark.parametrize("plugins", [("-p", "twisted"), ("-p", "no:asyncio")], ids=["with-plugins", "without"])
@pytest.mark.usefixtures("real_backends")
def test_caplog_sees_txaio_log_lines_on_both_frameworks(pytester: pytest.Pytester, plugins: tuple[str, ...]) -> None:
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(CAPLOG)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", *plugins, timeout=120)
    result.assert_outcomes(passed=6)
