"""txaio-core's name lists, held mechanically to the contract (``txaio._core.contract``).

Type checkers need literal lists (``__all__``, the ``Final`` declarations of
``unselected.py``, the facade's imports); the contract derives its lists from
``FrameworkApi``.  These tests keep the two in step, and the facade in step
with txaio 26.6.1's ``__all__``.  The backends' lists, and what static tools
see of every public module, are checked in ``tools/tests/test_api_names.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import txaio
from txaio._core import facade, unselected
from txaio._core.contract import BACKEND_NAMES, FACADE_NAMES, FLAG_NAMES, LOGGING_NAMES, OPERATION_NAMES
from txaio.backend import LOGGING_BEFORE_SELECTION, unselected_bindings

#: txaio 26.6.1's ``txaio.__all__``, in its order (the side-by-side check reads the same file).
TXAIO_26_6_1_ALL = [
    line for line in (Path(__file__).parent / "txaio-26.6.1-all.txt").read_text().splitlines() if line[:1].isalpha()
]


def final_names(module: object) -> set[str]:
    """The module-level names a module's source declares ``Final``."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    return {
        node.target.id
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and "Final" in ast.unparse(node)
    }


def imported_from(module: object, source: str) -> set[str]:
    """The names a module's source imports from module ``source`` at its top level (a ``try:`` block's included)."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    statements = [inner for node in tree.body for inner in (node.body if isinstance(node, ast.Try) else [node])]
    return {
        alias.asname or alias.name
        for node in statements
        if isinstance(node, ast.ImportFrom) and node.module == source
        for alias in node.names
    }


def test_the_facade_exports_26_6_1s_names_in_its_order_and_each_exists() -> None:
    assert list(txaio.__all__) == TXAIO_26_6_1_ALL
    assert [name for name in TXAIO_26_6_1_ALL if not hasattr(txaio, name)] == []


def test_the_contract_names_exactly_the_facades_names() -> None:
    """Every operation of 26.6.1 is declared on FrameworkApi, and the contract adds none."""
    assert len(FACADE_NAMES) == len(set(FACADE_NAMES))
    assert set(FACADE_NAMES) == set(TXAIO_26_6_1_ALL)


def test_unselected_declares_each_operation_final_and_the_facade_imports_them() -> None:
    """``unselected.py`` declares each operation Final (checkers type it from FrameworkApi); the facade imports them."""
    assert final_names(unselected) == set(OPERATION_NAMES)
    assert imported_from(facade, "txaio._core.unselected") == set(OPERATION_NAMES)
    for name in OPERATION_NAMES:
        assert getattr(txaio, name) == getattr(unselected.UNSELECTED, name), name


def test_the_facade_declares_the_rest_of_the_backend_names_final() -> None:
    assert final_names(facade) == {*LOGGING_NAMES, "with_config"}
    assert set(BACKEND_NAMES) == {*OPERATION_NAMES, *final_names(facade)}


def test_the_logging_functions_before_selection_are_the_contracts() -> None:
    assert list(LOGGING_BEFORE_SELECTION) == list(LOGGING_NAMES)
    for name in LOGGING_NAMES:
        assert getattr(txaio, name) is LOGGING_BEFORE_SELECTION[name], name


def test_selection_rebinds_the_backend_names_the_flags_and_the_selected_name() -> None:
    bindings = unselected_bindings()

    assert set(bindings) == {*BACKEND_NAMES, *FLAG_NAMES, "_explicit_framework"}
    assert {name: getattr(txaio, name) for name in bindings} == bindings
