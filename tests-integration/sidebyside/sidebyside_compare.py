"""Run the scenarios under two interpreters and compare what they observed.

``python sidebyside_compare.py THEIRS_PYTHON OURS_PYTHON`` prints every
mismatch and exits non-zero if there is one that is not a documented
intended difference (see ``sidebyside_differences.py``).  The pytest module beside this file does the same
with venvs it builds itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sidebyside_differences import INTENDED, Difference
from sidebyside_scenarios import MODES

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "sidebyside_scenarios.py"

#: The kinds a parameter can have, as ``inspect.Parameter.kind.name`` spells them.
PARAMETER_KINDS = {"POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD", "VAR_POSITIONAL", "KEYWORD_ONLY", "VAR_KEYWORD"}


def observe(python: str | Path, mode: str, cwd: Path) -> dict[str, Any]:
    """The observations of ``mode`` under interpreter ``python``."""
    completed = subprocess.run(
        [str(python), str(SCENARIOS), mode],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=300,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"scenarios {mode} failed under {python}:\n{completed.stderr[-3000:]}")
    observations: dict[str, Any] = json.loads(completed.stdout)
    return observations


def observe_all(python: str | Path, cwd: Path) -> dict[str, dict[str, Any]]:
    """Every mode's observations under ``python``."""
    return {mode: observe(python, mode, cwd) for mode in MODES}


def is_signature(value: Any) -> bool:
    """True for what ``sidebyside_scenarios.describe_signature`` produces for a callable."""
    return (
        isinstance(value, list)
        and all(isinstance(p, list) and len(p) == 3 and p[1] in PARAMETER_KINDS for p in value)
        and bool(value)
    )


def signature_compatible(theirs: Any, ours: Any) -> bool:
    """Code calling with 26.6.1's signature calls ours the same way.

    Every parameter of theirs is in ours, in the same place, with the same
    name and kind; where theirs has a literal default, ours has the same one
    (an object default such as a sentinel or ``sys.stdout`` only has to stay
    optional).  Ours may add parameters after theirs, if they are optional.
    """
    if theirs == [] and is_signature(ours):
        return all(default != "<required>" or kind.startswith("VAR_") for _, kind, default in ours)
    if not (is_signature(theirs) and (is_signature(ours) or ours == [])):
        return bool(theirs == ours)
    if len(ours) < len(theirs):
        return False
    for (name, kind, default), (our_name, our_kind, our_default) in zip(theirs, ours, strict=False):
        if (name, kind) != (our_name, our_kind):
            return False
        if default == "<required>":
            continue
        if our_default == "<required>":
            return False
        if default != "<object>" and default != our_default:
            return False
    extra = ours[len(theirs) :]
    return all(default != "<required>" or kind.startswith("VAR_") for _, kind, default in extra)


def exception_compatible(theirs: str, ours: str) -> bool:
    """Ours raises what theirs raised, or a subclass of it (``except`` still catches it)."""
    their_name = theirs.removeprefix("raised:").split("(")[0]
    our_name, _, our_bases = ours.removeprefix("raised:").partition("(")
    return their_name == our_name or their_name in our_bases.rstrip(")").split(",")


def compatible(theirs: Any, ours: Any) -> bool:
    """Equal, except that signatures only have to be call-compatible and errors may be subclasses."""
    if is_signature(theirs) or (theirs == [] and is_signature(ours)):
        return signature_compatible(theirs, ours)
    if all(isinstance(side, str) and side.startswith("raised:") for side in (theirs, ours)):
        return exception_compatible(theirs, ours)
    if isinstance(theirs, dict) and isinstance(ours, dict):
        return theirs.keys() == ours.keys() and all(compatible(theirs[k], ours[k]) for k in theirs)
    return bool(theirs == ours)


def fields(observations: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Flatten to ``mode/scenario/field`` keys (``mode/scenario`` when not a dict)."""
    flat: dict[str, Any] = {}
    for mode, scenarios in observations.items():
        for scenario, observed in scenarios.items():
            if isinstance(observed, dict) and observed and "scenario crashed" not in observed:
                for field, value in observed.items():
                    flat[f"{mode}/{scenario}/{field}"] = value
            else:
                flat[f"{mode}/{scenario}"] = observed
    return flat


def mismatches(
    theirs: dict[str, dict[str, Any]], ours: dict[str, dict[str, Any]], intended: dict[str, Difference] | None = None
) -> list[str]:
    """Every way ``ours`` differs from ``theirs`` that ``intended`` does not document exactly."""
    documented = INTENDED if intended is None else intended
    their_fields, our_fields = fields(theirs), fields(ours)
    problems: list[str] = []
    for key in sorted(set(their_fields) | set(our_fields)):
        missing = object()
        their_value = their_fields.get(key, missing)
        our_value = our_fields.get(key, missing)
        difference = documented.get(key)
        if difference is not None:
            if their_value != difference.theirs or our_value != difference.ours:
                problems.append(
                    f"{key}: documented as 26.6.1={difference.theirs!r} ours={difference.ours!r}, "
                    f"observed 26.6.1={show(their_value, missing)} ours={show(our_value, missing)}"
                )
            continue
        if their_value is missing or our_value is missing:
            problems.append(f"{key}: 26.6.1={show(their_value, missing)} ours={show(our_value, missing)}")
        elif key.rpartition("/")[2].startswith("missing") and isinstance(our_value, list):
            # A list of what is missing: ours may lack less than 26.6.1, never more.
            if not set(our_value) <= set(their_value):
                problems.append(f"{key}: 26.6.1 lacks {their_value!r}, ours lacks {our_value!r}")
        elif not compatible(their_value, our_value):
            problems.append(f"{key}: 26.6.1={their_value!r} ours={our_value!r}")
    return problems


def show(value: Any, missing: object) -> str:
    return "<not observed>" if value is missing else repr(value)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(f"usage: {argv[0]} THEIRS_PYTHON OURS_PYTHON", file=sys.stderr)
        return 2
    cwd = Path.cwd()
    problems = mismatches(observe_all(argv[1], cwd), observe_all(argv[2], cwd))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} unexpected difference(s); {len(INTENDED)} documented intended difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
