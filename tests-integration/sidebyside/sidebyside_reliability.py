"""The side-by-side scenarios of issue 27 (no hang, no silent loss), registered by sidebyside_scenarios.py.

Kept in a module of their own so that other work on the scenarios does not
collide with them; :func:`register` receives the registry's helpers.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import txaio


class _Count:
    """A whole number that is not an int (as numpy.int64 is)."""

    def __index__(self) -> int:
        return 10


class _Seconds:
    """A real number that is neither int nor float (as numpy.float32 is)."""

    def __float__(self) -> float:
        return 0.05


numbers.Real.register(_Seconds)


def register(scenario: Callable[..., Any], raised: Callable[[Callable[[], Any]], Any]) -> None:
    """Register this module's scenarios with ``scenario(*modes)``; ``raised`` describes an exception."""

    @scenario("asyncio", "twisted")
    def reliab_numbers(driver: Any) -> Any:
        observed: dict[str, Any] = {}

        def fires(start: Callable[[Callable[..., None]], Any]) -> Any:
            seen: list[str] = []
            outcome = raised(lambda: start(lambda *_: seen.append("fired")) and None)
            later = raised(lambda: driver.settle(1.2))  # 26.6.1 may fail inside the loop instead
            if outcome is None and later is not None:
                return f"later {later}"
            return outcome if outcome is not None else ("fired" if seen else "never")

        observed["batched_fraction_bucket"] = fires(
            lambda fire: txaio.make_batched_timer(Fraction(1, 20)).call_later(0.01, fire)
        )
        observed["batched_index_chunk"] = fires(
            lambda fire: txaio.make_batched_timer(0.05, chunk_size=_Count()).call_later(0.01, fire)
        )
        observed["call_later_real"] = fires(lambda fire: txaio.call_later(_Seconds(), fire))
        observed["call_later_decimal"] = fires(lambda fire: txaio.call_later(Decimal("0.05"), fire))
        observed["call_later_negative"] = fires(lambda fire: txaio.call_later(-0.003, fire))
        observed["sleep_negative"] = fires(lambda fire: txaio.add_callbacks(txaio.sleep(-1), fire, None))
        observed["sleep_nan"] = fires(lambda fire: txaio.add_callbacks(txaio.sleep(float("nan")), fire, None))
        observed["sleep_bool"] = fires(lambda fire: txaio.add_callbacks(txaio.sleep(True), fire, None))
        observed["batched_bool_bucket"] = raised(lambda: txaio.make_batched_timer(True) and "made")
        return observed

    @scenario("asyncio", "twisted")
    def reliab_canceller_raises(driver: Any) -> Any:
        def broken(future: Any) -> None:
            raise KeyError("the canceller broke")

        future = txaio.create_future(canceller=broken)
        cancelled = raised(lambda: txaio.cancel(future))
        return {"cancel": cancelled, "outcome": driver.outcome(future)}

    @scenario("asyncio", "twisted")
    def reliab_failure_chain(driver: Any) -> Any:
        def chained(suppress: bool, explicit: bool) -> str:
            try:
                try:
                    raise KeyError("root")
                except KeyError as exc:
                    if suppress:
                        raise RuntimeError("outer") from None
                    if explicit:
                        raise RuntimeError("outer") from exc
                    raise RuntimeError("outer")  # noqa: B904
            except RuntimeError:
                text = txaio.failure_format_traceback(txaio.create_failure())
            return " / ".join(
                part for part in ("KeyError: 'root'", "direct cause", "During handling", "outer") if part in text
            )

        return {
            "cause": chained(False, True),
            "context": chained(False, False),
            "suppressed": chained(True, False),
        }

    @scenario("asyncio_bare")
    def reliab_loops(driver: Any) -> Any:
        import asyncio
        import warnings

        observed: dict[str, Any] = {}
        timer = txaio.make_batched_timer(0.05)  # before any loop runs

        async def main() -> Any:
            f = asyncio.get_running_loop().create_future()
            timer.call_later(0.01, f.set_result, "fired")
            try:
                return await asyncio.wait_for(f, 2)
            except TimeoutError:
                return "never"

        observed["batched_before_run"] = [raised(lambda: asyncio.run(main())), raised(lambda: asyncio.run(main()))]
        txaio.create_future()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            policy = asyncio.get_event_loop_policy()
        observed["current_loop_left_set"] = getattr(getattr(policy, "_local", None), "_loop", None) is not None
        closed = asyncio.new_event_loop()
        closed.close()
        api = txaio.with_config(loop=closed)
        observed["closed_create_future"] = raised(lambda: api.create_future() and "future")
        calls: list[str] = []

        async def body() -> None:
            pass

        def coroutine_function() -> Any:
            calls.append("called")  # a coroutine is made: it must then be awaited
            return body()

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # 26.6.1 leaves the coroutine never awaited
            observed["closed_as_future"] = raised(lambda: api.as_future(coroutine_function) and "future")
            observed["closed_as_future_made_a_coroutine"] = bool(calls)
            import gc

            gc.collect()
        return observed
