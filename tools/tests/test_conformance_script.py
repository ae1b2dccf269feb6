"""``tools/conformance``: the suite on asyncio's own loop, then on uvloop (each time also with Twisted on asyncio's
reactor); without uvloop, a note or (CI) a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "conformance"
#: One quick test of the suite, enough to see each pass run.
ONE_TEST = ("-k", "test_exactly_the_selected_framework_is_flagged")

PYTHON_WITHOUT_UVLOOP = f"""#!/bin/sh
# This Python, except that uvloop cannot be imported.
if [ "$1" = "-c" ] && [ "$2" = "import uvloop" ]; then exit 1; fi
exec {sys.executable} "$@"
"""


def run(required: str | None, without_uvloop: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "TXAIO_REQUIRED_TOOLS"}
    environment["PATH"] = (
        os.pathsep.join(str(folder) for folder in (without_uvloop, Path(sys.executable).parent) if folder is not None)
        + os.pathsep
        + environment.get("PATH", "")
    )
    if required is not None:
        environment["TXAIO_REQUIRED_TOOLS"] = required
    command = ["bash", str(SCRIPT), *ONE_TEST]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def without_uvloop(tmp_path: Path) -> Path:
    (tmp_path / "python").write_text(PYTHON_WITHOUT_UVLOOP)
    (tmp_path / "python").chmod(0o755)
    return tmp_path


def test_the_suite_runs_on_asyncio_s_loop_then_on_uvloop() -> None:
    pytest.importorskip("uvloop")
    done = run(None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "=== conformance: asyncio's own event loop, Twisted" in done.stdout
    assert "=== conformance: asyncio on uvloop" in done.stdout
    passes = 2
    if "=== conformance: Twisted on asyncio's reactor\n" in done.stdout:  # with Twisted: on asyncio's reactor too
        assert "=== conformance: Twisted on asyncio's reactor, on uvloop" in done.stdout
        passes = 4
    assert done.stdout.count(" passed") == passes


def test_without_uvloop_the_second_pass_is_skipped_with_a_note(without_uvloop: Path) -> None:
    done = run(None, without_uvloop)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "note: uvloop is not installed here: the conformance suite did not run on uvloop" in done.stdout
    assert "asyncio on uvloop" not in done.stdout


def test_without_uvloop_where_it_is_required_the_run_fails(without_uvloop: Path) -> None:
    done = run("Cython, uvloop", without_uvloop)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "error: uvloop is not installed, and TXAIO_REQUIRED_TOOLS says this environment must have it" in done.stderr
