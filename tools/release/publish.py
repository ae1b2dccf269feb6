"""``publish <dist>``: build one distribution from its tag, check it, and upload it.

Every refusal comes before the upload, with a clear message and a non-zero exit:

- HEAD is not at the tag ``<dist>-v<version>`` of the version file, or the distribution's
  files (its folder, and what its build reads from outside it: the root LICENSE and the
  sdist hook in tools/hatch/) differ from HEAD. Other folders may have changes: they are
  not part of this distribution, and the build reads the tag, not the work tree;
- the target index already lists that version (asked through its simple API);
- the sdist or wheel names another distribution or version than the tag, in its file name
  or in its metadata;
- ``hatch run metadata``'s checks (pyroma, twine, check-wheel-contents, the LICENSE) fail.

Only then does ``uv publish`` upload the two files (``--dry-run`` stops just before).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tools.metadata_check import check_artifacts
from tools.release.artifacts import Artifacts, build, disagreements, export_tag
from tools.release.cli import add_root_option, run
from tools.release.errors import ReleaseError
from tools.release.gitinfo import commit_of, tag_name, uncommitted
from tools.release.simple_index import PYPI_SIMPLE, files_of_version, published_files
from tools.release.upload import PYPI_UPLOAD, TRUSTED_PUBLISHING, upload
from tools.release.versionfile import read_version
from tools.release.workspace import Package, find_package, load_workspace

DESCRIPTION = "Build one distribution from its tag, check it, and upload it to a package index."

#: What a distribution's build reads from outside its own folder.
SHARED_BUILD_INPUTS = ("LICENSE", "tools/hatch")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``hatch run release:publish``."""
    args = _parser().parse_args(argv)
    root: Path = args.root.resolve()
    index_url = _index_url(args.repository_url, args.index_url)

    package = find_package(load_workspace(root), args.dist)
    version = read_version(package.version_file)
    tag = tag_name(package.name, version)
    _refuse_unless_at_tag(root, package, tag)
    _refuse_if_published(index_url, package.name, version)

    with tempfile.TemporaryDirectory(prefix=f"publish-{package.name}-") as tmp:
        tree = export_tag(root, tag, Path(tmp) / "tree")
        folder = package.directory.relative_to(root).as_posix()
        artifacts = build(tree, folder, Path(tmp) / "dist")
        _refuse_bad_artifacts(artifacts, package.name, folder, version, tag)
        kept = _keep(artifacts, args.out_dir or root / "dist" / package.name)
        print(f"{package.name} {version}: built from {tag} and checked: {', '.join(path.name for path in kept)}")
        if args.dry_run:
            print(f"Dry run: nothing uploaded; without --dry-run these two files go to {args.repository_url}")
            return 0
        upload(artifacts.files, args.repository_url, args.trusted_publishing)
    print(f"Published {package.name} {version} to {args.repository_url}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="release:publish", description=DESCRIPTION)
    parser.add_argument("dist", help="distribution to publish, e.g. txaio-log; HEAD must be at its tag")
    parser.add_argument(
        "--repository-url", default=PYPI_UPLOAD, help=f"upload endpoint of the index (default: {PYPI_UPLOAD})"
    )
    parser.add_argument(
        "--index-url",
        help=f"simple API of the same index, asked whether the version exists (default: {PYPI_SIMPLE}; "
        "required with --repository-url)",
    )
    parser.add_argument("--out-dir", type=Path, help="where to keep the two files (default: dist/<dist>)")
    parser.add_argument("--dry-run", action="store_true", help="check, build and keep the files; upload nothing")
    parser.add_argument(
        "--trusted-publishing",
        choices=TRUSTED_PUBLISHING,
        default="automatic",
        help="passed to uv publish: 'always' in CI, where the forge's OIDC token is the credential",
    )
    add_root_option(parser)
    return parser


def _index_url(repository_url: str, index_url: str | None) -> str:
    """The simple API to ask; another repository than PyPI must say where its simple API is."""
    if index_url is not None:
        return index_url
    if repository_url != PYPI_UPLOAD:
        raise ReleaseError(
            f"--repository-url {repository_url} needs --index-url too: the simple API of that index "
            "(e.g. https://test.pypi.org/simple/), to check the version is not there yet"
        )
    return PYPI_SIMPLE


def _refuse_unless_at_tag(root: Path, package: Package, tag: str) -> None:
    tagged = commit_of(root, f"refs/tags/{tag}")
    if tagged is None:
        raise ReleaseError(
            f"no tag {tag}: prepare the release (hatch run release:prepare {package.name} <part>), "
            f"commit it, and tag that commit {tag}"
        )
    head = commit_of(root, "HEAD")
    if head != tagged:
        raise ReleaseError(f"HEAD ({head}) is not at {tag} ({tagged}): check out the tag to publish it")
    folder = package.directory.relative_to(root).as_posix()
    changed = uncommitted(root, [folder, *SHARED_BUILD_INPUTS])
    if changed:
        raise ReleaseError(f"the work tree differs from {tag} in: {', '.join(changed)}; commit or remove the changes")


def _refuse_if_published(index_url: str, dist: str, version: str) -> None:
    there = files_of_version(published_files(index_url, dist), version)
    if there:
        raise ReleaseError(
            f"{dist} {version} is already on {index_url} ({', '.join(sorted(there))}); a published version "
            "is never replaced: prepare a new release"
        )


def _refuse_bad_artifacts(artifacts: Artifacts, dist: str, folder: str, version: str, tag: str) -> None:
    problems = disagreements(artifacts, dist, version)
    if problems:
        raise ReleaseError(f"the artifacts built from {tag} disagree with it:\n  " + "\n  ".join(problems))
    licence = (artifacts.tree / "LICENSE").read_bytes()
    failures = check_artifacts(dist, artifacts.sdist, artifacts.wheel, artifacts.tree / folder, licence)
    if failures:
        raise ReleaseError(f"the artifacts built from {tag} fail the metadata checks: {'; '.join(failures)}")


def _keep(artifacts: Artifacts, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(path, out_dir / path.name)) for path in artifacts.files]


if __name__ == "__main__":
    sys.exit(run(main))
