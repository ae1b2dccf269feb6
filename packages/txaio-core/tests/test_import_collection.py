"""``import txaio`` holds automatic garbage collection off while its modules load, and leaves it as it found it.

Each case imports txaio in a child interpreter (a fresh ``import txaio``), with a timeout.
"""

from __future__ import annotations

import gc
import textwrap

import pytest
from child import output_of

from txaio._core import hold_collection, release_collection

CHILD = """
import gc
import sys

if not START_ENABLED:
    gc.disable()
seen = {}

class Watch:
    # Notes the collection state as each module the facade imports is looked for; fails one if asked.
    def find_spec(self, name, path=None, target=None):
        if name.startswith("txaio") and name not in ("txaio", "txaio._core", "txaio._core.facade"):
            seen[name] = gc.isenabled()
        if FAIL and name == "txaio._core.selection":
            raise ImportError("a module of the facade cannot load")
        return None

sys.meta_path.insert(0, Watch())
try:
    import txaio
except ImportError as exc:
    print("raised", exc)
else:
    print("imported", txaio.__version__ == txaio.version)
print("during", len(seen) >= 2, sorted(set(seen.values())))
print("after", gc.isenabled())
"""


def run(*, start_enabled: bool, fail: bool) -> list[str]:
    code = f"START_ENABLED = {start_enabled!r}\nFAIL = {fail!r}\n" + textwrap.dedent(CHILD)
    return output_of(code, "import txaio hung")


def test_collection_is_held_off_while_txaio_imports_and_is_on_again_after() -> None:
    assert run(start_enabled=True, fail=False) == ["imported True", "during True [False]", "after True"]


def test_collection_the_program_turned_off_stays_off() -> None:
    assert run(start_enabled=False, fail=False) == ["imported True", "during True [False]", "after False"]


@pytest.mark.parametrize("start_enabled", [True, False])
def test_a_failing_import_leaves_collection_as_it_was(start_enabled: bool) -> None:
    assert run(start_enabled=start_enabled, fail=True) == [
        "raised a module of the facade cannot load",
        "during True [False]",
        f"after {start_enabled}",
    ]


def test_hold_and_release_restore_the_state_they_found() -> None:
    was = gc.isenabled()
    try:
        gc.enable()
        held = hold_collection()
        assert held is True
        assert not gc.isenabled()
        assert hold_collection() is False, "a nested hold leaves the release to the outer one"
        release_collection(False)
        assert not gc.isenabled()
        release_collection(held)
        assert gc.isenabled()
        gc.disable()
        held = hold_collection()
        assert held is False
        release_collection(held)
        assert not gc.isenabled(), "collection the program turned off is never turned on"
    finally:
        (gc.enable if was else gc.disable)()
