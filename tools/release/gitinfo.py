"""What git knows about releases: the last tag of a distribution and what changed since."""

from __future__ import annotations

import subprocess
from pathlib import Path

from packaging.version import InvalidVersion, Version

from tools.release.errors import ReleaseError


def git(root: Path, *args: str) -> str:
    """Run a read-only git command in ``root`` and return its output."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ReleaseError(f"cannot run git: {exc.strerror}") from exc
    if done.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed in {root}: {done.stderr.strip()}")
    return done.stdout


def tag_name(dist: str, version: str) -> str:
    """The tag of one release of one distribution."""
    return f"{dist}-v{version}"


def last_tag(root: Path, dist: str) -> str | None:
    """The tag ``<dist>-v<version>`` with the highest version, or None if never released."""
    prefix = tag_name(dist, "")
    best: tuple[Version, str] | None = None
    for tag in git(root, "tag", "--list", f"{prefix}*").split():
        try:
            version = Version(tag[len(prefix) :])
        except InvalidVersion:
            continue  # another distribution's tag, or not a release tag
        if best is None or version > best[0]:
            best = (version, tag)
    return None if best is None else best[1]


def tag_exists(root: Path, tag: str) -> bool:
    """Whether the exact tag is already taken."""
    return bool(git(root, "tag", "--list", tag).strip())


def changed_since(root: Path, ref: str, directory: Path) -> list[str]:
    """Files under ``directory`` that differ from ``ref``: committed, uncommitted or untracked."""
    folder = directory.relative_to(root).as_posix()
    changed = git(root, "diff", "--name-only", ref, "--", folder).splitlines()
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "--", folder).splitlines()
    return sorted({*changed, *untracked})


def commit_of(root: Path, ref: str) -> str | None:
    """The commit ``ref`` names (a tag is peeled to its commit), or None if there is no such ref."""
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None


def uncommitted(root: Path, paths: list[str]) -> list[str]:
    """Files under ``paths`` that differ from HEAD: staged, unstaged or untracked (ignored ones aside)."""
    lines = git(root, "status", "--porcelain", "--untracked-files=all", "--", *paths).splitlines()
    return sorted(line[3:] for line in lines)
