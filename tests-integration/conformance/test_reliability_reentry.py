"""Code that re-enters txaio on the same thread never deadlocks and leaves consistent state.

The garbage collector runs ``__del__`` at any allocation (inside txaio's own
code too), and a signal handler runs between any two bytecodes: both may call
``make_logger()``, log, or change the global level while txaio is in the
middle of the same.  Each scenario runs in a child under ``-X dev -W error``
with a timeout, so a deadlock fails instead of hanging the suite.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reliability_child import clean_run, run_child


def test_a_logger_made_and_used_in_del_during_make_logger(txaio_framework: str, request: Any) -> None:
    body = """
    import gc

    class Conn:
        def __init__(self):
            self.log = txaio.make_logger()
            self.me = self  # a cycle: only the garbage collector frees it, at some allocation
        def __del__(self):
            txaio.make_logger().debug("connection closed")

    collections = [0]
    gc.callbacks.append(lambda phase, info: phase == "start" and collections.__setitem__(0, collections[0] + 1))
    gc.set_threshold(10)  # a collection every few allocations: most of them start inside make_logger
    for i in range(30_000):
        Conn()
    report("done", collections[0] > 5_000)
    """
    assert clean_run(run_child(txaio_framework, body, request.config)) == ["done True"]


def test_a_signal_handler_that_makes_loggers_and_sets_the_level(txaio_framework: str, request: Any) -> None:
    body = """
    import io, signal
    txaio.start_logging(out=io.StringIO(), level="info")
    levels = ["debug", "info", "warn", "error"]
    handled = []

    def on_signal(signum, frame):
        txaio.make_logger().info("in a signal handler")
        txaio.set_global_log_level(levels[len(handled) % len(levels)])
        handled.append(signum)

    signal.signal(signal.SIGALRM, on_signal)
    signal.setitimer(signal.ITIMER_REAL, 0.002, 0.002)  # longer than the handler takes
    made = []
    while len(handled) < 300:
        made.append(txaio.make_logger())
        made[-1].info("main")
        if len(made) > 200:
            del made[:100]
    signal.setitimer(signal.ITIMER_REAL, 0)
    final = txaio.get_global_log_level()
    report("consistent", all(logger.log_level == final for logger in made))
    """
    assert clean_run(run_child(txaio_framework, body, request.config)) == ["consistent True"]


def test_del_that_sets_the_level_while_loggers_are_made_leaves_every_logger_at_the_last_level(
    txaio_framework: str, request: Any
) -> None:
    body = """
    import gc
    levels = ["debug", "info", "warn", "error", "trace"]
    count = [0]

    class Setter:
        def __init__(self):
            self.me = self
        def __del__(self):
            count[0] += 1
            txaio.set_global_log_level(levels[count[0] % len(levels)])
            txaio.make_logger()   # made during a change of the level, maybe during another logger's making

    gc.set_threshold(50)
    made = []
    for i in range(5_000):
        Setter()
        made.append(txaio.make_logger())
        if len(made) > 200:
            del made[:100]
    gc.collect()
    final = txaio.get_global_log_level()
    report("changes", count[0] > 100, "consistent", all(logger.log_level == final for logger in made))
    """
    # Under -X dev on every Python: CPython 3.11 collects inside a dict's resize, and a __del__ that
    # rewrote the logger being rewritten crashed the child there before txaio held collection off.
    child = run_child(txaio_framework, body, request.config)
    assert clean_run(child) == ["changes True consistent True"]


def test_a_stream_and_a_del_that_log_while_a_line_is_written(txaio_framework: str, request: Any) -> None:
    body = """
    import io
    log = txaio.make_logger()

    class Chatty(io.StringIO):
        def write(self, text):
            if not done:
                Cycle()  # garbage that logs when collected, in the middle of writing a line
            return super().write(text)

    class Cycle:
        def __init__(self):
            self.me = self
        def __del__(self):
            txaio.make_logger().info("collected")

    done = False
    out = Chatty()
    txaio.start_logging(out=out, level="info")
    for i in range(20_000):
        log.info("line {i}", i=i)
    done = True
    import gc; gc.collect()
    text = out.getvalue()
    report("all main lines", all(f"line {i}" in text for i in (0, 9_999, 19_999)))
    """
    assert clean_run(run_child(txaio_framework, body, request.config)) == ["all main lines True"]
