"""txaio-testutil finds a framework's virtual clock only through its descriptor."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator

import pytest

from txaio._core import selection as _selection
from txaio.backend import Framework, VirtualClock
from txaio.testutil import virtual_clock


@pytest.fixture
def descriptors(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """A module holding clock factories that the test's descriptors name."""
    module = types.ModuleType("txaio_fake_clocks")
    module.not_a_clock = object  # type: ignore[attr-defined]  # a factory that makes no clock
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(_selection, "FRAMEWORKS", _selection.Frameworks(_selection.BUILTIN_FRAMEWORKS))
    yield module


def test_each_built_in_descriptor_names_its_clock() -> None:
    for name in ("asyncio", "twisted"):
        factory = _selection.FRAMEWORKS[name].load_virtual_clock()
        assert issubclass(factory, VirtualClock)
        assert factory.framework == name


def test_a_framework_without_a_clock_says_so(descriptors: types.ModuleType) -> None:
    _selection.FRAMEWORKS["bare"] = Framework("bare", "txaio_fake_backend_bare", "txaio-bare")

    with pytest.raises(ValueError, match=r"txaio framework 'bare' \(txaio-bare\) offers no virtual clock"):
        with virtual_clock("bare"):
            raise AssertionError("must not get here")


def test_a_clock_factory_that_makes_no_virtual_clock_is_refused(descriptors: types.ModuleType) -> None:
    _selection.FRAMEWORKS["odd"] = Framework("odd", "x", "txaio-odd", virtual_clock="txaio_fake_clocks:not_a_clock")

    with pytest.raises(TypeError, match=r"txaio_fake_clocks:not_a_clock made .* not a txaio.backend.VirtualClock"):
        with virtual_clock("odd"):
            raise AssertionError("must not get here")


def test_a_clock_that_cannot_be_imported_names_the_distribution(descriptors: types.ModuleType) -> None:
    _selection.FRAMEWORKS["gone"] = Framework("gone", "x", "txaio-gone", virtual_clock="txaio_fake_clocks:missing")

    with pytest.raises(ImportError, match=r"the gone virtual clock comes with txaio-gone.*pip install txaio-gone"):
        with virtual_clock("gone"):
            raise AssertionError("must not get here")


@pytest.mark.parametrize("framework", ["asyncio", "twisted"])
def test_next_due_says_when_the_earliest_callback_runs(framework: str) -> None:
    with virtual_clock(framework) as clock:
        assert clock.next_due() is None
        handle = clock.loop.callLater(3, print) if framework == "twisted" else clock.loop.call_later(3, print)
        assert clock.next_due() == 3.0
        handle.cancel()
