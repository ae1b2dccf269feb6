"""Each part tells its own version, the one its distribution's metadata carries."""

from __future__ import annotations

import importlib
from importlib import metadata

import pytest

#: The public module of each part whose ``__version__`` is that part's own.
PART_MODULES = {
    "txaio-core": "txaio.backend",
    "txaio-log": "txaio.log",
    "txaio-asyncio": "txaio.aio",
    "txaio-twisted": "txaio.tx",
    "txaio-testutil": "txaio.testutil",
}


@pytest.mark.parametrize("distribution", sorted(PART_MODULES))
def test_each_part_exposes_its_own_version(distribution: str) -> None:
    try:
        expected = metadata.version(distribution)
    except metadata.PackageNotFoundError:
        pytest.skip(f"{distribution} is not installed here")
    module = importlib.import_module(PART_MODULES[distribution])
    assert module.__version__ == expected
