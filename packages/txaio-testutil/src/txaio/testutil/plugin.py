"""The pytest plugin of txaio-testutil, registered through the ``pytest11`` entry point as ``txaio``.

- fixture ``txaio_framework``: the test runs once per framework (ids
  ``asyncio`` / ``twisted``) with it selected; one not installed is skipped.
- fixture ``txaio_clock``: a :class:`~txaio.testutil.VirtualClock` installed
  as ``txaio.config.loop`` on the framework under test.
- marker ``txaio``: run the test once per framework (as if it took
  ``txaio_framework``); ``txaio(timeout=5)`` sets its timeout.
- marker ``txaio_only("asyncio")``: run the test on the named framework(s) only.
- an ``async def`` test of either kind runs on the framework under test:
  on asyncio in a fresh event loop, on Twisted in the reactor, and on the
  virtual clock when it takes ``txaio_clock`` (time then jumps to each next
  timer).  One that does not finish within its timeout (real seconds; ini
  option ``txaio_timeout``) fails with a clear message.

Nothing here is autouse: the hooks only touch tests that use the fixtures or
markers above, so a project that never uses the plugin pays nothing.  It
sits beside pytest-asyncio (its tests are left to it, and it never grabs
ours, even in auto mode) and pytest-twisted (which owns the reactor then).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import math
import sys
from collections.abc import Callable, Generator, Iterator
from typing import Any

import pytest

import txaio
from txaio.backend import framework_names, import_backend, resolve
from txaio.testutil._clock import VirtualClock, virtual_clock
from txaio.testutil._framework import check_framework_name, use_framework
from txaio.testutil._outcome import FAILED, SUCCEEDED, outcome
from txaio.testutil._support import TimedOut, close_all, run_on_clock, support_for

MARKER = "txaio_only"
RUN_MARKER = "txaio"
FRAMEWORK_FIXTURE = "txaio_framework"
CLOCK_FIXTURE = "txaio_clock"
#: The fixture that selects the one framework a ``txaio_only`` test without ``txaio_framework`` names.
ONLY_FIXTURE = "_txaio_only_framework"
TIMEOUT_INI = "txaio_timeout"
DEFAULT_TIMEOUT = 60.0
#: The option and ini name of the asyncio loop factory ("module:attribute").
LOOP_OPTION = "txaio_asyncio_loop"
_LOOP_KEY = pytest.StashKey[str]()
#: The option and ini name of the Twisted reactor the txaio runs on Twisted use ("default" or "asyncio").
REACTOR_OPTION = "txaio_twisted_reactor"
REACTOR_CHOICES = ("default", "asyncio")
_REACTOR_KEY = pytest.StashKey[str]()
#: Where the stand-in of an ``async def`` test keeps the test itself.
ASYNC_TEST_ATTR = "__txaio_async_test__"


def pytest_addoption(parser: pytest.Parser) -> None:
    loop_help = (
        "the asyncio event loop factory of the txaio runs on asyncio, as module:attribute "
        "(e.g. uvloop:new_event_loop); default: asyncio's own loop"
    )
    parser.addoption("--txaio-asyncio-loop", dest=LOOP_OPTION, metavar="MODULE:FACTORY", help=loop_help)
    parser.addini(LOOP_OPTION, loop_help, default="")
    reactor_help = (
        "the Twisted reactor of the txaio runs on Twisted: 'asyncio' installs Twisted's asyncio reactor "
        "(twisted.internet.asyncioreactor) on a fresh event loop, of --txaio-asyncio-loop's factory if given, "
        "before the tests; default: Twisted's default reactor"
    )
    parser.addoption("--txaio-twisted-reactor", dest=REACTOR_OPTION, metavar="NAME", help=reactor_help)
    parser.addini(REACTOR_OPTION, reactor_help, default="")
    parser.addini(
        TIMEOUT_INI,
        f"seconds (real time) an async txaio test may take before it fails (default {DEFAULT_TIMEOUT:g}); "
        f"per test: @pytest.mark.{RUN_MARKER}(timeout=...)",
        default=str(DEFAULT_TIMEOUT),
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Register the markers, so ``--strict-markers`` accepts them, check the ini timeout, install the loops.

    First of the plugins, so the reactor is installed before pytest-twisted installs its own.
    """
    names = " / ".join(repr(name) for name in framework_names())
    config.addinivalue_line(
        "markers",
        f"{MARKER}(*frameworks): run the test only on the named txaio frameworks ({names}); "
        f"with the {FRAMEWORK_FIXTURE} fixture it limits the runs, without it the one named framework is selected",
    )
    config.addinivalue_line(
        "markers",
        f"{RUN_MARKER}(timeout=None): run the test once per installed txaio framework (as if it took "
        f"{FRAMEWORK_FIXTURE}); an async def test fails after timeout seconds (default: the {TIMEOUT_INI} ini option)",
    )
    _ini_timeout(config)
    _configure_asyncio_loop(config)
    _configure_twisted_reactor(config)


def _configure_asyncio_loop(config: pytest.Config) -> None:
    """Hand the chosen loop factory to asyncio's test support; a bad choice stops the run at once."""
    reference = config.getoption(LOOP_OPTION) or config.getini(LOOP_OPTION)
    if not reference:
        return
    where = f"--txaio-asyncio-loop={reference}"
    if ":" not in reference:
        raise pytest.UsageError(f"{where}: name the factory as module:attribute, e.g. uvloop:new_event_loop")
    try:
        factory = resolve(reference)
    except ImportError as exc:
        module = reference.partition(":")[0]
        raise pytest.UsageError(f"{where}: cannot import it ({exc}); is {module} installed?") from None
    if not callable(factory):
        raise pytest.UsageError(f"{where}: {factory!r} is not callable")
    use_loop_factory = _support_hook("asyncio", "use_loop_factory", where, "run tests on another loop")
    use_loop_factory(factory)
    config.stash[_LOOP_KEY] = reference


def _support_hook(framework: str, name: str, where: str, purpose: str) -> Any:
    """A hook of ``framework``'s test support, or a usage error saying what to install or upgrade."""
    try:
        support = support_for(framework)
    except ImportError as exc:
        raise pytest.UsageError(f"{where}: {exc}") from None
    hook = getattr(support, name, None)
    if hook is None:
        raise pytest.UsageError(
            f"{where}: the installed txaio-{framework} cannot {purpose}; upgrade it (pip install -U txaio-{framework})"
        )
    return hook


def _configure_twisted_reactor(config: pytest.Config) -> None:
    """Install the reactor ``--txaio-twisted-reactor`` names; a bad choice stops the run at once."""
    name = config.getoption(REACTOR_OPTION) or config.getini(REACTOR_OPTION)
    if not name or name == "default":
        return
    where = f"--txaio-twisted-reactor={name}"
    if name not in REACTOR_CHOICES:
        raise pytest.UsageError(f"{where}: the choices are {', '.join(REACTOR_CHOICES)}")
    install = _support_hook("twisted", "use_asyncio_reactor", where, "run tests on asyncio's reactor")
    reference = asyncio_loop(config)
    factory = resolve(reference) if reference is not None else None
    try:
        install(factory)
    except RuntimeError as exc:
        raise pytest.UsageError(f"{where}: {exc}") from None
    config.stash[_REACTOR_KEY] = name
    if "pytest_twisted" in sys.modules and getattr(config.option, "reactor", None) == "default":
        config.option.reactor = "asyncio"  # pytest-twisted's --reactor: it then adopts the reactor installed here


def pytest_sessionstart(session: pytest.Session) -> None:
    """After every plugin's configure: close a loop that installing the reactor again left behind."""
    if twisted_reactor(session.config) == "asyncio":
        drop = getattr(support_for("twisted"), "drop_stray_loop", None)
        if drop is not None:
            drop()


def twisted_reactor(config: pytest.Config) -> str:
    """The reactor the Twisted runs use: ``"asyncio"`` (``--txaio-twisted-reactor``) or ``"default"``."""
    return config.stash.get(_REACTOR_KEY, "default")


def asyncio_loop(config: pytest.Config) -> str | None:
    """The ``module:attribute`` of the loop factory the asyncio runs use, or None for asyncio's own."""
    return config.stash.get(_LOOP_KEY, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Shut down what running the tests started (the Twisted reactor's thread pool)."""
    if asyncio_loop(config) is not None:
        support_for("asyncio").use_loop_factory(None)  # type: ignore[attr-defined]
    close_all()


def _ini_timeout(config: pytest.Config) -> float:
    raw = config.getini(TIMEOUT_INI)
    try:
        return _checked_timeout(float(raw))
    except ValueError as exc:
        raise pytest.UsageError(f"ini option {TIMEOUT_INI} = {raw!r}: {exc}") from None


def _checked_timeout(timeout: object) -> float:
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise ValueError(f"a timeout is a number of seconds, not {type(timeout).__name__}")
    if not math.isfinite(timeout) or timeout <= 0:
        raise ValueError(f"a timeout is a finite number > 0 of seconds, not {timeout!r}")
    return float(timeout)


def allowed_frameworks(node: pytest.Item | pytest.Function) -> frozenset[str] | None:
    """The frameworks the ``txaio_only`` markers on ``node`` allow, or None if it has none.

    Several markers (say one on the class, one on the method) must all agree.
    """
    allowed: frozenset[str] | None = None
    for mark in node.iter_markers(MARKER):
        names = frozenset(_marker_names(mark))
        allowed = names if allowed is None else allowed & names
    return allowed


def _marker_names(mark: pytest.Mark) -> list[str]:
    if mark.kwargs:
        raise ValueError(f"@pytest.mark.{MARKER} takes framework names only, not {sorted(mark.kwargs)}")
    if not mark.args:
        raise ValueError(f"@pytest.mark.{MARKER} needs at least one framework name, e.g. {MARKER}('asyncio')")
    return [check_framework_name(name) for name in mark.args]


def marked_timeout(node: pytest.Item | pytest.Function) -> float | None:
    """The timeout of the closest ``txaio`` marker that sets one, or None."""
    for mark in node.iter_markers(RUN_MARKER):
        if mark.args or set(mark.kwargs) - {"timeout"}:
            raise ValueError(f"@pytest.mark.{RUN_MARKER} takes only timeout=<seconds>, not {mark.args}, {mark.kwargs}")
        if mark.kwargs.get("timeout") is not None:
            return _checked_timeout(mark.kwargs["timeout"])
    return None


def _has_marker(collector: pytest.Collector, obj: object, name: str) -> bool:
    own = getattr(obj, "pytestmark", ())
    return collector.get_closest_marker(name) is not None or any(mark.name == name for mark in own)


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_pycollect_makeitem(
    collector: pytest.Module | pytest.Class, name: str, obj: object
) -> Generator[None, object, object]:
    """Give marked tests their fixture; make our ``async def`` tests look synchronous to other plugins.

    The stand-in keeps pytest-asyncio (auto mode) and pytest's own "async
    def functions are not natively supported" from claiming them; this
    plugin's ``pytest_pyfunc_call`` runs the real test.
    """
    if callable(obj) and collector.istestfunction(obj, name):
        if _has_marker(collector, obj, RUN_MARKER):
            pytest.mark.usefixtures(FRAMEWORK_FIXTURE)(obj)
        if _has_marker(collector, obj, MARKER):
            pytest.mark.usefixtures(ONLY_FIXTURE)(obj)
    made = yield
    for item in made if isinstance(made, list) else [made]:
        if isinstance(item, pytest.Function) and _runs_on_txaio(item.fixturenames):
            test = item.obj
            if inspect.iscoroutinefunction(test):
                item.obj = _stand_in(test)
    return made


def _runs_on_txaio(fixturenames: list[str] | Any) -> bool:
    return FRAMEWORK_FIXTURE in fixturenames or ONLY_FIXTURE in fixturenames


def _stand_in(test: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(test)
    def run_by_txaio(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError(f"{test.__qualname__} is an async def test that txaio's pytest plugin runs")

    setattr(run_by_txaio, ASYNC_TEST_ATTR, test)
    return run_by_txaio


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Refuse a malformed ``txaio_only`` or ``txaio`` marker at collection, with a clear message."""
    try:
        allowed_frameworks(metafunc.definition)
        marked_timeout(metafunc.definition)
    except ValueError as exc:
        pytest.fail(f"{metafunc.definition.nodeid}: {exc}", pytrace=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Drop the ``txaio_framework`` runs that the ``txaio_only`` marker excludes."""
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        framework = callspec.params.get(FRAMEWORK_FIXTURE) if callspec is not None else None
        allowed = allowed_frameworks(item) if framework is not None else None
        if allowed is not None and framework not in allowed:
            dropped.append(item)
        else:
            keep.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run a test that uses a txaio framework; wait for what it awaits or returns, within its timeout.

    Only tests that use ``txaio_framework`` (or ``txaio_only``) come here:
    pytest-twisted and pytest-asyncio keep all others.
    """
    funcargs = pyfuncitem.funcargs
    framework = funcargs.get(FRAMEWORK_FIXTURE) or funcargs.get(ONLY_FIXTURE)
    if not isinstance(framework, str):
        return None
    function = pyfuncitem.obj
    test = getattr(function, ASYNC_TEST_ATTR, function)
    kwargs = {name: funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    if inspect.iscoroutinefunction(test):

        def start() -> Any:
            return txaio.as_future(test, **kwargs)
    else:
        returned = test(**kwargs)
        if returned is None or not (inspect.isawaitable(returned) or txaio.is_future(returned)):
            return True

        def start() -> Any:
            return txaio.as_future(lambda: returned)

    timeout = marked_timeout(pyfuncitem) or _ini_timeout(pyfuncitem.config)
    clock = funcargs.get(CLOCK_FIXTURE)
    timed_out = None
    try:
        if isinstance(clock, VirtualClock):
            future = run_on_clock(clock, start, timeout)
        else:
            future = support_for(framework).run(start, timeout)
    except TimedOut as exc:
        timed_out = str(exc)
    if timed_out is not None:
        on = f"{framework}, virtual clock" if isinstance(clock, VirtualClock) else framework
        pytest.fail(
            f"{pyfuncitem.nodeid} did not complete within its timeout of {timeout:g} seconds ({on}; {timed_out}); "
            f"a longer one: @pytest.mark.{RUN_MARKER}(timeout=...) or the {TIMEOUT_INI} ini option",
            pytrace=False,
        )
    state, value = outcome(future, handle_failure=True)
    if state == FAILED:
        raise value.value
    if state != SUCCEEDED:
        raise RuntimeError(f"txaio's pytest plugin: the future of {pyfuncitem.nodeid} is still pending: {future!r}")
    return True


def _select_or_skip(name: str, request: pytest.FixtureRequest) -> Iterator[str]:
    missing = _not_installed(name)
    if missing:
        # Outside the except: the skip carries its reason only, no chained import error, which
        # pytest would format (and an older txaio-core's may not format on Python 3.15).
        pytest.skip(missing)
    with use_framework(name), contextlib.ExitStack() as scope:
        if asyncio_loop(request.config) is not None or twisted_reactor(request.config) == "asyncio":
            test_scope = getattr(support_for(name), "test_scope", None)
            if test_scope is not None:
                scope.enter_context(test_scope())
        if "caplog" in request.fixturenames:
            scope.enter_context(support_for(name).forward_logs())
        yield name


def _not_installed(name: str) -> str:
    """Why framework ``name`` cannot run here ("" if it can)."""
    try:
        import_backend(name)
    except ImportError as exc:
        return f"txaio framework {name} is not installed: {exc}"
    return ""


@pytest.fixture(params=framework_names(), ids=framework_names())
def txaio_framework(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test once per framework, with that framework selected."""
    yield from _select_or_skip(request.param, request)


@pytest.fixture(name=ONLY_FIXTURE)
def txaio_only_framework(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """A ``txaio_only`` test that does not take ``txaio_framework`` runs on the one framework it names."""
    allowed = allowed_frameworks(request.node) if FRAMEWORK_FIXTURE not in request.fixturenames else None
    if allowed is None:
        yield None
        return
    if len(allowed) != 1:
        pytest.fail(
            f"@pytest.mark.{MARKER} names {sorted(allowed) or 'no common framework'}: a test without the "
            f"{FRAMEWORK_FIXTURE} fixture needs exactly one framework",
            pytrace=False,
        )
    yield from _select_or_skip(next(iter(allowed)), request)


@pytest.fixture
def txaio_clock(txaio_framework: str) -> Iterator[VirtualClock]:
    """A virtual clock installed as ``txaio.config.loop``; call ``advance(seconds)`` to move it."""
    with virtual_clock(txaio_framework) as clock:
        yield clock
