"""Selecting a framework: the usage error, one-way selection, missing backends."""

from __future__ import annotations

import ast
import types
from pathlib import Path

import pytest

import txaio
import txaio.interfaces
from txaio._core import selection as _selection
from txaio._core.contract import BACKEND_NAMES, OPERATION_NAMES
from txaio._core.unselected import USAGE_ERROR
from txaio.testutil import reset_selection, save_selection


def test_extend_path_comes_before_any_import_of_the_package_init() -> None:
    tree = ast.parse(Path(txaio.__file__).read_text(encoding="utf-8"))
    body = tree.body[1:] if ast.get_docstring(tree) is not None else tree.body
    statements = [ast.unparse(node) for node in body if not isinstance(node, ast.FunctionDef)]
    assert statements[:2] == ["__path__ = _portions(__path__)", "del _portions"]


@pytest.mark.parametrize("name", [*OPERATION_NAMES, "with_config"])
def test_operations_before_selection_raise_the_usage_error(name: str) -> None:
    with pytest.raises(RuntimeError) as info:
        getattr(txaio, name)()
    assert "txaio.use_asyncio()" in str(info.value)
    assert "txaio.use_twisted()" in str(info.value)
    assert str(info.value) == USAGE_ERROR


def test_neutral_names_work_before_selection() -> None:
    assert txaio.time_ns() > 0
    assert txaio.perf_counter_ns() > 0
    assert txaio.using_asyncio is False and txaio.using_twisted is False
    assert txaio._explicit_framework is None
    assert txaio.IFailedFuture is txaio.interfaces.IFailedFuture and txaio.ILogger is txaio.interfaces.ILogger
    assert txaio.IBatchedTimer.__abstractmethods__ == frozenset({"call_later"})


def test_selecting_binds_the_backend_module_names(fake_backends: dict[str, types.ModuleType]) -> None:
    txaio.use_asyncio()
    fake = fake_backends["asyncio"]
    assert txaio.using_asyncio is True and txaio.using_twisted is False
    assert txaio._explicit_framework == "asyncio"
    for name in BACKEND_NAMES:
        assert getattr(txaio, name) is getattr(fake, name), name


def test_selecting_the_same_framework_again_is_harmless(fake_backends: dict[str, types.ModuleType]) -> None:
    txaio.use_asyncio()
    txaio.use_asyncio()
    assert txaio._explicit_framework == "asyncio"


def test_switching_to_the_other_framework_is_refused(fake_backends: dict[str, types.ModuleType]) -> None:
    txaio.use_asyncio()
    bound = txaio.create_future
    with pytest.raises(RuntimeError, match="already uses asyncio; it cannot switch to twisted"):
        txaio.use_twisted()
    assert txaio._explicit_framework == "asyncio"
    assert txaio.create_future is bound


def test_missing_backend_raises_importerror_naming_the_distribution(
    fake_backends: dict[str, types.ModuleType],
) -> None:
    before = save_selection()
    with pytest.raises(ImportError) as info:
        txaio.use_twisted()
    message = str(info.value)
    assert "pip install txaio-twisted" in message
    assert "txaio_backend_that_is_not_installed" in message
    assert save_selection() == before, "a failed selection must leave nothing half-selected"
    txaio.use_asyncio()
    assert txaio.using_asyncio is True


def test_incomplete_backend_is_refused_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = types.ModuleType("txaio_broken_backend")
    broken.create_future = lambda: None  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, broken.__name__, broken)
    frameworks = _selection.Frameworks({}, loaded=(_selection.Framework("asyncio", broken.__name__, "x"),))
    monkeypatch.setattr(_selection, "FRAMEWORKS", frameworks)
    before = save_selection()
    with pytest.raises(ImportError, match="not a complete txaio backend: it lacks"):
        txaio.use_asyncio()
    assert save_selection() == before


def test_use_framework_binds_without_fixing_the_selection(fake_backends: dict[str, types.ModuleType]) -> None:
    txaio._use_framework(fake_backends["asyncio"])
    assert txaio.using_asyncio is True
    assert txaio._explicit_framework is None


def test_reset_restores_the_unselected_facade(fake_backends: dict[str, types.ModuleType]) -> None:
    txaio.use_asyncio()
    reset_selection()
    assert txaio._explicit_framework is None
    with pytest.raises(RuntimeError, match="no framework selected"):
        txaio.create_future()


def test_logging_before_selection_needs_txaio_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "txaio.log", None)
    with pytest.raises(RuntimeError, match="pip install txaio-log"):
        txaio.make_logger()


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [ast.unparse(node) for node in tree.body if isinstance(node, ast.ImportFrom | ast.Import)]


def test_the_partial_stub_package_imports_what_the_package_init_imports() -> None:
    """``txaio-stubs/__init__.pyi`` survives pip's upgrade from 26.6.1; it must say what ``__init__.py`` does."""
    init = Path(txaio.__file__)
    stub = init.parent.parent / "txaio-stubs" / "__init__.pyi"
    assert (stub.parent / "py.typed").read_text() == "partial\n"
    assert _imports(stub) == _imports(init)
    assert _imports(init)[0] == "from txaio._core.facade import *"


def test_the_stand_in_module_binds_the_names_the_package_init_imports() -> None:
    """``txaio.py`` (used when pip deleted ``txaio/__init__.py``) copies ``EXTRA_NAMES``."""
    from txaio._core import facade

    tree = ast.parse(Path(txaio.__file__).read_text(encoding="utf-8"))
    explicit = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name != "*"
    }
    assert explicit - {"__all__"} == set(facade.EXTRA_NAMES)
