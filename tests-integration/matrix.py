"""Tools of the integration matrix: fresh venvs (uv) with the built wheels installed by name.

Every venv is made by uv from the interpreter running the tests and shares uv's
one cache, so installing Twisted a dozen times costs a download once. The
txaio-* wheels are installed by name from the folder the ``wheels`` fixture
built them into, so their dependency metadata decides what else comes in.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE = ROOT / "tests-integration" / "conformance"

#: Framework name -> the distribution that provides its backend.
BACKENDS = {"asyncio": "txaio-asyncio", "twisted": "txaio-twisted"}

#: What each of our distributions must bring in (the design's table), txaio-* only.
REQUIRES = {
    "txaio-core": (),
    "txaio-log": ("txaio-core",),
    "txaio-asyncio": ("txaio-core", "txaio-log"),
    "txaio-twisted": ("txaio-core", "txaio-log"),
    "txaio-testutil": ("txaio-core",),
    "txaio": ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-testutil"),
    "txaio[twisted]": ("txaio", "txaio-twisted"),
}

#: The tools the conformance suite needs besides the txaio-* under test.
TEST_TOOLS = ("pytest",)


def normalize(name: str) -> str:
    """A distribution name as PEP 503 compares them: ``Zope.Interface`` -> ``zope-interface``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def expected_parts(requirements: tuple[str, ...]) -> set[str]:
    """Every txaio-* distribution (and ``txaio``) that installing ``requirements`` must give."""
    found: set[str] = set()
    todo = list(requirements)
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo.extend(REQUIRES[name])
    return {name for name in found if "[" not in name}


def child_env(**extra: str) -> dict[str, str]:
    """The environment for commands run in a venv: nothing leaks in from the test process."""
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(UV_NO_PROGRESS="1", PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    env.update(extra)
    return env


def run(*command: str | Path, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``command`` and capture its output; the caller decides what a failure means."""
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=child_env(**env),
        timeout=600,
        check=False,
    )


def must(result: subprocess.CompletedProcess[str]) -> str:
    """The output of a command that has to succeed, or an AssertionError that shows why it did not."""
    if result.returncode != 0:
        command = " ".join(result.args)
        raise AssertionError(
            f"exit {result.returncode}: {command}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result.stdout


def uv(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run uv (installed in the test environment) with ``args``."""
    return run(sys.executable, "-m", "uv", *args)


def wheel_version(wheel: Path) -> str:
    """The version in a wheel's file name: ``txaio_core-1.0.0-py3-none-any.whl`` -> ``1.0.0``."""
    return wheel.name.split("-")[1]


def pinned(wheels: dict[str, Path], dist: str, extra: str = "") -> str:
    """``dist`` pinned to the version built here, so no registry release can stand in for it."""
    return f"{dist}{extra}=={wheel_version(wheels[dist])}"


def wheel_requirements(wheel: Path) -> list[Requirement]:
    """The Requires-Dist entries of a built wheel."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [entry for entry in archive.namelist() if entry.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(name).decode())
    return [Requirement(line) for line in metadata.get_all("Requires-Dist") or []]


def wheel_ships(wheel: Path, path: str) -> bool:
    """Whether ``wheel`` contains ``path``."""
    with zipfile.ZipFile(wheel) as archive:
        return path in archive.namelist()


@dataclass(frozen=True)
class Venv:
    """One fresh virtual environment."""

    path: Path

    @classmethod
    def create(cls, path: Path, *, with_pip: bool = False) -> Venv:
        """Make a venv at ``path``; ``with_pip`` seeds pip into it (for the pip scenarios)."""
        args = ["venv", "--quiet", "--python", sys.executable, *(["--seed"] if with_pip else []), str(path)]
        must(uv(*args))
        return cls(path)

    @property
    def python(self) -> Path:
        return self.path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")

    def install(
        self,
        *requirements: str,
        wheels: dict[str, Path] | None = None,
        offline: bool = False,
        options: tuple[str, ...] = (),
    ) -> str:
        """uv-install ``requirements`` by name; our distributions come from the ``wheels`` folder.

        A constraints file holds each of ours to the version built here, so a
        registry release of the same name can never stand in for it (constraints
        install nothing themselves: the dependency metadata still decides).
        ``offline`` keeps the registry out, which proves nothing else was needed.
        """
        args: list[str] = ["pip", "install", "--python", str(self.python), *options]
        if wheels:
            constraints = self.path / "txaio-constraints.txt"
            constraints.write_text("".join(f"{pinned(wheels, dist)}\n" for dist in wheels))
            args += ["--find-links", str(next(iter(wheels.values())).parent), "--constraint", str(constraints)]
            for dist in wheels:
                args += ["--refresh-package", dist]
        if offline:
            args.append("--no-index")
        return must(uv(*args, *requirements))

    def uninstall(self, *names: str) -> str:
        return must(uv("pip", "uninstall", "--python", str(self.python), *names))

    def pip(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run this venv's own pip (seeded with ``with_pip``)."""
        return run(self.python, "-m", "pip", *args, cwd=self.path)

    def python_code(self, code: str) -> subprocess.CompletedProcess[str]:
        """Run ``code`` in this venv's interpreter, in a fresh process, away from the work tree."""
        return run(self.python, "-c", code, cwd=self.path)

    def json_of(self, code: str) -> Any:
        """Run ``code``, which prints one JSON document as its last line, and decode it."""
        return json.loads(must(self.python_code(code)).strip().splitlines()[-1])

    def distributions(self) -> dict[str, str]:
        """Every installed distribution -> version, as importlib.metadata sees it inside the venv."""
        found = self.json_of(
            "import json, importlib.metadata as m\n"
            "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"
        )
        assert isinstance(found, dict)
        return {normalize(name): version for name, version in found.items()}

    def missing_files(self, dist: str) -> list[str]:
        """Files that ``dist``'s RECORD lists (bytecode aside) but that are not on disk."""
        found = self.json_of(
            "import json, importlib.metadata as m\n"
            f"d = m.distribution({dist!r})\n"
            "print(json.dumps([str(f) for f in d.files or () if f.suffix != '.pyc' and not d.locate_file(f).exists()]))"
        )
        assert isinstance(found, list)
        return [str(path) for path in found]


def build_with_version(package: Path, version_file: str, version: str, out: Path) -> Path:
    """Build ``package`` as if its version were ``version``: a copy with the version file rewritten."""
    copy = out / f"{package.name}-src"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "tests", "dist", "build"))
    target = copy / version_file
    text = target.read_text()
    rewritten = re.sub(r'__version__ = "[^"]*"', f'__version__ = "{version}"', text)
    assert rewritten != text, f"no __version__ line in {version_file}"
    target.write_text(rewritten)
    wheels = out / "wheels"
    must(uv("build", "--wheel", "--quiet", "--out-dir", wheels, copy))
    (wheel,) = wheels.glob(f"*-{version}-*.whl")
    return wheel


@dataclass(frozen=True)
class ConformanceRun:
    """What one run of the conformance suite did, per framework."""

    outcomes: dict[str, Counter[str]]
    output: str

    def count(self, framework: str, outcome: str) -> int:
        return self.outcomes.get(framework, Counter())[outcome]


def conformance_tests_exist() -> bool:
    return any(CONFORMANCE.glob("test_*.py"))


def run_conformance(venv: Venv, report: Path) -> ConformanceRun:
    """Run the backend-neutral suite in ``venv`` (its pytest, its txaio) and tally it by framework.

    A test's framework is the ``txaio_framework`` id in its name (``[asyncio]``,
    ``[twisted]``); a test without one is counted under ``""``.
    """
    result = run(
        venv.python,
        "-m",
        "pytest",
        CONFORMANCE,
        "-p",
        "no:cacheprovider",
        "-q",
        "-rfEs",
        # pytest-asyncio is not installed here: its ini option is unknown, not a mistake.
        "-o",
        "strict_config=false",
        "-W",
        "ignore:Unknown config option:pytest.PytestConfigWarning",
        f"--junitxml={report}",
        cwd=venv.path,
        # Bytecode goes into the venv, never beside the suite's files in the work tree; kept
        # there, the suite's many child interpreters do not each compile Twisted again.
        PYTHONPYCACHEPREFIX=str(venv.path / "pycache"),
    )
    output = f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    if result.returncode != 0:
        raise AssertionError(f"conformance suite failed in {venv.path}:\n{output}")
    outcomes: dict[str, Counter[str]] = {}
    for case in ElementTree.parse(report).iter("testcase"):
        name = case.get("name", "")
        ids = name[name.find("[") + 1 : -1].split("-") if name.endswith("]") else []
        framework = next((part for part in ids if part in BACKENDS), "")
        if case.find("skipped") is not None:
            outcome = "skipped"
        elif case.find("failure") is not None or case.find("error") is not None:
            outcome = "failed"
        else:
            outcome = "passed"
        outcomes.setdefault(framework, Counter())[outcome] += 1
    return ConformanceRun(outcomes, output)


SELECT_REPORT = """
import json, sys
import txaio
name = {framework!r}
report = {{"framework": name, "facade": txaio.__file__}}
try:
    getattr(txaio, "use_" + name)()
except ImportError as exc:
    report["error"] = str(exc)
else:
    report["error"] = None
report["explicit"] = txaio._explicit_framework
report["using_asyncio"] = txaio.using_asyncio
report["using_twisted"] = txaio.using_twisted
unselected = txaio._unframework.UNSELECTED
report["operations"] = "unselected" if txaio.create_future == unselected.create_future else "bound"
report["twisted_imported"] = any(m == "twisted" or m.startswith("twisted.") for m in sys.modules)
print(json.dumps(report))
"""


def select_framework(venv: Venv, framework: str) -> dict[str, Any]:
    """Try ``txaio.use_<framework>()`` in a fresh process of ``venv`` and report what it left behind."""
    report = venv.json_of(SELECT_REPORT.format(framework=framework))
    assert isinstance(report, dict)
    return report


def lowest_requirements(wheels: dict[str, Path]) -> list[str]:
    """Requirements that make uv's ``lowest-direct`` pick each range's lower end.

    Our own distributions are held to the versions built here by
    :meth:`Venv.install`'s constraints (the lowest their ranges allow: the only
    ones there are); every other distribution they require is named directly,
    so uv takes its lower bound.
    """
    ours = {normalize(dist) for dist in wheels}
    named = ["txaio[twisted]", *(dist for dist in wheels if dist != "txaio")]
    for wheel in wheels.values():
        for requirement in wheel_requirements(wheel):
            # A floor that differs per Python (a python_version marker): this Python's, the venv's too.
            applies = requirement.marker is None or requirement.marker.evaluate({"extra": ""})
            if normalize(requirement.name) not in ours and applies:
                named.append(f"{requirement.name}{requirement.specifier}")
    return named


def lower_bound(requirement: str) -> str | None:
    """The ``>=`` bound of a requirement string, if it has one."""
    for spec in Requirement(requirement).specifier:
        if spec.operator in (">=", "=="):
            return spec.version
    return None
