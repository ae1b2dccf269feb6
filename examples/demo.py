"""The demo: runs every example on each framework it applies to, and shows the output.

Each example names its frameworks in a module-level ``FRAMEWORKS`` tuple and
takes the framework as its one argument.  Selecting a framework is one-way
for a process, so every (example, framework) pair runs in its own
subprocess.  Exits non-zero if any run fails.

    python examples/demo.py               # everything
    python examples/demo.py basic         # only examples whose name contains "basic"
"""

from __future__ import annotations

import ast
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIMEOUT_SECONDS = 120


def frameworks_of(example: Path) -> tuple[str, ...]:
    """The example's ``FRAMEWORKS`` tuple, read without importing (and so selecting) anything."""
    for node in ast.parse(example.read_text()).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(target, ast.Name) and target.id == "FRAMEWORKS" for target in targets):
            value = ast.literal_eval(node.value)  # type: ignore[attr-defined]
            return tuple(str(name) for name in value)
    raise ValueError(f"{example.name} declares no FRAMEWORKS tuple")


def run(example: Path, framework: str) -> bool:
    """Run one example on one framework, showing its output; True if it succeeded."""
    print(f"=== {example.name} on {framework}", flush=True)
    started = time.perf_counter()
    try:
        completed = subprocess.run(
            [sys.executable, str(example), framework], check=False, timeout=TIMEOUT_SECONDS, cwd=HERE.parent
        )
    except subprocess.TimeoutExpired:
        print(f"--- {example.name} on {framework}: FAILED (no end after {TIMEOUT_SECONDS} s)", flush=True)
        return False
    elapsed = time.perf_counter() - started
    verdict = "ok" if completed.returncode == 0 else f"FAILED (exit code {completed.returncode})"
    print(f"--- {example.name} on {framework}: {verdict}, {elapsed:.1f} s\n", flush=True)
    return completed.returncode == 0


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    examples = sorted(
        path
        for path in HERE.glob("*.py")
        if path.name != "demo.py"
        and not path.name.startswith("_")  # helpers shared by examples, not examples
        and (not wanted or any(word in path.stem for word in wanted))
    )
    if not examples:
        print(f"no example matches {' '.join(wanted)}", file=sys.stderr)
        return 1
    failures = [
        f"{example.name} on {framework}"
        for example in examples
        for framework in frameworks_of(example)
        if not run(example, framework)
    ]
    runs = sum(len(frameworks_of(example)) for example in examples)
    if failures:
        print(f"demo: {len(failures)} of {runs} runs failed: {', '.join(failures)}")
        return 1
    print(f"demo: all {runs} runs succeeded")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
