"""The timestamp of a written line: local time with its UTC offset, computed once per second."""

from __future__ import annotations

import re
import time
from datetime import datetime

from txaio.log._output import format_line, format_timestamp

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
