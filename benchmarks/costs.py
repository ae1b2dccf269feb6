"""Where the cost over the raw framework lies, for an operation that misses its target.

Each line was found by profiling the case (``profile_case.py``, and by
counting instructions with callgrind) and says what is left once everything
of ours that could go has gone: a frame the framework forces, an argument
copy the API's signature needs.  The report prints a line only when its
operation misses its target in that run.
"""

from __future__ import annotations

from report import Miss

#: (case, column) -> why; a column of "*" applies to every column.
WHERE: dict[tuple[str, str], str] = {}


def notes(missed: list[Miss]) -> list[str]:
    """One line per miss, with its floor (what any Python layer pays) and the known reason."""
    lines = []
    for miss in missed:
        why = WHERE.get((miss.case, miss.column)) or WHERE.get((miss.case, "*"))
        floor = "" if miss.floor is None else f", floor {miss.floor:.2f}"
        lines.append(
            f"{miss.case} on {miss.column} ({miss.ratio:.2f}{floor}): {why or 'not explained yet: profile it'}"
        )
    return lines
