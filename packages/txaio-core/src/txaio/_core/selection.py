"""Choosing the framework: one-way for applications, reversible only for tests."""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType
from typing import Any, Final

from txaio._core import unselected
from txaio._core.contract import BACKEND_NAMES, LOGGING_NAMES, OPERATION_NAMES


class Framework:
    """Where a framework's backend lives and which distribution ships it.

    A plain class: a NamedTuple or dataclass would cost a millisecond of
    ``import txaio``.
    """

    __slots__ = ("distribution", "module", "name")

    def __init__(self, name: str, module: str, distribution: str) -> None:
        self.name = name
        self.module = module
        self.distribution = distribution

    def __repr__(self) -> str:
        return f"Framework({self.name!r}, {self.module!r}, {self.distribution!r})"


#: The frameworks txaio knows, by the name ``txaio.use_<name>()`` selects.
FRAMEWORKS: Final[dict[str, Framework]] = {
    "asyncio": Framework("asyncio", "txaio.aio", "txaio-asyncio"),
    "twisted": Framework("twisted", "txaio.tx", "txaio-twisted"),
}

_lock = threading.RLock()


def _facade() -> ModuleType:
    return sys.modules["txaio"]


def import_backend(name: str) -> ModuleType:
    """Import the backend module of framework ``name``, or say what to install."""
    framework = FRAMEWORKS[name]
    try:
        return importlib.import_module(framework.module)
    except ImportError as exc:
        raise ImportError(
            f"txaio.use_{name}() needs the {framework.distribution} distribution, and importing "
            f"{framework.module} failed ({exc}); install it: pip install {framework.distribution}",
            name=framework.module,
        ) from exc


def _use_framework(module: ModuleType) -> None:
    """Bind the API of backend ``module`` onto ``txaio``.

    Every name is checked before any is bound, so a broken backend leaves
    the previous binding whole.
    """
    missing = [name for name in BACKEND_NAMES if not hasattr(module, name)]
    if missing:
        raise ImportError(f"{module.__name__} is not a complete txaio backend: it lacks {', '.join(missing)}")
    facade = _facade()
    with _lock:
        for name in BACKEND_NAMES:
            setattr(facade, name, getattr(module, name))
        setattr(facade, "using_asyncio", bool(getattr(module, "using_asyncio", False)))  # noqa: B010
        setattr(facade, "using_twisted", bool(getattr(module, "using_twisted", False)))  # noqa: B010


def select(name: str) -> None:
    """Select framework ``name`` for the rest of the process.

    Selecting the selected framework again is harmless; selecting the other
    one is refused, because objects made for the first would silently break.
    """
    facade = _facade()
    with _lock:
        current = getattr(facade, "_explicit_framework")  # noqa: B009
        if current == name:
            return
        if current is not None:
            raise RuntimeError(
                f"txaio already uses {current}; it cannot switch to {name} in the same process "
                "(tests can switch with txaio.testutil.use_framework())"
            )
        _use_framework(import_backend(name))
        setattr(facade, "_explicit_framework", name)  # noqa: B010


def use_asyncio() -> None:
    """Select asyncio (needs txaio-asyncio)."""
    select("asyncio")


def use_twisted() -> None:
    """Select Twisted (needs txaio-twisted)."""
    select("twisted")


def unselected_bindings() -> dict[str, Any]:
    """What the facade binds before any framework is selected."""
    bindings: dict[str, Any] = {name: getattr(unselected.UNSELECTED, name) for name in OPERATION_NAMES}
    for name in LOGGING_NAMES:
        bindings[name] = unselected.LOGGING_BEFORE_SELECTION[name]
    bindings["with_config"] = unselected.with_config
    bindings["using_asyncio"] = False
    bindings["using_twisted"] = False
    bindings["_explicit_framework"] = None
    return bindings


def save_state() -> dict[str, Any]:
    """A snapshot of the selection, for tests that must put it back."""
    facade = _facade()
    with _lock:
        return {name: getattr(facade, name) for name in unselected_bindings()}


def restore_state(state: dict[str, Any]) -> None:
    """Put back a snapshot taken by :func:`save_state` (tests only)."""
    facade = _facade()
    with _lock:
        for name, value in state.items():
            setattr(facade, name, value)


def reset() -> None:
    """Forget the selection, as if no framework had been chosen (tests only)."""
    restore_state(unselected_bindings())
