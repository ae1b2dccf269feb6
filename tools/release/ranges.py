"""Dependency ranges between the monorepo's own distributions."""

from __future__ import annotations

from packaging.utils import canonicalize_name

from tools.release.workspace import META_NAME, Dependency, Package


def internal_dependencies(packages: dict[str, Package]) -> list[Dependency]:
    """Every requirement that names a txaio distribution (known here or not)."""
    return [
        dependency
        for package in packages.values()
        for dependency in package.dependencies
        if _is_txaio_name(canonicalize_name(dependency.requirement.name))
    ]


def admits(dependency: Dependency, version: str) -> bool:
    """Whether the requirement's range contains ``version``."""
    return dependency.requirement.specifier.contains(version, prereleases=True)


def left_behind(packages: dict[str, Package], dist: str, version: str) -> list[Dependency]:
    """The requirements on ``dist`` whose range would not admit ``version``."""
    return [
        dependency
        for dependency in internal_dependencies(packages)
        if canonicalize_name(dependency.requirement.name) == dist and not admits(dependency, version)
    ]


def _is_txaio_name(name: str) -> bool:
    return name == META_NAME or name.startswith(f"{META_NAME}-")
