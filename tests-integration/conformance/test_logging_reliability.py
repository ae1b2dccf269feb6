"""Logging never hangs and never loses a line silently, on asyncio and on Twisted.

Each test runs a child process on the framework under test: a regression
that hangs fails on the timeout instead of hanging the suite, and
``start_logging`` (once per process, and on Twisted redirecting standard
output) starts from scratch.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sidebyside"))
from log_children import APP_SINK_THEN_START_LOGGING_WITHOUT_OUT

#: Seconds a child gets; each needs well under one when nothing hangs.
TIMEOUT = 60

PRELUDE = """
import io, signal, sys, warnings
import txaio
getattr(txaio, "use_" + sys.argv[1])()
log = txaio.make_logger()

def report(*parts):
    sys.__stdout__.write(" ".join(map(str, parts)) + "\\n")  # stdout may be redirected into the log
    sys.__stdout__.flush()
"""


def run_child(framework: str, body: str) -> subprocess.CompletedProcess[str]:
    """Run ``body`` after :data:`PRELUDE` in a fresh interpreter; a hang fails the test."""
    code = PRELUDE + textwrap.dedent(body)
    try:
        return subprocess.run(
            [sys.executable, "-c", code, framework], capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the child hung: {exc.stdout!r} {exc.stderr!r}")


def test_a_signal_handler_that_logs_while_a_line_is_written_never_hangs(txaio_framework: str) -> None:
    child = run_child(
        txaio_framework,
        """
        class SlowStream(io.StringIO):
            def write(self, text):
                for _ in range(300):  # a wide window for the signal to land in
                    pass
                return super().write(text)

        out = SlowStream()
        txaio.start_logging(out=out, level="info")
        handled = []

        def on_signal(signum, frame):  # as Twisted's SIGINT handler logs "Received SIGINT"
            log.info("Received signal {n}", n=len(handled))
            handled.append(signum)

        signal.signal(signal.SIGALRM, on_signal)
        signal.setitimer(signal.ITIMER_REAL, 0.0005, 0.0005)
        while len(handled) < 300:
            log.info("main line")
        signal.setitimer(signal.ITIMER_REAL, 0)
        text = out.getvalue()
        report("signals", len(handled), "logged", text.count("Received signal"), "dropped" in text)
        """,
    )
    assert child.returncode == 0, child.stderr
    _, handled, _, logged, dropped = child.stdout.split()
    assert int(logged) == int(handled) or dropped == "True", child.stdout


def test_a_stream_whose_write_logs_never_hangs(txaio_framework: str) -> None:
    child = run_child(
        txaio_framework,
        """
        class LoggingStream(io.StringIO):
            def write(self, text):
                log.info("write() logs too")
                return super().write(text)

        out = LoggingStream()
        txaio.start_logging(out=out, level="info")
        log.info("first")
        log.info("second")
        report(out.getvalue().replace("\\n", "|"))
        """,
    )
    assert child.returncode == 0, child.stderr
    lines = [line.split(" ", 1)[1] for line in child.stdout.strip().split("|") if line]
    assert lines[0] == "first"
    assert lines[1] == "write() logs too", "a line logged while writing is written after it"
    assert "dropped" in lines[2], "what it logs in turn is dropped with a note"
    assert "second" in lines


def test_a_stream_whose_write_warns_never_hangs(txaio_framework: str) -> None:
    child = run_child(
        txaio_framework,
        """
        warnings.simplefilter("always")

        class WarningStream(io.StringIO):
            def write(self, text):
                warnings.warn("write() warns")  # Twisted logs warnings once logging began
                return super().write(text)

        out = WarningStream()
        txaio.start_logging(out=out, level="info")
        for n in range(3):
            log.info("line {n}", n=n)
        report(out.getvalue().count("line "))
        """,
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.split() == ["3"]


@pytest.mark.parametrize(
    "make_out",
    [
        "out = io.StringIO(); out.close()",
        "class Broken(io.StringIO):\n    def write(self, text):\n        raise OSError('disk full')\nout = Broken()",
    ],
    ids=["closed", "raising"],
)
def test_a_stream_that_fails_is_reported_on_stderr_once(txaio_framework: str, make_out: str) -> None:
    child = run_child(
        txaio_framework,
        make_out
        + """
txaio.start_logging(out=out, level="info")
for n in range(3):
    log.info("lost {n}", n=n)
report("survived")
""",
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.split() == ["survived"]
    assert child.stderr.count("txaio: cannot write log lines") == 1, child.stderr
    assert "Logging error" not in child.stderr


def test_a_line_the_stream_cannot_encode_is_written_escaped(txaio_framework: str) -> None:
    child = run_child(
        txaio_framework,
        """
        raw = io.BytesIO()
        out = io.TextIOWrapper(raw, encoding="ascii", write_through=True)
        txaio.start_logging(out=out, level="info")
        log.info("caf\\N{LATIN SMALL LETTER E WITH ACUTE} {n}", n=1)
        report(raw.getvalue().decode("ascii").split(" ", 1)[1].strip())
        """,
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.split() == ["caf\\xe9", "1"]


def test_start_logging_without_out_adds_no_output_of_its_own(txaio_framework: str) -> None:
    """``start_logging(None, level)`` serves the sinks the application added: each line once."""
    child = run_child(txaio_framework, APP_SINK_THEN_START_LOGGING_WITHOUT_OUT)
    assert child.returncode == 0, child.stderr
    lines = child.stdout.splitlines()
    assert lines.count("app: once 1") == 1
    assert not [line for line in lines if "once 1" in line and not line.startswith("app:")]
    if txaio_framework == "twisted":  # as 26.6.1: standard output goes into the log
        assert "app: printed" in lines
    else:
        assert "printed" in lines
