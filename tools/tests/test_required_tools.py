"""CI's required tools: a skip for want of one fails, and every test environment installs them.

``tools/pytest_plugins/txaio_required_tools.py`` turns such a skip into a failure
where ``TXAIO_REQUIRED_TOOLS`` names the tool; ``tools/pytest-allow-empty`` loads it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tools import other_pythons as other_pythons_module
from tools.pytest_plugins.txaio_required_tools import missing_tools, required_tools

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "pytest-allow-empty"

#: Required tools that no pip requirement installs: asyncio (its txaio backend is this tree's) and a C compiler.
NOT_FROM_PIP = {"asyncio", "cc"}


@pytest.mark.parametrize(
    ("reason", "tools"),
    [
        ("Skipped: could not import 'pytest_twisted': No module named 'pytest_twisted'", {"pytest_twisted"}),
        ("could not import 'twisted.internet.asyncioreactor': no", {"twisted"}),
        ("module 'Cython' has __version__ '0.29', required is: '3.0'", {"cython"}),
        ("missing tools: Cython, setuptools (cannot compile a Cython coroutine)", {"cython", "setuptools"}),
        ("missing tool: cc (no C compiler gcc on PATH)", {"cc"}),
        ("txaio framework twisted is not installed: pip install txaio-twisted", {"twisted"}),
        ("Python 3.14 asks asyncio.get_event_loop() directly", set()),
        ("txaio-twisted is not installed here", set()),
    ],
)
def test_a_skip_reason_names_its_missing_tools(reason: str, tools: set[str]) -> None:
    assert missing_tools(reason) == tools


def test_the_required_tools_are_names_separated_by_spaces_or_commas() -> None:
    assert required_tools(" Cython,setuptools  cc\n") == {"cython", "setuptools", "cc"}
    assert required_tools("") == frozenset()


SKIPS = """
import pytest

def test_needs_a_module():
    pytest.importorskip("txaio_no_such_tool")

def test_needs_a_compiler():
    pytest.skip("missing tools: cc, txaio_other_tool (cannot build)")

def test_skips_for_another_reason():
    pytest.skip("not on this operating system")

@pytest.mark.xfail(reason="could not import 'txaio_no_such_tool' either", strict=True)
def test_expected_to_fail():
    assert False

def test_passes():
    pass
"""


def run(suite: Path, required: str | None) -> subprocess.CompletedProcess[str]:
    """``pytest-allow-empty`` on ``suite`` with ``TXAIO_REQUIRED_TOOLS`` set to ``required`` (unset: None)."""
    environment = {key: value for key, value in os.environ.items() if key != "TXAIO_REQUIRED_TOOLS"}
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    if required is not None:
        environment["TXAIO_REQUIRED_TOOLS"] = required
    command = ["bash", str(SCRIPT), str(suite), "-p", "no:cacheprovider", "-p", "no:txaio", "-p", "no:asyncio", "-rA"]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120, check=False)


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_skips.py").write_text(SKIPS, encoding="utf-8")
    return tmp_path


def outcome_line(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout.strip().splitlines()[-1]


def test_without_required_tools_a_skip_stays_a_skip(suite: Path) -> None:
    done = run(suite, None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"\b1 passed, 3 skipped, 1 xfailed\b", outcome_line(done))


def test_a_skip_for_a_required_tool_fails_and_says_why(suite: Path) -> None:
    done = run(suite, "TXAIO_NO_SUCH_TOOL cc")
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"\b2 failed, 1 passed, 1 skipped, 1 xfailed\b", outcome_line(done))
    assert "tools this environment must have (TXAIO_REQUIRED_TOOLS): cc txaio_no_such_tool" in done.stdout
    assert "skipped for want of txaio_no_such_tool, which this environment must have" in done.stdout
    assert "skipped for want of cc, which this environment must have" in done.stdout
    assert "The skip said: Skipped: missing tools: cc, txaio_other_tool (cannot build)" in done.stdout
    assert re.search(r"SKIPPED \[1\] \S*test_skips.py:\d+: not on this operating system", done.stdout)


def test_a_skip_for_a_tool_not_required_stays_a_skip(suite: Path) -> None:
    done = run(suite, "uvloop")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"\b1 passed, 3 skipped, 1 xfailed\b", outcome_line(done))


def test_a_module_that_skips_for_a_required_tool_fails(suite: Path) -> None:
    (suite / "test_skips.py").write_text('import pytest\n\npytest.importorskip("txaio_no_such_tool")\n')
    (suite / "test_other.py").write_text("def test_passes():\n    pass\n")

    assert run(suite, None).returncode == 0
    done = run(suite, "txaio_no_such_tool")
    assert done.returncode != 0, done.stdout + done.stderr
    assert "ERROR collecting test_skips.py" in done.stdout
    assert "skipped for want of txaio_no_such_tool" in done.stdout


# What CI requires, every environment that runs tests installs.


def ci_required_tools() -> frozenset[str]:
    (value,) = re.findall(r'^export TXAIO_REQUIRED_TOOLS="([^"]*)"$', (ROOT / ".ci" / "run").read_text(), flags=re.M)
    return required_tools(value)


def requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match is not None, requirement
    return re.sub(r"[-_.]+", "_", match.group(0)).lower()


def test_ci_requires_the_tools_whose_skips_the_issue_named() -> None:
    assert {"pytest_twisted", "cython", "setuptools", "cc", "twisted", "asyncio"} <= ci_required_tools()


def test_every_environment_that_runs_tests_installs_what_ci_requires() -> None:
    """hatch's default environment, and each other-pythons venv with the same version ranges."""
    hatch = tomllib.loads((ROOT / "hatch.toml").read_text())["envs"]["default"]["dependencies"]
    by_name = {requirement_name(requirement): requirement for requirement in hatch}
    other_pythons = set(other_pythons_module.tool_requirements())
    for tool in sorted(ci_required_tools() - NOT_FROM_PIP):
        assert tool in by_name, f"hatch.toml's default environment does not install {tool}"
        assert by_name[tool] in other_pythons, f"tools/other-pythons does not install {by_name[tool]}"
