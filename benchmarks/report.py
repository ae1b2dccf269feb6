"""Turning the workers' figures into tables: ratios, targets met or missed.

Targets are the issue's (ratio of txaio to the raw framework).  They are
printed, never asserted: a benchmark on a shared machine is evidence, not a test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from import_time import ImportFigures, StartupFigures

#: case -> largest acceptable txaio/raw ratio (issue 24: every operation within 1.3x of the raw
#: framework; is_called and call_later within 1.15x; a disabled log call at 0.6 of a disabled
#: stdlib call; batched timers at 100k no dearer than raw call_later+cancel).
TARGETS: dict[str, float] = {
    "future_cycle": 1.3,
    "as_future": 1.3,
    "is_called": 1.15,
    "call_later_cancel": 1.15,
    "log_disabled": 0.6,
    "batched_cancel_1k": 1.3,
    "batched_cancel_10k": 1.3,
    "batched_cancel_100k": 1.0,
}
#: Cost per timer of batched_cancel may grow at most this much from 1k to 100k timers.
FLAT_GROWTH = 1.3
GROWTH = "batched_cancel growth 1k->100k"

#: Rows of the summary table: (case, what it measures).
SUMMARY = (
    ("future_cycle", "future cycle (create, callback, resolve)"),
    ("as_future", "as_future of a plain function"),
    ("is_called", "is_called"),
    ("call_later_cancel", "call_later then cancel"),
    ("log_disabled", "a disabled log.debug against the stdlib's"),
    ("batched_cancel_1k", "batched timer, per timer, 1k"),
    ("batched_cancel_100k", "batched timer, per timer, 100k"),
    (GROWTH, "batched timer, growth of the per-timer cost 1k->100k"),
)


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


def format_count(count: float | None) -> str:
    """Instructions per operation: ``821``, ``16.3k``, ``1.25M``."""
    if count is None:
        return "-"
    if count >= 1_000_000:
        return f"{count / 1_000_000:.2f}M"
    if count >= 1_000:
        return f"{count / 1_000:.1f}k"
    return f"{count:.0f}"


def counts_instructions(figures: dict[str, Any]) -> bool:
    """True when a worker counted instructions (``--count``) rather than timed."""
    return figures.get("clock") == "instructions"


def _per_op(figures: dict[str, Any]) -> Callable[[float | None], str]:
    return format_count if counts_instructions(figures) else format_ns


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _fmt_ratio(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.2f}"


def _verdict(ratio: float | None, limit: float | None) -> str:
    if limit is None or ratio is None:
        return ""
    return f"<= {limit:g} {'met' if ratio <= limit else 'MISSED'}"


Comparison = tuple[str, dict[str, Any]]


def _by_case(figures: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["case"]: r for r in figures["results"] if "error" not in r}


def case_ratios(figures: dict[str, Any]) -> dict[str, float]:
    """txaio/raw per case, and the batched-timer growth (per-timer cost at 100k over 1k) under GROWTH."""
    by_case = _by_case(figures)
    ratios = {name: r["ratio"] for name, r in by_case.items() if r.get("ratio") is not None}
    small, large = by_case.get("batched_cancel_1k"), by_case.get("batched_cancel_100k")
    if small and large:
        growth = _ratio(large["txaio_ns"], small["txaio_ns"])
        if growth is not None:
            ratios[GROWTH] = growth
    return ratios


def _target(name: str) -> float | None:
    return FLAT_GROWTH if name == GROWTH else TARGETS.get(name)


def framework_rows(ours: dict[str, Any], others: list[Comparison]) -> tuple[list[str], list[Row]]:
    """Rows of one column: each case, then the batched-timer growth line.

    For each of ``others`` (the same cases on a txaio release, or on an earlier
    tree), ``ours/<label>`` divides the two txaio/raw ratios: each was measured
    against the raw framework in its own process, so the comparison holds even
    if the machine was busier during one of the two runs.  Counted in
    instructions (``--count``), which do not depend on the load, the table also
    gives the other's own count per operation, and ``ours/<label>`` divides the
    two counts.
    """
    counted = counts_instructions(ours)
    unit = "Ir/op" if counted else "ns/op"
    per_op = _per_op(ours)
    header = ["case", f"txaio {unit}", f"raw {unit}", "txaio/raw", "floor/raw", "target"]
    for label, _ in others:
        header += [f"{label} {unit}"] if counted else []
        header += [f"{label}/raw", f"ours/{label}"]
    their_ratios = [case_ratios(figures) for _, figures in others]
    their_counts = [{name: r["txaio_ns"] for name, r in _by_case(figures).items()} for _, figures in others]
    width = 3 if counted else 2
    rows = []
    for result in ours["results"]:
        name = result["case"]
        if "error" in result:
            rows.append(Row([name, "ERROR: " + result["error"], "", "", "", ""] + [""] * width * len(others)))
            continue
        ratio = result["ratio"]
        cells = [name, per_op(result["txaio_ns"]), per_op(result["raw_ns"]), _fmt_ratio(ratio)]
        cells.append(_fmt_ratio(result.get("floor_ratio")) if result.get("floor_ratio") is not None else "")
        cells.append(_verdict(ratio, TARGETS.get(name)))
        for ratios, counts in zip(their_ratios, their_counts, strict=True):
            if counted:
                cells += [per_op(counts.get(name)), _fmt_ratio(ratios.get(name))]
                cells.append(_fmt_ratio(_ratio(result["txaio_ns"], counts.get(name))))
            else:
                cells += [_fmt_ratio(ratios.get(name)), _fmt_ratio(_ratio(ratio, ratios.get(name)))]
        rows.append(Row(cells))
    by_case = _by_case(ours)
    growth = case_ratios(ours).get(GROWTH)
    if growth is not None:
        raw_growth = _ratio(by_case["batched_cancel_100k"]["raw_ns"], by_case["batched_cancel_1k"]["raw_ns"])
        cells = [GROWTH, f"{_fmt_ratio(growth)}x", f"{_fmt_ratio(raw_growth)}x", "", "", _verdict(growth, FLAT_GROWTH)]
        for ratios in their_ratios:
            cells += ([""] if counted else []) + [f"{_fmt_ratio(ratios.get(GROWTH))}x", ""]
        rows.append(Row(cells))
    return header, rows


def versus_rows(columns: dict[str, tuple[dict[str, Any], list[Comparison]]], label: str) -> tuple[list[str], list[Row]]:
    """Every case, one cell per column: ``ours / <label> (ours/<label>)`` per operation, as counted or timed."""
    header = ["case", *columns]
    ours_by_case = {column: _by_case(ours) for column, (ours, _) in columns.items()}
    theirs_by_case = {
        column: next((_by_case(figures) for other, figures in others if other == label), {})
        for column, (_, others) in columns.items()
    }
    names: list[str] = []
    for by_case in ours_by_case.values():
        names += [name for name in by_case if name not in names]
    rows = []
    for name in names:
        cells = [name]
        for column, (ours, _) in columns.items():
            mine, theirs = ours_by_case[column].get(name), theirs_by_case[column].get(name)
            if mine is None or theirs is None:
                cells.append("")
                continue
            per_op = _per_op(ours)
            ratio = _ratio(mine["txaio_ns"], theirs["txaio_ns"])
            cells.append(f"{per_op(mine['txaio_ns'])} / {per_op(theirs['txaio_ns'])} ({_fmt_ratio(ratio)}x)")
        rows.append(Row(cells))
    return header, rows


def summary_rows(columns: dict[str, tuple[dict[str, Any], list[Comparison]]]) -> tuple[list[str], list[Row]]:
    """One row per operation, one cell per column: ``ours (label: theirs, ...)``; misses flagged.

    This is the table of issue 24: txaio/raw per operation on each framework,
    with the same figure of each comparison run in brackets.
    """
    header = ["operation", "target", *columns]
    ours_ratios = {column: case_ratios(ours) for column, (ours, _) in columns.items()}
    their_ratios = {
        column: [(label, case_ratios(figures)) for label, figures in others] for column, (_, others) in columns.items()
    }
    rows = []
    for name, label in SUMMARY:
        if all(name not in ratios for ratios in ours_ratios.values()):
            continue  # a case this run left out
        limit = _target(name)
        cells = [label, f"<= {limit:g}" if limit is not None else ""]
        for column in columns:
            ratio = ours_ratios[column].get(name)
            text = _fmt_ratio(ratio)
            if ratio is not None and limit is not None and ratio > limit:
                text = f"**{text}**"
            theirs = [f"{other}: {_fmt_ratio(ratios.get(name))}" for other, ratios in their_ratios[column]]
            cells.append(f"{text} ({'; '.join(theirs)})" if theirs else text)
        rows.append(Row(cells))
    return header, rows


@dataclass
class Miss:
    """An operation over its target in one column: its txaio/raw, and its floor/raw where measured."""

    case: str
    column: str
    ratio: float
    floor: float | None


def missed(columns: dict[str, tuple[dict[str, Any], list[Comparison]]]) -> list[Miss]:
    """Every summary operation that misses its target, per column."""
    out = []
    for column, (ours, _) in columns.items():
        ratios = case_ratios(ours)
        by_case = _by_case(ours)
        for name, _ in SUMMARY:
            limit, ratio = _target(name), ratios.get(name)
            if limit is not None and ratio is not None and ratio > limit:
                out.append(Miss(name, column, ratio, by_case.get(name, {}).get("floor_ratio")))
    return out


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


def startup_rows(figures: dict[tuple[str, str], StartupFigures], baseline: str) -> tuple[list[str], list[Row]]:
    """Start-up per venv and framework: wall time (median), and instructions when counted; net of ``pass``."""
    counted = any(fig.instructions is not None for fig in figures.values())
    header = ["import txaio; txaio.use_<framework>()", "framework", "wall", "net of bare", f"net vs {baseline}"]
    header += ["instructions", "net of bare", f"net vs {baseline}"] if counted else []
    rows = []
    for (label, framework), fig in figures.items():
        base = figures.get((baseline, framework))
        cells = [label, framework, format_ns(fig.wall_ns), format_ns(fig.net_wall_ns)]
        ratio = None if base is None or label == baseline else _ratio(fig.net_wall_ns, base.net_wall_ns)
        cells.append("" if ratio is None else f"{_fmt_ratio(ratio)} ({_verdict(ratio, 1.0)})")
        if counted:
            cells += [format_count(fig.instructions), format_count(fig.net_instructions)]
            ratio = None if base is None or label == baseline else _ratio(fig.net_instructions, base.net_instructions)
            cells.append("" if ratio is None else f"{_fmt_ratio(ratio)} ({_verdict(ratio, 1.0)})")
        rows.append(Row(cells))
    return header, rows
