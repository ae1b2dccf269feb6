"""Run a program in a fresh interpreter, where import-time state (selection, gc) starts clean."""

from __future__ import annotations

import subprocess
import sys

import pytest


def output_of(code: str, hang: str) -> list[str]:
    """The lines ``code`` prints; a child that runs a minute fails the test with ``hang`` instead of hanging it."""
    try:
        child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"{hang}: {exc}")
    assert child.returncode == 0, child.stderr
    return child.stdout.splitlines()
