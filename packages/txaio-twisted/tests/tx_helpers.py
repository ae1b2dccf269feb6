"""Helpers shared by txaio-twisted's tests."""

from __future__ import annotations

import gc
from typing import Any

from twisted.internet.defer import Deferred


def outcome(future: Deferred[Any]) -> list[Any]:
    """What a callback / errback pair added now receives: [("ok", value)] or [("fail", Failure)]."""
    seen: list[Any] = []
    future.addCallbacks(lambda value: seen.append(("ok", value)), lambda fail: seen.append(("fail", fail)))
    return seen


class LogEvents(list[dict[str, Any]]):
    """The Twisted log events emitted during a test."""

    def failures(self) -> list[Any]:
        return [event["log_failure"] for event in self if "log_failure" in event]

    def unhandled(self) -> list[dict[str, Any]]:
        gc.collect()  # an unhandled Deferred failure is logged when the Deferred is collected
        return [event for event in self if "Unhandled error in Deferred" in str(event.get("log_format", ""))]
