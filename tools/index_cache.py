"""The third-party distributions a local index serves beside ours, fetched from PyPI once.

A local index that never falls back to the public one must hold everything the installs
through it need: Twisted and its dependencies, zope.interface, txaio 26.6.1 and Autobahn (the
upgrade scenario), pytest (the conformance suite), pip, setuptools and wheel (seeding a
venv), and hatchling (building our sdists). ``pip download`` fetches them for the running
Python into ``build/index-cache/<python>/``; a later run that asks for the same list reuses
that folder without touching the network (a stamp file beside it holds the list). The folder
is written whole or not at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "index-cache"
PYPI_SIMPLE = "https://pypi.org/simple/"

REQUIREMENTS = (
    "txaio==26.6.1",
    "autobahn[twisted]",
    "twisted>=22.10.0",
    "zope.interface>=5.2.0",
    "pytest",
    "pip",
    "setuptools",
    "wheel",
    "hatchling>=1.26",
)


def clean_env() -> dict[str, str]:
    """This environment without any pip or uv setting, so only the index named on the command line counts."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "UV_"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", UV_NO_CONFIG="1")
    return env


def cache_folder(cache: Path = CACHE) -> Path:
    """The folder for this Python and platform: ``build/index-cache/cp311-linux-x86_64``."""
    tag = f"{sys.implementation.cache_tag}-{sysconfig.get_platform()}"
    return cache / tag


def fetch(cache: Path = CACHE, requirements: tuple[str, ...] = REQUIREMENTS) -> Path:
    """The folder holding ``requirements`` and their dependencies, downloaded if not there yet."""
    folder = cache_folder(cache)
    wanted = "".join(f"{line}\n" for line in requirements)
    stamp = folder.with_name(folder.name + ".requirements")  # beside the folder: the index serves all inside
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return folder
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(partial)]
    done = subprocess.run(
        [*command, "--index-url", PYPI_SIMPLE, *requirements],
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise RuntimeError(f"pip download from {PYPI_SIMPLE} failed:\n{done.stdout}{done.stderr}")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    stamp.write_text(wanted, encoding="utf-8")
    return folder
