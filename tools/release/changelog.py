"""Build one distribution's CHANGELOG.md from its own fragments with towncrier."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

from tools.release.errors import ReleaseError
from tools.release.workspace import Package


def build_changelog(root: Path, package: Package, version: str, day: datetime.date) -> None:
    """Render the fragments into the changelog and remove them (towncrier stages both in git)."""
    command = [
        sys.executable,
        "-m",
        "towncrier",
        "build",
        "--dir",
        str(package.directory),
        "--config",
        str(package.directory / "pyproject.toml"),
        "--version",
        version,
        "--date",
        day.isoformat(),
        "--yes",
    ]
    # towncrier runs git with its own working directory, so it must be inside this repository.
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        raise ReleaseError(f"towncrier failed for {package.name}:\n{output}")
