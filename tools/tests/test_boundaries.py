"""Import boundaries: no distribution imports another's private modules or an undeclared one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.boundaries import PRIVATE, UNDECLARED, UNKNOWN, Violation, scan


def test_no_import_crosses_a_distribution_boundary() -> None:
    """Every import between the distributions goes through a public contract (``txaio.backend``
    for core, ``txaio.log.sink`` for txaio-log); none is allowed to bypass one."""
    violations = [violation.describe() for violation in scan()]

    assert violations == [], "\n".join(
        ["Imports across a distribution boundary (use or extend the owner's public API instead):", *violations]
    )


# The scanner itself, on a small made-up monorepo.


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def project(name: str, *dependencies: str, plugin: str | None = None) -> str:
    text = f'[project]\nname = "{name}"\ndependencies = {list(dependencies)!r}\n'.replace("'", '"')
    if plugin:
        text += f'\n[project.entry-points.pytest11]\nplugin = "{plugin}"\n'
    return text


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """core (public ``txaio.api``, private ``txaio._core.impl``), log (needs core), tools (needs nothing)."""
    write(tmp_path, "packages/core/pyproject.toml", project("txaio-core"))
    write(tmp_path, "packages/core/src/txaio/__init__.py", "from txaio._core import impl\n")
    write(tmp_path, "packages/core/src/txaio/_core/impl.py", "import os\n")
    write(tmp_path, "packages/core/src/txaio/api.py", "from . import _core\n")
    write(tmp_path, "packages/log/pyproject.toml", project("txaio-log", "txaio-core>=1.0,<2"))
    write(tmp_path, "packages/log/src/txaio/log/__init__.py", "import txaio.api\nfrom txaio.log import _own\n")
    write(tmp_path, "packages/log/src/txaio/log/_own.py", "from ._other import x\n")
    write(tmp_path, "packages/log/src/txaio/log/_other.py", "x = 1\n")
    write(tmp_path, "packages/extra/pyproject.toml", project("txaio-extra", plugin="txaio.extra.plugin"))
    write(tmp_path, "packages/extra/src/txaio/extra/__init__.py", "")
    write(tmp_path, "packages/extra/src/txaio/extra/plugin.py", "import pytest\n")
    return tmp_path


def test_a_clean_tree_has_no_violation(repo: Path) -> None:
    assert scan(repo) == []


def test_a_private_module_of_another_distribution_is_a_violation(repo: Path) -> None:
    write(repo, "packages/log/src/txaio/log/_own.py", "from txaio._core import impl\nfrom ._other import x\n")

    private = (f"{PRIVATE}: a private module of txaio-core",)

    assert scan(repo) == [Violation("packages/log/src/txaio/log/_own.py", "txaio._core.impl", private)]


def test_a_distribution_that_is_not_declared_is_a_violation(repo: Path) -> None:
    write(repo, "packages/extra/src/txaio/extra/__init__.py", "from txaio.log import _own\nimport twisted.internet\n")

    found = {(violation.imported, violation.reasons) for violation in scan(repo)}

    both = (f"{PRIVATE}: a private module of txaio-log", f"{UNDECLARED}: txaio-log is not a dependency of txaio-extra")
    assert found == {
        ("txaio.log._own", both),
        ("twisted", (f"{UNDECLARED}: twisted is not a dependency of txaio-extra",)),
    }


def test_pytest_only_from_a_pytest_plugin(repo: Path) -> None:
    write(repo, "packages/log/src/txaio/log/_other.py", "import pytest\nx = 1\n")

    assert [violation.describe() for violation in scan(repo)] == [
        "packages/log/src/txaio/log/_other.py: imports pytest (undeclared: pytest is not a dependency of txaio-log)"
    ]


def test_relative_imports_are_resolved(repo: Path) -> None:
    write(repo, "packages/log/src/txaio/log/_own.py", "from .. import _core\nfrom ._other import x\n")

    assert [violation.key for violation in scan(repo)] == [("packages/log/src/txaio/log/_own.py", "txaio._core")]


def test_unknown_modules_are_reported_not_skipped(repo: Path) -> None:
    write(repo, "packages/log/src/txaio/log/_other.py", "import requests\nimport txaio.nowhere\nx = 1\n")

    reasons = [violation.reasons[0].split(":")[0] for violation in scan(repo)]

    assert reasons == [UNKNOWN, UNKNOWN]
