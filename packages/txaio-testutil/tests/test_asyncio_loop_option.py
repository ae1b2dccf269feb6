"""``--txaio-asyncio-loop``: the asyncio runs on another event loop (uvloop), and bad values refused (pytester).

Each run is a subprocess with a timeout: a broken plugin would hang it.
"""

from __future__ import annotations

import pytest

ON_UVLOOP = """
import asyncio

import pytest
import txaio

seen = []


def kind(loop):
    return type(loop).__module__.partition(".")[0]


@pytest.mark.txaio_only("asyncio")
async def test_async_one(txaio_framework):
    loop = asyncio.get_running_loop()
    seen.append(loop)
    assert kind(loop) == 'uvloop'
    await txaio.sleep(0.001)


@pytest.mark.txaio_only("asyncio")
async def test_async_two(txaio_framework):
    loop = asyncio.get_running_loop()
    assert kind(loop) == 'uvloop'
    assert loop is not seen[0], "each async test gets a fresh loop"


@pytest.mark.txaio_only("asyncio")
def test_synchronous(txaio_framework):
    future = txaio.create_future()
    assert kind(future.get_loop()) == 'uvloop'
    seen.append(future.get_loop())


@pytest.mark.txaio_only("asyncio")
def test_then_closed(txaio_framework):
    assert seen[-1].is_closed(), 'a synchronous test loop is closed after it'
"""


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    options = ("-p", "no:cacheprovider", "-p", "no:asyncio", "-W", "error")
    return pytester.runpytest_subprocess(*options, *args, timeout=120)


@pytest.fixture(autouse=True)
def asyncio_backend(real_backends: None) -> None:
    pytest.importorskip("txaio.aio")


def test_async_and_synchronous_tests_run_on_uvloop(pytester: pytest.Pytester) -> None:
    pytest.importorskip("uvloop")
    pytester.makepyfile(ON_UVLOOP)
    result = run(pytester, "--txaio-asyncio-loop=uvloop:new_event_loop")
    result.assert_outcomes(passed=4)


def test_the_ini_option_does_the_same(pytester: pytest.Pytester) -> None:
    pytest.importorskip("uvloop")
    pytester.makeini("[pytest]\ntxaio_asyncio_loop = uvloop:new_event_loop\n")
    pytester.makepyfile(ON_UVLOOP)
    run(pytester).assert_outcomes(passed=4)


SYNCHRONOUS_THEN_ASYNC = """
import gc

import pytest
import txaio

made = []


@pytest.mark.txaio_only("asyncio")
def test_1_synchronous_makes_the_threads_loop(txaio_framework):
    made.append(txaio.create_future().get_loop())
    assert type(made[0]).__module__.partition(".")[0] == "asyncio"


@pytest.mark.txaio_only("asyncio")
async def test_2_async(txaio_framework):
    await txaio.sleep(0)


@pytest.mark.txaio_only("asyncio")
def test_3_the_thread_keeps_its_loop(txaio_framework):
    loop = made.pop()
    gc.collect()
    assert txaio.create_future().get_loop() is loop
    loop.close()
"""


def test_without_it_asyncio_s_own_loop_and_the_thread_keeps_its_loop(pytester: pytest.Pytester) -> None:
    # An async test must not unset the loop a synchronous test made for the thread (an
    # asyncio.Runner without a factory does: it is dropped unclosed, a ResourceWarning,
    # an error under -W error, and the next synchronous test gets another loop).
    pytester.makepyfile(SYNCHRONOUS_THEN_ASYNC)
    run(pytester).assert_outcomes(passed=3)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("uvloop", "name the factory as module:attribute, e.g. uvloop:new_event_loop"),
        ("no_such_loop_module:new_event_loop", "cannot import it (No module named 'no_such_loop_module')"),
        ("asyncio:nothing_here", "cannot import it ('asyncio:nothing_here' names nothing"),
        ("asyncio:__name__", "'asyncio' is not callable"),
    ],
)
def test_a_bad_value_stops_the_run_saying_why(pytester: pytest.Pytester, value: str, said: str) -> None:
    pytester.makepyfile("def test_never_runs():\n    raise AssertionError('ran')\n")
    result = run(pytester, f"--txaio-asyncio-loop={value}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*--txaio-asyncio-loop={value}: *"])
    assert said in result.stderr.str()
    assert "ran" not in result.stdout.str()
