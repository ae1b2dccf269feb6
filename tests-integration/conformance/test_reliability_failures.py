"""A failure renders the whole exception chain, as Python prints it, the same on every framework.

``raise ... from ...`` (the cause), an exception raised while handling
another (the context) and ``raise ... from None`` (context suppressed) are
shown by ``failure_format_traceback()`` and by a logged failure exactly as
Python's own ``traceback.format_exception`` shows them: the root cause is
never lost from a log.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Any

import pytest

import txaio

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reliability_child import clean_run, run_child


def with_cause() -> None:
    try:
        raise KeyError("root")
    except KeyError as exc:
        raise RuntimeError("outer") from exc


def with_context() -> None:
    try:
        raise KeyError("root")
    except KeyError:
        raise RuntimeError("outer")  # noqa: B904 (the implicit context is what is tested)


def with_context_suppressed() -> None:
    try:
        raise KeyError("root")
    except KeyError:
        raise RuntimeError("outer") from None


def nested_three_deep() -> None:
    try:
        with_cause()
    except RuntimeError as exc:
        raise ValueError("top") from exc


CHAINS = {
    "cause": (with_cause, ["KeyError: 'root'", "direct cause", "RuntimeError: outer"]),
    "context": (with_context, ["KeyError: 'root'", "During handling", "RuntimeError: outer"]),
    "suppressed": (with_context_suppressed, ["RuntimeError: outer"]),
    "three deep": (nested_three_deep, ["KeyError: 'root'", "RuntimeError: outer", "ValueError: top"]),
}


def caught(raiser: Any) -> BaseException:
    try:
        raiser()
    except Exception as exc:
        return exc
    raise AssertionError("it did not raise")


def in_order(text: str, parts: list[str]) -> bool:
    positions = [text.find(part) for part in parts]
    return -1 not in positions and positions == sorted(positions)


@pytest.mark.parametrize("chain", list(CHAINS))
def test_failure_format_traceback_shows_the_chain_as_python_does(txaio_framework: str, chain: str) -> None:
    raiser, parts = CHAINS[chain]
    try:
        raiser()
    except Exception as exc:
        fail = txaio.create_failure()
        expected = "".join(traceback.format_exception(exc))
    text = txaio.failure_format_traceback(fail)
    assert in_order(text, parts), text
    if chain == "suppressed":
        assert "root" not in text
    assert text == expected


@pytest.mark.parametrize("chain", list(CHAINS))
def test_a_failure_an_errback_receives_shows_the_chain(txaio_framework: str, txaio_clock: Any, chain: str) -> None:
    raiser, parts = CHAINS[chain]
    future = txaio.create_future()
    seen: list[str] = []
    txaio.add_callbacks(future, None, lambda fail: seen.append(txaio.failure_format_traceback(fail)))
    txaio.reject(future, caught(raiser))
    txaio_clock.advance()
    (text,) = seen
    assert in_order(text, parts), text


@pytest.mark.parametrize("chain", ["cause", "context", "three deep"])
def test_a_logged_failure_shows_the_chain(txaio_framework: str, request: Any, chain: str) -> None:
    body = f"""
    import io
    def with_cause():
        try:
            raise KeyError("root")
        except KeyError as exc:
            raise RuntimeError("outer") from exc
    def with_context():
        try:
            raise KeyError("root")
        except KeyError:
            raise RuntimeError("outer")
    def nested_three_deep():
        try:
            with_cause()
        except RuntimeError as exc:
            raise ValueError("top") from exc
    out = io.StringIO()
    txaio.start_logging(out=out, level="info")
    log = txaio.make_logger()
    try:
        {CHAINS[chain][0].__name__}()
    except Exception:
        log.failure("it failed")
    text = out.getvalue()
    report(*[text.find(part) for part in {CHAINS[chain][1]!r}])
    """
    lines = clean_run(run_child(txaio_framework, body, request.config))
    positions = [int(n) for n in lines[-1].split()]
    assert -1 not in positions and positions == sorted(positions), lines
