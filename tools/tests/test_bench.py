"""``hatch run bench`` runs: every column prints its table, and the summary names each miss's cost.

A smoke run (``--quick``, two cases, no import case), in a subprocess with a
timeout; figures are never asserted, only that the harness measured something.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_a_quick_run_prints_every_column_and_the_summary() -> None:
    pytest.importorskip("uvloop")
    command = [sys.executable, "benchmarks/run.py", "--quick", "--no-import", "--cases", "is_called,future_cycle"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    for column in ("asyncio", "uvloop", "twisted"):
        assert re.search(rf"^{column}: txaio \S+ on \S+", done.stdout, flags=re.M), done.stdout
    assert re.search(r"^is_called +\d+ ns +\d+ ns +\d+\.\d\d +\d+\.\d\d", done.stdout, flags=re.M), done.stdout
    assert "Summary: txaio/raw per operation" in done.stdout
    # is_called misses its 1.15 in pure Python on every framework: the note says why, with its floor.
    assert re.search(r"^- is_called on twisted \(\d+\.\d\d, floor \d+\.\d\d\): one Python call", done.stdout, re.M)
