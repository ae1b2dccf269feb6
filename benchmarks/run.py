"""txaio against the raw framework, side by side: ``hatch run bench [--quick] [--against 26.6.1]``.

Each framework runs in its own subprocess (``worker.py``), because txaio's
framework selection is one-way per process.  ``--against VERSION`` runs the
txaio side once more on that release from PyPI, in a cached venv.  The import
case times fresh interpreters of slim venvs (see ``import_time.py``).
Figures are printed; nothing is asserted.  Exit status 1 only when a case
could not run at all.
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

import import_time
import report
import venvs

HERE = Path(__file__).resolve().parent

FRAMEWORKS = ("asyncio", "twisted")
#: The release the import case is compared with when --against is not given.
IMPORT_BASELINE = "26.6.1"


def run_worker(python: Path, framework: str, args: argparse.Namespace, txaio_only: bool) -> dict[str, object] | None:
    """Figures of one framework from one interpreter, or None (with its error shown) if it failed."""
    with tempfile.TemporaryDirectory(prefix="txaio-bench-") as tmp:
        out = Path(tmp) / "figures.json"
        command = [str(python), str(HERE / "worker.py"), "--framework", framework, "--out", str(out)]
        command += ["--quick"] if args.quick else []
        command += ["--txaio-only"] if txaio_only else []
        command += ["--cases", args.cases] if args.cases else []
        command += ["--clock", args.clock]
        completed = subprocess.run(command, stderr=subprocess.PIPE, text=True, check=False)
        if completed.returncode != 0 or not out.exists():
            print(f"[bench] {framework} worker ({python}) failed:\n{completed.stderr}", file=sys.stderr)
            return None
        if completed.stderr.strip():
            print(completed.stderr, file=sys.stderr, end="")
        figures: dict[str, object] = json.loads(out.read_text())
        return figures


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
    parser.add_argument("--against", metavar="VERSION", help="also run the txaio cases on txaio VERSION from PyPI")
    parser.add_argument("--framework", choices=(*FRAMEWORKS, "both"), default="both")
    parser.add_argument("--cases", default="", help="comma-separated case names, 'import' included (default: all)")
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="wall: perf_counter_ns (default); cpu: thread CPU time, steadier on a machine shared with other work",
    )
    parser.add_argument("--no-import", action="store_true", help="skip the import-time case")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    args = parser.parse_args(argv)

    started = time.monotonic()
    frameworks = FRAMEWORKS if args.framework == "both" else (args.framework,)
    wanted = [name for name in args.cases.split(",") if name]
    run_import = not args.no_import and (not wanted or "import" in wanted)
    args.cases = ",".join(name for name in wanted if name != "import")
    if wanted and not args.cases:
        frameworks = ()
    failed = False
    print(f"machine: {machine()}")
    print(f"command: {' '.join(['python benchmarks/run.py', *argv])}")
    try:
        their_python = venvs.released(args.against, with_twisted=True) if args.against and frameworks else None
    except subprocess.CalledProcessError as exc:
        print(f"[bench] could not prepare the txaio {args.against} venv: {exc}", file=sys.stderr)
        return 1
    for framework in frameworks:
        ours = run_worker(Path(sys.executable), framework, args, txaio_only=False)
        theirs = run_worker(their_python, framework, args, txaio_only=False) if their_python else None
        if ours is None or (their_python and theirs is None):
            failed = True
        if ours is None:
            continue
        failed = failed or any("error" in result for result in ours["results"])  # type: ignore[attr-defined]
        title = f"{framework}: txaio {ours['txaio_version']}, Python {ours['python']}, {args.clock} clock"
        print(f"\n**{title}**\n" if args.markdown else f"\n{title}")
        print(report.render(*report.framework_rows(ours, theirs), markdown=args.markdown))

    if run_import:
        baseline = args.against or IMPORT_BASELINE
        try:
            pythons = {"ours (slim)": venvs.slim_ours(), baseline: venvs.released(baseline, with_twisted=False)}
        except subprocess.CalledProcessError as exc:
            print(f"[bench] could not prepare the slim venvs: {exc}", file=sys.stderr)
            return 1
        figures = import_time.measure(pythons, repetitions=5 if args.quick else 15)
        title = f"import time (slim venvs; CPU time, median of {5 if args.quick else 15} fresh interpreters)"
        print(f"\n**{title}**\n" if args.markdown else f"\n{title}")
        print(report.render(*report.import_rows(figures, baseline), markdown=args.markdown))

    print(f"\n[bench] done in {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
