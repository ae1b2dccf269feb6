"""Helpers shared by txaio-twisted's tests."""

from __future__ import annotations

import gc
from typing import Any


class LogEvents(list[dict[str, Any]]):
    """The Twisted log events emitted during a test."""

    def failures(self) -> list[Any]:
        return [event["log_failure"] for event in self if "log_failure" in event]

    def unhandled(self) -> list[dict[str, Any]]:
        gc.collect()  # an unhandled Deferred failure is logged when the Deferred is collected
        return [event for event in self if "Unhandled error in Deferred" in str(event.get("log_format", ""))]
