"""The text txaio's own sink writes: ``<timestamp with UTC offset> <message>`` lines."""

from __future__ import annotations

import io
import math
import threading
from datetime import datetime
from typing import IO, Any

#: The last second formatted and its text: log lines come in bursts within one second,
#: and formatting a local time with its offset costs more than the rest of a line.
_last_stamp: tuple[int, str] = (-(2**62), "")


def format_timestamp(when: float) -> str:
    """Local time with its UTC offset, e.g. ``2026-01-21T01:02:03+0100``."""
    global _last_stamp  # a one-entry cache; replacing the tuple is atomic
    second = math.floor(when)
    cached_second, text = _last_stamp
    if second != cached_second:
        text = datetime.fromtimestamp(second).astimezone().strftime("%Y-%m-%dT%H:%M:%S%z")
        _last_stamp = (second, text)
    return text


def format_line(when: float, text: str) -> str:
    """One entry: the timestamp, a space, the text (which may span lines), a newline."""
    return f"{format_timestamp(when)} {text}\n"


class LineWriter:
    """Writes whole lines to a text or a binary stream, flushing each one."""

    def __init__(self, out: IO[Any]) -> None:
        self.out = out
        self._binary = _is_binary(out)
        self._lock = threading.Lock()

    def write(self, line: str) -> None:
        """Write ``line`` (encoded as UTF-8 on a binary stream) and flush."""
        data: str | bytes = line.encode("utf-8", "backslashreplace") if self._binary else line
        with self._lock:
            self.out.write(data)
            flush = getattr(self.out, "flush", None)
            if flush is not None:
                flush()


def _is_binary(out: object) -> bool:
    if isinstance(out, io.TextIOBase):
        return False
    if isinstance(out, io.RawIOBase | io.BufferedIOBase):
        return True
    return "b" in str(getattr(out, "mode", ""))
