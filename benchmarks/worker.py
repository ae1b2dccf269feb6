"""One framework, one process: select it, run every case, write the figures as JSON.

txaio's framework selection is one-way per process, so ``run.py`` starts this
script once per framework (and once more per framework in the txaio 26.6.1
venv for ``--against``).  Results go to a file, not stdout: Twisted's
``start_logging`` takes stdout over.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import traceback
from pathlib import Path

from _common import Case
from _timing import calibrate, compare, time_batch, use_cpu_clock
from columns import COLUMNS, ColumnUnavailable, new_loop_factory
from instructions import Counter

#: The exit status of a worker whose column cannot run in its interpreter (uvloop missing).
UNAVAILABLE = 3

#: (ns per batch to aim for, repetitions): default and --quick.
SETTINGS = {False: (15_000_000, 9), True: (2_000_000, 3)}


def _txaio_version(txaio: object) -> str:
    try:
        return str(txaio.__version__)  # type: ignore[attr-defined]
    except Exception:
        return "unknown"


def _loop_name(txaio: object) -> str:
    """What the cases ran on: the event loop's class, or the reactor's."""
    loop = txaio.config.loop  # type: ignore[attr-defined]
    return f"{type(loop).__module__}.{type(loop).__qualname__}"


def measure(case: Case, target_ns: int, repetitions: int, txaio_only: bool) -> dict[str, object]:
    """Calibrate on the raw side (both sides then run the same batch size), then compare."""
    raw = None if txaio_only else case.raw
    n = calibrate(raw or case.ours, case.start, target_ns, case.cap)
    if raw is not None:
        time_batch(case.ours, case.start)  # warm the txaio side up as calibration warmed the raw one
    floor = None if txaio_only else case.floor
    if floor is not None:
        time_batch(floor, case.start)
    figures = compare(case.ours, raw, n, repetitions, floor)
    return {
        "case": case.name,
        "txaio_ns": figures.ours.ns_per_op,
        "raw_ns": None if figures.raw is None else figures.raw.ns_per_op,
        "ratio": figures.ratio,
        "floor_ns": None if figures.floor is None else figures.floor.ns_per_op,
        "floor_ratio": figures.floor_ratio,
        "ops_per_batch": figures.ours.ops_per_batch,
        "repetitions": repetitions,
    }


#: The largest warm-up batch when counting: the batched-timer cases of 10k timers share their code with the 1k one.
COUNT_WARM_UP = 1_000
#: Cases counted only when named in --cases: past 10k timers a batched timer does the same per timer (the
#: growth is in time, not instructions), at a cost of minutes under callgrind.
COUNT_ONLY_WHEN_NAMED = ("batched_cancel_100k", "batched_fire_100k")


def count(case: Case, counter: Counter, txaio_only: bool) -> dict[str, object]:
    """Instructions per operation of each side, (I(2N) - I(N)) / N, read once the worker is done.

    N is the case's smallest batch; every side runs one batch first to warm up
    (Python's specialising interpreter, caches, lazy imports).
    """
    sides = {"txaio": case.ours, "raw": None if txaio_only else case.raw, "floor": None if txaio_only else case.floor}
    n = case.start
    pending = {}
    for side, batch in sides.items():
        if batch is not None:
            batch(min(n, COUNT_WARM_UP))
            pending[side] = counter.per_op(batch, n)
    return {"case": case.name, "pending": pending}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--framework", choices=tuple(COLUMNS), required=True, help="the column: framework and loop")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--txaio-only", action="store_true", help="skip the raw side")
    parser.add_argument("--cases", default="", help="comma-separated case names (default: all)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    parser.add_argument(
        "--count", metavar="CALLGRIND_OUT", help="count instructions: this worker runs under callgrind writing there"
    )
    args = parser.parse_args(argv)
    if args.clock == "cpu":
        use_cpu_clock()
    counter = Counter(Path(args.count)) if args.count else None

    framework = COLUMNS[args.framework]
    try:
        loop_args = (new_loop_factory(args.framework),) if framework == "asyncio" else ()
    except ColumnUnavailable as exc:
        print(f"[bench] {args.framework}: {exc}", file=sys.stderr)
        return UNAVAILABLE

    import txaio

    getattr(txaio, f"use_{framework}")()
    cases_module = importlib.import_module(f"cases_{framework}")
    cases: list[Case] = cases_module.build(txaio, *loop_args)
    wanted = {name for name in args.cases.split(",") if name}
    target_ns, repetitions = SETTINGS[args.quick]
    results = []
    for case in cases:
        if wanted and case.name not in wanted:
            continue
        if counter is not None and not wanted and case.name in COUNT_ONLY_WHEN_NAMED:
            continue
        try:
            if counter is not None:
                results.append(count(case, counter, args.txaio_only))
            else:
                results.append(measure(case, target_ns, repetitions, args.txaio_only))
        except Exception as exc:  # one broken case must not hide the others' figures
            traceback.print_exc(file=sys.__stderr__)
            results.append({"case": case.name, "error": f"{type(exc).__name__}: {exc}"})
    if counter is not None:
        counter.check()
        results = [counter.resolve(result) for result in results]
    report = {
        "framework": args.framework,
        "txaio_version": _txaio_version(txaio),
        "python": platform.python_version(),
        "loop": _loop_name(txaio),
        "clock": "instructions" if counter is not None else args.clock,
        "results": results,
    }
    args.out.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception:
        # Twisted's start_logging may have taken sys.stderr over: write to the real one.
        traceback.print_exc(file=sys.__stderr__)
        sys.exit(1)
