"""The tests on every other supported Python (3.12 to 3.15): ``bash tools/other-pythons``.

Usage: ``tools/other-pythons [--python X.Y]... [-- EXTRA PYTEST ARGS]``.  Without ``--python``
every version of :data:`VERSIONS` runs.  On each interpreter, in its own venv under
``build/other-pythons``: the unit tests, the conformance suite on every loop (tools/conformance
does the passes), and a smoke test of the built wheels in fresh venvs.  Each step prints one
line that names the Python and the suite it starts; the exit status is 1 if any step failed.

Interpreters are looked for on PATH and in pyenv's folder.  Where 3.14 or 3.15 is missing on
a Debian or Ubuntu machine run as root, Debian testing's builds are used from a root that
:mod:`tools.testing_root` builds once under ``build/`` (see there).  A Python not found at
all is a failure in CI (``CI=true`` or ``TXAIO_REQUIRED_TOOLS`` set), elsewhere a note.

Venvs are reused while their inputs (interpreter, test tools, each pyproject.toml) are
unchanged: the packages are installed editable, so a change of the source needs no reinstall.
The wheels are built once per run, or taken from the folder ``TXAIO_WHEELS_DIR`` names.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools import testing_root
from tools.run_suites import parse_with_pytest_args

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "other-pythons"
VERSIONS = ("3.12", "3.13", "3.14", "3.15")
SUPPORTED = ("3.11", *VERSIONS)
PACKAGES = ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-twisted", "txaio-testutil")
#: The test tools of hatch's default environment that the unit tests and the conformance suite
#: use; their requirements (ranges, markers) are read from hatch.toml, so they stay in step.
TEST_TOOLS = ("twisted", "pytest", "pytest-asyncio", "pytest-twisted", "cython", "setuptools", "uvloop")
WHEELS_VARIABLE = "TXAIO_WHEELS_DIR"


@dataclass(frozen=True)
class Interpreter:
    """One Python: the command that runs a program where it lives (here, or in the testing root)."""

    version: str
    python: str
    where: str
    #: Put before a command to run it beside this interpreter (empty: on this machine).
    prefix: tuple[str, ...] = ()

    def command(self, *argv: str) -> list[str]:
        return [*self.prefix, *argv]


@dataclass
class Outcome:
    version: str
    steps: list[tuple[str, bool]] = field(default_factory=list)
    seconds: float = 0.0
    missing: str = ""

    @property
    def ok(self) -> bool:
        return not self.missing and all(passed for _, passed in self.steps)


def tool_requirements() -> list[str]:
    """hatch.toml's default-environment requirements of :data:`TEST_TOOLS`, as written there."""
    requirements = tomllib.loads((ROOT / "hatch.toml").read_text(encoding="utf-8"))["envs"]["default"]["dependencies"]
    chosen = [item for item in requirements if _name(item) in {_name(tool) for tool in TEST_TOOLS}]
    missing = {_name(tool) for tool in TEST_TOOLS} - {_name(item) for item in chosen}
    assert not missing, f"hatch.toml's default environment does not install {sorted(missing)}"
    return chosen


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    return re.sub(r"[-_.]+", "-", match.group(0) if match else requirement).lower()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes") or bool(os.environ.get("TXAIO_REQUIRED_TOOLS"))


def works(argv: Sequence[str]) -> bool:
    try:
        done = subprocess.run([*argv, "-c", "import sys, venv"], capture_output=True, timeout=60, check=False)
    except OSError:
        return False
    return done.returncode == 0


def find_here(version: str) -> Interpreter | None:
    """``pythonX.Y`` on PATH, else in pyenv's versions folder."""
    candidates = [shutil.which(f"python{version}")]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates += [str(path) for path in sorted(pyenv.glob(f"{version}.*/bin/python{version}"), reverse=True)]
    for candidate in candidates:
        if candidate and works([candidate]):
            return Interpreter(version, candidate, candidate)
    return None


def find(versions: Sequence[str]) -> tuple[dict[str, Interpreter], dict[str, str]]:
    """Each version's interpreter, and for each one not found why."""
    found: dict[str, Interpreter] = {}
    for version in versions:
        interpreter = find_here(version)
        if interpreter is not None:
            found[version] = interpreter
    missing = from_testing_root([v for v in versions if v not in found and v in testing_root.VERSIONS], found)
    for version in versions:
        if version not in found and version not in missing:
            missing[version] = "not on PATH nor in pyenv (and not one that Debian testing supplies here)"
    return found, missing


def from_testing_root(wanted: Sequence[str], found: dict[str, Interpreter]) -> dict[str, str]:
    """Add to ``found`` the versions of ``wanted`` that the Debian testing root gives; why not for the rest."""
    if not wanted:
        return {}
    reason = testing_root.unavailable()
    if reason:
        return {version: f"not on PATH nor in pyenv, and no Debian testing root: {reason}" for version in wanted}
    print(f"=== Debian testing root for Python {', '.join(wanted)} ({testing_root.ROOT_DIR})", flush=True)
    try:
        testing_root.ensure()
    except testing_root.BuildError as exc:
        return {version: f"the Debian testing root could not be built: {exc}" for version in wanted}
    missing = {}
    prefix = tuple(testing_root.run_inside(binds()))
    for version in wanted:
        python = f"/usr/bin/python{version}"
        if works([*prefix, python]):
            found[version] = Interpreter(version, python, f"Debian testing root {python}", prefix)
        else:
            missing[version] = f"{python} does not run in {testing_root.ROOT_DIR}"
    return missing


def binds() -> list[str]:
    """The folders a run inside the testing root sees: the repository, and the wheels folder given."""
    folders = [str(ROOT)]
    given = os.environ.get(WHEELS_VARIABLE)
    if given and not Path(given).resolve().is_relative_to(ROOT):
        folders.append(str(Path(given).resolve()))
    return folders


def uv() -> str:
    from uv import find_uv_bin

    return str(find_uv_bin())


def uv_inside(interpreter: Interpreter) -> str:
    return testing_root.UV_INSIDE if interpreter.prefix else uv()


def inputs_digest(interpreter: Interpreter, requirements: Sequence[str]) -> str:
    """What a venv of editable installs depends on: a change here makes it again."""
    identity = subprocess.run(
        interpreter.command(interpreter.python, "-c", "import sys; print(sys.version, sys.executable)"),
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    digest = hashlib.sha256()
    for part in (identity, interpreter.where, *requirements, uv()):
        digest.update(part.encode() + b"\0")
    for package in sorted((ROOT / "packages").glob("*/pyproject.toml")):
        digest.update(package.read_bytes())
    return digest.hexdigest()


def step(version: str, what: str) -> None:
    print(f"=== Python {version}: {what}", flush=True)


def run(argv: Sequence[str], env: dict[str, str] | None = None, quiet: bool = False) -> bool:
    output = subprocess.PIPE if quiet else None
    done = subprocess.run(argv, env=env, stdout=output, stderr=subprocess.STDOUT, text=True, check=False)
    if done.returncode != 0 and quiet:
        print(done.stdout, end="", flush=True)
    return done.returncode == 0


def make_venv(
    interpreter: Interpreter,
    venv: Path,
    requirements: Sequence[str],
    options: Sequence[str] = (),
    reuse: bool = True,
) -> bool:
    """A venv at ``venv`` with ``requirements``; kept as it is while its inputs are unchanged."""
    stamp = venv / "txaio-inputs"
    digest = inputs_digest(interpreter, [*requirements, *options])
    if (
        reuse
        and stamp.is_file()
        and stamp.read_text() == digest
        and works(interpreter.command(str(venv / "bin/python")))
    ):
        return True
    stamp.unlink(missing_ok=True)
    tool = uv_inside(interpreter)
    made = run(
        interpreter.command(tool, "venv", "--quiet", "--clear", "--python", interpreter.python, str(venv)), quiet=True
    ) and run(
        interpreter.command(
            tool, "pip", "install", "--quiet", "--python", str(venv / "bin/python"), *options, *requirements
        ),
        quiet=True,
    )
    if made and reuse:
        stamp.write_text(digest)
    return made


def editable_requirements() -> list[str]:
    return [item for package in PACKAGES for item in ("-e", str(ROOT / "packages" / package))]


def venv_env(venv: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONHOME", None)
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = f"{venv}/bin:{env.get('PATH', '/usr/bin:/bin')}"
    if "/usr/bin" not in env["PATH"].split(":"):
        env["PATH"] += ":/usr/local/bin:/usr/bin:/bin"
    return env


def run_tests(interpreter: Interpreter, venv: Path, extra: Sequence[str], outcome: Outcome) -> None:
    env = venv_env(venv)
    for name, script in (("unit tests", "unit-tests"), ("conformance suite (asyncio, uvloop, Twisted)", "conformance")):
        step(interpreter.version, name)
        argv = ["bash", str(ROOT / "tools" / script), *extra]
        outcome.steps.append((name, run(interpreter.command(*argv), env=env)))


def wheel_files(folder: Path) -> dict[str, Path]:
    """The newest wheel of each distribution in ``folder``, by distribution name."""
    found: dict[str, Path] = {}
    for wheel in sorted(folder.glob("*.whl"), key=lambda path: path.stat().st_mtime):
        found[wheel.name.split("-")[0].replace("_", "-").lower()] = wheel
    return found


def build_wheels(out: Path) -> bool:
    """Each distribution's wheel, built once for every Python of this run (they are pure Python)."""
    print(f"=== wheels of the six distributions, into {out.relative_to(ROOT)}", flush=True)
    return all(
        run([uv(), "build", "--quiet", "--wheel", "--out-dir", str(out), str(ROOT / "packages" / package)], quiet=True)
        for package in ("txaio", *PACKAGES)
    )


def smoke(interpreter: Interpreter, wheels: dict[str, Path], outcome: Outcome) -> None:
    """Install the wheels as users do, in fresh venvs, and use them."""
    script = str(ROOT / "tools" / "wheel_smoke.py")
    installs = {
        "slim": (
            ["--no-index"],
            [str(wheels[name]) for name in ("txaio-core", "txaio-log", "txaio-asyncio")],
            ("asyncio", "no-twisted"),
        ),
        "full": (
            [],
            [f"txaio[twisted] @ {wheels['txaio'].as_uri()}", *(str(wheels[name]) for name in PACKAGES)],
            ("twisted", "asyncio"),
        ),
    }
    for kind, (options, requirements, checks) in installs.items():
        name = "wheel smoke test: txaio-asyncio alone" if kind == "slim" else "wheel smoke test: txaio[twisted]"
        step(interpreter.version, name)
        venv = BUILD / f"{interpreter.version}-smoke-{kind}"
        passed = make_venv(interpreter, venv, requirements, options, reuse=False) and all(
            [
                run(interpreter.command(str(venv / "bin/python"), "-I", script, check), env=venv_env(venv))
                for check in checks
            ]
        )
        outcome.steps.append((name, passed))


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """``--python X.Y`` (repeatable); what follows ``--`` (or any option not ours) goes to pytest."""
    parser = argparse.ArgumentParser(prog="tools/other-pythons", description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--python",
        action="append",
        choices=SUPPORTED,
        metavar="X.Y",
        help=f"run on this Python only (repeatable; default: {', '.join(VERSIONS)})",
    )
    return parse_with_pytest_args(parser, argv)


def main(argv: Sequence[str]) -> int:
    args = parse(argv)
    versions = list(dict.fromkeys(args.python or VERSIONS))
    started = time.monotonic()
    found, missing = find(versions)
    outcomes = {version: Outcome(version, missing=missing.get(version, "")) for version in versions}
    for version, reason in missing.items():
        label = "error" if in_ci() else "note"
        print(f"{label}: Python {version} did not run: {reason}", file=sys.stderr if in_ci() else sys.stdout)
    BUILD.mkdir(parents=True, exist_ok=True)
    wheels: dict[str, Path] = {}
    scratch: Path | None = None
    if found:
        given = os.environ.get(WHEELS_VARIABLE)
        if given:
            wheels = wheel_files(Path(given))
        else:
            scratch = Path(tempfile.mkdtemp(prefix="wheels-", dir=BUILD))
            wheels = wheel_files(scratch) if build_wheels(scratch) else {}
        lacking = sorted({"txaio", *PACKAGES} - set(wheels))
        if lacking:
            print(f"error: no wheel of {', '.join(lacking)} (in {given or 'the build'})", file=sys.stderr)
    try:
        for version, interpreter in found.items():
            outcome = outcomes[version]
            began = time.monotonic()
            step(version, f"venv ({interpreter.where})")
            venv = BUILD / version
            if make_venv(interpreter, venv, [*editable_requirements(), *tool_requirements()]):
                run_tests(interpreter, venv, args.pytest_args, outcome)
            else:
                outcome.steps.append(("venv", False))
            if {"txaio", *PACKAGES} <= set(wheels):
                smoke(interpreter, wheels, outcome)
            else:
                outcome.steps.append(("wheel smoke test (no wheels)", False))
            outcome.seconds = time.monotonic() - began
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return report(list(outcomes.values()), time.monotonic() - started)


def report(outcomes: Sequence[Outcome], seconds: float, title: str = "other-pythons") -> int:
    """One line per Python (passed or which steps failed, and its time); 1 if anything failed."""
    failed = False
    print(f"=== {title}:", flush=True)
    for outcome in outcomes:
        if outcome.missing:
            failed = failed or in_ci()
            print(f"  Python {outcome.version}: did not run ({'error' if in_ci() else 'note'})")
            continue
        bad = [name for name, passed in outcome.steps if not passed]
        failed = failed or bool(bad)
        state = f"FAILED: {', '.join(bad)}" if bad else f"passed {len(outcome.steps)} steps"
        print(f"  Python {outcome.version}: {state} in {outcome.seconds:.0f} s")
    print(f"  all in {seconds:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
