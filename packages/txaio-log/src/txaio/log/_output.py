"""Output: ``start_logging``, and the ``<timestamp> <message>`` lines txaio's own sinks write.

``start_logging`` acts once per process and the first call wins: applications
and the frameworks they run on (a runner, a test harness) may both call it,
and keeping the first call's choice means a later, generic call cannot
silently lower the verbosity (or redirect the output) the application asked
for.  txaio 26.6.1 also ignored later calls.

Writing a line must never hang and never lose it silently: a signal handler
or the stream itself may log while a line is being written, and a stream
may fail.
"""

from __future__ import annotations

import io
import math
import sys
import threading
from collections.abc import Callable
from typing import IO, Any

from txaio.backend import STDOUT as _STDOUT
from txaio.log._levels import check_level
from txaio.log._logger import Backend, selected_backend, set_global_log_level

# --- start_logging ---------------------------------------------------------------------------

#: How logging was started: the level, the stream, and how to undo it (tests).
_started: dict[str, Any] = {}


#: ``start_logging``'s default stream, whatever ``sys.stdout`` is when it runs (26.6.1's default
#: was an object too, not None); core's, so that a backend shows it without importing txaio-log.
STDOUT: Any = _STDOUT


def start_logging(out: IO[Any] | None = STDOUT, level: str = "info", *, backend: Backend | None = None) -> None:
    """Write ``<timestamp> <message>`` lines for messages at ``level`` and above to ``out``.

    ``out`` is stdout by default, or a text or a binary stream.  ``out=None``
    adds no output of txaio's own: it only sets the level, for the sinks the
    application set up itself (as txaio 26.6.1 on Twisted).  An unknown level
    raises (every call).  Only the first valid call acts; later ones change
    nothing.  Before a framework is selected it raises, as in 26.6.1: the
    output it would start belongs to the framework selected later.
    """
    chosen = backend if backend is not None else selected_backend()
    if chosen is None:
        raise RuntimeError(
            "txaio.start_logging() starts the selected framework's logging: call "
            "txaio.use_asyncio() or txaio.use_twisted() first (txaio has no framework selected)"
        )
    level = check_level(level)
    if _started:
        return
    stream: IO[Any] | None = sys.stdout if out is STDOUT else out
    if stream is not None and not callable(getattr(stream, "write", None)):
        raise TypeError(f"start_logging(out=...) needs a stream with a write() method, not {type(stream).__name__}")
    stop: Callable[[], None] = chosen.start(stream, level)
    _started.update(level=level, out=stream, stop=stop)
    set_global_log_level(level)


def logging_started() -> bool:
    """True once ``start_logging`` has acted."""
    return bool(_started)


def stop_logging() -> None:
    """Remove what ``start_logging`` added, so that it can run again (tests only)."""
    if _started:
        stop = _started["stop"]
        _started.clear()
        stop()


# --- lines: timestamps, and writing them -----------------------------------------------------


#: ``datetime.datetime``, imported when the first line writer is made: importing txaio does
#: not import ``datetime`` (asyncio does not, and it costs 5 million instructions), and no
#: line, which a signal handler may write, waits for an import.
_datetime: Any = None


def load_datetime() -> Any:
    """``datetime.datetime``, imported now if it was not yet."""
    global _datetime
    if _datetime is None:
        from datetime import datetime

        _datetime = datetime
    return _datetime


def _stamps(fmt: str, with_offset: bool) -> Callable[[float], str]:
    """A formatter of timestamps that formats each second once: log lines come in bursts
    within one second, and formatting a local time costs more than the rest of a line."""
    last: list[tuple[int, str]] = [(-(2**62), "")]  # replacing the tuple is atomic

    def stamp(when: float) -> str:
        second = math.floor(when)
        cached_second, text = last[0]
        if second != cached_second:
            moment = (_datetime or load_datetime()).fromtimestamp(second)
            text = (moment.astimezone() if with_offset else moment).strftime(fmt)
            last[0] = (second, text)
        return text

    return stamp


#: Local time with its UTC offset, e.g. ``2026-01-21T01:02:03+0100`` (Twisted's ``formatTime``).
format_timestamp = _stamps("%Y-%m-%dT%H:%M:%S%z", with_offset=True)

#: Local time without an offset, e.g. ``2026-01-21T01:02:03``: txaio 26.6.1's asyncio lines.
format_local_timestamp = _stamps("%Y-%m-%dT%H:%M:%S", with_offset=False)


def format_line(when: float, text: str) -> str:
    """One entry: the timestamp, a space, the text (which may span lines), a newline."""
    return f"{format_timestamp(when)} {text}\n"


def format_local_line(when: float, text: str) -> str:
    """As :func:`format_line`, with a timestamp that has no UTC offset."""
    return f"{format_local_timestamp(when)} {text}\n"


#: How many lines logged while a line is being written wait for it to finish; more are dropped.
MAX_PENDING = 100


class LineWriter:
    """Writes whole lines to a text or a binary stream, flushing each one.

    A line logged while another is being written in the same thread (by a
    signal handler, or by the stream's own ``write()``) is written after it,
    never into the middle of it; lines logged while those are written are
    dropped with a note, so a stream that logs on every write cannot loop.
    A stream that fails is reported on stderr once.
    """

    def __init__(self, out: IO[Any]) -> None:
        load_datetime()  # now, not inside the first line (see _datetime)
        self.out = out
        self._binary = wants_bytes(out)
        self._flush = getattr(out, "flush", None)
        self._lock = threading.RLock()  # re-entered by this thread, never waited on
        self._busy = False
        self._pending: list[str] = []
        self._dropped = 0
        self._reported = False

    def write(self, line: str) -> None:
        """Write ``line`` (encoded as UTF-8 on a binary stream) and flush."""
        with self._lock:
            if self._busy:
                self._defer(line)
                return
            self._busy = True
            try:
                try:  # _put, inlined: this is every log line's path
                    self.out.write(line.encode("utf-8", "backslashreplace") if self._binary else line)
                    if self._flush is not None:
                        self._flush()
                except Exception:
                    self._put(line)  # retries what it can, reports what it cannot
                if self._pending:  # lines are dropped only once some are pending
                    self._write_pending()
            finally:
                self._busy = False

    def _defer(self, line: str) -> None:
        if len(self._pending) < MAX_PENDING:
            self._pending.append(line)
        else:
            self._dropped += 1

    def _write_pending(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, []
            for line in pending:
                self._put(line)
            self._dropped += len(self._pending)  # logged while writing those: dropped
            self._pending = []
        if self._dropped:
            dropped, self._dropped = self._dropped, 0
            self._put(f"txaio: {dropped} log line(s) dropped: they were logged while writing log lines\n")
            self._pending = []

    def _put(self, line: str) -> None:
        try:
            self._send(line)
        except UnicodeEncodeError:
            encoding = getattr(self.out, "encoding", None) or "ascii"
            try:
                self._send(line.encode(encoding, "backslashreplace").decode(encoding))
            except Exception as exc:
                self._report(exc)
        except Exception as exc:
            self._report(exc)

    def _send(self, line: str) -> None:
        self.out.write(line.encode("utf-8", "backslashreplace") if self._binary else line)
        if self._flush is not None:
            self._flush()

    def _report(self, exc: Exception) -> None:
        """Say once, on the real stderr, that lines are being lost (never raises)."""
        if self._reported:
            return
        self._reported = True
        stderr = sys.__stderr__ or sys.stderr
        try:
            stderr.write(
                f"txaio: cannot write log lines to {self.out!r}: {type(exc).__name__}: {exc}"
                " (lines that cannot be written are lost; this is reported once)\n"
            )
            stderr.flush()
        except Exception:  # nowhere left to report to
            pass


def wants_bytes(out: object) -> bool:
    """True if ``out`` takes bytes: binary streams, and (as in txaio 26.6.1) any
    object that is neither an io stream, nor has a mode, nor reads back a str."""
    if isinstance(out, io.TextIOBase):
        return False
    if isinstance(out, io.RawIOBase | io.BufferedIOBase):
        return True
    mode = getattr(out, "mode", None)
    if isinstance(mode, str):
        return "b" in mode
    try:
        return not isinstance(out.read(0), str)  # type: ignore[attr-defined]
    except Exception:
        return True
