"""Where a logger's messages go: the selected framework's logging backend.

A logger made before a framework is selected has no backend of its own; it
asks here on every emitted message, so it follows the framework selected
later.  Backends register themselves when their module is imported.
"""

from __future__ import annotations

import sys
from collections.abc import MutableMapping
from typing import IO, TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from txaio.log._logger import Logger


class Backend(Protocol):
    """A framework's logging system, as txaio loggers and ``start_logging`` use it."""

    def emit(self, logger: Logger, level: str, message: str | None, event: dict[str, Any], failure: object) -> None:
        """Send one message; ``event`` holds the caller's keywords (it may be changed).

        Called from ``Logger._deliver``: the frame three levels up is the caller's.
        """

    def start(self, out: IO[Any] | None, level: str) -> Any:
        """Show messages at ``level`` and above on ``out`` (None: only set the level); return how to undo it."""


_backends: dict[str, Backend] = {}


def register_backend(framework: str, backend: Backend) -> None:
    """Make ``backend`` the logging backend used while ``framework`` is selected."""
    _backends[framework] = backend


def current_backend() -> Backend:
    """The backend of the selected framework; stdlib logging when none is selected."""
    facade: Any = sys.modules["txaio"]
    if getattr(facade, "using_twisted", False) and "twisted" in _backends:
        return _backends["twisted"]
    return _backends.get("asyncio") or _stdlib_backend()


def selected_backend() -> Backend | None:
    """The backend of the selected framework; None before a framework is selected."""
    facade: Any = sys.modules["txaio"]
    if getattr(facade, "using_twisted", False):
        return _backends.get("twisted")
    if getattr(facade, "using_asyncio", False):
        return _backends.get("asyncio") or _stdlib_backend()
    return None


def _stdlib_backend() -> Backend:
    from txaio.log._stdlib import STDLIB_BACKEND

    return STDLIB_BACKEND


def registered_backends() -> MutableMapping[str, Backend]:
    """The registry itself (tests only)."""
    return _backends
