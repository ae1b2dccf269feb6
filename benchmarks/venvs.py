"""Cached virtualenvs under build/bench-venvs, made with uv.

- ``ours``: this tree's four runtime parts (built, not editable), Twisted and uvloop: the txaio side.
- ``txaio-26.6.1``: txaio 26.6.1, Twisted and uvloop from PyPI, for ``--against 26.6.1``.
- ``tree-<commit>``: this repository's four runtime parts as they were at a commit, with
  Twisted and uvloop, for ``--before <git ref>``.
- ``slim-26.6.1``: txaio 26.6.1 alone, and ``slim-ours``: txaio-core, txaio-log and
  txaio-asyncio built from this tree (not editable, as a user installs them), for
  the import-time case.

A venv is rebuilt only when what it should hold changes: the requirements, the
Python, or (for ``slim-ours``) any file of the three packages.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / "build" / "bench-venvs"
TREES = ROOT / "build" / "bench-trees"
SLIM_PACKAGES = ("txaio-core", "txaio-log", "txaio-asyncio")
RUNTIME_PACKAGES = (*SLIM_PACKAGES, "txaio-twisted")
#: What every framework column needs beside txaio (uvloop: the ``uvloop`` column).
FRAMEWORKS = ["twisted", "uvloop; sys_platform != 'win32'"]


def python_of(venv: Path) -> Path:
    return venv / "bin" / "python"


def _tree_digest(folders: list[Path]) -> str:
    """A digest of what goes into the wheels: each package's pyproject.toml and src/."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in [folder / "pyproject.toml", *sorted((folder / "src").rglob("*"))]:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _uv(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "uv", *args], check=True, stdout=subprocess.DEVNULL)


def ensure(name: str, requirements: list[str], fingerprint: str = "", fresh_build: bool = False) -> Path:
    """The Python of venv ``name`` holding ``requirements``; made (or remade) only when needed."""
    venv = VENVS / name
    stamp = json.dumps({"requirements": requirements, "python": sys.version, "fingerprint": fingerprint})
    stamp_file = venv / ".bench-stamp"
    python = python_of(venv)
    if python.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return python
    print(f"[bench] preparing {venv.relative_to(ROOT)} ({' '.join(requirements)})", file=sys.stderr)
    _uv("venv", "--quiet", "--clear", "--python", sys.executable, str(venv))
    # Local source trees: skip uv's cache so a changed module is never served from an old wheel.
    cache = ["--no-cache"] if fresh_build else []
    _uv("pip", "install", "--quiet", "--python", str(python), *cache, *requirements)
    stamp_file.write_text(stamp)
    return python


def released(version: str, with_twisted: bool) -> Path:
    """txaio ``version`` from PyPI (with Twisted, or alone for the slim import case)."""
    requirements = [f"txaio=={version}"] + (FRAMEWORKS if with_twisted else [])
    return ensure(f"{'txaio' if with_twisted else 'slim'}-{version}", requirements)


def ours() -> Path:
    """This tree's four runtime parts, built (not editable) as a user installs them, with Twisted and uvloop.

    The txaio side of every case runs here, so it is measured as users run it,
    and on the same footing as ``--before``'s venv of an earlier tree.
    """
    folders = [ROOT / "packages" / dist for dist in RUNTIME_PACKAGES]
    return ensure("ours", [*map(str, folders), *FRAMEWORKS], _tree_digest(folders), fresh_build=True)


def slim_ours() -> Path:
    """This tree's asyncio-only install: what ``pip install txaio-asyncio`` gives."""
    folders = [ROOT / "packages" / dist for dist in SLIM_PACKAGES]
    return ensure("slim-ours", [str(folder) for folder in folders], _tree_digest(folders), fresh_build=True)


def _tree_source(ref: str) -> tuple[str, Path]:
    """The short commit of git ``ref`` and its ``packages/`` extracted under build/bench-trees."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", f"{ref}^{{commit}}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    source = TREES / commit
    if not (source / "packages").is_dir():
        command = ["git", "archive", commit, "packages", "LICENSE"]
        archive = subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(source, filter="tar")
    return commit, source


def tree(ref: str) -> tuple[str, Path]:
    """The short commit of git ``ref`` and a venv of its runtime parts (built, not editable)."""
    commit, source = _tree_source(ref)
    folders = [str(source / "packages" / dist) for dist in RUNTIME_PACKAGES]
    return commit, ensure(f"tree-{commit}", [*folders, *FRAMEWORKS], fingerprint=commit, fresh_build=True)


def slim_tree(ref: str) -> Path:
    """The asyncio-only install of this repository's parts at git ``ref``, for the import case."""
    commit, source = _tree_source(ref)
    folders = [str(source / "packages" / dist) for dist in SLIM_PACKAGES]
    return ensure(f"slim-{commit}", folders, fingerprint=commit, fresh_build=True)
