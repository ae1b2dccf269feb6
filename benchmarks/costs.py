"""Where the cost over the raw framework lies, for an operation that misses its target.

Each line was found by profiling the case (``profile_case.py``, and by
counting instructions with callgrind) and says what is left once everything
of ours that could go has gone: a frame the framework forces, an argument
copy the API's signature needs.  The report prints a line only when its
operation misses its target in that run.
"""

from __future__ import annotations

from report import Miss

#: (case, column) -> why.  A column of "*" applies to every column; a column's own line follows it.
WHERE: dict[tuple[str, str], str] = {
    ("future_cycle", "*"): (
        "four Python calls that the API's shape forces (create_future, add_callbacks, resolve, and on asyncio "
        "the adapter between a done-callback, which gets the future, and a txaio callback, which gets the "
        "value); ours over the floor is create_future's three keyword defaults, add_callbacks' callable check "
        "and the adapter's look at an exception it must leave unretrieved."
    ),
    ("future_cycle", "uvloop"): "uvloop's own cycle is cheaper (its call_soon is C), so the same calls weigh more.",
    ("as_future", "*"): (
        "the call with *args and **kwargs (a tuple and a dict each time) and unpacking them into the "
        "function; ours over the floor is the type check that tells a plain result from a coroutine or future."
    ),
    ("is_called", "*"): (
        "one Python call; the raw side is a C method call (asyncio) or an attribute read (Twisted).  It stays "
        "a Python function so that is_called(future=f) keeps working, as in 26.6.1; compiled with mypyc it "
        "measured 1.44-1.58 on uvloop (benchmarks/README.md)."
    ),
    ("call_later_cancel", "*"): (
        "one Python call with *args and **kwargs; ours over the floor is what issue 14 asks at the call: "
        "a finite number of seconds and a callable."
    ),
    ("call_later_cancel", "uvloop"): "uvloop's call_later is C end to end, so the call weighs more.",
    ("log_disabled", "*"): (
        "a call with a keyword argument: any callable that takes **kwargs builds a dict for it.  The disabled "
        "method already is a no-op function, its message positional-only (no tuple): ours is at the floor."
    ),
    ("batched_cancel_1k", "uvloop"): (
        "uvloop's call_later and cancel are C over a libuv timer; a batched timer's are Python: a call, the "
        "delay check, the bucket lookup and one BatchedCall per timer."
    ),
}


#: Why ``import txaio; txaio.use_asyncio()`` costs more than 26.6.1's, when it does.
IMPORT = (
    "txaio 26.6.1 is 7 modules; this split is about 30 on that path (six distributions, a module per job, "
    "a version file per part, a public interface between the parts).  Python's import system costs about "
    "0.4 million instructions (40-50 us here) per module before the module's own code runs, so the module "
    "count is most of the difference.  Parts only some programs use are imported when first used: the "
    "batched-timer engine, the argument checks, the virtual clock, the stdlib log sink before selection."
)


def notes(missed: list[Miss]) -> list[str]:
    """One line per miss, with its floor (what any Python layer pays) and the known reason."""
    lines = []
    for miss in missed:
        why = " ".join(text for text in (WHERE.get((miss.case, "*")), WHERE.get((miss.case, miss.column))) if text)
        floor = "" if miss.floor is None else f", floor {miss.floor:.2f}"
        lines.append(
            f"{miss.case} on {miss.column} ({miss.ratio:.2f}{floor}): {why or 'not explained yet: profile it'}"
        )
    return lines
