"""txaio-log's modules import one way: each only from modules below it in ``LAYERS``.

A loop between them once left a reader unable to tell which module is the base,
and was broken by an import inside a function.  This reads every import of every
module (in functions and ``if TYPE_CHECKING:`` blocks too), so such a loop
cannot come back unnoticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import txaio.log

#: Bottom first.  A module may import only modules of a lower layer.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"_version", "_levels"}),
    frozenset({"_logger"}),
    frozenset({"_output"}),
    frozenset({"_stdlib"}),
    frozenset({"sink"}),
    frozenset({"__init__"}),
)
RANK = {module: rank for rank, layer in enumerate(LAYERS) for module in layer}
FOLDER = Path(txaio.log.__file__).parent
PACKAGE = "txaio.log"


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module of txaio-log) for every import in ``source``; ``__init__`` for the package itself."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module is not None:
            if node.module == PACKAGE:  # `from txaio.log import _logger` names a module, anything else the package
                names = [f"{PACKAGE}.{alias.name}" if alias.name in RANK else PACKAGE for alias in node.names]
            else:
                names = [node.module]
        else:
            continue
        for name in names:
            if name == PACKAGE:
                found.append((node.lineno, "__init__"))
            elif name.startswith(f"{PACKAGE}."):
                found.append((node.lineno, name.removeprefix(f"{PACKAGE}.").split(".")[0]))
    return found


def upward_imports(module: str, source: str) -> list[str]:
    """Every import in ``module``'s ``source`` of a module in its own layer or above."""
    return [
        f"{module}.py:{line} imports {target} (layer {RANK.get(target, '?')}, not below {RANK[module]})"
        for line, target in imported_modules(source)
        if target not in RANK or RANK[target] >= RANK[module]
    ]


def test_every_module_has_a_layer() -> None:
    modules = {path.stem for path in FOLDER.glob("*.py")}
    assert modules == set(RANK), "place each module of txaio/log in LAYERS"


@pytest.mark.parametrize("module", sorted(RANK))
def test_imports_run_downward(module: str) -> None:
    assert upward_imports(module, (FOLDER / f"{module}.py").read_text(encoding="utf-8")) == []


# The check itself must be able to fail.


@pytest.mark.parametrize(
    "source",
    [
        "from txaio.log._stdlib import STDLIB_BACKEND",
        "def late():\n    from txaio.log._output import LineWriter\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from txaio.log._logger import Logger\n",
        "import txaio.log._output",
        "from txaio.log import _stdlib",
        "from txaio.log import make_logger",
        "from txaio.log._new_module import thing",
    ],
    ids=[
        "module_level",
        "in_a_function",
        "type_checking_only",
        "plain_import",
        "submodule_by_name",
        "package",
        "unplaced",
    ],
)
def test_an_import_upward_or_sideways_is_reported(source: str) -> None:
    assert len(upward_imports("_logger", source)) == 1


def test_imports_downward_and_from_elsewhere_pass() -> None:
    source = "import sys\nfrom txaio.interfaces import ILogger\nfrom txaio.log._levels import LEVELS\n"
    assert upward_imports("_logger", source) == []
