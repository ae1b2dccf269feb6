"""Where the cost over the raw framework lies, for an operation that misses its target.

Each line was found by profiling the case (``profile_case.py``, and by
counting instructions with callgrind) and says what is left once everything
of ours that could go has gone: a frame the framework forces, an argument
copy the API's signature needs.  The report prints a line only when its
operation misses its target in that run.
"""

from __future__ import annotations

#: (case, column) -> why; a column of "*" applies to every column.
WHERE: dict[tuple[str, str], str] = {}


def notes(missed: list[tuple[str, str, float]]) -> list[str]:
    """One line per missed (case, column, ratio), with the known reason or a prompt to profile it."""
    lines = []
    for case, column, ratio in missed:
        why = WHERE.get((case, column)) or WHERE.get((case, "*")) or "not explained yet: profile it (profile_case.py)"
        lines.append(f"{case} on {column} ({ratio:.2f}): {why}")
    return lines
