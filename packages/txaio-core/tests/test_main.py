"""``python -m txaio`` reports the installed parts, the frameworks, and how to add what is missing."""

from __future__ import annotations

import io
import subprocess
import sys
from importlib import metadata

import pytest

import txaio.__main__ as cli

PARTS = ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-twisted", "txaio-testutil", "txaio")


def installed(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def test_python_m_txaio_lists_every_part_with_its_version() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "txaio"], capture_output=True, text=True, check=False, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    for name in PARTS:
        (line,) = [line for line in lines if line.startswith("  ") and line.split()[:1] == [name]]
        version = installed(name)
        assert line.split()[1] == (version if version is not None else "not")
    assert "frameworks:" in lines


def test_python_m_txaio_reports_each_framework() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "txaio"], capture_output=True, text=True, check=False, timeout=120
    )
    out = completed.stdout
    for framework, distribution in (("asyncio", "txaio-asyncio"), ("twisted", "txaio-twisted")):
        if installed(distribution) is None:
            assert f"{framework:<8} not available: pip install {distribution}" in out
        else:
            assert f"{framework:<8} available ({distribution} {installed(distribution)})" in out


def test_a_missing_framework_names_the_command_that_installs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = cli.installed_version
    monkeypatch.setattr(cli, "installed_version", lambda name: None if name == "txaio-twisted" else real(name))
    monkeypatch.setattr(cli, "backend_problem", lambda name: None)
    out = io.StringIO()
    cli.report(out)
    text = out.getvalue()
    assert "twisted  not available: pip install txaio-twisted" in text
    assert "txaio-twisted   not installed" in text
    assert "to add a missing part: pip install txaio-twisted" in text
    assert "asyncio  available" in text


def test_a_backend_that_does_not_import_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "installed_version", lambda name: "1.0.0")
    monkeypatch.setattr(cli, "backend_problem", lambda name: "No module named 'twisted'" if name == "twisted" else None)
    out = io.StringIO()
    cli.report(out)
    text = out.getvalue()
    assert "twisted  broken: its backend does not import (No module named 'twisted')" in text
    assert "pip install --force-reinstall txaio-twisted" in text
    assert "to add a missing part" not in text


def test_nothing_missing_means_no_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "installed_version", lambda name: "1.0.0")
    monkeypatch.setattr(cli, "backend_problem", lambda name: None)
    out = io.StringIO()
    cli.report(out)
    assert "pip install" not in out.getvalue()
