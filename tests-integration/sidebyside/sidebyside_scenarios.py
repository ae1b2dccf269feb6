"""Scenarios that observe what an installed txaio does, printed as JSON.

Run with any interpreter that has txaio installed (26.6.1 or this repository's
meta-package): ``python sidebyside_scenarios.py MODE``.  MODE is one of :data:`MODES`;
each mode runs in its own process because selecting a framework is one-way.

Every observation is plain data (type names, booleans, strings, lists) that
does not depend on addresses, times or the process, so two installs can be
compared key by key.  The script uses only txaio's public (and de-facto
public) surface and the frameworks themselves: it is the downstream code.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import inspect
import io
import json
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import txaio

#: How each mode starts, before its scenarios run.
MODES = (
    "unselected",
    "asyncio",
    "asyncio_bare",
    "twisted",
    "with_asyncio",
    "with_twisted",
    "use_framework_aio",
    "use_framework_tx",
)

#: The names of txaio 26.6.1's ``txaio.__all__``: the surface that must stay (one list,
#: kept beside txaio-core's tests, which pin the facade to it too).
ALL_26_6_1 = tuple(
    line
    for line in (Path(__file__).resolve().parents[2] / "packages/txaio-core/tests/txaio-26.6.1-all.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line[:1].isalpha()
)
assert len(ALL_26_6_1) == 33, "the list of txaio 26.6.1's names is incomplete"

#: The names of the API that a backend module (txaio.aio, txaio.tx) offers.
BACKEND_MODULE_NAMES = tuple(name for name in ALL_26_6_1 if not name.startswith("use_") and name != "config")

#: The names txaio.interfaces offers.
INTERFACE_NAMES = ("IBatchedTimer", "IFailedFuture", "ILogger", "log_levels")

#: Every method an ILogger may have.
LOGGER_METHODS = ("critical", "error", "warn", "info", "debug", "trace", "failure", "emit")

Observations = dict[str, Any]
_SCENARIOS: list[tuple[str, tuple[str, ...], Callable[[Any], Any]]] = []


def scenario(*modes: str) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    """Register a scenario for the given modes (an observation is its return value)."""

    def register(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
        _SCENARIOS.append((fn.__name__, modes, fn))
        return fn

    return register


SELECTED = ("asyncio", "twisted")


def submodule(name: str) -> Any:
    """``txaio.<name>``, imported (a plain ``import txaio.x`` would shadow the global)."""
    return importlib.import_module(f"txaio.{name}")


def raised(fn: Callable[[], Any]) -> Any:
    """``fn()``'s result, or what it raised: see :func:`describe_exception`."""
    try:
        return fn()
    except Exception as exc:
        return describe_exception(exc)


def describe_exception(exc: BaseException) -> str:
    """``raised:TypeName``, plus ``(Builtin,...)``: the built-in classes it is, if not built-in.

    So ``except RuntimeError`` compatibility can be judged: an error of ours
    that subclasses the built-in error 26.6.1 raised still gets caught.
    """
    kind = type(exc)
    if kind.__module__ == "builtins":
        return f"raised:{kind.__name__}"
    builtins = [base.__name__ for base in kind.__mro__ if base.__module__ == "builtins" and base is not object]
    return f"raised:{kind.__name__}({','.join(builtins)})"


def describe_default(value: Any) -> Any:
    """A default value as plain data; anything but a literal is only "<object>"."""
    if value is inspect.Parameter.empty:
        return "<required>"
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return "<object>"


def describe_signature(fn: Any) -> Any:
    """[name, kind, default] of each parameter, or why there is no signature."""
    if not callable(fn):
        return f"not callable:{type(fn).__name__}"
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return "<no signature>"
    return [[p.name, p.kind.name, describe_default(p.default)] for p in signature.parameters.values()]


def virtual_time_loop() -> Any:
    """An asyncio loop whose clock moves only when told, so timings do not depend on load."""
    import asyncio

    class VirtualTimeLoop(asyncio.SelectorEventLoop):
        now = 0.0

        def time(self) -> float:
            return self.now

    return VirtualTimeLoop()


class Driver:
    """Runs the event loop of the mode's framework just enough to settle futures.

    Time is virtual on both: a Twisted ``task.Clock``, and an asyncio loop
    whose ``time()`` only moves in :meth:`settle`.
    """

    STEP = 0.01

    def __init__(self, framework: str) -> None:
        self.framework = framework
        self.loop: Any = None
        self.clock: Any = None
        self.module: Any = None
        if framework == "asyncio":
            import asyncio

            self.loop = virtual_time_loop()
            asyncio.set_event_loop(self.loop)
            txaio.config.loop = self.loop
        else:
            from twisted.internet.task import Clock

            self.clock = Clock()
            txaio.config.loop = self.clock

    def now(self) -> float:
        return float(self.loop.time() if self.framework == "asyncio" else self.clock.seconds())

    def settle(self, seconds: float = 0.0) -> None:
        """Move time on by ``seconds``, in small steps, running whatever falls due."""
        if self.framework == "asyncio":
            target = self.loop.now + seconds
            self._turns()
            while self.loop.now < target - 1e-9:
                self.loop.now = min(target, self.loop.now + self.STEP)
                self._turns()
        else:
            self.clock.advance(seconds)

    def _turns(self) -> None:
        import asyncio

        for _ in range(3):
            self.loop.run_until_complete(asyncio.sleep(0))

    def outcome(self, future: Any) -> Any:
        """What ``future`` ended with, as plain data, via txaio's own callbacks."""
        seen: list[Any] = []

        def on_value(value: Any) -> Any:
            seen.append(["value", value if isinstance(value, int | str | type(None) | list) else type(value).__name__])
            return None

        def on_error(fail: Any) -> Any:
            seen.append(["error", type(fail.value).__name__, re.sub(r"0x[0-9a-fA-F]+", "<address>", str(fail.value))])
            return None

        txaio.add_callbacks(future, on_value, on_error)
        self.settle()
        return seen[0] if seen else "pending"


# --------------------------------------------------------------------- surface


@scenario("unselected", *SELECTED)
def all_names(driver: Any) -> Any:
    return sorted(txaio.__all__)


@scenario("unselected", *SELECTED)
def all_26_6_1_names_present(driver: Any) -> Any:
    return [name for name in ALL_26_6_1 if not hasattr(txaio, name)]


@scenario(*SELECTED)
def signatures(driver: Any) -> Any:
    return {name: describe_signature(getattr(txaio, name)) for name in ALL_26_6_1 if name not in ("config",)}


@scenario(*MODES)
def selection_flags(driver: Any) -> Any:
    return [txaio.using_asyncio, txaio.using_twisted, txaio._explicit_framework]


@scenario(*MODES)
def version(driver: Any) -> Any:
    value = txaio.__version__
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", value)
    calver = tuple(int(part) for part in match.groups()) if match else ()
    return {
        "is_str": isinstance(value, str),
        "version_attr_equal": txaio.version == value,
        "calver_at_least_26_6_1": calver >= (26, 6, 1),
    }


@scenario("unselected", *SELECTED)
def config_object(driver: Any) -> Any:
    config = txaio.config
    before = config.loop
    sentinel = object()
    config.loop = sentinel
    written = txaio.config is config and txaio.config.loop is sentinel
    config.loop = before
    return {"one_object": txaio.config is config, "loop_writable": written, "restored": txaio.config.loop is before}


@scenario("unselected")
def usage_error_before_selection(driver: Any) -> Any:
    calls: dict[str, Callable[[], Any]] = {
        "create_future": txaio.create_future,
        "create_future_success": lambda: txaio.create_future_success(1),
        "create_future_error": lambda: txaio.create_future_error(RuntimeError("x")),
        "create_failure": lambda: txaio.create_failure(RuntimeError("x")),
        "as_future": lambda: txaio.as_future(lambda: 1),
        "is_future": lambda: txaio.is_future(1),
        "reject": lambda: txaio.reject(None, RuntimeError("x")),
        "resolve": lambda: txaio.resolve(None, 1),
        "cancel": lambda: txaio.cancel(None),
        "add_callbacks": lambda: txaio.add_callbacks(None, print, None),
        "gather": lambda: txaio.gather([]),
        "is_called": lambda: txaio.is_called(None),
        "call_later": lambda: txaio.call_later(1, print),
        "failure_message": lambda: txaio.failure_message(None),
        "failure_traceback": lambda: txaio.failure_traceback(None),
        "failure_format_traceback": lambda: txaio.failure_format_traceback(None),
        "make_batched_timer": lambda: txaio.make_batched_timer(1),
        "sleep": lambda: txaio.sleep(1),
        "with_config": txaio.with_config,
    }
    return {name: raised(lambda call=call: type(call()).__name__) for name, call in calls.items()}


@scenario("unselected")
def neutral_names_before_selection(driver: Any) -> Any:
    return {
        "time_ns": raised(lambda: isinstance(txaio.time_ns(), int)),
        "perf_counter_ns": raised(lambda: isinstance(txaio.perf_counter_ns(), int)),
        "IFailedFuture_is_class": isinstance(txaio.IFailedFuture, type),
        "ILogger_is_class": isinstance(txaio.ILogger, type),
        "make_logger": raised(lambda: hasattr(txaio.make_logger(), "info")),
    }


@scenario("unselected")
def unframework_module(driver: Any) -> Any:
    unframework = submodule("_unframework")

    return {"is_module": inspect.ismodule(unframework), "is_attribute": txaio._unframework is unframework}


@scenario(*SELECTED)
def neutral_names_after_selection(driver: Any) -> Any:
    return {
        "time_ns": isinstance(txaio.time_ns(), int),
        "perf_counter_ns": isinstance(txaio.perf_counter_ns(), int),
        "IFailedFuture_is_class": isinstance(txaio.IFailedFuture, type),
        "ILogger_is_class": isinstance(txaio.ILogger, type),
    }


@scenario(*SELECTED)
def switching_framework(driver: Any) -> Any:
    same = "use_asyncio" if driver.framework == "asyncio" else "use_twisted"
    other = "use_twisted" if driver.framework == "asyncio" else "use_asyncio"
    return {
        "same_again": raised(lambda: getattr(txaio, same)() is None),
        "other": raised(getattr(txaio, other)),
        "still_selected": txaio._explicit_framework,
    }


@scenario("unselected", *SELECTED)
def interfaces_module(driver: Any) -> Any:
    interfaces = submodule("interfaces")

    return {
        "names": {name: hasattr(interfaces, name) for name in INTERFACE_NAMES},
        "log_levels": list(interfaces.log_levels),
        "same_IFailedFuture": interfaces.IFailedFuture is txaio.IFailedFuture or txaio._explicit_framework is None,
        "same_ILogger": interfaces.ILogger is txaio.ILogger or txaio._explicit_framework is None,
        "ILogger_methods": [name for name in LOGGER_METHODS if callable(getattr(interfaces.ILogger, name, None))],
    }


@scenario("unselected", *SELECTED)
def testutil_module(driver: Any) -> Any:
    testutil = submodule("testutil")

    observed: dict[str, Any] = {"replace_loop": describe_signature(testutil.replace_loop)}
    before = txaio.config.loop
    marker = object()
    with testutil.replace_loop(marker) as inside:
        observed["inside"] = txaio.config.loop is marker
        observed["yields_loop"] = inside is marker
    observed["restored"] = txaio.config.loop is before
    with contextlib.suppress(ZeroDivisionError), testutil.replace_loop(marker):
        1 / 0  # noqa: B018
    observed["restored_after_error"] = txaio.config.loop is before
    return observed


def backend_module(driver: Any) -> Any:
    return submodule("aio" if driver.framework == "asyncio" else "tx")


@scenario(*SELECTED)
def backend_module_names(driver: Any) -> Any:
    backend = backend_module(driver)
    return {
        "missing": [name for name in BACKEND_MODULE_NAMES if not hasattr(backend, name)],
        "using": [backend.using_asyncio, backend.using_twisted],
        "same_as_txaio": [
            name
            for name in ("create_future", "as_future", "add_callbacks", "gather", "call_later", "sleep")
            if getattr(backend, name) is getattr(txaio, name)
        ],
    }


@scenario("unselected")
def backend_modules_import_without_selecting(driver: Any) -> Any:
    return {
        "aio": inspect.ismodule(submodule("aio")),
        "tx": inspect.ismodule(submodule("tx")),
        "still_unselected": txaio._explicit_framework,
    }


@scenario(*SELECTED)
def module_loggers(driver: Any) -> Any:
    backend = backend_module(driver)
    loggers = backend._loggers
    logger = txaio.make_logger()
    return {"iterable": hasattr(loggers, "__iter__"), "sized": hasattr(loggers, "__len__"), "tracks": logger in loggers}


@scenario("asyncio")
def aio_failed_future(driver: Any) -> Any:
    from txaio.aio import FailedFuture

    try:
        raise RuntimeError("it failed")
    except RuntimeError as exc:
        fail = FailedFuture(type(exc), exc, exc.__traceback__)
    return {
        "signature": describe_signature(FailedFuture),
        "is_IFailedFuture": isinstance(fail, txaio.IFailedFuture),
        "value": type(fail.value).__name__,
        "message": txaio.failure_message(fail),
        "traceback_type": type(txaio.failure_traceback(fail)).__name__,
    }


@scenario("twisted")
def tx_logging_names(driver: Any) -> Any:
    import twisted.logger

    tx = submodule("tx")
    logger = txaio.make_logger()
    return {
        "Logger_is_class": isinstance(tx.Logger, type),
        "Logger_signature": describe_signature(tx.Logger),
        "make_logger_returns_Logger": isinstance(logger, tx.Logger),
        "Logger_methods": [name for name in ("emit", "set_log_level") if callable(getattr(tx.Logger, name, None))],
        "LogLevel": tx.LogLevel is twisted.logger.LogLevel,
        "log_levels": list(tx.log_levels) == list(submodule("interfaces").log_levels),
        "make_logger": describe_signature(tx.make_logger)[:3],
    }


@scenario("twisted")
def tx_make_logger_arguments(driver: Any) -> Any:
    import twisted.logger

    tx = submodule("tx")
    events: list[dict[str, Any]] = []

    def observer(event: dict[str, Any]) -> None:
        events.append(event)

    logger = tx.make_logger("debug", logger=twisted.logger.Logger, observer=observer)
    logger.debug("debug {x}", x=1)
    logger.trace("trace {x}", x=2)
    return {
        "formatted": [twisted.logger.formatEvent(event) for event in events],
        "levels": [event["log_level"].name for event in events],
    }


@scenario(*SELECTED)
def mock_patch_sleep_reaches_callers(driver: Any) -> Any:
    def caller() -> Any:
        return txaio.sleep(5)

    with mock.patch("txaio.sleep") as patched:
        patched.return_value = "patched"
        result = caller()
    return {"result": result, "calls": [list(call.args) for call in patched.call_args_list]}


@scenario("with_asyncio", "with_twisted")
def with_module(driver: Any) -> Any:
    return {"exports_txaio": hasattr(driver.module, "txaio") and driver.module.txaio is txaio}


@scenario("use_framework_aio", "use_framework_tx")
def use_framework_binds_api(driver: Any) -> Any:
    future = txaio.create_future()
    txaio.resolve(future, 7)
    return {"is_future": txaio.is_future(future), "is_called": txaio.is_called(future)}


@scenario("asyncio_bare")
def asyncio_without_any_loop(driver: Any) -> Any:
    """No config.loop, no running loop, no loop set: what the first calls do."""
    return {
        "create_future": raised(lambda: txaio.is_future(txaio.create_future())),
        "create_future_success": raised(lambda: txaio.is_future(txaio.create_future_success(1))),
        "as_future": raised(lambda: txaio.is_future(txaio.as_future(lambda: 1))),
    }


# ---------------------------------------------------------------- behaviour


@scenario(*SELECTED)
def create_future_variants(driver: Any) -> Any:
    observed: dict[str, Any] = {}
    observed["plain"] = [txaio.is_called(txaio.create_future()), txaio.is_future(txaio.create_future())]
    observed["result"] = driver.outcome(txaio.create_future(result=5))
    observed["result_none"] = driver.outcome(txaio.create_future(result=None))
    observed["error"] = driver.outcome(txaio.create_future(error=RuntimeError("boom")))
    observed["both"] = raised(lambda: txaio.create_future(result=1, error=RuntimeError("x")))
    observed["canceller_none"] = driver.outcome(txaio.create_future(result=1, canceller=None))
    observed["success"] = driver.outcome(txaio.create_future_success("ok"))
    observed["success_none"] = driver.outcome(txaio.create_future_success(None))
    observed["error_exc"] = driver.outcome(txaio.create_future_error(ValueError("bad")))
    try:
        raise KeyError("k")
    except KeyError:
        current = txaio.create_future_error()
    observed["error_current"] = driver.outcome(current)
    observed["error_failure"] = driver.outcome(txaio.create_future_error(txaio.create_failure(TypeError("t"))))
    return observed


@scenario(*SELECTED)
def canceller_and_cancel(driver: Any) -> Any:
    calls: list[bool] = []
    future = txaio.create_future(canceller=lambda f: calls.append(f is future))
    errors: list[str] = []
    txaio.add_callbacks(future, None, lambda fail: errors.append(type(fail.value).__name__))
    txaio.cancel(future)
    driver.settle()
    plain = txaio.create_future()
    txaio.cancel(plain, msg="why")
    driver.settle()
    return {
        "canceller_calls": calls,
        "errback_saw": errors,
        "is_called": txaio.is_called(future),
        "plain_is_called": txaio.is_called(plain),
    }


@scenario(*SELECTED)
def resolve_and_reject(driver: Any) -> Any:
    observed: dict[str, Any] = {}
    future = txaio.create_future()
    observed["before"] = txaio.is_called(future)
    txaio.resolve(future, "v")
    observed["after"] = txaio.is_called(future)
    observed["resolved"] = driver.outcome(future)
    keyword = txaio.create_future()
    txaio.resolve(keyword, result="kw")
    observed["resolve_result_keyword"] = driver.outcome(keyword)
    rejected = txaio.create_future()
    txaio.reject(rejected, RuntimeError("no"))
    observed["reject_exception"] = driver.outcome(rejected)
    with_failure = txaio.create_future()
    txaio.reject(with_failure, txaio.create_failure(ValueError("wrapped")))
    observed["reject_failure"] = driver.outcome(with_failure)
    current = txaio.create_future()
    try:
        raise LookupError("current")
    except LookupError:
        txaio.reject(current)
    observed["reject_current"] = driver.outcome(current)
    bad = txaio.create_future()
    observed["reject_bad_value"] = raised(lambda: txaio.reject(bad, "not an exception"))
    observed["bad_value_left_pending"] = not txaio.is_called(bad)
    return observed


@scenario(*SELECTED)
def add_callbacks_rules(driver: Any) -> Any:
    observed: dict[str, Any] = {}
    future = txaio.create_future()
    observed["both_none"] = raised(lambda: txaio.add_callbacks(future, None, None))
    seen: list[Any] = []
    chained = txaio.create_future()
    txaio.add_callbacks(chained, lambda v: seen.append(("first", v)) or "changed", None)
    txaio.add_callbacks(chained, lambda v: seen.append(("second", v)), None)
    txaio.resolve(chained, "orig")
    driver.settle()
    observed["chaining"] = [list(item) for item in seen]
    late: list[Any] = []
    done = txaio.create_future_success(3)
    txaio.add_callbacks(done, late.append, None)
    observed["on_resolved_synchronously"] = list(late)
    driver.settle()
    observed["on_resolved_after_settle"] = list(late)
    return observed


@scenario(*SELECTED)
def as_future_variants(driver: Any) -> Any:
    observed: dict[str, Any] = {}

    def plain(a: int, b: int = 0) -> int:
        return a + b

    def failing() -> None:
        raise RuntimeError("plain failed")

    async def coro(a: int) -> int:
        return a * 2

    def returns_coro() -> Any:
        return coro(4)

    async def agen() -> Any:
        yield 1

    observed["plain"] = driver.outcome(txaio.as_future(plain, 1, b=2))
    observed["plain_failing"] = driver.outcome(txaio.as_future(failing))
    existing = txaio.create_future()
    observed["returns_future_same"] = txaio.as_future(lambda: existing) is existing
    observed["coroutine_function"] = driver.outcome(txaio.as_future(coro, 5))
    observed["returns_coroutine"] = driver.outcome(txaio.as_future(returns_coro))
    wrong = raised(lambda: txaio.as_future(coro, 1, 2, 3))
    observed["coroutine_wrong_args"] = wrong if isinstance(wrong, str) else driver.outcome(wrong)
    # Raised at once or delivered as a failed future: either way the caller learns of the error.
    gen = raised(lambda: txaio.as_future(agen))
    outcome = [gen.partition("(")[0].replace("raised:", "error:")] if isinstance(gen, str) else driver.outcome(gen)
    observed["async_generator"] = ":".join(str(part) for part in outcome[:2])
    observed["keyword_fun"] = driver.outcome(txaio.as_future(fun=plain, a=3))
    return observed


@scenario(*SELECTED)
def other_frameworks_futures(driver: Any) -> Any:
    """The other framework's future, where no loop runs both (issue 30): refused at the call, never a value."""
    import asyncio

    observed: dict[str, Any] = {}
    if driver.framework == "asyncio":
        from twisted.internet import defer

        observed["is_future"] = txaio.is_future(defer.succeed(1))
        made = raised(lambda: txaio.as_future(lambda: defer.succeed(1)))
        observed["as_future"] = made if isinstance(made, str) else driver.outcome(made)
        return observed
    loop = asyncio.new_event_loop()
    try:
        other = loop.create_future()
        observed["is_future"] = txaio.is_future(other)
        made = raised(lambda: txaio.as_future(lambda: other))
        observed["as_future"] = made if isinstance(made, str) else driver.outcome(made)
        observed["add_callbacks"] = raised(lambda: txaio.add_callbacks(other, print, None) and None)
    finally:
        loop.close()
    return observed


@scenario(*SELECTED)
def keyword_calls(driver: Any) -> Any:
    """Every operation called with 26.6.1's keyword names, as downstream code may."""
    future = txaio.create_future()
    calls: dict[str, Callable[[], Any]] = {
        "create_future": lambda: driver.outcome(txaio.create_future(result=1, canceller=None)),
        "create_future_success": lambda: txaio.create_future_success(result=1) and None,
        "create_future_error": lambda: driver.outcome(txaio.create_future_error(error=KeyError("e"))),
        "create_failure": lambda: type(txaio.create_failure(exception=KeyError("e")).value).__name__,
        "as_future": lambda: driver.outcome(txaio.as_future(fun=lambda x=2: x)),
        "is_future": lambda: txaio.is_future(obj=future),
        "is_called": lambda: txaio.is_called(future=future),
        "add_callbacks": lambda: txaio.add_callbacks(future=future, callback=lambda v: v, errback=None) and None,
        "resolve": lambda: txaio.resolve(future=future, result=3),
        "reject": lambda: txaio.reject(future=txaio.create_future(), error=KeyError("e")),
        "cancel": lambda: txaio.cancel(future=txaio.create_future(canceller=lambda f: None), msg="why"),
        "gather": lambda: driver.outcome(txaio.gather(futures=[], consume_exceptions=False)),
        "call_later": lambda: txaio.call_later(delay=0, fun=print).cancel() and None,
        "sleep": lambda: txaio.is_future(txaio.sleep(delay=0)),
        "failure_message": lambda: txaio.failure_message(fail=txaio.create_failure(KeyError("e"))),
        "failure_traceback": lambda: type(txaio.failure_traceback(fail=txaio.create_failure(KeyError("e")))).__name__,
        "failure_format_traceback": lambda: isinstance(
            txaio.failure_format_traceback(fail=txaio.create_failure(KeyError("e"))), str
        ),
        "make_batched_timer": lambda: hasattr(txaio.make_batched_timer(bucket_seconds=1, chunk_size=10), "call_later"),
        "with_config": lambda: hasattr(txaio.with_config(loop=txaio.config.loop), "create_future"),
    }
    observed = {name: raised(call) for name, call in calls.items()}
    driver.settle(0.01)
    return observed


@scenario(*SELECTED)
def is_future_variants(driver: Any) -> Any:
    async def coro() -> None:
        return None

    pending = coro()
    observed = {
        "future": txaio.is_future(txaio.create_future()),
        "int": txaio.is_future(5),
        "none": txaio.is_future(None),
        "coroutine": txaio.is_future(pending),
    }
    pending.close()
    return observed


@scenario(*SELECTED)
def gather_variants(driver: Any) -> Any:
    observed: dict[str, Any] = {}
    first, second = txaio.create_future(), txaio.create_future()
    gathered = txaio.gather([first, second])
    txaio.resolve(second, "b")
    txaio.resolve(first, "a")
    observed["order"] = driver.outcome(gathered)
    observed["empty"] = driver.outcome(txaio.gather([]))
    ok, bad = txaio.create_future(), txaio.create_future()
    consumed = txaio.gather([ok, bad], consume_exceptions=True)
    txaio.resolve(ok, 1)
    txaio.reject(bad, RuntimeError("in gather"))
    results: list[Any] = []
    txaio.add_callbacks(consumed, results.append, results.append)
    driver.settle()
    observed["consumed"] = [
        [
            "IFailedFuture"
            if isinstance(item, txaio.IFailedFuture)
            else type(item).__name__
            if isinstance(item, BaseException)
            else item
            for item in result
        ]
        if isinstance(result, list)
        else type(result).__name__
        for result in results
    ]
    ok2, bad2 = txaio.create_future(), txaio.create_future()
    strict = txaio.gather([ok2, bad2], consume_exceptions=False)
    txaio.resolve(ok2, 1)
    txaio.reject(bad2, RuntimeError("strict"))
    observed["not_consumed"] = driver.outcome(strict)
    observed["keyword"] = driver.outcome(txaio.gather(futures=[txaio.create_future_success(9)]))
    return observed


@scenario("twisted")
def twisted_gather_logs_no_unhandled_error(driver: Any) -> Any:
    from twisted.logger import globalLogPublisher

    errors: list[str] = []

    def observer(event: dict[str, Any]) -> None:
        if event.get("isError") or event.get("log_failure") is not None:
            errors.append(str(event.get("log_format") or event.get("message")))

    gc.collect()
    globalLogPublisher.addObserver(observer)
    try:
        ok, bad = txaio.create_future(), txaio.create_future()
        strict = txaio.gather([ok, bad], consume_exceptions=False)
        txaio.add_callbacks(strict, None, lambda fail: None)
        txaio.resolve(ok, 1)
        txaio.reject(bad, RuntimeError("delivered"))
        del ok, bad, strict
        gc.collect()
    finally:
        globalLogPublisher.removeObserver(observer)
    return {"unhandled_errors_logged": len(errors)}


class _FalsyError(Exception):
    def __bool__(self) -> bool:
        return False


class _ForeignFailure:
    """An IFailedFuture that is not the backend's own class."""

    def __init__(self, exc: BaseException) -> None:
        self._value = exc

    @property
    def value(self) -> BaseException:
        return self._value


@scenario(*SELECTED)
def failures(driver: Any) -> Any:
    observed: dict[str, Any] = {}

    def thrower() -> None:
        raise RuntimeError("it failed")

    try:
        thrower()
    except RuntimeError:
        current = txaio.create_failure()
    observed["current_message"] = txaio.failure_message(current)
    observed["current_is_IFailedFuture"] = isinstance(current, txaio.IFailedFuture)
    observed["traceback_type"] = type(txaio.failure_traceback(current)).__name__
    formatted = txaio.failure_format_traceback(current)
    observed["formatted_has_thrower"] = "thrower" in formatted and "RuntimeError" in formatted
    explicit = txaio.create_failure(ValueError("given"))
    observed["explicit_message"] = txaio.failure_message(explicit)
    observed["explicit_value"] = type(explicit.value).__name__
    observed["explicit_format_is_str"] = isinstance(txaio.failure_format_traceback(explicit), str)
    try:
        raise _FalsyError("falsy")
    except _FalsyError as exc:
        caught = exc
    falsy = raised(lambda: txaio.create_failure(caught))
    observed["falsy_exception"] = falsy if isinstance(falsy, str) else type(falsy.value).__name__
    observed["falsy_keeps_traceback"] = not isinstance(falsy, str) and txaio.failure_traceback(falsy) is not None
    observed["keyword_exception"] = type(txaio.create_failure(exception=KeyError("k")).value).__name__
    foreign = _ForeignFailure(RuntimeError("foreign"))
    message = str(raised(lambda: txaio.failure_message(foreign)))
    observed["foreign_message"] = re.sub(r"0x[0-9a-fA-F]+", "<address>", message)
    observed["outside_except"] = raised(lambda: type(txaio.create_failure().value).__name__)
    return observed


@scenario(*SELECTED)
def call_later_and_sleep(driver: Any) -> Any:
    observed: dict[str, Any] = {}
    calls: list[Any] = []
    handle = txaio.call_later(0.05, lambda *a, **k: calls.append([list(a), k]), 1, 2, key="word")
    observed["handle_cancel"] = callable(getattr(handle, "cancel", None))
    cancelled = txaio.call_later(0.05, calls.append, "cancelled")
    cancelled.cancel()
    driver.settle(0.1)
    observed["calls"] = calls
    slept = txaio.sleep(0.05)
    observed["sleep_is_future"] = txaio.is_future(slept)
    observed["sleep_pending"] = not txaio.is_called(slept)
    driver.settle(0.1)
    observed["sleep_done"] = driver.outcome(slept)
    return observed


@scenario("twisted")
def twisted_sleep_cancel(driver: Any) -> Any:
    slept = txaio.sleep(10)
    txaio.add_callbacks(slept, None, lambda fail: None)
    before = len(driver.clock.getDelayedCalls())
    txaio.cancel(slept)
    return {"delayed_before": before, "delayed_after_cancel": len(driver.clock.getDelayedCalls())}


def timing_verdict(delay: float, fired: float | None, bucket: float) -> str:
    """Early (before its delay), late (over one bucket after it), in time, or never."""
    if fired is None:
        return "never"
    if fired < delay - 0.001:
        return "early"
    if fired > delay + bucket + Driver.STEP + 0.001:
        return "late"
    return "in time"


@scenario(*SELECTED)
def batched_timer(driver: Any) -> Any:
    bucket = 0.2
    timer = txaio.make_batched_timer(bucket)
    fired: dict[float, float] = {}
    start = driver.now()
    now = driver.now

    delays = (0.05, 0.3, 0.7, 1.1)
    for delay in delays:
        timer.call_later(delay, lambda d=delay: fired.setdefault(d, now() - start))
    dropped = timer.call_later(0.3, lambda: fired.setdefault(-1.0, now() - start))
    dropped.cancel()
    step = 0.05
    for _ in range(int(2.0 / step)):
        driver.settle(step)
    return {
        "verdicts": {str(delay): timing_verdict(delay, fired.get(delay), bucket) for delay in delays},
        "cancelled_ran": -1.0 in fired,
        "keyword": describe_signature(txaio.make_batched_timer)[0][0],
    }


@scenario(*SELECTED)
def batched_timer_errors(driver: Any) -> Any:
    reported: list[str] = []
    restore: Callable[[], None]
    if driver.framework == "asyncio":
        previous = driver.loop.get_exception_handler()
        driver.loop.set_exception_handler(lambda loop, context: reported.append(repr(context.get("exception"))))

        def restore() -> None:
            driver.loop.set_exception_handler(previous)
    else:
        from twisted.logger import globalLogPublisher

        def observer(event: dict[str, Any]) -> None:
            failure = event.get("log_failure")
            if failure is not None:
                reported.append(repr(failure.value))

        globalLogPublisher.addObserver(observer)

        def restore() -> None:
            globalLogPublisher.removeObserver(observer)

    ran: list[str] = []

    def broken() -> None:
        raise RuntimeError("broken timer call")

    escaped: list[str] = []
    try:
        timer = txaio.make_batched_timer(0.2)
        timer.call_later(0.1, ran.append, "before")
        timer.call_later(0.1, broken)
        timer.call_later(0.1, ran.append, "after")
        for _ in range(10):
            try:
                driver.settle(0.05)
            except Exception as exc:
                escaped.append(type(exc).__name__)
    finally:
        restore()
    return {
        "others_ran": sorted(ran),
        "reported_with_exception": any("broken timer call" in text for text in reported),
        "raised_into_event_loop": escaped,
    }


def missing_operations(api: Any) -> list[str]:
    """The operations of 26.6.1's API that the with_config object ``api`` lacks."""
    return [name for name in BACKEND_MODULE_NAMES if name.islower() and "log" not in name and not hasattr(api, name)]


@scenario("asyncio")
def asyncio_with_config(driver: Any) -> Any:
    import asyncio

    other = asyncio.new_event_loop()
    try:
        api = txaio.with_config(loop=other)
        future = api.create_future()
        later = api.call_later(0, lambda: None)
        slept = api.sleep(0)
        gathered = api.gather([api.create_future_success(1)])
        as_fut = api.as_future(lambda: 1)
        observed = {
            "future_loop": future.get_loop() is other,
            "sleep_loop": slept.get_loop() is other,
            "gather_loop": gathered.get_loop() is other,
            "as_future_loop": as_fut.get_loop() is other,
            "call_later_cancel": callable(later.cancel),
            "global_untouched": txaio.config.loop is driver.loop,
            "missing_operations": missing_operations(api),
        }
        later.cancel()
        for pending in (slept, gathered):
            pending.cancel()
        other.run_until_complete(asyncio.sleep(0))
        return observed
    finally:
        other.close()


@scenario("twisted")
def twisted_with_config(driver: Any) -> Any:
    from twisted.internet.task import Clock

    api = txaio.with_config(loop=driver.clock)
    calls: list[int] = []
    api.call_later(1, calls.append, 1)
    driver.clock.advance(1)
    return {
        "same_reactor": calls,
        "other_reactor": raised(lambda: type(txaio.with_config(loop=Clock())).__name__),
        "missing_operations": missing_operations(api),
    }


# -------------------------------------------------------------------- logging


def strip_timestamps(text: str) -> list[str]:
    """Log lines without their timestamp, times or addresses, so runs compare."""
    lines = []
    for raw in text.splitlines():
        match = re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S*\s+(.*)$", raw)
        line = match.group(1) if match else raw
        line = re.sub(r"0x[0-9a-fA-F]+", "<address>", line)
        lines.append(re.sub(r"\d+\.\d+", "<number>", line))
    return lines


def log_failure(log: Any) -> None:
    try:
        raise RuntimeError("logged failure")
    except RuntimeError:
        log.failure("failure {n}", n=4)


#: Loggers made in a module's top-level class body, method and function (run with exec).
TOP_LEVEL_LOGGERS = """
class Component:
    log = txaio.make_logger()

    def method(self):
        return txaio.make_logger()


def function():
    return txaio.make_logger()
"""


def capture_namespaces(framework: str, namespaces: list[str]) -> Callable[[], None]:
    """Collect the namespace of each txaio log call as the framework's own logging sees it.

    asyncio: the name of the stdlib ``logging`` record; Twisted: ``log_namespace``
    of the ``twisted.logger`` event.  Returns the function that stops collecting.
    """
    if framework == "asyncio":
        import logging as stdlib_logging

        class Collect(stdlib_logging.Handler):
            def emit(self, record: stdlib_logging.LogRecord) -> None:
                namespaces.append(record.name)

        handler = Collect()
        stdlib_logging.getLogger().addHandler(handler)
        return lambda: stdlib_logging.getLogger().removeHandler(handler)
    from twisted.logger import globalLogPublisher

    def observer(event: dict[str, Any]) -> None:
        namespace = event.get("log_namespace")
        if isinstance(namespace, str) and namespace.startswith(("__main__", "app.", "given")):
            namespaces.append(namespace)

    globalLogPublisher.addObserver(observer)
    return lambda: globalLogPublisher.removeObserver(observer)


@scenario(*SELECTED)
def logging(driver: Any) -> Any:
    observed: dict[str, Any] = {}
    gc.collect()

    class Component:
        log = txaio.make_logger()

    def make_in_function() -> Any:
        return txaio.make_logger()

    log = Component.log
    namespaces: list[str] = []
    stop_capture = capture_namespaces(driver.framework, namespaces)
    observed["is_ILogger"] = isinstance(log, txaio.ILogger)
    observed["methods"] = [name for name in LOGGER_METHODS if hasattr(log, name)]
    observed["bad_level"] = raised(lambda: txaio.start_logging(out=io.StringIO(), level="bogus"))
    out = io.StringIO()
    txaio.start_logging(out=out, level="debug")
    observed["level_after_start"] = txaio.get_global_log_level()
    log.info("hello {who}", who="world")
    log.debug("debug {n}", n=1)
    log.trace("trace is below debug")
    txaio.set_global_log_level("warn")
    observed["level_after_set"] = txaio.get_global_log_level()
    log.info("suppressed info")
    log.warn("warned {n}", n=2)
    log.error("error")
    txaio.add_log_categories({"XYZ1": "category says {thing}"})
    log.critical("ignored format", log_category="XYZ1", thing="hi")
    observed["bad_format_raises"] = raised(lambda: log.error("missing {key}") and None)
    txaio.set_global_log_level("info")
    late = txaio.make_logger()
    late.info("late logger {n}", n=3)
    late.debug("late debug")
    make_in_function().info("from a function")
    top_level: dict[str, Any] = {"txaio": txaio, "__name__": "app.module"}
    exec(TOP_LEVEL_LOGGERS, top_level)
    top_level["Component"].log.info("from a top-level class")
    top_level["Component"]().method().info("from a method")
    top_level["function"]().info("from a top-level function")
    observed["failure_method"] = raised(lambda: log_failure(log))
    observed["emit_method"] = raised(lambda: log.emit("info", "emitted {n}", n=5))
    observed["bad_global_level"] = raised(lambda: txaio.set_global_log_level("bogus"))
    second = io.StringIO()
    observed["second_start_logging"] = raised(lambda: txaio.start_logging(out=second, level="debug"))
    log.debug("debug after a second start_logging")
    observed["after_second_start"] = {
        "level": txaio.get_global_log_level(),
        "first_out_got_debug": "debug after a second" in out.getvalue(),
        "second_out_got_debug": "debug after a second" in second.getvalue(),
    }
    if "namespace" in inspect.signature(txaio.make_logger).parameters:
        txaio.make_logger(namespace="given.name").info("with a given namespace")
        observed["given_namespace"] = "given.name" in namespaces
    else:
        observed["given_namespace"] = "no namespace parameter"
    stop_capture()
    observed["top_level_namespaces"] = sorted({name for name in namespaces if name.startswith("app.")})
    observed["nested_namespaces"] = sorted({name for name in namespaces if name.startswith("__main__")})
    lines = strip_timestamps(out.getvalue())
    # Twisted replays what was logged before logging started: keep this scenario's lines.
    lines = lines[lines.index("hello world") :] if "hello world" in lines else lines
    observed["lines"] = [line for line in lines if line.strip() and not line.startswith(("Traceback", " ", "---"))]
    observed["lines"] = [
        line for line in observed["lines"] if "RuntimeError" not in line and "{key}" not in line and "given" not in line
    ]
    observed["bad_format_logged"] = any("missing {key}" in line for line in lines)
    observed["traceback_logged"] = any("logged failure" in line for line in lines)
    return observed


# ------------------------------------------------- issues 13 and 14 (fut): futures, timers, failures


def fut_error(fail: Any) -> str:
    return f"{type(fail.value).__name__}:{fail.value}"


def fut_unhandled_reports(driver: Any) -> tuple[list[str], Callable[[], list[str]]]:
    """Collect what the framework reports as unhandled; the function stops collecting, after a gc."""
    reported: list[str] = []
    if driver.framework == "asyncio":
        driver.loop.set_exception_handler(lambda loop, context: reported.append(repr(context.get("exception"))))

        def stop() -> list[str]:
            gc.collect()
            driver.settle()
            driver.loop.set_exception_handler(None)
            return reported

        return reported, stop
    from twisted.logger import globalLogPublisher

    def observer(event: dict[str, Any]) -> None:
        failure = event.get("log_failure")
        if failure is not None:
            reported.append(repr(failure.value))

    globalLogPublisher.addObserver(observer)

    def stop_twisted() -> list[str]:
        gc.collect()
        globalLogPublisher.removeObserver(observer)
        return reported

    return reported, stop_twisted


@scenario(*SELECTED)
def fut_gather_without_consuming(driver: Any) -> Any:
    first, second, third = txaio.create_future(), txaio.create_future(), txaio.create_future()
    gathered = txaio.gather([first, second, third], consume_exceptions=False)
    seen: list[str] = []
    txaio.add_callbacks(
        gathered, lambda value: seen.append(f"value:{value}"), lambda fail: seen.append(fut_error(fail))
    )
    txaio.reject(third, RuntimeError("third, failed first"))
    driver.settle()
    after_one_failure = list(seen)
    txaio.reject(second, ValueError("second"))
    driver.settle()
    txaio.resolve(first, 1)
    driver.settle()
    later: list[str] = []
    txaio.add_callbacks(
        second, lambda value: later.append(f"value:{value}"), lambda fail: later.append(fut_error(fail))
    )
    driver.settle()
    return {"after_one_failure": after_one_failure, "result": seen, "input_later_callbacks": later}


@scenario(*SELECTED)
def fut_failure_helpers_on_non_failures(driver: Any) -> Any:
    observed: dict[str, Any] = {}
    for name, thing in (("none", None), ("int", 5), ("text", "text")):
        observed[name] = {
            "message": raised(lambda thing=thing: txaio.failure_message(thing)),
            "traceback": raised(lambda thing=thing: txaio.failure_traceback(thing)),
            "format_traceback": raised(lambda thing=thing: txaio.failure_format_traceback(thing)),
        }
    return observed


class _FutUnprintableError(Exception):
    def __str__(self) -> str:
        raise ValueError("this __str__ is broken")


@scenario(*SELECTED)
def fut_failure_whose_str_raises(driver: Any) -> Any:
    fail = txaio.create_failure(_FutUnprintableError())
    message = raised(lambda: txaio.failure_message(fail))
    return {
        "message_starts": message[:26] if not message.startswith("raised:") else message,
        "repr": raised(lambda: isinstance(repr(fail), str)),
        "format_traceback": raised(lambda: "_FutUnprintableError" in txaio.failure_format_traceback(fail)),
    }


@scenario(*SELECTED)
def fut_reject_not_an_exception(driver: Any) -> Any:
    future = txaio.create_future()
    try:
        txaio.reject(future, "not an exception")
        caught = "nothing raised"
    except RuntimeError:
        caught = "RuntimeError"
    except TypeError:
        caught = "TypeError only"
    return {"except_RuntimeError": caught, "left_pending": not txaio.is_called(future)}


@scenario(*SELECTED)
def fut_callback_only_failure(driver: Any) -> Any:
    reported, stop = fut_unhandled_reports(driver)
    future = txaio.create_future()
    called: list[Any] = []
    txaio.add_callbacks(future, called.append, None)
    txaio.reject(future, KeyError("only a callback"))
    driver.settle()
    del future
    stop()
    return {"callback_called": called, "reported": [text for text in reported if "only a callback" in text]}


class _FutCoroutine:
    """A collections.abc.Coroutine that is not a native coroutine (registered, not subclassed)."""

    def __init__(self, result: int) -> None:
        self.result = result

    def send(self, value: Any) -> Any:
        raise StopIteration(self.result)

    def throw(self, *args: Any) -> Any:
        raise args[0]

    def close(self) -> None:
        pass

    def __await__(self) -> Any:
        return iter(())


@scenario(*SELECTED)
def fut_as_future_any_coroutine(driver: Any) -> Any:
    import collections.abc

    collections.abc.Coroutine.register(_FutCoroutine)
    return {"hand_written": driver.outcome(txaio.as_future(lambda: _FutCoroutine(11)))}


def fut_outcome_of_call(call: Callable[[], Any]) -> str:
    """``accepted``, or ``raised:<Type>`` for what the call raised (a handle accepted is cancelled)."""
    try:
        handle = call()
    except Exception as exc:
        return describe_exception(exc).partition("(")[0]
    with contextlib.suppress(Exception):
        handle.cancel()
    return "accepted"


@scenario(*SELECTED)
def fut_call_later_arguments(driver: Any) -> Any:
    timer = txaio.make_batched_timer(0.2)
    observed: dict[str, Any] = {}
    for name, delay in (("nan", float("nan")), ("inf", float("inf"))):
        observed[f"plain_{name}"] = fut_outcome_of_call(lambda delay=delay: txaio.call_later(delay, print))
        observed[f"batched_{name}"] = fut_outcome_of_call(lambda delay=delay: timer.call_later(delay, print))
    observed["plain_not_callable"] = fut_outcome_of_call(lambda: txaio.call_later(1, "print"))
    observed["batched_not_callable"] = fut_outcome_of_call(lambda: timer.call_later(1, "print"))
    fired: list[str] = []
    observed["batched_negative"] = fut_outcome_of_call(lambda: timer.call_later(-0.003, fired.append, "ran") and None)
    driver.settle(0.5)
    observed["batched_negative_ran"] = fired
    return observed


@scenario(*SELECTED)
def fut_batched_base_exception(driver: Any) -> Any:
    import asyncio

    reported, stop = fut_unhandled_reports(driver)
    ran: list[str] = []
    escaped: list[str] = []

    def cancelled() -> None:
        raise asyncio.CancelledError("from a batched call")

    timer = txaio.make_batched_timer(0.2)
    timer.call_later(0.1, ran.append, "before")
    timer.call_later(0.1, cancelled)
    timer.call_later(0.1, ran.append, "after")
    for _ in range(10):
        try:
            driver.settle(0.05)
        except BaseException as exc:  # observing what escapes into the loop
            escaped.append(type(exc).__name__)
    stop()
    return {
        "others_ran": sorted(ran),
        "reported": any("CancelledError" in text for text in reported),
        "escaped": escaped,
    }


@scenario(*SELECTED)
def fut_batched_chunk_spacing(driver: Any) -> Any:
    timer = txaio.make_batched_timer(1.0, chunk_size=2)
    fired: list[float] = []
    for _ in range(7):
        timer.call_later(2.5, lambda: fired.append(driver.now()))
    for _ in range(100):
        driver.settle(0.05)
    spread = round(max(fired) - min(fired), 1) if fired else None
    return {"fired": len(fired), "chunks_spread_over_seconds": spread}


@scenario(*SELECTED)
def fut_config_loop_after_first_use(driver: Any) -> Any:
    configured = txaio.config.loop
    txaio.config.loop = None
    try:
        before = txaio.config.loop is None
        handle = txaio.call_later(100, print)
        after = txaio.config.loop is None
        handle.cancel()
    finally:
        txaio.config.loop = configured
    return {"none_before": before, "none_after_call_later": after}


# ----------------------------------------------------- issue 17 (typing)


@scenario("unselected")
def signatures_before_selection(driver: Any) -> Any:
    """What help() and inspect.signature show of each name before a framework is selected."""
    unhelpful = []  # shown as (*args, **kwargs), or without a docstring
    for name in ALL_26_6_1:
        value = getattr(txaio, name)
        if not callable(value) or isinstance(value, type):
            continue
        try:
            parameters = inspect.signature(value).parameters.values()
        except (TypeError, ValueError):
            continue
        only_varargs = bool(parameters) and all(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters)
        if only_varargs or not (value.__doc__ or "").strip():
            unhelpful.append(name)
    return {
        "args_kwargs_or_undocumented": sorted(unhelpful),
        "create_future": describe_signature(txaio.create_future),
        "still_raises": raised(lambda: txaio.create_future(result=1)),
    }


# ------------------------------------------------------ issues 13, 14 (log)


def collect_texts(framework: str) -> tuple[list[str], Callable[[], None]]:
    """Texts of messages starting with "~" as the framework's own logging renders them.

    asyncio: a root stdlib handler's ``getMessage()``; Twisted: ``formatEvent``
    in an observer of the global publisher.  Returns them and how to stop.
    """
    texts: list[str] = []
    if framework == "asyncio":
        import logging as stdlib_logging

        class Collect(stdlib_logging.Handler):
            def emit(self, record: stdlib_logging.LogRecord) -> None:
                text = record.getMessage()
                if text.startswith("~"):
                    texts.append(f"{record.levelname} {text}")

        handler = Collect()
        stdlib_logging.getLogger().addHandler(handler)
        return texts, lambda: stdlib_logging.getLogger().removeHandler(handler)
    from twisted.logger import formatEvent, globalLogPublisher

    def observer(event: dict[str, Any]) -> None:
        text = formatEvent(event)
        if text.startswith("~"):
            texts.append(f"{event['log_level'].name.upper()} {text}")

    globalLogPublisher.addObserver(observer)
    return texts, lambda: globalLogPublisher.removeObserver(observer)


@scenario(*SELECTED)
def log_call_keywords(driver: Any) -> Any:
    """``format=``, event keys named like parameters, re-emitted events, braces, trace, failures.

    Each observation is what one call logged (its texts), or what it raised.
    """
    texts, stop = collect_texts(driver.framework)
    log = txaio.make_logger()

    def said(call: Callable[[], Any]) -> Any:
        before = len(texts)
        outcome = raised(call)
        if outcome is not None:
            return outcome
        return [re.sub(r"0x[0-9a-fA-F]+", "<address>", text).split("\n")[0] for text in texts[before:]]

    def fail() -> None:
        try:
            raise ValueError("bad request")
        except ValueError:
            log.failure("~request failed: {log_failure}")

    event = {"log_format": "~re-emitted {peer}", "peer": "w1", "log_namespace": "elsewhere"}
    observed: dict[str, Any] = {}
    try:
        observed["format_keyword"] = said(lambda: log.info(format="~client {peer} connected", peer="p"))
        observed["emit_format_and_message"] = said(lambda: log.emit("info", format="~emitted {message}", message="m"))
        observed["emit_event"] = said(lambda: log.emit("warn", **event))
        observed["escaped_braces"] = said(lambda: log.info("~{{x}} stays a format"))
        observed["braces_without_keywords"] = said(lambda: log.critical("~KeyError: 'b' in {'a': 1}"))
        txaio.set_global_log_level("trace")
        observed["trace"] = said(lambda: log.trace("~trace {txaio_trace}"))
        txaio.set_global_log_level("info")
        failure = said(fail)
        observed["failure_call"] = failure if isinstance(failure, str) else "logged"
        observed["failure_shows_the_error"] = isinstance(failure, list) and any("bad request" in t for t in failure)
        observed["failure_names_the_type"] = isinstance(failure, list) and any("ValueError" in t for t in failure)
        given = txaio.create_failure(ValueError("bad request"))
        observed["log_failure_key"] = said(lambda: log.error("~failed: {log_failure}", log_failure=given))
        bare = ValueError("bad request")
        observed["exception_as_log_failure_key"] = said(lambda: log.error("~failed: {log_failure}", log_failure=bare))
        observed["failure_that_is_none"] = said(lambda: log.failure("~failed: {log_failure}", failure="~as given"))
    finally:
        txaio.set_global_log_level("info")
        stop()
    return observed


@scenario("twisted")
def tx_logger_class_receives_every_message(driver: Any) -> Any:
    """``make_logger(level, logger=X)``: X's ``emit`` and ``failure`` get every message."""
    import twisted.logger

    tx = submodule("tx")
    observed: dict[str, Any] = {}
    published: list[dict[str, Any]] = []
    twisted.logger.globalLogPublisher.addObserver(published.append)

    class Overriding(twisted.logger.Logger):
        def emit(self, level: Any, format: Any = None, **kwargs: Any) -> None:
            calls.append(["emit", level.name, format, sorted(kwargs)])

    class Plain:
        def __init__(self, namespace: Any = None, observer: Any = None) -> None:
            self.namespace = namespace

        def emit(self, level: Any, format: Any = None, **kwargs: Any) -> None:
            calls.append(["emit", level.name, format, sorted(kwargs)])

        def failure(self, format: Any, failure: Any = None, **kwargs: Any) -> None:
            calls.append(["failure", format, sorted(k for k in kwargs if k != "failure")])

    try:
        for name, cls in (("subclass", Overriding), ("plain", Plain)):
            calls: list[Any] = []
            log = tx.make_logger("trace", logger=cls)
            log.info("~hello {who}", who="you")
            log.trace("~fine")
            log.emit("error", "~emitted")
            if name == "plain":
                try:
                    raise KeyError("k")
                except KeyError:
                    log.failure("~failed {n}", n=1)
            observed[name] = calls
        made = mock.Mock()
        log = tx.make_logger("debug", logger=made)
        log.info("~to the mock {x}", x=1)
        observed["mock_constructed_with"] = sorted(made.call_args.kwargs)
        emitted = made.return_value.emit.call_args_list
        observed["mock_emit"] = [[call.args[0].name, *call.args[1:], sorted(call.kwargs)] for call in emitted]
        observed["direct_construction"] = raised(lambda: tx.Logger("info"))
    finally:
        twisted.logger.globalLogPublisher.removeObserver(published.append)
    formats = [str(event.get("log_format")) for event in published]
    observed["bypassed_to_publisher"] = [fmt for fmt in formats if fmt.startswith("~")]
    return observed


@scenario("twisted")
def tx_event_keys(driver: Any) -> Any:
    """The keys of a txaio logger's Twisted events: Twisted's own, plus ``txaio_trace`` on trace."""
    import twisted.logger

    tx = submodule("tx")
    events: list[dict[str, Any]] = []
    log = tx.make_logger("trace", observer=events.append)
    log.info("x {a}", a=1)
    log.trace("trace {txaio_trace}")
    return {
        "info_keys": sorted(events[0]),
        "trace_keys": sorted(events[1]),
        "trace_level": events[1]["log_level"].name,
        "trace_formatted": twisted.logger.formatEvent(events[1]),
    }


@scenario(*SELECTED)
def bad_log_level_message(driver: Any) -> Any:
    try:
        txaio.start_logging(out=io.StringIO(), level="bogus")
    except Exception as exc:
        return {"raised": describe_exception(exc), "prefix": str(exc).split(" '")[0]}
    return "accepted"


@scenario("unselected")
def start_logging_before_selection(driver: Any) -> Any:
    return {
        "no_arguments": raised(txaio.start_logging),
        "with_out": raised(lambda: txaio.start_logging(out=io.StringIO(), level="info")),
    }


#: A child's preamble: select the framework given as argv[1]; ``report`` writes to the real stdout.
CHILD_PRELUDE = """
import io, re, sys
import txaio
getattr(txaio, "use_" + sys.argv[1])()
log = txaio.make_logger()

def report(*parts):
    sys.__stdout__.write(" ".join(map(str, parts)) + "\\n")
    sys.__stdout__.flush()
"""


def run_child(framework: str, body: str) -> dict[str, Any]:
    """Run ``body`` in a fresh interpreter (``start_logging`` acts once per process)."""
    import subprocess

    completed = subprocess.run(
        [sys.executable, "-c", CHILD_PRELUDE + body, framework],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return {
        "exit": completed.returncode,
        "stdout": [re.sub(r"0x[0-9a-fA-F]+", "<address>", line) for line in completed.stdout.splitlines()],
        "stderr_empty": completed.stderr.strip() == "",
    }


@scenario(*SELECTED)
def start_logging_without_out(driver: Any) -> Any:
    """``start_logging(None, level)`` with the application's own sink: each line once."""
    from log_children import APP_SINK_THEN_START_LOGGING_WITHOUT_OUT

    return run_child(driver.framework, APP_SINK_THEN_START_LOGGING_WITHOUT_OUT)


@scenario(*SELECTED)
def start_logging_write_only_out(driver: Any) -> Any:
    """An ``out`` that has only ``write()``: what it is given, and the line's timestamp format."""
    return run_child(
        driver.framework,
        """
class WriteOnly:
    def __init__(self):
        self.data = []

    def write(self, data):
        self.data.append(data)

out = WriteOnly()
txaio.start_logging(out=out, level="info")
log.info("~write only {n}", n=1)
mine = [d for d in out.data if (b"~" if isinstance(d, bytes) else "~") in d]
report("types", sorted({type(d).__name__ for d in mine}))
text = mine[0].decode() if isinstance(mine[0], bytes) else mine[0]
stamp, _, message = text.partition(" ")
report("stamp", re.sub(r"\\d", "9", stamp))
report("message", message.strip())
""",
    )


# issue 29 (newcomer)
@scenario("twisted")
def start_logging_after_twisted_logging_began(driver: Any) -> Any:
    """``start_logging`` when Twisted's logging has begun already, as under trial."""
    return run_child(
        driver.framework,
        """
from twisted.logger import formatEvent, globalLogBeginner

seen = []
globalLogBeginner.beginLoggingTo([lambda event: seen.append(formatEvent(event))], redirectStandardIO=False)
out = io.StringIO()
txaio.start_logging(out=out, level="info")
log.info("~hello {n}", n=1)
print("~printed")
report("stdout_replaced", sys.stdout is not sys.__stdout__)
report("stderr_replaced", sys.stderr is not sys.__stderr__)
report("out", [line.split(" ", 1)[1] for line in out.getvalue().splitlines() if "~" in line])
report("app_warned_twice", any("primary log target selected twice" in text for text in seen))
report("app", [text for text in seen if "~" in text])
""",
    )


# issue 16 (contracts2)
@scenario("unselected")
def contracts_backend_module(driver: Any) -> Any:
    import importlib.util

    found = importlib.util.find_spec("txaio.backend") is not None
    names = sorted(
        name for name in ("Framework", "FrameworkApi", "require_core") if found and name in dir(submodule("backend"))
    )
    return {"public": found, "names": names}


# ----------------------------------------------------------------------- main


from sidebyside_reliability import register as _register_reliability  # noqa: E402 (after the registry)

_register_reliability(scenario, raised)


class _Mode:
    """What a mode selected, for the scenarios to use."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.module: Any = None
        self.framework = ""
        if mode in ("asyncio", "asyncio_bare"):
            txaio.use_asyncio()
        elif mode == "twisted":
            txaio.use_twisted()
        elif mode == "with_asyncio":
            self.module = submodule("with_asyncio")
        elif mode == "with_twisted":
            self.module = submodule("with_twisted")
        elif mode == "use_framework_aio":
            txaio._use_framework(submodule("aio"))
        elif mode == "use_framework_tx":
            txaio._use_framework(submodule("tx"))
        # asyncio_bare selects asyncio but gives its scenarios no loop at all.
        if mode in ("asyncio", "with_asyncio", "use_framework_aio"):
            self.framework = "asyncio"
        elif mode in ("twisted", "with_twisted", "use_framework_tx"):
            self.framework = "twisted"

    def driver(self) -> Any:
        if not self.framework:
            return self
        driver = Driver(self.framework)
        driver.module = self.module
        return driver


def run(mode: str) -> Observations:
    """Every scenario of ``mode``, by name: its observation or how it broke."""
    selected = _Mode(mode)
    observations: Observations = {}
    for name, modes, fn in _SCENARIOS:
        if mode not in modes:
            continue
        driver = selected.driver()
        try:
            observations[name] = fn(driver)
        except Exception as exc:
            observations[name] = {
                "scenario crashed": f"{type(exc).__name__}: {exc}",
                "where": traceback.format_exc().splitlines()[-3:],
            }
        finally:
            loop = getattr(driver, "loop", None)
            if loop is not None and not loop.is_closed():
                loop.close()
    return observations


@contextlib.contextmanager
def quiet_stdout() -> Iterator[io.StringIO]:
    """Keep anything the scenarios print off the JSON channel."""
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        yield captured


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in MODES:
        print(f"usage: {argv[0]} {{{'|'.join(MODES)}}}", file=sys.stderr)
        return 2
    real_stdout = sys.stdout
    with quiet_stdout():
        observations = run(argv[1])
    json.dump(observations, real_stdout, indent=1, sort_keys=True, default=repr)
    real_stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
