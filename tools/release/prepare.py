"""``prepare <dist> <major|minor|patch>``: ready one distribution's release, touching only it.

Bumps the distribution's version file, builds its CHANGELOG.md from its own fragments
(consuming them), prints the tag and the commands that commit, tag and publish it, and names the
dependents whose range the new version leaves behind. Every input is validated first, so a
refused request changes nothing.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from pathlib import Path

from tools.release.bumping import PARTS, check_part, next_version
from tools.release.changelog import build_changelog
from tools.release.cli import add_root_option, parse_date, run
from tools.release.errors import ReleaseError
from tools.release.fragments import invalid_fragments, valid_fragments
from tools.release.gitinfo import tag_exists, tag_name
from tools.release.ranges import left_behind
from tools.release.versionfile import read_version, write_version
from tools.release.workspace import Dependency, Package, find_package, load_workspace

DESCRIPTION = "Prepare the release of one distribution: version, changelog, tag."


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``hatch run release:prepare``."""
    parser = argparse.ArgumentParser(prog="release:prepare", description=DESCRIPTION)
    parser.add_argument("dist", help="distribution to release, e.g. txaio-log")
    parser.add_argument("part", help=f"version part to bump: {', '.join(PARTS)} (txaio: CalVer, see README)")
    parser.add_argument("--date", type=parse_date, default=datetime.date.today(), help="release date (default: today)")
    add_root_option(parser)
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()

    packages = load_workspace(root)
    package = find_package(packages, args.dist)
    check_part(args.part)
    current = read_version(package.version_file)
    version = next_version(package.is_meta, current, args.part, args.date)
    fragments = _fragments_to_consume(root, package)
    tag = tag_name(package.name, version)
    if tag_exists(root, tag):
        raise ReleaseError(f"tag {tag} already exists")

    build_changelog(root, package, version, args.date)
    write_version(package.version_file, version)

    behind = left_behind(packages, package.name, version)
    _report(root, package, current=current, version=version, consumed=len(fragments), behind=behind)
    return 0


def _fragments_to_consume(root: Path, package: Package) -> list[Path]:
    invalid = invalid_fragments(package)
    if invalid:
        names = ", ".join(path.name for path in invalid)
        raise ReleaseError(
            f"{package.name}: fragments of unknown type: {names} (types: {', '.join(package.fragment_types)})"
        )
    fragments = valid_fragments(package)
    if not fragments:
        raise ReleaseError(
            f"{package.name}: nothing to release, {package.fragment_dir.relative_to(root)}/ has no fragments "
            f"(add <issue>.<type>.md, type one of {', '.join(package.fragment_types)})"
        )
    return fragments


def _report(
    root: Path, package: Package, *, current: str, version: str, consumed: int, behind: list[Dependency]
) -> None:
    """Say what changed, the tag, how to build and publish, and who must follow."""
    folder = package.directory.relative_to(root).as_posix()
    tag = tag_name(package.name, version)
    print(f"Prepared {package.name} {version} (was {current}, {package.scheme}); {consumed} fragment(s) consumed.")
    print(f"Changed only {folder}/: {package.version_file.relative_to(package.directory)}, ", end="")
    print(f"{package.changelog.relative_to(package.directory)}, {package.fragment_dir.relative_to(package.directory)}/")
    print()
    print(f"Tag: {tag}")
    print()
    print("Review the diff, then commit and tag this one distribution, and push the tag:")
    print(f'  git commit -m "Release {package.name} {version}" -- {folder}')
    print(f"  git tag {tag}")
    print(f"  git push origin {tag}    # CI tests it, then publishes it (.github/workflows/release.yml)")
    print("or publish it by hand, from the tag (a dry run first):")
    print(f"  hatch run release:publish {package.name} --dry-run")
    print(f"  hatch run release:publish {package.name}")
    if behind:
        print()
        print(f"These ranges do not admit {package.name} {version}; widen them and release those packages next:")
        for dependency in behind:
            print(f"  {dependency.describe()}")
        must_follow = sorted({dependency.dependent for dependency in behind})
        print(f"Packages that must follow: {', '.join(must_follow)}")


if __name__ == "__main__":
    sys.exit(run(main))
