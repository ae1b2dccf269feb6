"""Profile one case's txaio side with cProfile: where does the time over raw go?

    hatch run python benchmarks/profile_case.py asyncio future_cycle [--ops 200000] [--raw]

cProfile inflates every Python call by about the same amount, so read it for
which functions run per operation and their share, not for absolute ns.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import pstats
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("framework", choices=("asyncio", "twisted"))
    parser.add_argument("case")
    parser.add_argument("--ops", type=int, default=100_000)
    parser.add_argument("--raw", action="store_true", help="profile the raw side instead")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)

    import txaio

    getattr(txaio, f"use_{args.framework}")()
    cases = {case.name: case for case in importlib.import_module(f"cases_{args.framework}").build(txaio)}
    if args.case not in cases:
        print(f"no case {args.case!r}; cases: {', '.join(cases)}", file=sys.__stderr__)
        return 2
    case = cases[args.case]
    batch = case.raw if args.raw else case.ours
    assert batch is not None
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
