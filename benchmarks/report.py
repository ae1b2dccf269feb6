"""Turning the workers' figures into tables: ratios, targets met or missed.

Targets are the issue's (ratio of txaio to the raw framework).  They are
printed, never asserted: a benchmark on a shared machine is evidence, not a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from import_time import ImportFigures

#: case -> largest acceptable txaio/raw ratio.  ``log_disabled``'s raw side is a disabled
#: stdlib logging call; the batched cases' raw side is the same number of plain
#: call_later+cancel, which a batched timer must beat.
TARGETS: dict[str, float] = {
    "future_cycle": 1.3,
    "as_future": 1.6,
    "is_called": 1.3,
    "call_later_cancel": 1.15,
    "log_disabled": 0.6,
    "batched_cancel_1k": 1.0,
    "batched_cancel_10k": 1.0,
    "batched_cancel_100k": 1.0,
}
#: Cost per timer of batched_cancel may grow at most this much from 1k to 100k timers.
FLAT_GROWTH = 1.3


@dataclass
class Row:
    cells: list[str]


def format_ns(ns: float | None) -> str:
    if ns is None:
        return "-"
    if ns >= 1_000_000:
        return f"{ns / 1_000_000:.2f} ms"
    if ns >= 10_000:
        return f"{ns / 1_000:.1f} us"
    if ns >= 1_000:
        return f"{ns / 1_000:.2f} us"
    return f"{ns:.0f} ns"


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _fmt_ratio(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.2f}"


def _verdict(ratio: float | None, limit: float | None, strict: bool = False) -> str:
    if limit is None or ratio is None:
        return ""
    ok = ratio < limit if strict else ratio <= limit
    sign = "<" if strict else "<="
    return f"{sign} {limit:g} {'met' if ok else 'MISSED'}"


def framework_rows(ours: dict[str, Any], theirs: dict[str, Any] | None) -> tuple[list[str], list[Row]]:
    """Rows of one framework: each case, then the batched-timer growth line.

    With ``theirs`` (the same cases on a txaio release), ``ours/<release>`` divides the two
    txaio/raw ratios: each was measured against the raw framework in its own process, so
    the comparison holds even if the machine was busier during one of the two runs.
    """
    header = ["case", "txaio ns/op", "raw ns/op", "txaio/raw", "target"]
    theirs_by_case: dict[str, dict[str, Any]] = {}
    if theirs is not None:
        version = theirs["txaio_version"]
        header += [f"{version}/raw", f"ours/{version}"]
        theirs_by_case = {r["case"]: r for r in theirs["results"] if "error" not in r}
    rows = []
    by_case = {}
    for result in ours["results"]:
        name = result["case"]
        by_case[name] = result
        if "error" in result:
            rows.append(Row([name, "ERROR: " + result["error"], "", "", ""] + (["", ""] if theirs else [])))
            continue
        ratio = result["ratio"]
        cells = [name, format_ns(result["txaio_ns"]), format_ns(result["raw_ns"]), _fmt_ratio(ratio)]
        cells.append(_verdict(ratio, TARGETS.get(name), strict=name.startswith("batched_cancel")))
        if theirs is not None:
            their_ratio = theirs_by_case.get(name, {}).get("ratio")
            cells += [_fmt_ratio(their_ratio), _fmt_ratio(_ratio(ratio, their_ratio))]
        rows.append(Row(cells))
    small, large = by_case.get("batched_cancel_1k"), by_case.get("batched_cancel_100k")
    if small and large and "error" not in small and "error" not in large:
        growth = _ratio(large["txaio_ns"], small["txaio_ns"])
        raw_growth = _ratio(large["raw_ns"], small["raw_ns"])
        cells = ["batched_cancel growth 1k->100k", f"{_fmt_ratio(growth)}x", f"{_fmt_ratio(raw_growth)}x", ""]
        cells.append(_verdict(growth, FLAT_GROWTH))
        if theirs is not None:
            a, b = theirs_by_case.get("batched_cancel_1k"), theirs_by_case.get("batched_cancel_100k")
            their_growth = _ratio(b["txaio_ns"], a["txaio_ns"]) if a and b else None
            cells += [f"{_fmt_ratio(their_growth)}x", ""]
        rows.append(Row(cells))
    return header, rows


def import_rows(figures: dict[str, ImportFigures], baseline: str) -> tuple[list[str], list[Row]]:
    header = ["import txaio; txaio.use_asyncio()", "total", "bare python", "net of bare", f"net vs {baseline}"]
    base = figures[baseline].net_ns
    rows = []
    for label, fig in figures.items():
        ratio = fig.net_ns / base if base > 0 else None
        verdict = "" if label == baseline else f"{_fmt_ratio(ratio)} ({_verdict(ratio, 1.0)})"
        rows.append(Row([label, format_ns(fig.total_ns), format_ns(fig.bare_ns), format_ns(fig.net_ns), verdict]))
    return header, rows


def render(header: Sequence[str], rows: Sequence[Row], markdown: bool) -> str:
    table = [list(header)] + [row.cells for row in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(row.cells) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in table]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
