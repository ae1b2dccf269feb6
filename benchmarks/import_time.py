"""The import case: ``import txaio; txaio.use_asyncio()`` in a fresh interpreter of a slim venv.

Each run is a subprocess whose CPU time is read from outside; a bare ``python -c pass`` in the
same venv is timed alongside, so the figure net of interpreter start-up is what
txaio itself costs.  Ours and 26.6.1 alternate, so a busy moment hits both.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

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
