"""The import case (``import txaio; txaio.use_asyncio()`` in a slim venv) and the start-up case (each framework).

Each run is a subprocess whose CPU time is read from outside; a bare ``python -c pass`` in the
same venv is timed alongside, so the figure net of interpreter start-up is what
txaio itself costs.  Ours and 26.6.1 alternate, so a busy moment hits both.

The start-up case runs ``import txaio; txaio.use_<framework>()`` for each
framework in the full venvs (the parts with Twisted, 26.6.1 with Twisted):
the wall time a command-line tool built on txaio pays at every start, as the
median of fresh processes, and with ``--count`` its instructions (callgrind).
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import instructions

STATEMENT = "import txaio; txaio.use_asyncio()"


@dataclass
class ImportFigures:
    """Median CPU time of the statement, of a bare interpreter, and their difference (ns)."""

    total_ns: float
    bare_ns: float

    @property
    def net_ns(self) -> float:
        return self.total_ns - self.bare_ns


def _children_cpu_ns() -> int:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return int((usage.ru_utime + usage.ru_stime) * 1e9)


def _run_once(python: Path, code: str) -> int:
    """CPU time (user + system) of one fresh interpreter running ``code``.

    CPU time rather than wall time: on a machine shared with other work, wall
    time mostly measures how long the process waited for a core.
    """
    # -I: no user site, no PYTHON* variables, no current directory on sys.path.
    start = _children_cpu_ns()
    subprocess.run([str(python), "-I", "-c", code], check=True)
    return _children_cpu_ns() - start


def measure(pythons: dict[str, Path], repetitions: int) -> dict[str, ImportFigures]:
    """Import figures for each labelled venv Python."""
    for python in pythons.values():
        _run_once(python, STATEMENT)  # warm the page cache and write the .pyc files
    totals: dict[str, list[int]] = {label: [] for label in pythons}
    bares: dict[str, list[int]] = {label: [] for label in pythons}
    for _ in range(repetitions):
        for label, python in pythons.items():
            totals[label].append(_run_once(python, STATEMENT))
            bares[label].append(_run_once(python, "pass"))
    return {
        label: ImportFigures(statistics.median(totals[label]), statistics.median(bares[label])) for label in pythons
    }


#: The start-up case: a fresh process that imports txaio and selects a framework (full venvs).
STARTUP = {"asyncio": "import txaio; txaio.use_asyncio()", "twisted": "import txaio; txaio.use_twisted()"}


@dataclass
class StartupFigures:
    """Median wall time of fresh processes running a statement, and of ``pass``; instructions if counted."""

    wall_ns: float
    bare_wall_ns: float
    instructions: int | None = None
    bare_instructions: int | None = None

    @property
    def net_wall_ns(self) -> float:
        return self.wall_ns - self.bare_wall_ns

    @property
    def net_instructions(self) -> int | None:
        if self.instructions is None or self.bare_instructions is None:
            return None
        return self.instructions - self.bare_instructions


def _wall_once(python: Path, code: str) -> int:
    """Wall time of one fresh interpreter running ``code``: what a command-line tool's user waits."""
    start = time.perf_counter_ns()
    subprocess.run([str(python), "-I", "-c", code], check=True)
    return time.perf_counter_ns() - start


def startup(
    pythons: dict[str, Path], frameworks: list[str], repetitions: int, count: bool
) -> dict[tuple[str, str], StartupFigures]:
    """Start-up figures per (label, framework); the labels alternate so a busy moment hits each."""
    for python in pythons.values():
        for framework in frameworks:
            _wall_once(python, STARTUP[framework])  # warm the page cache and write the .pyc files
    walls: dict[tuple[str, str], list[int]] = {(label, fw): [] for label in pythons for fw in [*frameworks, ""]}
    for _ in range(repetitions):
        for label, python in pythons.items():
            for framework in frameworks:
                walls[label, framework].append(_wall_once(python, STARTUP[framework]))
            walls[label, ""].append(_wall_once(python, "pass"))
    figures = {}
    for label, python in pythons.items():
        bare = statistics.median(walls[label, ""])
        bare_count = instructions.process_instructions(python, "pass") if count else None
        for framework in frameworks:
            total = instructions.process_instructions(python, STARTUP[framework]) if count else None
            figures[label, framework] = StartupFigures(
                statistics.median(walls[label, framework]), bare, total, bare_count
            )
    return figures
