"""``async def`` tests on both frameworks, beside pytest-asyncio and pytest-twisted (pytester).

Each run is a subprocess with a timeout: a broken plugin would hang it.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

#: Which of the other async plugins a run has: (extra pytest args, label).
PLUGIN_SETS = [
    pytest.param(("-p", "twisted"), id="asyncio+twisted"),
    pytest.param(("-p", "twisted", "-o", "asyncio_mode=auto"), id="asyncio-auto+twisted"),
    pytest.param(("-p", "twisted", "--reactor", "asyncio"), id="asyncio+twisted-on-asyncio-reactor"),
    pytest.param(("-p", "no:asyncio", "-p", "twisted"), id="twisted-only"),
    pytest.param((), id="asyncio-only"),
    pytest.param(("-o", "asyncio_mode=auto"), id="asyncio-auto-only"),
    pytest.param(("-p", "no:asyncio"), id="neither"),
]

ON_EACH_FRAMEWORK = """
import asyncio
import sys

import signal
import subprocess
import sys

import pytest
import txaio

loops = []


def running_on(framework):
    if framework == "asyncio":
        loop = asyncio.get_running_loop()
        assert loop not in loops, "each test gets a fresh event loop"
        loops.append(loop)
    else:
        from twisted.internet import reactor
        assert reactor.running, "a Twisted test runs inside the reactor"


async def test_takes_the_fixture(txaio_framework):
    running_on(txaio_framework)
    assert getattr(txaio, "using_" + txaio_framework)
    assert await txaio.as_future(lambda: 42) == 42
    await txaio.sleep(0.001)


@pytest.mark.txaio
async def test_carries_the_marker():
    running_on("asyncio" if txaio.using_asyncio else "twisted")
    await txaio.sleep(0)


@pytest.mark.txaio
class TestMarkedClass:
    async def test_method(self, request):
        assert request.node.callspec.params["txaio_framework"] in ("asyncio", "twisted")
        await txaio.sleep(0)


@pytest.mark.txaio_only("twisted")
async def test_only_twisted_without_the_fixture():
    running_on("twisted")
    from twisted.internet.threads import deferToThread
    assert await deferToThread(lambda: "from a thread") == "from a thread"


async def test_failure_is_reported_with_its_traceback(txaio_framework):
    await txaio.sleep(0)
    raise ValueError("boom on " + txaio_framework)
"""


@pytest.fixture(autouse=True)
def both_backends_and_plugins(real_backends: None) -> None:
    pytest.importorskip("pytest_asyncio")
    pytest.importorskip("pytest_twisted")


@pytest.fixture(autouse=True)
def ini(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v", *args, timeout=120)


@pytest.mark.parametrize("plugins", PLUGIN_SETS)
def test_async_tests_run_once_per_framework(pytester: pytest.Pytester, plugins: tuple[str, ...]) -> None:
    pytester.makepyfile(ON_EACH_FRAMEWORK)
    result = run(pytester, *plugins)
    result.assert_outcomes(passed=7, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*test_takes_the_fixture[[]asyncio[]] PASSED*",
            "*test_takes_the_fixture[[]twisted[]] PASSED*",
            "*test_carries_the_marker[[]asyncio[]] PASSED*",
            "*test_carries_the_marker[[]twisted[]] PASSED*",
            "*test_method[[]asyncio[]] PASSED*",
            "*test_method[[]twisted[]] PASSED*",
            "*test_only_twisted_without_the_fixture PASSED*",
        ]
    )
    result.stdout.fnmatch_lines(["*raise ValueError(*", "E*ValueError: boom on asyncio"])
    result.stdout.fnmatch_lines(["*raise ValueError(*", "E*ValueError: boom on twisted"])


OTHER_PLUGINS_KEEP_THEIR_TESTS = """
import asyncio

import signal
import subprocess
import sys

import pytest
import pytest_twisted
import txaio
from twisted.internet import defer, reactor


@pytest.mark.asyncio
async def test_pytest_asyncio_keeps_its_own():
    await asyncio.sleep(0)


@pytest_twisted.ensureDeferred
async def test_pytest_twisted_keeps_its_own():
    d = defer.Deferred()
    reactor.callLater(0, d.callback, 1)
    assert await d == 1


async def test_ours_on_twisted_runs_in_pytest_twisteds_reactor(txaio_framework):
    import greenlet
    if txaio_framework == "twisted":
        assert greenlet.getcurrent() is pytest_twisted._instances.gr_twisted
    await txaio.sleep(0)
"""


def test_beside_both_plugins_each_keeps_its_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(OTHER_PLUGINS_KEEP_THEIR_TESTS)
    result = run(pytester, "-p", "twisted", "-W", "error")
    result.assert_outcomes(passed=4)


def test_an_explicit_asyncio_marker_does_not_take_a_txaio_test(pytester: pytest.Pytester) -> None:
    """The case that failed with "Task got bad yield: Deferred"; pytest-asyncio warns about its marker."""
    pytester.makepyfile(
        """
        import pytest
        import txaio

        @pytest.mark.asyncio
        async def test_marked(txaio_framework):
            await txaio.sleep(0)
        """
    )
    result = run(pytester, "-p", "twisted")
    result.assert_outcomes(passed=2, warnings=2)
    result.stdout.fnmatch_lines(["*marked with '@pytest.mark.asyncio' but it is not an async function*"])


CLOCK = """
import asyncio
import signal
import subprocess
import sys

import pytest
import txaio


@pytest.mark.txaio(timeout=5)
async def test_an_hour_takes_no_time(txaio_clock):
    await txaio.sleep(3600)
    assert txaio_clock.now() == 3600
    await txaio.sleep(0.5)
    assert txaio_clock.now() == 3600.5


async def test_runs_on_the_clock_not_the_real_loop(txaio_clock):
    if txaio_clock.framework == "asyncio":
        assert asyncio.get_running_loop() is txaio_clock.loop
    else:
        from twisted.internet import reactor
        assert not reactor.running
    seen = []
    txaio.call_later(10, seen.append, "timer")
    await txaio.sleep(10)
    assert seen == ["timer"]
"""


@pytest.mark.parametrize("plugins", PLUGIN_SETS)
def test_virtual_clock_tests_take_no_real_time(pytester: pytest.Pytester, plugins: tuple[str, ...]) -> None:
    pytester.makepyfile(CLOCK)
    result = run(pytester, *plugins)
    result.assert_outcomes(passed=4)


NEVER_COMPLETES = """
import signal
import subprocess
import sys

import pytest
import txaio


async def test_waits_forever(txaio_framework):
    await txaio.create_future()


async def test_waits_forever_on_the_clock(txaio_clock):
    await txaio.create_future()


async def test_keeps_the_clock_busy_forever(txaio_clock):
    while True:
        await txaio.sleep(1)


@pytest.mark.txaio(timeout=0.2)
async def test_marker_overrides_the_ini():
    await txaio.create_future()


def test_returns_a_future_that_never_fires(txaio_framework):
    return txaio.create_future()


async def test_still_fine_after(txaio_framework):
    await txaio.sleep(0)
"""


@pytest.mark.parametrize("plugins", PLUGIN_SETS)
def test_a_test_that_never_completes_fails_with_a_clear_message(
    pytester: pytest.Pytester, plugins: tuple[str, ...]
) -> None:
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\ntxaio_timeout = 0.3\n")
    pytester.makepyfile(NEVER_COMPLETES)
    result = run(pytester, *plugins)
    result.assert_outcomes(passed=2, failed=10)
    for framework in ("asyncio", "twisted"):
        result.stdout.fnmatch_lines(
            [
                f"*test_waits_forever[[]{framework}[]] did not complete within its timeout of 0.3 seconds "
                f"({framework}; the test was cancelled); a longer one: @pytest.mark.txaio(timeout=...) "
                "or the txaio_timeout ini option",
                f"*test_waits_forever_on_the_clock[[]{framework}[]] did not complete within its timeout of 0.3 "
                f"seconds ({framework}, virtual clock; the test was cancelled at virtual time 0)*",
                f"*test_keeps_the_clock_busy_forever[[]{framework}[]] did not complete*virtual clock*",
                f"*test_marker_overrides_the_ini[[]{framework}[]] did not complete within its timeout of 0.2 seconds*",
                f"*test_returns_a_future_that_never_fires[[]{framework}[]] did not complete within*",
            ],
            consecutive=False,
        )
    result.stdout.no_fnmatch_line("*Unhandled error in Deferred*")
    result.stdout.no_fnmatch_line("*Task was destroyed but it is pending*")


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("timeout=-1", "a timeout is a finite number > 0 of seconds, not -1"),
        ("timeout='5'", "a timeout is a number of seconds, not str"),
        ("'asyncio'", "@pytest.mark.txaio takes only timeout=<seconds>"),
    ],
)
def test_bad_txaio_marker_is_a_clear_collection_error(pytester: pytest.Pytester, marker: str, message: str) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.txaio({marker})
        async def test_it():
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*{message}*"])


def test_bad_ini_timeout_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntxaio_timeout = soon\n")
    pytester.makepyfile("def test_it():\n    pass\n")
    result = run(pytester)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ini option txaio_timeout = 'soon'*"])


def test_ctrl_c_stops_a_twisted_test_that_runs_the_reactor(pytester: pytest.Pytester) -> None:
    """Without pytest-twisted the plugin runs the reactor, whose main loop would swallow Ctrl-C."""
    pytester.makepyfile(
        """
        import txaio

        async def test_waits(txaio_framework):
            if txaio_framework == "twisted":
                print("WAITING", flush=True)
                await txaio.create_future()
        """
    )
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:twisted", "-s", "-q"]
    with subprocess.Popen(command, cwd=pytester.path, stdout=subprocess.PIPE, text=True) as run:
        assert run.stdout is not None
        for line in run.stdout:
            if "WAITING" in line:
                run.send_signal(signal.SIGINT)
                break
        try:
            rest, _ = run.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            run.kill()
            raise AssertionError("Ctrl-C did not stop the test run") from None
    assert "KeyboardInterrupt" in rest
    assert run.returncode == pytest.ExitCode.INTERRUPTED
