"""Run a scenario in a child interpreter on one framework, under ``-X dev -W error``, with a timeout.

A regression that hangs (a deadlock, a timer that never fires) fails on the
timeout instead of hanging the suite; a fresh interpreter also means a fresh
framework selection, no loop made by an earlier test, and the warnings of
interpreter exit (an unclosed loop, a coroutine never awaited) on stderr.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

#: Seconds a child gets; each needs well under one when nothing hangs.
TIMEOUT = 120

PRELUDE = """
import importlib, sys, warnings
framework, loop_reference = sys.argv[1], sys.argv[2]
import txaio
getattr(txaio, "use_" + framework)()


def report(*parts):
    sys.__stdout__.write(" ".join(map(str, parts)) + "\\n")
    sys.__stdout__.flush()


def loop_factory():
    if not loop_reference:
        return None
    module, _, attribute = loop_reference.partition(":")
    return getattr(importlib.import_module(module), attribute)


def run(main):
    \"\"\"Run ``main()`` (async) to completion on the framework's loop, as an application does.\"\"\"
    if framework == "asyncio":
        import asyncio

        with asyncio.Runner(loop_factory=loop_factory()) as runner:
            return runner.run(main())
    from twisted.internet import defer, reactor

    outcome = []

    def start():
        d = defer.ensureDeferred(main())
        d.addBoth(outcome.append)
        d.addBoth(lambda _: reactor.stop())

    reactor.callWhenRunning(start)
    reactor.run()
    if hasattr(outcome[0], "raiseException"):
        outcome[0].raiseException()
    return outcome[0]
"""


def loop_reference(config: pytest.Config) -> str:
    """The ``module:factory`` of the asyncio loop this run of the suite uses ("" for asyncio's own)."""
    return str(config.getoption("txaio_asyncio_loop", None) or config.getini("txaio_asyncio_loop") or "")


def run_child(
    framework: str, body: str, config: pytest.Config, *, strict: bool = True, flags: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run ``body`` after :data:`PRELUDE`; ``strict`` adds ``-X dev -W error``.  A hang fails the test."""
    flags = (*flags, "-X", "dev", "-W", "error") if strict else flags
    code = PRELUDE + textwrap.dedent(body)
    try:
        return subprocess.run(
            [sys.executable, *flags, "-c", code, framework, loop_reference(config)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the child hung: {exc.stdout!r} {exc.stderr!r}")


def clean_run(child: subprocess.CompletedProcess[str]) -> list[str]:
    """The child's reported lines, after checking it exited 0 and wrote nothing to stderr."""
    assert child.returncode == 0, child.stderr
    assert child.stderr == "", child.stderr
    return child.stdout.splitlines()
