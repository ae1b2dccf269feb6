"""The distributions of the monorepo, as their own ``pyproject.toml`` files describe them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from tools.release.errors import ReleaseError

META_NAME = "txaio"


@dataclass(frozen=True)
class Dependency:
    """One requirement of a distribution, with the table it was declared in."""

    dependent: str
    section: str
    requirement: Requirement
    text: str

    def describe(self) -> str:
        """For messages, as written in pyproject.toml: ``txaio-log requires txaio-core>=1.0,<2 (dependencies)``."""
        return f"{self.dependent} requires {self.text} ({self.section})"


@dataclass(frozen=True)
class Package:
    """One distribution: where its version, fragments and changelog live."""

    name: str
    directory: Path
    version_file: Path
    fragment_dir: Path
    changelog: Path
    start_string: str
    fragment_types: tuple[str, ...]
    dependencies: tuple[Dependency, ...]

    @property
    def is_meta(self) -> bool:
        """The meta-package uses CalVer; the split distributions use SemVer."""
        return self.name == META_NAME

    @property
    def scheme(self) -> str:
        """The version scheme, for messages."""
        return "CalVer YY.M.N" if self.is_meta else "SemVer"


def load_workspace(root: Path) -> dict[str, Package]:
    """Every distribution under ``root/packages``, by canonical name."""
    packages: dict[str, Package] = {}
    for pyproject in sorted((root / "packages").glob("*/pyproject.toml")):
        package = _load_package(pyproject)
        packages[package.name] = package
    if not packages:
        raise ReleaseError(f"no distributions found under {root / 'packages'}")
    return packages


def find_package(packages: dict[str, Package], name: str) -> Package:
    """The named distribution, or an error that lists the known ones."""
    package = packages.get(canonicalize_name(name))
    if package is None:
        raise ReleaseError(f"unknown distribution {name!r}: choose one of {', '.join(packages)}")
    return package


def _load_package(pyproject: Path) -> Package:
    directory = pyproject.parent
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        project = data["project"]
        name = canonicalize_name(project["name"])
        version_path = data["tool"]["hatch"]["version"]["path"]
        towncrier = data["tool"]["towncrier"]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ReleaseError(f"{pyproject}: missing or unreadable release settings ({exc!r})") from exc
    return Package(
        name=name,
        directory=directory,
        version_file=directory / version_path,
        fragment_dir=directory / towncrier.get("directory", "changes"),
        changelog=directory / towncrier.get("filename", "CHANGELOG.md"),
        start_string=towncrier.get("start_string", "<!-- towncrier release notes start -->\n"),
        fragment_types=tuple(entry["directory"] for entry in towncrier.get("type", [])),
        dependencies=tuple(_dependencies(name, project, pyproject)),
    )


def _dependencies(name: str, project: dict[str, object], pyproject: Path) -> list[Dependency]:
    sections: list[tuple[str, object]] = [("dependencies", project.get("dependencies", []))]
    extras = project.get("optional-dependencies", {})
    if isinstance(extras, dict):
        sections += [(f"optional-dependencies.{extra}", specs) for extra, specs in extras.items()]
    found = []
    for section, specs in sections:
        for spec in specs if isinstance(specs, list) else []:
            try:
                found.append(Dependency(name, section, Requirement(str(spec)), str(spec)))
            except InvalidRequirement as exc:
                raise ReleaseError(f"{pyproject}: invalid requirement {spec!r} in {section}: {exc}") from exc
    return found
