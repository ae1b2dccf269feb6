"""One distribution's sdist and wheel, built from what its tag holds, and the name and version they carry.

The build reads a ``git archive`` of the tag, not the work tree, so what is uploaded is exactly
what was tagged: no untracked file, local edit or stale ``__pycache__`` can slip into it.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)

from tools.release.errors import ReleaseError


@dataclass(frozen=True)
class Artifacts:
    """The two files of one release, and the checked-out tree they were built from."""

    sdist: Path
    wheel: Path
    tree: Path

    @property
    def files(self) -> tuple[Path, Path]:
        return (self.sdist, self.wheel)


def export_tag(root: Path, tag: str, tree: Path) -> Path:
    """Write the files of ``tag`` (as ``git archive`` gives them) into ``tree``."""
    done = subprocess.run(["git", "archive", "--format=tar", tag], cwd=root, capture_output=True, check=False)
    if done.returncode != 0:
        raise ReleaseError(f"git archive {tag} failed: {done.stderr.decode(errors='replace').strip()}")
    tree.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(tree, filter="data")
    return tree


def build(tree: Path, folder: str, out: Path) -> Artifacts:
    """``uv build`` the package at ``tree/folder``: the sdist, then the wheel from that sdist."""
    command = [sys.executable, "-m", "uv", "build", "--quiet", "--out-dir", str(out), str(tree / folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ReleaseError(f"the build of {folder} failed:\n{done.stdout}{done.stderr}")
    sdists = sorted(out.glob("*.tar.gz"))
    wheels = sorted(out.glob("*.whl"))
    if len(sdists) != 1 or len(wheels) != 1:
        found = ", ".join(path.name for path in sorted(out.iterdir())) or "nothing"
        raise ReleaseError(f"the build of {folder} should give one sdist and one wheel, it gave: {found}")
    return Artifacts(sdist=sdists[0], wheel=wheels[0], tree=tree)


def disagreements(artifacts: Artifacts, dist: str, version: str) -> list[str]:
    """Where a file's name, or the metadata inside it, names another distribution or version.

    ``version`` is the tag's, as written: a version file holding a non-normalised
    form (``1.00.1``) disagrees with the artifacts, which carry ``1.0.1``.
    """
    wanted = (canonicalize_name(dist), version)
    problems = []
    for path, in_name, in_metadata in (
        (artifacts.sdist, _sdist_name(artifacts.sdist), _metadata(artifacts.sdist)),
        (artifacts.wheel, _wheel_name(artifacts.wheel), _metadata(artifacts.wheel)),
    ):
        for where, found in (("file name", in_name), ("metadata", in_metadata)):
            if found != wanted:
                problems.append(f"{path.name}: its {where} says {found[0]} {found[1]}, the tag says {dist} {version}")
    return problems


def _sdist_name(path: Path) -> tuple[str, str]:
    try:
        name, version = parse_sdist_filename(path.name)
    except InvalidSdistFilename as exc:
        raise ReleaseError(f"not an sdist file name: {path.name} ({exc})") from exc
    return str(name), str(version)


def _wheel_name(path: Path) -> tuple[str, str]:
    try:
        name, version, _, _ = parse_wheel_filename(path.name)
    except InvalidWheelFilename as exc:
        raise ReleaseError(f"not a wheel file name: {path.name} ({exc})") from exc
    return str(name), str(version)


def _metadata(path: Path) -> tuple[str, str]:
    """Name and Version from a wheel's METADATA or an sdist's top-level PKG-INFO."""
    text = _metadata_text(path)
    if text is None:
        raise ReleaseError(f"{path.name} holds no metadata (METADATA or PKG-INFO)")
    headers = Parser().parsestr(text)
    return str(canonicalize_name(headers.get("Name", ""))), headers.get("Version", "")


def _metadata_text(path: Path) -> str | None:
    if path.name.endswith(".whl"):
        with zipfile.ZipFile(path) as archive:
            names = [name for name in archive.namelist() if name.count("/") == 1]
            found = [name for name in names if name.endswith(".dist-info/METADATA")]
            return archive.read(found[0]).decode() if len(found) == 1 else None
    with tarfile.open(path) as archive:
        members = [member for member in archive.getmembers() if member.name.count("/") == 1]
        infos = [member for member in members if member.name.endswith("/PKG-INFO")]
        extracted = archive.extractfile(infos[0]) if len(infos) == 1 else None
        return extracted.read().decode() if extracted is not None else None
