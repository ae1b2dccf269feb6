"""``check``: is the repository fit to release? Lists every problem and exits 1 if there is one.

- every distribution changed since its last tag ``<dist>-v*`` has a fragment (one never tagged
  needs a fragment or entries in its CHANGELOG.md); a prepared release whose version is not
  tagged yet and whose changelog names that version passes with a note until it is tagged;
- no version file is below its distribution's last tag;
- every fragment has a configured type;
- every version file holds a version of its scheme (the meta-package's is above 26.6.1);
- every range on a txaio distribution admits that distribution's current version, the
  meta-package's ranges included, and the meta-package names every part;
- no public name of a distribution was removed, and no signature broke, since its last tag,
  unless the version file's major is above the tag's (``api.py``; prints what changed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import Version

from tools.release.api import api_problems
from tools.release.bumping import LAST_MONOLITHIC, parse_three
from tools.release.cli import add_root_option, run
from tools.release.errors import ReleaseError
from tools.release.fragments import changelog_has_entries, changelog_mentions, invalid_fragments, valid_fragments
from tools.release.gitinfo import changed_since, last_tag, tag_name
from tools.release.ranges import admits, internal_dependencies
from tools.release.versionfile import read_version
from tools.release.workspace import META_NAME, Package, load_workspace

PROBLEMS_FOUND = 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``hatch run release:check``."""
    parser = argparse.ArgumentParser(prog="release:check", description="Check fragments and ranges before a release.")
    add_root_option(parser)
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()

    packages = load_workspace(root)
    versions: dict[str, str] = {}
    problems: list[str] = []
    notes: list[str] = []
    for package in packages.values():
        version_problem = _version_problem(package)
        if version_problem is None:
            versions[package.name] = read_version(package.version_file)
        else:
            problems.append(version_problem)
        found, note = _release_state(root, package, versions.get(package.name))
        problems += found
        notes += [] if note is None else [note]
        found, api_notes = api_problems(root, package, versions.get(package.name), last_tag(root, package.name))
        problems += found
        notes += api_notes
    problems += _range_problems(packages, versions)
    problems += _meta_problems(packages)

    for note in notes:
        print(f"note: {note}")
    if problems:
        print(f"release check: {len(problems)} problem(s)")
        for problem in problems:
            print(f"  - {problem}")
        return PROBLEMS_FOUND
    summary = ", ".join(f"{name} {version}" for name, version in versions.items())
    print(f"release check: OK ({summary})")
    return 0


def _version_problem(package: Package) -> str | None:
    try:
        numbers = parse_three(read_version(package.version_file), package.scheme)
    except ReleaseError as exc:
        return f"{package.name}: {exc}"
    if package.is_meta and numbers <= LAST_MONOLITHIC:
        return f"{package.name}: version {'.'.join(map(str, numbers))} must be above 26.6.1"
    return None


def _release_state(root: Path, package: Package, version: str | None) -> tuple[list[str], str | None]:
    """The package's problems with tags and fragments, and a note when a release awaits its tag."""
    behind = _behind_tag(root, package, version)
    if behind is not None:
        return [behind], None
    if version is not None and _awaiting_tag(root, package, version):
        tag = tag_name(package.name, version)
        return [], f"{package.name} {version} is prepared and awaits its tag {tag}"
    return _fragment_problems(root, package), None


def _awaiting_tag(root: Path, package: Package, version: str) -> bool:
    """A prepared release: its version is untagged, its notes are built and no fragment is left.

    Between ``prepare`` and ``git tag`` the package differs from its last tag without a
    fragment (they were consumed); its changelog entry stands for them.
    """
    if valid_fragments(package) or invalid_fragments(package):
        return False
    last = last_tag(root, package.name)
    newer = last is None or Version(version) > _tagged_version(package, last)
    return newer and changelog_mentions(package, version)


def _tagged_version(package: Package, tag: str) -> Version:
    return Version(tag.removeprefix(tag_name(package.name, "")))


def _behind_tag(root: Path, package: Package, version: str | None) -> str | None:
    last = last_tag(root, package.name)
    if version is None or last is None or Version(version) >= _tagged_version(package, last):
        return None
    return f"{package.name}: version {version} is below the last release tag {last}"


def _fragment_problems(root: Path, package: Package) -> list[str]:
    problems = [
        f"{package.name}: {path.relative_to(root)} is not a fragment of a known type "
        f"({', '.join(package.fragment_types)})"
        for path in invalid_fragments(package)
    ]
    if valid_fragments(package):
        return problems
    tag = last_tag(root, package.name)
    if tag is None:
        if not changelog_has_entries(package):
            problems.append(
                f"{package.name}: never released (no tag {package.name}-v*) and has no fragment in "
                f"{package.fragment_dir.relative_to(root)}/ nor entries in its changelog"
            )
        return problems
    changed = changed_since(root, tag, package.directory)
    if changed:
        shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
        problems.append(
            f"{package.name}: changed since {tag} ({shown}) but has no fragment in "
            f"{package.fragment_dir.relative_to(root)}/"
        )
    return problems


def _range_problems(packages: dict[str, Package], versions: dict[str, str]) -> list[str]:
    problems = []
    for dependency in internal_dependencies(packages):
        name = canonicalize_name(dependency.requirement.name)
        if name not in packages:
            problems.append(f"{dependency.describe()}, but there is no distribution {name} in packages/")
        elif name in versions and not admits(dependency, versions[name]):
            problems.append(f"{dependency.describe()}, which does not admit the current {name} {versions[name]}")
    return problems


def _meta_problems(packages: dict[str, Package]) -> list[str]:
    meta = packages.get(META_NAME)
    if meta is None:
        return []
    named = {canonicalize_name(dependency.requirement.name) for dependency in meta.dependencies}
    missing = sorted(set(packages) - named - {META_NAME})
    return [f"{META_NAME}: the meta-package names no range for {name}" for name in missing]


if __name__ == "__main__":
    sys.exit(run(main))
