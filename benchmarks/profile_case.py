"""Profile one case's txaio side with cProfile: where does the time over raw go?

    hatch run python benchmarks/profile_case.py asyncio future_cycle [--ops 200000] [--raw | --floor]
    (columns: asyncio, uvloop, twisted)

cProfile inflates every Python call by about the same amount, so read it for
which functions run per operation and their share, not for absolute ns.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import pstats
import sys

from columns import COLUMNS, new_loop_factory


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("column", choices=tuple(COLUMNS))
    parser.add_argument("case")
    parser.add_argument("--ops", type=int, default=100_000)
    side = parser.add_mutually_exclusive_group()
    side.add_argument("--raw", action="store_true", help="profile the raw side instead")
    side.add_argument("--floor", action="store_true", help="profile the floor side instead")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)

    framework = COLUMNS[args.column]
    loop_args = (new_loop_factory(args.column),) if framework == "asyncio" else ()

    import txaio

    getattr(txaio, f"use_{framework}")()
    cases = {case.name: case for case in importlib.import_module(f"cases_{framework}").build(txaio, *loop_args)}
    if args.case not in cases:
        print(f"no case {args.case!r}; cases: {', '.join(cases)}", file=sys.__stderr__)
        return 2
    case = cases[args.case]
    batch = case.raw if args.raw else case.floor if args.floor else case.ours
    if batch is None:
        print(f"case {args.case!r} has no such side", file=sys.__stderr__)
        return 2
    batch(case.start)  # warm up
    profiler = cProfile.Profile()
    profiler.enable()
    batch(max(case.start, args.ops))
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.__stdout__)
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
