"""``tools/pytest-allow-empty``: a suite that collects nothing fails, unless extra args narrowed it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "pytest-allow-empty"


def run(suite: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    command = ["bash", str(SCRIPT), str(suite), "-p", "no:cacheprovider", "-p", "no:txaio", "-p", "no:asyncio", *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120, check=False)


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_one.py").write_text("def test_one():\n    pass\n", encoding="utf-8")
    return tmp_path


def test_a_suite_without_tests_fails(suite: Path) -> None:
    (suite / "test_one.py").unlink()

    done = run(suite, "--")

    assert done.returncode == 5
    assert "collected no tests, and it must have tests" in done.stderr


def test_extra_args_may_select_nothing(suite: Path) -> None:
    done = run(suite, "--", "-k", "no_such_test")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "selected no tests" in done.stdout


def test_without_a_separator_every_argument_is_extra(suite: Path) -> None:
    assert run(suite, "-k", "no_such_test").returncode == 0


def test_a_failing_suite_still_fails(suite: Path) -> None:
    (suite / "test_one.py").write_text("def test_one():\n    assert False\n", encoding="utf-8")

    assert run(suite, "--").returncode == 1
