"""The pytest plugin of txaio-testutil, registered through the ``pytest11`` entry point."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from txaio import _selection
from txaio.testutil import use_framework


@pytest.fixture(params=sorted(_selection.FRAMEWORKS), ids=sorted(_selection.FRAMEWORKS))
def txaio_framework(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test once per framework, with that framework selected."""
    name: str = request.param
    try:
        _selection.import_backend(name)
    except ImportError as exc:
        pytest.skip(f"{name} is not installed: {exc}")
    with use_framework(name):
        yield name
