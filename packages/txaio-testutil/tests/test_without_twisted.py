"""txaio-testutil installs, imports and runs on asyncio where Twisted is missing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

BLOCK_TWISTED_THEN_USE = textwrap.dedent(
    """
    import sys

    class NoTwisted:
        def find_spec(self, name, path=None, target=None):
            if name == "twisted" or name.startswith("twisted."):
                raise ImportError("Twisted is not installed here")
            return None

    sys.meta_path.insert(0, NoTwisted())

    import txaio.testutil
    import txaio.testutil.plugin
    from txaio.testutil import virtual_clock

    with virtual_clock("asyncio") as clock:
        seen = []
        clock.loop.call_later(2, seen.append, 1)
        clock.advance(2)
        assert seen == [1], seen
    try:
        with virtual_clock("twisted"):
            raise AssertionError("must not get here")
    except ImportError as exc:
        assert "pip install txaio-twisted" in str(exc), exc
    from txaio.testutil._support import support_for
    try:
        support_for("twisted")
        raise AssertionError("must not get here")
    except ImportError as exc:
        assert "pip install txaio-twisted" in str(exc), exc
    assert not any(name.split(".")[0] == "twisted" for name in sys.modules), "Twisted was imported"
    print("ok")
    """
)


def test_testutil_needs_no_twisted() -> None:
    done = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", BLOCK_TWISTED_THEN_USE],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_no_module_of_txaio_testutil_imports_twisted() -> None:
    # Only txaio-twisted imports Twisted; the Twisted clock ships there (txaio.tx._virtual_clock).
    import re
    from pathlib import Path

    import txaio.testutil

    source_dir = Path(txaio.testutil.__file__).parent
    importing = re.compile(r"^\s*(from|import)\s+twisted\b", re.MULTILINE)
    offenders = [path.name for path in source_dir.glob("*.py") if importing.search(path.read_text("utf-8"))]
    assert offenders == []
