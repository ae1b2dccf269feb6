"""The dependency floors hold: ``hatch run floors [--python X.Y]... [-- EXTRA PYTEST ARGS]``.

Every range a ``pyproject.toml`` declares (Twisted, zope.interface) and every test tool of
hatch's default environment is installed at the lowest version it allows (uv's
``--resolution lowest-direct``), with the packages editable, on Python 3.11 and on the newest
supported Python (default; ``--python`` picks others).  The unit tests and the conformance
suite on every loop then run as always, with the project's pytest config (``-W error``).
A floor that fails here is raised in the pyproject.toml or hatch.toml that declares it, with
a ``python_version`` marker where only some Pythons need the higher one.  Interpreters are
found as tools/other-pythons finds them (the Debian testing root for 3.14 and 3.15).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools import other_pythons
from tools.other_pythons import Outcome

FLOORS = other_pythons.ROOT / "build" / "floors"
DEFAULT = ("3.11", other_pythons.SUPPORTED[-1])
RESOLUTION = ("--resolution", "lowest-direct")


def show_versions(interpreter: other_pythons.Interpreter, venv: Path) -> None:
    """Print the versions the lowest resolution chose, for the tools and ranges it is about."""
    names = {other_pythons._name(tool) for tool in other_pythons.TEST_TOOLS} | {"zope-interface"}
    done = subprocess.run(
        interpreter.command(
            other_pythons.uv_inside(interpreter), "pip", "freeze", "--python", str(venv / "bin/python")
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    pins = [line for line in done.stdout.splitlines() if other_pythons._name(line.partition("==")[0]) in names]
    print(f"floors on Python {interpreter.version}: {', '.join(sorted(pins, key=str.lower))}", flush=True)


def main(argv: Sequence[str]) -> int:
    args = other_pythons.parse(argv)
    versions = list(dict.fromkeys(args.python or DEFAULT))
    started = time.monotonic()
    found, missing = other_pythons.find(versions)
    outcomes = {version: Outcome(version, missing=missing.get(version, "")) for version in versions}
    for version, reason in missing.items():
        print(f"{'error' if other_pythons.in_ci() else 'note'}: Python {version} did not run: {reason}")
    FLOORS.mkdir(parents=True, exist_ok=True)
    for version, interpreter in found.items():
        outcome = outcomes[version]
        began = time.monotonic()
        other_pythons.step(version, f"lowest versions allowed ({interpreter.where})")
        venv = FLOORS / version
        requirements = [*other_pythons.editable_requirements(), *other_pythons.tool_requirements()]
        if other_pythons.make_venv(interpreter, venv, requirements, RESOLUTION):
            show_versions(interpreter, venv)
            other_pythons.run_tests(interpreter, venv, args.pytest_args, outcome)
        else:
            outcome.steps.append(("venv of the lowest versions", False))
        outcome.seconds = time.monotonic() - began
    return other_pythons.report(list(outcomes.values()), time.monotonic() - started, "floors")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
