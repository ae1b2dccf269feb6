"""``txaio.backend.adopt_foreign`` / ``is_foreign_future``: another framework's futures, through its descriptor."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest

from txaio import backend
from txaio._core import selection as _selection

PACKAGE = "txaio_fake_foreign_framework"
CONVERTER = "txaio_fake_foreign_converter"


class ForeignFuture:
    """A future of the fake framework (its class says it comes from PACKAGE)."""

    def __init__(self, value: object) -> None:
        self.value = value


ForeignFuture.__module__ = f"{PACKAGE}.futures"


class Converter(backend.ForeignFutures):
    def __init__(self) -> None:
        self.calls: list[tuple[object, str, object]] = []

    def is_future(self, obj: object) -> bool:
        return isinstance(obj, ForeignFuture)

    def adopt(self, obj: object, framework: str, loop: Any) -> Any:
        self.calls.append((obj, framework, loop))
        if framework != "asyncio" or not isinstance(obj, ForeignFuture):
            return None
        if loop == "no reactor here":
            raise RuntimeError("install the fake reactor")
        return ("adopted", obj.value)


@pytest.fixture
def converter(monkeypatch: pytest.MonkeyPatch) -> Iterator[Converter]:
    """A framework "fake" whose descriptor declares a converter of PACKAGE's futures; the module is made on import."""
    made = Converter()
    module = types.ModuleType(CONVERTER)
    module.CONVERTER = made  # type: ignore[attr-defined]
    monkeypatch.delitem(sys.modules, CONVERTER, raising=False)
    frameworks = _selection.Frameworks(
        {"twisted": ("txaio-twisted", "txaio_backend_that_is_not_installed:FRAMEWORK")},
        loaded=(
            _selection.Framework(
                "fake",
                "txaio_fake_backend",
                "txaio-fake",
                foreign_futures=f"{CONVERTER}:CONVERTER",
                future_packages=(PACKAGE,),
            ),
        ),
    )
    monkeypatch.setattr(_selection, "FRAMEWORKS", frameworks)
    real_import = _selection.import_module

    def import_module(name: str) -> Any:
        if name == CONVERTER:
            sys.modules[CONVERTER] = module
            return module
        return real_import(name)

    monkeypatch.setattr(_selection, "import_module", import_module)
    yield made
    sys.modules.pop(CONVERTER, None)


def test_a_foreign_future_is_adopted_through_the_declared_converter(converter: Converter) -> None:
    future = ForeignFuture(7)
    assert backend.adopt_foreign(future, "asyncio", "loop") == ("adopted", 7)
    assert converter.calls == [(future, "asyncio", "loop")]
    assert backend.is_foreign_future(future) is True


def test_objects_of_other_packages_never_import_the_converter(converter: Converter) -> None:
    class Plain:
        pass

    for obj in (Plain(), object(), 42, "text", types.SimpleNamespace()):
        assert backend.adopt_foreign(obj, "asyncio", None) is None
        assert backend.is_foreign_future(obj) is False
    assert CONVERTER not in sys.modules
    assert converter.calls == []


def test_the_converters_refusal_reaches_the_caller(converter: Converter) -> None:
    with pytest.raises(RuntimeError, match="install the fake reactor"):
        backend.adopt_foreign(ForeignFuture(1), "asyncio", "no reactor here")


def test_what_the_converter_declines_is_none(converter: Converter) -> None:
    assert backend.adopt_foreign(ForeignFuture(1), "other", None) is None


def test_a_framework_that_is_not_installed_converts_nothing(converter: Converter) -> None:
    class FromTwisted:
        pass

    FromTwisted.__module__ = "twisted.internet.defer"
    assert backend.adopt_foreign(FromTwisted(), "asyncio", None) is None


@pytest.mark.parametrize("packages", [["pkg"], ("a.b",), ("",), (1,)])
def test_future_packages_must_be_top_level_names(packages: Any) -> None:
    with pytest.raises(TypeError, match="future_packages as a tuple of top-level package names"):
        _selection.Framework("x", "m", "d", future_packages=packages)


def test_foreign_futures_must_be_a_reference() -> None:
    with pytest.raises(TypeError, match="foreign_futures as a 'module:attribute' string"):
        _selection.Framework("x", "m", "d", foreign_futures="no-colon")
