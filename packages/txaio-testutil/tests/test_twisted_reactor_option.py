"""``--txaio-twisted-reactor=asyncio``: the Twisted runs on asyncio's reactor, on the chosen loop (pytester).

Each run is a subprocess with a timeout: a broken plugin would hang it.
"""

from __future__ import annotations

import pytest

ON_ASYNCIO_REACTOR = """
import asyncio

import pytest
import txaio


def kind(loop):
    return type(loop).__module__.partition(".")[0]


@pytest.mark.txaio_only("twisted")
async def test_async_on_the_reactor(txaio_framework):
    from twisted.internet import asyncioreactor, reactor

    assert isinstance(reactor, asyncioreactor.AsyncioSelectorReactor)
    assert asyncio.get_running_loop() is reactor._asyncioEventloop
    assert kind(reactor._asyncioEventloop) == {kind!r}
    assert await txaio.sleep(0.001) is None


@pytest.mark.txaio_only("twisted")
def test_synchronous(txaio_framework):
    from twisted.internet import asyncioreactor, reactor

    assert isinstance(reactor, asyncioreactor.AsyncioSelectorReactor)
"""


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    options = ("-p", "no:cacheprovider", "-p", "no:asyncio", "-W", "error")
    return pytester.runpytest_subprocess(*options, *args, timeout=120)


@pytest.fixture(autouse=True)
def twisted_backend(real_backends: None) -> None:
    pytest.importorskip("txaio.tx")


def test_twisted_runs_on_asyncios_reactor(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(ON_ASYNCIO_REACTOR.format(kind="asyncio"))
    run(pytester, "--txaio-twisted-reactor=asyncio").assert_outcomes(passed=2)


def test_the_reactors_loop_comes_from_the_asyncio_loop_option(pytester: pytest.Pytester) -> None:
    pytest.importorskip("uvloop")
    pytester.makepyfile(ON_ASYNCIO_REACTOR.format(kind="uvloop"))
    result = run(pytester, "--txaio-twisted-reactor=asyncio", "--txaio-asyncio-loop=uvloop:new_event_loop")
    result.assert_outcomes(passed=2)


def test_the_ini_option_does_the_same(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntxaio_twisted_reactor = asyncio\n")
    pytester.makepyfile(ON_ASYNCIO_REACTOR.format(kind="asyncio"))
    run(pytester).assert_outcomes(passed=2)


def test_beside_pytest_twisted_too(pytester: pytest.Pytester) -> None:
    pytest.importorskip("pytest_twisted")
    pytester.makepyfile(ON_ASYNCIO_REACTOR.format(kind="asyncio"))
    run(pytester, "-p", "pytest_twisted", "--txaio-twisted-reactor=asyncio").assert_outcomes(passed=2)


def test_an_unknown_reactor_is_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = run(pytester, "--txaio-twisted-reactor=qt5")
    assert result.ret != 0
    result.stderr.fnmatch_lines(["*--txaio-twisted-reactor=qt5: the choices are default, asyncio*"])


def test_default_is_twisteds_default_reactor(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pytest

@pytest.mark.txaio_only("twisted")
def test_default(txaio_framework):
    import txaio
    txaio.call_later(0, lambda: None).cancel()
    from twisted.internet import asyncioreactor, reactor
    assert not isinstance(reactor, asyncioreactor.AsyncioSelectorReactor)
"""
    )
    run(pytester, "--txaio-twisted-reactor=default").assert_outcomes(passed=1)
