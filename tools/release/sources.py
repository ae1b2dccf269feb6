"""A distribution's ``src/`` folder, as committed at a tag or as in the work tree, ready for griffe.

All six distributions install into the one package ``txaio``: a distribution's API is what its
own ``src/`` folder holds, so each folder is read on its own. The copy is made readable to
static analysis the way Python reads the installed tree: a package wins over a module of the
same name (txaio-core's stand-in ``txaio.py``), folders without ``__init__.py`` are packages
(they merge at run time), and an ``__init__.py`` that extends ``__path__`` is a real package
(griffe would take it for a namespace package and ignore its names).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from tools.release.errors import ReleaseError

#: ``__path__ = __import__("pkgutil").extend_path(__path__, __name__)`` (txaio-core 1.0) or
#: ``__path__ = _portions(__path__)`` (later: the same for folders, without pkgutil).
_EXTEND_PATH = re.compile(r"^__path__ = (.*extend_path\(__path__, __name__\)|_portions\(__path__\))$", re.M)


def copy_work_tree(source: Path, destination: Path) -> list[str] | None:
    """Copy the work tree's ``src/`` (uncommitted changes included); its public roots, None if absent."""
    if not source.is_dir():
        return None
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return _prepare(destination)


def copy_at_tag(root: Path, tag: str, folder: str, destination: Path) -> list[str] | None:
    """Copy ``folder`` (relative to ``root``) as committed at ``tag``; its public roots, None if absent."""
    command = ["git", "archive", "--format=tar", tag, "--", folder]
    done = subprocess.run(command, cwd=root, capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()
        if "did not match any files" in message:
            return None
        raise ReleaseError(f"git archive {tag} {folder} failed: {message}")
    staging = destination.parent / f"{destination.name}-archive"
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(staging, filter="data")
    shutil.move(staging / folder, destination)
    shutil.rmtree(staging)
    return _prepare(destination)


def public_roots(src: Path) -> list[str]:
    """The outermost public modules a ``src/`` folder ships: ``txaio``, ``txaio.aio``, ``txaio.log``...

    A module is public when no part of its dotted name starts with an underscore; a folder
    without ``__init__.py`` (the shared ``txaio/`` of the other distributions) is no module.
    """
    modules = set()
    for path in src.rglob("*.py"):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts and not any(part.startswith("_") for part in parts):
            modules.add(".".join(parts))
    return sorted(name for name in modules if not any(name.startswith(f"{other}.") for other in modules))


def _prepare(src: Path) -> list[str]:
    """Make the copy readable to griffe; the public roots, found before anything was changed."""
    roots = public_roots(src)
    for module in list(src.glob("*.py")):
        if (src / module.stem).is_dir():
            module.unlink()  # a package shadows a module of its name, as on import
    for folder in (path for path in src.rglob("*") if path.is_dir() and path.name != "__pycache__"):
        init = folder / "__init__.py"
        if not init.exists():
            init.write_text("", encoding="utf-8")
        else:
            text = init.read_text(encoding="utf-8")
            init.write_text(_EXTEND_PATH.sub("# (__path__ extended at run time)", text), encoding="utf-8")
    return roots
