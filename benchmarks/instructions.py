"""Counting instructions with valgrind's callgrind: figures that repeat on a busy machine.

Wall-clock ratios move by 0.1 or more here while other work runs; the number
of instructions an operation executes does not (to about 0.2%).  A worker runs
under callgrind with ``--dump-before=getppid``: each call of ``os.getppid()``
(a marker nothing else in a benchmark calls) writes the instructions counted
since the previous marker to a numbered file.  A side of a case runs a batch of
N operations and one of 2N between markers, and ``(I(2N) - I(N)) / N`` is its
cost per operation: whatever runs once per batch (the call of the batch, the
marker, a loop's start and end) cancels out.

The start-up case counts a whole fresh interpreter the same way, with
``PYTHONHASHSEED=0`` so that two runs execute the same code.

Instructions are not time: a cache miss or a system call costs one
instruction or a few.  They show what our code does, which is what a change
to it changes.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: The C function whose entry makes callgrind write what it counted so far (libc's, called by os.getppid).
MARKER = "getppid"
#: The environment of every counted interpreter: hash randomisation off, so runs repeat.
COUNT_ENV = {"PYTHONHASHSEED": "0"}


def valgrind() -> str | None:
    """The valgrind executable on PATH, or None."""
    return shutil.which("valgrind")


def missing() -> str:
    """What to tell the user when valgrind is not installed."""
    return (
        "--count needs valgrind (its callgrind tool counts the instructions) and none is on PATH: install it "
        "(Debian/Ubuntu: apt-get install valgrind; Fedora: dnf install valgrind; macOS: not available) "
        "or run the bench without --count to time it instead"
    )


def callgrind(out: Path, dumps: bool) -> list[str]:
    """The valgrind command line that runs a program under callgrind, writing to ``out`` (``out.N`` per dump)."""
    executable = valgrind()
    if executable is None:
        raise RuntimeError(missing())
    command = [executable, "--tool=callgrind", "--quiet", f"--callgrind-out-file={out}"]
    return [*command, f"--dump-before={MARKER}"] if dumps else command


def count_env() -> dict[str, str]:
    """The environment of a counted interpreter: this one's, without PYTHON* variables, hash seed fixed."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    return {**env, **COUNT_ENV}


def totals(path: Path) -> int:
    """The instructions a callgrind output file (or one dump of it) counted."""
    for line in path.read_text().splitlines():
        if line.startswith(("totals:", "summary:")):
            return int(line.split()[1])
    raise RuntimeError(f"no totals in callgrind output {path}")


def process_instructions(python: Path, code: str) -> int:
    """Instructions of one fresh interpreter running ``code`` (``-s -P``: no user site, no script folder)."""
    with tempfile.TemporaryDirectory(prefix="txaio-callgrind-") as tmp:
        out = Path(tmp) / "callgrind.out"
        interpreter = [str(python), "-s", "-P", "-c", code]
        # Once outside callgrind first, the same way: a .pyc left to write would be counted.
        env = count_env()
        subprocess.run(interpreter, check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run([*callgrind(out, dumps=False), *interpreter], check=True, env=env, stdout=subprocess.DEVNULL)
        return totals(out)


@dataclass
class Pending:
    """The dumps that hold one side's two batches, and how many operations each did."""

    first: int
    second: int
    done_first: int
    done_second: int


class Counter:
    """Inside a worker under callgrind: marks batches, then reads their dumps (``out.1``, ``out.2``, ...)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.marks = 0

    def _mark(self) -> None:
        os.getppid()  # callgrind dumps on entry: the dump numbered self.marks + 1 ends here
        self.marks += 1

    def per_op(self, batch: Callable[[int], int], n: int) -> Pending:
        """Run ``batch(n)`` and ``batch(2n)`` between markers (garbage collector off, as the timing does)."""
        gc.collect()
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._mark()
            done_first = batch(n)
            self._mark()
            done_second = batch(2 * n)
            self._mark()
        finally:
            if was_enabled:
                gc.enable()
        if done_second <= done_first:
            raise RuntimeError(f"a batch of {2 * n} did {done_second} operations, one of {n} did {done_first}")
        return Pending(self.marks - 1, self.marks, done_first, done_second)

    def _per_op(self, pending: Pending) -> float:
        first = totals(self.dump(pending.first))
        second = totals(self.dump(pending.second))
        return (second - first) / (pending.done_second - pending.done_first)

    def dump(self, number: int) -> Path:
        return self.out.with_name(f"{self.out.name}.{number}")

    def check(self) -> None:
        """Fail if anything but our markers made callgrind dump: the dumps would not be the batches'."""
        self._mark()
        if not self.dump(self.marks).exists() or self.dump(self.marks + 1).exists():
            raise RuntimeError(f"callgrind wrote other dumps than this worker's {self.marks} markers: {self.out}")

    def resolve(self, result: dict[str, object]) -> dict[str, object]:
        """A case's figures, as the timing gives them, with instructions in place of ns."""
        pending = result.pop("pending", None)
        if not isinstance(pending, dict):
            return result  # an error
        per_op = {side: self._per_op(marks) for side, marks in pending.items()}
        raw, floor = per_op.get("raw"), per_op.get("floor")
        return {
            **result,
            "txaio_ns": per_op["txaio"],
            "raw_ns": raw,
            "ratio": per_op["txaio"] / raw if raw else None,
            "floor_ns": floor,
            "floor_ratio": floor / raw if raw and floor is not None else None,
            "ops_per_batch": pending["txaio"].done_first,
            "repetitions": 1,
        }


if __name__ == "__main__":
    print(valgrind() or missing(), file=sys.stderr)
