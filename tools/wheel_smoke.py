"""Use the installed wheels as a user would: ``python -I tools/wheel_smoke.py CHECK``.

A process selects one framework for good, so each check runs in a process of its own:
``asyncio`` and ``twisted`` use their framework; ``no-twisted`` (a venv of txaio-asyncio alone)
finds Twisted absent and ``use_twisted()`` failing with an error that says what to install.
Run with ``-I``, so the repository's sources are not on ``sys.path``: what is imported is what
the wheels installed (checked too).
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path

import txaio


def installed_from_the_venv() -> None:
    prefix = Path(sys.prefix).resolve()
    for module in ("txaio", "txaio.backend", "txaio.log"):
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin is not None, module
        assert Path(spec.origin).resolve().is_relative_to(prefix), f"{module} comes from {spec.origin}, not the venv"


def on_asyncio() -> None:
    txaio.use_asyncio()
    log = txaio.make_logger()
    results: list[object] = []

    async def main() -> None:
        txaio.config.loop = asyncio.get_running_loop()
        future = txaio.create_future()
        txaio.add_callbacks(future, lambda value: results.append(value * 2), None)
        txaio.call_later(0.01, txaio.resolve, future, 21)
        await future
        await txaio.sleep(0.01)
        log.info("asyncio works: {results}", results=results)

    asyncio.run(main())
    assert results == [42], results


def on_twisted() -> None:
    from twisted.internet import task

    txaio.use_twisted()
    clock = task.Clock()
    txaio.config.loop = clock
    results: list[object] = []
    deferred = txaio.create_future()
    txaio.add_callbacks(deferred, lambda value: results.append(value * 2), None)
    txaio.call_later(1, txaio.resolve, deferred, 21)
    clock.advance(1)
    assert results == [42], results
    failed = txaio.create_future_error(RuntimeError("expected"))
    errors: list[str] = []
    txaio.add_callbacks(failed, None, lambda failure: errors.append(txaio.failure_message(failure)))
    assert errors and "expected" in errors[0], errors


def no_twisted() -> None:
    assert importlib.util.find_spec("twisted") is None, "the slim install brought Twisted"
    try:
        txaio.use_twisted()
    except Exception as exc:
        assert "txaio-twisted" in str(exc), f"use_twisted() without txaio-twisted: unclear error {exc!r}"
    else:
        raise AssertionError("use_twisted() succeeded without txaio-twisted")


CHECKS = {"asyncio": on_asyncio, "twisted": on_twisted, "no-twisted": no_twisted}

if __name__ == "__main__":
    check = sys.argv[1]
    installed_from_the_venv()
    CHECKS[check]()
    print(f"wheel smoke test ({check}): passed, txaio from {Path(txaio.__file__).parent}")
