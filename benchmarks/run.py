"""txaio against the raw framework, side by side: ``hatch run bench [--quick] [--against 26.6.1] [--before REF]``.

Each column (asyncio, uvloop, Twisted) runs in its own subprocess
(``worker.py``), because txaio's framework selection is one-way per process.
``--against VERSION`` runs every case once more on that release from PyPI, and
``--before REF`` on this repository's parts as they were at a git commit, each
in a cached venv, so before and after are measured in one run; ``--compiled``
does the same with txaio-asyncio's hot modules compiled by mypyc (``compiled.py``).  The import
case times fresh interpreters of slim venvs (see ``import_time.py``).  Figures
are printed; nothing is asserted.  Exit status 1 only when a case could not
run at all.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import compiled
import costs
import import_time
import instructions
import report
import venvs
from columns import COLUMNS

HERE = Path(__file__).resolve().parent
#: A worker's exit status when its column cannot run in that interpreter (worker.UNAVAILABLE).
UNAVAILABLE = 3
#: The release the import case is compared with when --against is not given.
IMPORT_BASELINE = "26.6.1"


def run_worker(python: Path, framework: str, args: argparse.Namespace, txaio_only: bool) -> dict[str, Any] | None:
    """Figures of one column from one interpreter, or None (with its error shown) if it failed."""
    with tempfile.TemporaryDirectory(prefix="txaio-bench-") as tmp:
        out = Path(tmp) / "figures.json"
        command = [str(python), str(HERE / "worker.py"), "--framework", framework, "--out", str(out)]
        command += ["--quick"] if args.quick else []
        command += ["--txaio-only"] if txaio_only else []
        command += ["--cases", args.cases] if args.cases else []
        command += ["--clock", args.clock]
        env = None
        if args.count:
            callgrind_out = Path(tmp) / "callgrind.out"
            command = [*instructions.callgrind(callgrind_out, dumps=True), *command, "--count", str(callgrind_out)]
            env = instructions.count_env()
        completed = subprocess.run(command, stderr=subprocess.PIPE, text=True, check=False, env=env)
        if completed.returncode == UNAVAILABLE:
            raise ColumnSkipped(completed.stderr.strip())
        if completed.returncode != 0 or not out.exists():
            print(f"[bench] {framework} worker ({python}) failed:\n{completed.stderr}", file=sys.stderr)
            return None
        if completed.stderr.strip():
            print(completed.stderr, file=sys.stderr, end="")
        figures: dict[str, Any] = json.loads(out.read_text())
        return figures


class ColumnSkipped(Exception):
    """A column that cannot run in one of the interpreters (uvloop not installed there)."""


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()} ({platform.system()})"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke run: small batches, 3 repetitions")
    parser.add_argument("--against", metavar="VERSION", help="also run every case on txaio VERSION from PyPI")
    parser.add_argument(
        "--before", metavar="REF", help="also run every case on this repository's parts at git REF (before/after)"
    )
    parser.add_argument(
        "--compiled", action="store_true", help="also run every case with txaio-asyncio compiled by mypyc (issue 24)"
    )
    parser.add_argument(
        "--framework",
        default="all",
        help=f"comma-separated columns: {', '.join(COLUMNS)} (default: all; 'both' is asyncio,twisted)",
    )
    parser.add_argument("--cases", default="", help="comma-separated case names, 'import' included (default: all)")
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="wall: perf_counter_ns (default); cpu: thread CPU time, steadier on a machine shared with other work",
    )
    parser.add_argument(
        "--count",
        action="store_true",
        help="count instructions per operation with valgrind's callgrind, (I(2N) - I(N)) / N, instead of timing",
    )
    parser.add_argument("--no-import", action="store_true", help="skip the import-time and start-up cases")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    args = parser.parse_args(argv)

    started = time.monotonic()
    if args.count and instructions.valgrind() is None:
        print(f"[bench] {instructions.missing()}", file=sys.stderr)
        return 2
    columns = _columns(parser, args.framework)
    wanted = [name for name in args.cases.split(",") if name]
    run_import = not args.no_import and (not wanted or "import" in wanted)
    run_startup = not args.no_import and (not wanted or "startup" in wanted)
    args.cases = ",".join(name for name in wanted if name not in ("import", "startup"))
    if wanted and not args.cases:
        columns = []
    failed = False
    print(f"machine: {machine()}")
    print(f"command: {' '.join(['python benchmarks/run.py', *argv])}")
    try:
        others = _comparison_pythons(args) if columns else []
    except subprocess.CalledProcessError as exc:
        print(f"[bench] could not prepare a comparison venv: {exc}", file=sys.stderr)
        return 1
    try:
        our_python = venvs.ours() if columns else Path(sys.executable)
    except subprocess.CalledProcessError as exc:
        print(f"[bench] could not build this tree's venv: {exc}", file=sys.stderr)
        return 1
    results: dict[str, tuple[dict[str, Any], list[report.Comparison]]] = {}
    for column in columns:
        try:
            ours = run_worker(our_python, column, args, txaio_only=False)
            theirs = [(label, run_worker(python, column, args, txaio_only=False)) for label, python in others]
        except ColumnSkipped as exc:
            print(f"\n{column}: skipped ({exc})")
            continue
        failed = failed or ours is None or any(figures is None for _, figures in theirs)
        if ours is None:
            continue
        failed = failed or any("error" in result for result in ours["results"])
        compared = [(label, figures) for label, figures in theirs if figures is not None]
        results[column] = (ours, compared)
        loop = ours.get("loop", "?")
        measure = "instructions (callgrind)" if args.count else f"{args.clock} clock"
        title = f"{column}: txaio {ours['txaio_version']} on {loop}, Python {ours['python']}, {measure}"
        print(f"\n**{title}**\n" if args.markdown else f"\n{title}")
        print(report.render(*report.framework_rows(ours, compared), markdown=args.markdown))

    if results:
        print("\n**Summary: txaio/raw per operation**\n" if args.markdown else "\nSummary: txaio/raw per operation")
        print(report.render(*report.summary_rows(results), markdown=args.markdown))
        unit = "instructions" if args.count else f"{args.clock} clock"
        for label, _ in others:
            title = f"ours / {label} per operation ({unit})"
            print(f"\n**{title}**\n" if args.markdown else f"\n{title}")
            print(report.render(*report.versus_rows(results, label), markdown=args.markdown))
        notes = costs.notes(report.missed(results))
        if notes:
            print("\nWhere the rest of the cost is, for each operation over its target:")
            print("\n".join(f"- {line}" for line in notes))

    if run_import:
        baseline = args.against or IMPORT_BASELINE
        try:
            pythons = {"ours (slim)": venvs.slim_ours(), baseline: venvs.released(baseline, with_twisted=False)}
            if args.before:
                pythons["before (slim)"] = venvs.slim_tree(args.before)
            if args.compiled:
                pythons["mypyc (slim)"] = compiled.venv("slim")
        except subprocess.CalledProcessError as exc:
            print(f"[bench] could not prepare the slim venvs: {exc}", file=sys.stderr)
            return 1
        figures = import_time.measure(pythons, repetitions=5 if args.quick else 15)
        title = f"import time (slim venvs; CPU time, median of {5 if args.quick else 15} fresh interpreters)"
        print(f"\n**{title}**\n" if args.markdown else f"\n{title}")
        print(report.render(*report.import_rows(figures, baseline), markdown=args.markdown))
        if figures["ours (slim)"].net_ns > figures[baseline].net_ns:
            print(f"\nWhere the rest of the import time is: {costs.IMPORT}")

    if run_startup:
        baseline = args.against or IMPORT_BASELINE
        frameworks = sorted({COLUMNS[column] for column in columns} or {"asyncio", "twisted"})
        try:
            pythons = {"ours": venvs.ours(), baseline: venvs.released(baseline, with_twisted=True)}
            if args.before:
                pythons["before"] = venvs.tree(args.before)[1]
        except subprocess.CalledProcessError as exc:
            print(f"[bench] could not prepare the start-up venvs: {exc}", file=sys.stderr)
            return 1
        repetitions = 5 if args.quick else 21
        figures = import_time.startup(pythons, frameworks, repetitions, count=args.count)
        title = f"start-up (full venvs; wall time, median of {repetitions} fresh processes"
        title += "; instructions: callgrind, PYTHONHASHSEED=0)" if args.count else ")"
        print(f"\n**{title}**\n" if args.markdown else f"\n{title}")
        print(report.render(*report.startup_rows(figures, baseline), markdown=args.markdown))

    print(f"\n[bench] done in {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


def _columns(parser: argparse.ArgumentParser, spec: str) -> list[str]:
    if spec == "all":
        return list(COLUMNS)
    names = ["asyncio", "twisted"] if spec == "both" else [name for name in spec.split(",") if name]
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        parser.error(f"unknown column(s) {', '.join(unknown)}; choose from {', '.join(COLUMNS)}")
    return names


def _comparison_pythons(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """(label, interpreter) of each comparison run: a release from PyPI, an earlier tree, the mypyc build."""
    others = []
    if args.against:
        others.append((args.against, venvs.released(args.against, with_twisted=True)))
    if args.before:
        commit, python = venvs.tree(args.before)
        print(f"before: {args.before} = commit {commit}")
        others.append(("before", python))
    if args.compiled:
        others.append(("mypyc", compiled.venv()))
    return others


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
