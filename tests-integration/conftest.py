"""Shared fixtures of the integration suite: every wheel, built once per run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "packages"
DISTRIBUTIONS = ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-twisted", "txaio-testutil", "txaio")


@pytest.fixture(scope="session")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build each distribution's wheel from its own folder, once."""
    out = tmp_path_factory.mktemp("wheels")
    built: dict[str, Path] = {}
    for dist in DISTRIBUTIONS:
        subprocess.run(
            [sys.executable, "-m", "uv", "build", "--wheel", "--quiet", "--out-dir", str(out), str(PACKAGES / dist)],
            check=True,
        )
        prefix = dist.replace("-", "_") + "-"
        (wheel,) = [path for path in out.glob("*.whl") if path.name.startswith(prefix)]
        built[dist] = wheel
    return built
