"""What txaio's sinks write: timestamps computed once per second, and lines that never hang or vanish."""

from __future__ import annotations

import io
import re
import sys
import time
from datetime import datetime

import pytest

from txaio.log._output import (
    MAX_PENDING,
    LineWriter,
    format_line,
    format_local_line,
    format_local_timestamp,
    format_timestamp,
    wants_bytes,
)

STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$")


def test_the_stamp_is_local_time_with_its_offset() -> None:
    now = time.time()
    expected = datetime.fromtimestamp(int(now)).astimezone().strftime("%Y-%m-%dT%H:%M:%S%z")
    assert STAMP.match(format_timestamp(now))
    assert format_timestamp(now) == expected


def test_one_second_gives_one_stamp_and_the_next_second_another() -> None:
    base = 1_800_000_000.0
    first = format_timestamp(base + 0.1)
    assert format_timestamp(base + 0.9) == first
    later = format_timestamp(base + 1.0)
    assert later != first
    assert format_timestamp(base + 0.5) == first, "going back a second is recomputed, not served stale"


def test_a_line_is_the_stamp_a_space_and_the_text() -> None:
    line = format_line(1_800_000_000.5, "hello\nworld")
    assert line == f"{format_timestamp(1_800_000_000.5)} hello\nworld\n"


def test_local_timestamps_have_no_offset_as_in_26_6_1_asyncio() -> None:
    when = 1_800_000_000.25
    assert format_local_timestamp(when) == datetime.fromtimestamp(1_800_000_000).strftime("%Y-%m-%dT%H:%M:%S")
    assert format_local_line(when, "x") == f"{format_local_timestamp(when)} x\n"


class Reentrant(io.StringIO):
    """A stream whose write() writes a line through the same writer, as a logging stream does."""

    writer: LineWriter

    def write(self, text: str) -> int:
        self.writer.write(f"nested in {text}")
        return super().write(text)


def test_a_line_written_from_inside_a_write_follows_it_and_its_own_nested_line_is_dropped_with_a_note() -> None:
    out = Reentrant()
    out.writer = LineWriter(out)
    out.writer.write("outer\n")
    lines = out.getvalue().splitlines()
    assert lines[:2] == ["outer", "nested in outer"]
    assert lines[2].startswith("txaio: 1 log line(s) dropped")
    assert len(lines) == 3


def test_lines_beyond_the_pending_limit_are_counted_in_the_note() -> None:
    class Chatty(io.StringIO):
        writer: LineWriter
        calls = 0

        def write(self, text: str) -> int:
            Chatty.calls += 1
            if Chatty.calls == 1:
                for n in range(MAX_PENDING + 5):
                    self.writer.write(f"n{n}\n")
            return super().write(text)

    out = Chatty()
    out.writer = LineWriter(out)
    out.writer.write("outer\n")
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 + MAX_PENDING + 1
    assert lines[-1].startswith("txaio: 5 log line(s) dropped")


def test_a_failing_stream_is_reported_once_and_writing_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "__stderr__", stderr)
    out = io.StringIO()
    out.close()
    writer = LineWriter(out)
    writer.write("a\n")
    writer.write("b\n")
    assert stderr.getvalue().count("txaio: cannot write log lines") == 1
    assert "ValueError" in stderr.getvalue()


def test_what_a_text_stream_cannot_encode_is_escaped() -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii", write_through=True)
    LineWriter(out).write("caf\N{LATIN SMALL LETTER E WITH ACUTE}\n")
    assert raw.getvalue() == b"caf\\xe9\n"


@pytest.mark.parametrize(
    ("out", "binary"),
    [
        (io.StringIO(), False),
        (io.BytesIO(), True),
        (type("WriteOnly", (), {"write": lambda self, data: None})(), True),
        (type("TextMode", (), {"write": lambda self, data: None, "mode": "w"})(), False),
        (type("ReadsStr", (), {"write": lambda self, data: None, "read": lambda self, n: ""})(), False),
    ],
)
def test_which_streams_get_bytes_as_in_26_6_1(out: object, binary: bool) -> None:
    assert wants_bytes(out) is binary
