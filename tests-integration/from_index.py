"""Installing by name from one package index and nothing else, with pip or with uv.

The child processes get no pip or uv setting from this machine or user (no config file, no
``PIP_*`` / ``UV_*`` variable, so no find-links folder or extra index), and every command
names the index with ``--index-url``: what installs came from that index. uv also refreshes
what it cached, since a test publishes new versions to an index it already read.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from matrix import Venv, must, normalize

from tools.index_cache import clean_env

TOOLS = ("pip", "uv")
UV = (sys.executable, "-m", "uv")

#: What ``uv venv --seed`` puts in a venv besides what a test installs.
SEEDED = {"pip", "setuptools", "wheel", "packaging"}


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_env() | {"UV_NO_PROGRESS": "1"},
        timeout=600,
        check=False,
    )


@dataclass(frozen=True)
class IndexVenv:
    """A fresh venv whose pip (seeded from the index) and uv install from ``index`` only."""

    venv: Venv
    index: str

    @classmethod
    def create(cls, path: Path, index: str) -> IndexVenv:
        must(run(*UV, "venv", "--quiet", "--seed", "--index-url", index, "--python", sys.executable, path))
        return cls(Venv(path), index)

    def install(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        """``pip install`` or ``uv pip install`` with ``args``, from the index; the caller judges the outcome."""
        if tool == "pip":
            return run(self.venv.python, "-m", "pip", "install", "--index-url", self.index, *args, cwd=self.venv.path)
        command = [*UV, "pip", "install", "--python", str(self.venv.python), "--index-url", self.index]
        return run(*command, "--refresh", *args, cwd=self.venv.path)

    def installed(self) -> dict[str, str]:
        """Every distribution installed, by normalised name, without what seeding brought."""
        return {name: version for name, version in self.venv.distributions().items() if name not in SEEDED}


def txaio_parts(installed: dict[str, str]) -> dict[str, str]:
    """Only ours: ``txaio`` and ``txaio-*``."""
    return {name: version for name, version in installed.items() if normalize(name).startswith("txaio")}
