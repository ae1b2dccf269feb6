"""``hatch run bench`` runs: every column prints its table, and the summary names each miss's cost.

A smoke run (``--quick``, two cases, no import case), in a subprocess with a
timeout; figures are never asserted, only that the harness measured something.
"""

from __future__ import annotations

import re
import shutil
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
    # Which targets a loaded machine misses varies from run to run: whatever is noted, the note names
    # the case, the column, its ratio and its floor, then says where the cost is.
    notes = re.findall(r"^- (\w+) on (\w+) \((.*?)\): (.+)$", done.stdout, flags=re.M)
    for case, column, figures, why in notes:
        assert case in ("is_called", "future_cycle") and column in ("asyncio", "uvloop", "twisted"), notes
        assert re.fullmatch(r"\d+\.\d\d(, floor \d+\.\d\d)?", figures) and why.strip(), notes


def test_count_mode_says_clearly_when_valgrind_is_missing(tmp_path: Path) -> None:
    # A PATH with no valgrind on it: the bench stops at once and says what to install.
    command = [sys.executable, "benchmarks/run.py", "--count", "--quick", "--cases", "is_called"]
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "--count needs valgrind" in done.stderr
    assert "apt-get install valgrind" in done.stderr
    assert "Summary" not in done.stdout


def test_instructions_per_operation_are_the_difference_of_the_two_batches(tmp_path: Path) -> None:
    # The arithmetic of --count without valgrind: dumps 2 and 3 hold the batches of N and 2N.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import instructions
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = tmp_path / "callgrind.out"
    counter = instructions.Counter(out)
    counter._mark = lambda: setattr(counter, "marks", counter.marks + 1)  # type: ignore[method-assign]
    pending = counter.per_op(lambda n: n, 1000)
    for number, total in ((1, 5_000_000), (2, 1_250_000), (3, 2_450_000)):
        out.with_name(f"callgrind.out.{number}").write_text(f"events: Ir\nsummary: {total}\ntotals: {total}\n")
    figures = counter.resolve({"case": "x", "pending": {"txaio": pending, "raw": pending}})
    assert figures["txaio_ns"] == 1200.0  # (2.45M - 1.25M) / 1000
    assert figures["ratio"] == 1.0
    assert figures["floor_ns"] is None


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="--count needs valgrind (apt-get install valgrind)")
def test_count_mode_prints_instructions_per_operation() -> None:
    command = [sys.executable, "benchmarks/run.py", "--count", "--no-import", "--framework", "asyncio"]
    command += ["--cases", "is_called"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^asyncio: txaio \S+ on \S+, Python \S+, instructions \(callgrind\)", done.stdout, flags=re.M)
    assert re.search(r"^case +txaio Ir/op +raw Ir/op", done.stdout, flags=re.M), done.stdout
    assert re.search(r"^is_called +\d+ +\d+ +\d+\.\d\d +\d+\.\d\d", done.stdout, flags=re.M), done.stdout
