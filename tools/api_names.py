"""What static tools see a module bind, read from its source without importing it.

Type checkers read a module's ``__all__`` only as a literal, and they see the
``if TYPE_CHECKING:`` branch instead of its ``else``.  ``tools/tests/test_api_names.py``
compares this static view of every public module with what importing it gives.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the ``txaio`` package in the distributions' ``src/`` folders, by dotted name."""
    found: dict[str, Path] = {}
    for path in sorted(root.glob("packages/*/src/txaio/**/*.py")):
        src = next(parent for parent in path.parents if parent.name == "src")
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def public_modules(root: Path = ROOT) -> dict[str, Path]:
    """The modules whose dotted name has no part starting with ``_``."""
    return {
        name: path
        for name, path in module_files(root).items()
        if not any(part.startswith("_") for part in name.split("."))
    }


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(body: Iterable[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements as a type checker reads them (``if TYPE_CHECKING:`` without its ``else``)."""
    for node in body:
        if isinstance(node, ast.If):
            yield from _statements(node.body)
            if not _is_type_checking(node.test):
                yield from _statements(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, *(handler.body for handler in node.handlers), node.orelse, node.finalbody):
                yield from _statements(block)
        else:
            yield node


def _targets(node: ast.stmt) -> Iterator[str]:
    if isinstance(node, ast.Assign):
        for target in node.targets:
            yield from (name.id for name in ast.walk(target) if isinstance(name, ast.Name))
    elif isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
        yield node.target.id
    elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield node.name
    elif isinstance(node, ast.Import):
        yield from (alias.asname or alias.name.partition(".")[0] for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        yield from (alias.asname or alias.name for alias in node.names if alias.name != "*")


class StaticModule:
    """One module's source: its ``__all__`` literal and the names it binds, as a type checker sees them."""

    def __init__(self, name: str, files: dict[str, Path]) -> None:
        self.name = name
        self._files = files
        self._tree = ast.parse(files[name].read_text(encoding="utf-8"))

    def _imported_from(self, node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        package = self.name if self._files[self.name].name == "__init__.py" else self.name.rpartition(".")[0]
        anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
        return ".".join([*anchor, *([node.module] if node.module else [])])

    def all(self) -> list[str] | None:
        """``__all__`` as written (a literal, or imported from another module), or None if it has none."""
        for node in _statements(self._tree.body):
            if isinstance(node, ast.Assign | ast.AnnAssign) and "__all__" in _targets(node):
                assert node.value is not None, f"{self.name}: __all__ is declared without a value"
                value = ast.literal_eval(node.value)
                assert isinstance(value, list | tuple), f"{self.name}: __all__ is not a literal list or tuple"
                return list(value)
            if isinstance(node, ast.ImportFrom) and "__all__" in _targets(node):
                return StaticModule(self._imported_from(node), self._files).all()
        return None

    def bound(self) -> set[str]:
        """Every name bound at module level, with what ``from m import *`` brings from a module of txaio."""
        names: set[str] = set()
        for node in _statements(self._tree.body):
            names.update(_targets(node))
            if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names):
                star = StaticModule(self._imported_from(node), self._files)
                names.update(star.all() or ())
        return names
