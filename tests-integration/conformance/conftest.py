"""Helpers of the conformance suite: a compiled Cython coroutine to run through txaio.

The suite runs unchanged on every installed framework through the
``txaio_framework`` and ``txaio_clock`` fixtures of txaio-testutil; nothing
here imports asyncio or Twisted.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

CYTHON_SOURCE = """
ran = []


async def double(x):
    ran.append(x)
    return x * 2
"""

CYTHON_BUILD = """
from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    name="txaio_cython_probe",
    ext_modules=cythonize([Extension("txaio_cython_probe", ["txaio_cython_probe.pyx"])], language_level=3, quiet=True),
    script_args=["build_ext", "--inplace", "--quiet"],
)
"""


#: Built probes, one per Python ABI and Cython version, kept between runs: compiling takes
#: seconds, and the suite runs several times per Python (once per loop and reactor).
PROBES = Path(__file__).resolve().parents[2] / "build" / "cython-probe"


def built_probe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of a compiled probe for this interpreter: from :data:`PROBES`, else built there."""
    parts = (sys.version, sysconfig.get_config_var("EXT_SUFFIX") or "", metadata.version("Cython"))
    key = hashlib.sha256("\0".join((*parts, CYTHON_SOURCE, CYTHON_BUILD)).encode()).hexdigest()[:16]
    cached = PROBES / key
    if (cached / "built").is_file():
        return cached
    where = tmp_path_factory.mktemp("cython")
    (where / "txaio_cython_probe.pyx").write_text(CYTHON_SOURCE)
    (where / "build.py").write_text(CYTHON_BUILD)
    built = subprocess.run(
        [sys.executable, "build.py"], cwd=where, capture_output=True, text=True, timeout=300, check=False
    )
    if built.returncode != 0:
        pytest.fail(f"building the Cython module failed:\n{built.stdout}\n{built.stderr}")
    try:  # several runs may build at once: the first to finish fills the cache, the others use it
        PROBES.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(dir=PROBES))
        for item in where.iterdir():
            if item.name.startswith("txaio_cython_probe.") and item.suffix in (".so", ".pyd"):
                shutil.copy2(item, staged / item.name)
        (staged / "built").write_text(" ".join(parts) + "\n")
        try:
            os.replace(staged, cached)
        except OSError:
            shutil.rmtree(staged, ignore_errors=True)
    except OSError:
        pass  # a read-only tree: this run's own build serves
    return cached if (cached / "built").is_file() else where


@pytest.fixture(scope="session")
def cython_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real Cython-compiled module with ``async def double(x)``, built once; skipped without a compiler.

    The skips name the missing tools as CI's check of required tools reads them
    (``TXAIO_REQUIRED_TOOLS``; "cc" is any C compiler).
    """
    missing = [name for name in ("Cython", "setuptools") if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(f"missing tools: {', '.join(missing)} (cannot compile a Cython coroutine)")
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        pytest.skip(f"missing tool: cc (no C compiler {compiler} on PATH, so no Cython coroutine can be compiled)")
    where = built_probe(tmp_path_factory)
    sys.path.insert(0, str(where))
    try:
        yield importlib.import_module("txaio_cython_probe")
    finally:
        sys.path.remove(str(where))
