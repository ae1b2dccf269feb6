"""The configuration object that every operation reads its event loop from."""

from __future__ import annotations

from typing import Any


class Config:
    """Settings shared by the operations of one API object.

    ``loop`` is an asyncio event loop or a Twisted reactor (anything providing
    IReactorTime), or None to let the backend find the current one.
    """

    __slots__ = ("loop",)

    def __init__(self, loop: Any = None) -> None:
        self.loop: Any = loop

    def __repr__(self) -> str:
        return f"txaio.Config(loop={self.loop!r})"
