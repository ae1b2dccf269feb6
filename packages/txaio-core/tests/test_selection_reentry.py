"""Selecting a framework re-entered on the same thread (a __del__ or a signal handler during the import).

Selection holds a re-entrant lock while it imports the backend; code run by
the import may select again.  Each case runs in a child interpreter with a
timeout: a deadlock fails instead of hanging.
"""

from __future__ import annotations

import textwrap

import pytest
from child import output_of

CHILD = """
import txaio
from txaio._core import selection

real_import = selection.import_backend

def reentering(name):
    selection.import_backend = real_import  # once
    try:
        selection.select(NESTED)  # what a __del__ run during the import might do
    except Exception as exc:
        print("nested raised", type(exc).__name__)
    return real_import(name)

selection.import_backend = reentering
try:
    txaio.use_asyncio()
except RuntimeError as exc:
    print("outer raised", "cannot switch" in str(exc))
print(txaio._explicit_framework, txaio.using_asyncio, txaio.using_twisted)
"""


def run(nested: str) -> list[str]:
    code = f"NESTED = {nested!r}\n" + textwrap.dedent(CHILD)
    return output_of(code, "selection deadlocked")


def test_the_same_framework_selected_inside_the_import_is_selected_once() -> None:
    pytest.importorskip("txaio.aio")
    assert run("asyncio") == ["asyncio True False"]


def test_another_framework_selected_inside_the_import_wins_and_the_outer_call_says_so() -> None:
    pytest.importorskip("txaio.aio")
    pytest.importorskip("txaio.tx")
    assert run("twisted") == ["outer raised True", "twisted False True"]
