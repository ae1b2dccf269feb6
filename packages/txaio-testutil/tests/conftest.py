"""Fixtures for txaio-testutil's own tests: fake backends and a clean selection.

The fake backends let the framework switch and the plugin be tested with
only txaio-core installed; they export every name a backend must export.
"""

from __future__ import annotations

import inspect
import sys
import types
from collections.abc import Callable, Iterator

import pytest

import txaio
from txaio._core import selection as _selection
from txaio.testutil import reset_selection, restore_selection, save_selection

pytest_plugins = ["pytester"]


def install_fake_backends(missing: tuple[str, ...] = ()) -> dict[str, types.ModuleType]:
    """Point each framework at a fake backend module; those in ``missing`` at one that cannot import."""
    from txaio._core import selection as _selection
    from txaio._core.contract import BACKEND_NAMES

    fakes: dict[str, types.ModuleType] = {}
    for name, framework in list(_selection.FRAMEWORKS.items()):
        module_name = f"txaio_fake_backend_{name}"
        if name in missing:
            sys.modules[module_name] = None  # type: ignore[assignment]  # makes the import fail
        else:
            module = types.ModuleType(module_name)
            for attr in BACKEND_NAMES:
                setattr(module, attr, lambda *args, _attr=attr, **kwargs: (_attr, args, kwargs))
            module.using_asyncio = name == "asyncio"  # type: ignore[attr-defined]
            module.using_twisted = name == "twisted"  # type: ignore[attr-defined]
            sys.modules[module_name] = module
            fakes[name] = module
        _selection.FRAMEWORKS[name] = _selection.Framework(
            name, module_name, framework.distribution, virtual_clock=framework.virtual_clock
        )
    return fakes


#: A conftest for pytester runs that installs the fake backends (none missing unless edited).
FAKE_CONFTEST = (
    "import sys, types\n\n" + inspect.getsource(install_fake_backends) + "\n\ninstall_fake_backends(MISSING)\n"
)


@pytest.fixture(autouse=True)
def clean_txaio() -> Iterator[None]:
    """Each test starts with no framework selected and no loop, and leaves things as they were."""
    saved = save_selection()
    saved_loop = txaio.config.loop
    saved_frameworks = dict(_selection.FRAMEWORKS)
    reset_selection()
    txaio.config.loop = None
    yield
    _selection.FRAMEWORKS.clear()
    _selection.FRAMEWORKS.update(saved_frameworks)
    restore_selection(saved)
    txaio.config.loop = saved_loop


@pytest.fixture(autouse=True)
def nested_runs_leave_pytest_twisted_out(request: pytest.FixtureRequest) -> None:
    """A pytester run gets ``-p no:twisted`` unless it asks for ``-p twisted``.

    pytest-twisted keeps one reactor per process and stops it when a session
    ends, so an inline run with it would stop this process's reactor.
    """
    if "pytester" in request.fixturenames:
        request.getfixturevalue("pytester")  # it clears PYTEST_ADDOPTS first
        request.getfixturevalue("monkeypatch").setenv("PYTEST_ADDOPTS", "-p no:twisted")


@pytest.fixture
def real_backends() -> None:
    """Skip the test unless both real backends import."""
    for name in _selection.FRAMEWORKS:
        try:
            _selection.import_backend(name)
        except ImportError as exc:
            pytest.skip(f"needs both real backends: {exc}")


@pytest.fixture
def fake_backends(monkeypatch: pytest.MonkeyPatch) -> dict[str, types.ModuleType]:
    """Both frameworks backed by importable fake modules."""
    for name in _selection.FRAMEWORKS:
        monkeypatch.delitem(sys.modules, f"txaio_fake_backend_{name}", raising=False)
    return install_fake_backends()


@pytest.fixture
def only_asyncio_fake(monkeypatch: pytest.MonkeyPatch) -> dict[str, types.ModuleType]:
    """asyncio backed by a fake module, Twisted's backend failing to import."""
    for name in _selection.FRAMEWORKS:
        monkeypatch.delitem(sys.modules, f"txaio_fake_backend_{name}", raising=False)
    return install_fake_backends(missing=("twisted",))


@pytest.fixture
def use_fakes(pytester: pytest.Pytester) -> Callable[..., None]:
    """Give a pytester run the fake backends; ``missing`` names the ones that cannot import."""

    def write(missing: tuple[str, ...] = ()) -> None:
        pytester.makeconftest(FAKE_CONFTEST.replace("MISSING", repr(missing)))

    return write
