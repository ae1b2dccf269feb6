"""Helpers for a throwaway clone of the committed repository, the release commands' playground.

The clone is taken from HEAD, so the tests never see (or touch) the uncommitted work in the
shared work tree; the commands under test are this checkout's, pointed at the clone by --root.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[3]

PACKAGES = ("txaio", "txaio-asyncio", "txaio-core", "txaio-log", "txaio-testutil", "txaio-twisted")


def git(root: Path, *args: str) -> str:
    """Run git in the clone, with an identity so that commits work on any machine."""
    command = ["git", "-c", "user.name=release tests", "-c", "user.email=release-tests@example.invalid", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=True).stdout


def make_clone(root: Path) -> Path:
    """A clone of HEAD at ``root`` without tags: nothing was ever released."""
    subprocess.run(["git", "clone", "--quiet", str(REPOSITORY), str(root)], check=True)
    for tag in git(root, "tag", "--list").split():
        git(root, "tag", "--delete", tag)  # start from "never released", whatever HEAD's history holds
    return root


def tag_current_versions(root: Path) -> None:
    """Tag HEAD ``<dist>-v<version>`` for every package, as right after releasing each."""
    for dist in PACKAGES:
        git(root, "tag", "--force", f"{dist}-v{current_version(root, dist)}")


def release(
    command: str, root: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tools.release.<command> --root <clone> ...`` from this checkout (``env`` adds variables)."""
    argv = [sys.executable, "-m", f"tools.release.{command}", "--root", str(root), *args]
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        argv, cwd=REPOSITORY, env=environment, capture_output=True, text=True, timeout=timeout, check=False
    )


def status(root: Path) -> list[str]:
    """Paths that differ from the clone's HEAD (staged, unstaged or untracked)."""
    lines = git(root, "status", "--porcelain", "--untracked-files=all").splitlines()
    return sorted(line[3:] for line in lines)


def current_version(root: Path, dist: str) -> str:
    """The version a package's version file declares, read without the code under test."""
    pyproject = (root / "packages" / dist / "pyproject.toml").read_text(encoding="utf-8")
    path = pyproject.split("[tool.hatch.version]")[1].split('path = "')[1].split('"')[0]
    for line in (root / "packages" / dist / path).read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split('"')[1]
    raise AssertionError(f"no __version__ in {path}")


def set_version(root: Path, dist: str, version: str) -> None:
    """Rewrite a package's version file to declare ``version``."""
    pyproject = (root / "packages" / dist / "pyproject.toml").read_text(encoding="utf-8")
    path = root / "packages" / dist / pyproject.split("[tool.hatch.version]")[1].split('path = "')[1].split('"')[0]
    old = current_version(root, dist)
    path.write_text(path.read_text(encoding="utf-8").replace(f'"{old}"', f'"{version}"'), encoding="utf-8")


def add_fragment(root: Path, dist: str, name: str, text: str) -> Path:
    """Write one towncrier fragment into a package."""
    path = root / "packages" / dist / "changes" / name
    path.write_text(text + "\n", encoding="utf-8")
    return path
