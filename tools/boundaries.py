"""Import boundaries between the distributions, found by reading every ``src/`` file's AST.

All six distributions install into the one package ``txaio``, so nothing at import time
stops one of them from reaching into another's private modules or from importing a
distribution it does not declare.  Either makes independent releases unsafe: a refactor of
a private module, or a user who installs only what the metadata says, breaks it.  This scan
reports two kinds of violation:

- ``private``: an import of another distribution's underscore module (any part of the
  dotted path after ``txaio`` starts with ``_``); a module belongs to the distribution whose
  ``packages/<dist>/src`` holds it;
- ``undeclared``: an import of a distribution (txaio's own or a third party's) that is not
  in the importer's ``dependencies`` / ``optional-dependencies``.  A module that a
  ``pytest11`` entry point names may import pytest: pytest is what loads it.

Imports made with ``importlib`` from strings are not seen.  ``python tools/boundaries.py``
prints every violation; ``tools/tests/test_boundaries.py`` fails on any.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Top-level modules of third-party distributions that code under src/ may import.
THIRD_PARTY = {"twisted": "twisted", "zope": "zope-interface", "pytest": "pytest", "_pytest": "pytest"}

PRIVATE = "private"
UNDECLARED = "undeclared"
UNKNOWN = "unknown"


def canonical(name: str) -> str:
    """A distribution name as PEP 503 compares them: ``zope.interface`` is ``zope-interface``."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Distribution:
    """One distribution: what it declares and where its modules live."""

    name: str
    src: Path
    requires: frozenset[str]
    pytest_plugins: frozenset[str]


@dataclass(frozen=True)
class Violation:
    """One import that crosses a boundary: who imports what, and why that is wrong."""

    importer: str  # path relative to the repository root, POSIX style
    imported: str  # the dotted module name
    reasons: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        """Importer file and imported module."""
        return self.importer, self.imported

    def describe(self) -> str:
        """One readable line."""
        return f"{self.importer}: imports {self.imported} ({'; '.join(self.reasons)})"


def load_distributions(root: Path) -> dict[str, Distribution]:
    """Every ``packages/<dist>`` with its declared requirements, by canonical name."""
    found: dict[str, Distribution] = {}
    for pyproject in sorted((root / "packages").glob("*/pyproject.toml")):
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        specs = list(project.get("dependencies", []))
        for extra in project.get("optional-dependencies", {}).values():
            specs += extra
        requires = frozenset(canonical(re.split(r"[\s<>=!~;\[(]", spec, maxsplit=1)[0]) for spec in specs)
        plugins = frozenset(project.get("entry-points", {}).get("pytest11", {}).values())
        name = canonical(project["name"])
        found[name] = Distribution(name, pyproject.parent / "src", requires, plugins)
    return found


def module_owners(distributions: dict[str, Distribution]) -> dict[str, str]:
    """Every module and package under the ``src/`` folders, mapped to the distribution shipping it."""
    owners: dict[str, str] = {}
    for dist in distributions.values():
        for path in dist.src.rglob("*.py"):
            owners[module_name(dist.src, path)] = dist.name
            for parent in path.relative_to(dist.src).parents:
                if parent.parts:  # folders too: ``txaio/_core`` has no ``__init__.py``
                    owners.setdefault(".".join(parent.parts), dist.name)
    return owners


def module_name(src: Path, path: Path) -> str:
    """``src/txaio/log/_state.py`` is ``txaio.log._state``; a package is its ``__init__``'s folder."""
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.Module, module: str, is_package: bool, owners: dict[str, str]) -> Iterator[str]:
    """The modules a module imports: ``from a import b`` imports ``a.b`` if that is a module, else ``a``.

    Names outside ``txaio`` are kept at their top-level module (``twisted.internet`` is ``twisted``).
    """
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (_top_unless_txaio(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            if base == "__future__":
                continue
            submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in owners]
            yield from submodules
            if len(submodules) < len(node.names):
                yield _top_unless_txaio(base)


def _top_unless_txaio(name: str) -> str:
    top = name.partition(".")[0]
    return name if top == "txaio" else top


def scan(root: Path = ROOT) -> list[Violation]:
    """Every boundary violation in every distribution's ``src/``, sorted by file and module."""
    distributions = load_distributions(root)
    owners = module_owners(distributions)
    found: dict[tuple[str, str], set[str]] = {}
    for dist in distributions.values():
        for path in sorted(dist.src.rglob("*.py")):
            module = module_name(dist.src, path)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for target in imported_modules(tree, module, path.name == "__init__.py", owners):
                for reason in _reasons(dist, module, target, owners):
                    found.setdefault((path.relative_to(root).as_posix(), target), set()).add(reason)
    return [Violation(file, module, tuple(sorted(reasons))) for (file, module), reasons in sorted(found.items())]


def _reasons(dist: Distribution, module: str, target: str, owners: dict[str, str]) -> list[str]:
    if target == "txaio" or target.startswith("txaio."):
        return _txaio_reasons(dist, target, owners)
    if target in sys.stdlib_module_names:
        return []
    if target not in THIRD_PARTY:
        return [f"{UNKNOWN}: third-party module {target!r} is not mapped to a distribution in THIRD_PARTY"]
    needed = THIRD_PARTY[target]
    if needed in dist.requires or (needed == "pytest" and module in dist.pytest_plugins):
        return []
    return [f"{UNDECLARED}: {needed} is not a dependency of {dist.name}"]


def _txaio_reasons(dist: Distribution, target: str, owners: dict[str, str]) -> list[str]:
    owner = owners.get(target)
    if owner is None:
        return [f"{UNKNOWN}: no distribution's src/ holds the module {target}"]
    if owner == dist.name:
        return []
    reasons = []
    if any(part.startswith("_") for part in target.split(".")[1:]):
        reasons.append(f"{PRIVATE}: a private module of {owner}")
    if owner not in dist.requires:
        reasons.append(f"{UNDECLARED}: {owner} is not a dependency of {dist.name}")
    return reasons


def main() -> int:
    """Print every violation; exit 1 if there is one."""
    violations = scan()
    for violation in violations:
        print(violation.describe())
    print(f"{len(violations)} import(s) cross a distribution boundary")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
