"""txaio imports from the other places Python code lives: ``pip --target``, src folders, a zip.

These layouts have no installer metadata beside the package (or no folder at
all), so they show that nothing depends on a ``.pth`` file or on
``importlib.metadata`` to assemble the ``txaio`` package from its parts.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from conftest import PACKAGES
from matrix import Venv, must, pinned, run

#: The asyncio parts: enough to select a framework without any third-party package.
ASYNCIO_PARTS = ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-testutil")

CHECK = """
import json
import txaio
txaio.use_asyncio()
import txaio.aio, txaio.interfaces, txaio.testutil, txaio.with_asyncio
loop = __import__("asyncio").new_event_loop()
txaio.config.loop = loop
f = txaio.create_future()
txaio.call_later(0, txaio.resolve, f, "done")
print(json.dumps([loop.run_until_complete(f), txaio.__file__]))
"""


def check_with_path(tmp_path: Path, *entries: Path) -> str:
    """Run the check in a bare venv whose only extra import path is ``entries``; return ``txaio.__file__``."""
    bare = Venv.create(tmp_path / "bare")
    result = must(run(bare.python, "-c", CHECK, cwd=tmp_path, PYTHONPATH=os.pathsep.join(map(str, entries))))
    value, where = __import__("json").loads(result.strip().splitlines()[-1])
    assert value == "done"
    return str(where)


def pip_install_target(wheels: dict[str, Path], tmp_path: Path) -> Path:
    """The asyncio parts installed with ``pip install --target``, into a folder of their own."""
    target = tmp_path / "target"
    pip_venv = Venv.create(tmp_path / "pip", with_pip=True)
    links = str(next(iter(wheels.values())).parent)
    requirements = [pinned(wheels, dist) for dist in ASYNCIO_PARTS]
    must(pip_venv.pip("install", "--no-index", "--find-links", links, "--target", str(target), *requirements))
    return target


def test_pip_install_target_imports(wheels: dict[str, Path], tmp_path: Path) -> None:
    target = pip_install_target(wheels, tmp_path)
    assert check_with_path(tmp_path, target) == str(target / "txaio" / "__init__.py")


def test_a_pythonpath_of_the_src_folders_imports(tmp_path: Path) -> None:
    sources = [PACKAGES / dist / "src" for dist in ASYNCIO_PARTS]
    assert check_with_path(tmp_path, *sources) == str(PACKAGES / "txaio-core" / "src" / "txaio" / "__init__.py")


def test_a_zip_on_sys_path_imports(wheels: dict[str, Path], tmp_path: Path) -> None:
    archive = tmp_path / "txaio.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for dist in ASYNCIO_PARTS:
            with zipfile.ZipFile(wheels[dist]) as wheel:
                for name in wheel.namelist():
                    if ".dist-info/" not in name:
                        out.writestr(name, wheel.read(name))
    assert check_with_path(tmp_path, archive) == str(archive / "txaio" / "__init__.py")


def test_the_stand_in_module_loads_the_facade_when_init_is_gone(wheels: dict[str, Path], tmp_path: Path) -> None:
    """What pip's upgrade from 26.6.1 leaves: no ``txaio/__init__.py``; ``txaio.py`` takes over."""
    target = pip_install_target(wheels, tmp_path)
    (target / "txaio" / "__init__.py").unlink()
    assert check_with_path(tmp_path, target) == str(target / "txaio.py")
