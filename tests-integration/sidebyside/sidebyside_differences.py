"""Every intended difference between txaio 26.6.1 and this repository's txaio.

Each :class:`Change` is one behaviour we changed on purpose (a defect of
26.6.1 that an issue fixes, or an addition), with the exact observations of
``sidebyside_scenarios.py`` that show it on both sides.  The side-by-side
check accepts these differences and no others.  ``python
sidebyside_differences.py`` prints the Markdown table that the meta-package
README carries; with ``--update-readme`` it rewrites it there (a test keeps
the two in step).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Difference:
    """One observation key where 26.6.1 and ours differ, as documented."""

    key: str
    theirs: Any
    ours: Any
    change: str


@dataclass(frozen=True)
class Change:
    """One intended change, its reason, and the observations that show it."""

    title: str
    reason: str
    issue: int
    observations: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def _both(suffix: str, theirs: Any, ours: Any) -> dict[str, tuple[Any, Any]]:
    return {f"asyncio/{suffix}": (theirs, ours), f"twisted/{suffix}": (theirs, ours)}


def _everywhere(suffix: str, theirs: Any, ours: Any) -> dict[str, tuple[Any, Any]]:
    return {f"{mode}/{suffix}": (theirs, ours) for mode in ("unselected", "asyncio", "twisted")}


_LINES_BEFORE_FAILURE = [
    "hello world",
    "debug 1",
    "warned 2",
    "error",
    "category says hi",
    "late logger 3",
    "from a function",
    "from a top-level class",
    "from a method",
    "from a top-level function",
]
_ILOGGER_26 = ["critical", "error", "warn", "info", "debug", "trace"]
_ILOGGER_OURS = [*_ILOGGER_26, "failure", "emit"]

CHANGES: tuple[Change, ...] = (
    Change(
        "batched timers keep sub-second delays",
        "26.6.1 floors each delay to whole seconds and then rounds it into a bucket, so a call can fire up "
        "to a whole bucket (and with Autobahn's 0.2 s buckets, a 0.3 s timer at once) before its delay; "
        "ours fires no earlier than its delay and no later than one bucket after it",
        3,
        {
            "asyncio/batched_timer/verdicts": (
                {"0.05": "early", "0.3": "early", "0.7": "early", "1.1": "early"},
                {"0.05": "in time", "0.3": "in time", "0.7": "in time", "1.1": "in time"},
            ),
            "twisted/batched_timer/verdicts": (
                {"0.05": "in time", "0.3": "early", "0.7": "early", "1.1": "early"},
                {"0.05": "in time", "0.3": "in time", "0.7": "in time", "1.1": "in time"},
            ),
        },
    ),
    Change(
        "an error in a batched-timer call is reported with its traceback",
        "26.6.1 on Twisted gathers the bucket's errors into one RuntimeError raised into the reactor, "
        "losing each traceback; ours reports each exception (as a logged Failure) and runs the rest",
        4,
        {
            "twisted/batched_timer_errors/raised_into_event_loop": (["RuntimeError"], []),
            "twisted/batched_timer_errors/reported_with_exception": (False, True),
        },
    ),
    Change(
        "add_callbacks(f, None, None) raises ValueError",
        "the guide documents ValueError; 26.6.1 accepts it silently on asyncio and uses an assert "
        "(gone under python -O) on Twisted",
        3,
        {
            "asyncio/add_callbacks_rules/both_none": (None, "raised:ValueError"),
            "twisted/add_callbacks_rules/both_none": ("raised:AssertionError", "raised:ValueError"),
        },
    ),
    Change(
        "as_future refuses an async generator function with TypeError",
        "an async generator cannot be awaited: 26.6.1 raises a RuntimeError on asyncio and on Twisted "
        "resolves the future with the generator object, silently; ours fails with TypeError on both",
        3,
        {
            "asyncio/as_future_variants/async_generator": ("error:RuntimeError", "error:TypeError"),
            "twisted/as_future_variants/async_generator": ("value:async_generator", "error:TypeError"),
        },
    ),
    Change(
        "reject() with something that is not an exception raises an error that is a TypeError too",
        "a wrong argument type is a TypeError; 26.6.1 raises RuntimeError, so ours is both and "
        "'except RuntimeError' still catches it (the future stays pending on both)",
        3,
        _both(
            "resolve_and_reject/reject_bad_value",
            "raised:RuntimeError",
            "raised:NotAnExceptionError(TypeError,RuntimeError,Exception,BaseException)",
        ),
    ),
    Change(
        "create_failure keeps an exception whose bool() is False",
        "26.6.1 tests the exception for truth, so an exception class with __bool__ returning False is "
        "replaced by the current exception (None on asyncio, an error on Twisted) and its traceback lost",
        3,
        {
            "asyncio/failures/falsy_exception": ("NoneType", "_FalsyError"),
            "asyncio/failures/falsy_keeps_traceback": (False, True),
            "twisted/failures/falsy_exception": (
                "raised:NoCurrentExceptionError(Exception,BaseException)",
                "_FalsyError",
            ),
            "twisted/failures/falsy_keeps_traceback": (False, True),
        },
    ),
    Change(
        "create_failure() outside an except block raises RuntimeError on asyncio",
        "26.6.1 on asyncio returns a failure whose value is None, which breaks later in failure_message; "
        "ours says at once that there is no current exception (Twisted's own error is kept there)",
        3,
        {"asyncio/failures/outside_except": ("NoneType", "raised:RuntimeError")},
    ),
    Change(
        "failure_message works on any IFailedFuture on Twisted",
        "26.6.1 on Twisted only formats its own Failure and returns 'Failed to produce failure message' "
        "for any other IFailedFuture; ours uses .value, as the interface promises",
        4,
        {
            "twisted/failures/foreign_message": (
                'Failed to produce failure message for "<__main__._ForeignFailure object at <address>>"',
                "RuntimeError: foreign",
            )
        },
    ),
    Change(
        "with_config(loop=L).as_future and .sleep use L",
        "26.6.1 makes those futures on the global loop, so a second loop's code waits on the wrong loop",
        3,
        {
            "asyncio/asyncio_with_config/as_future_loop": (False, True),
            "asyncio/asyncio_with_config/sleep_loop": (False, True),
        },
    ),
    Change(
        "gather(consume_exceptions=False) logs no 'Unhandled error in Deferred'",
        "26.6.1 on Twisted leaves the delivered failure in the inner Deferreds, so it is logged again "
        "as unhandled when they are collected",
        4,
        {"twisted/twisted_gather_logs_no_unhandled_error/unhandled_errors_logged": (2, 0)},
    ),
    Change(
        "cancelling sleep() cancels its delayed call",
        "26.6.1 on Twisted leaves the reactor's delayed call pending after the sleep is cancelled",
        4,
        {"twisted/twisted_sleep_cancel/delayed_after_cancel": (1, 0)},
    ),
    Change(
        "create_future's canceller default is a sentinel on Twisted too",
        "both backends share one typed signature (result, error and canceller default to txaio's UNSET "
        "sentinel); passing canceller=None still means no canceller, as create_future_variants shows",
        4,
        {
            "twisted/signatures/create_future": (
                [
                    ["result", "POSITIONAL_OR_KEYWORD", "<object>"],
                    ["error", "POSITIONAL_OR_KEYWORD", "<object>"],
                    ["canceller", "POSITIONAL_OR_KEYWORD", None],
                ],
                [
                    ["result", "POSITIONAL_OR_KEYWORD", "<object>"],
                    ["error", "POSITIONAL_OR_KEYWORD", "<object>"],
                    ["canceller", "POSITIONAL_OR_KEYWORD", "<object>"],
                ],
            )
        },
    ),
    Change(
        "framework-neutral names work before a framework is selected",
        "time_ns, perf_counter_ns, IFailedFuture and ILogger do not depend on a framework; 26.6.1 "
        "replaces them with the usage error until selection",
        2,
        {
            "unselected/neutral_names_before_selection/time_ns": ("raised:RuntimeError", True),
            "unselected/neutral_names_before_selection/perf_counter_ns": ("raised:RuntimeError", True),
            "unselected/neutral_names_before_selection/IFailedFuture_is_class": (False, True),
            "unselected/neutral_names_before_selection/ILogger_is_class": (False, True),
        },
    ),
    Change(
        "make_logger() works before a framework is selected",
        "libraries create loggers as class attributes at import time; they follow the level set later",
        5,
        {"unselected/neutral_names_before_selection/make_logger": ("raised:RuntimeError", True)},
    ),
    Change(
        "ILogger declares failure() and emit(); every logger has them",
        "26.6.1's asyncio loggers have no failure(), so code written on Twisted breaks on asyncio; "
        "the interface now lists both",
        5,
        {
            **_everywhere("interfaces_module/ILogger_methods", _ILOGGER_26, _ILOGGER_OURS),
            "asyncio/logging/methods": ([*_ILOGGER_26, "emit"], _ILOGGER_OURS),
            "asyncio/logging/failure_method": ("raised:AttributeError", None),
            "asyncio/logging/lines": (
                [*_LINES_BEFORE_FAILURE, "emitted 5"],
                [*_LINES_BEFORE_FAILURE, "failure 4", "emitted 5"],
            ),
        },
    ),
    Change(
        "make_logger(namespace=...) names a logger explicitly",
        "26.6.1's make_logger() takes no namespace on asyncio and ignores one on Twisted; the name "
        "still comes from where make_logger() is called when none is given",
        5,
        _both("logging/given_namespace", "no namespace parameter", True),
    ),
    Change(
        "log.failure() writes the traceback",
        "26.6.1 writes only the message line; the traceback is what a failure log is for",
        5,
        _both("logging/traceback_logged", False, True),
    ),
    Change(
        "a bad log format never raises into the caller",
        "26.6.1 on asyncio raises KeyError from log.error('missing {key}'); ours logs a line that shows "
        "the format and what was wrong (Twisted already did)",
        5,
        {
            "asyncio/logging/bad_format_raises": ("raised:KeyError", None),
            "asyncio/logging/bad_format_logged": (False, True),
        },
    ),
    Change(
        "Twisted loggers are ILogger instances",
        "isinstance(txaio.make_logger(), txaio.ILogger) is True on both frameworks",
        5,
        {"twisted/logging/is_ILogger": (False, True)},
    ),
    Change(
        "testutil.replace_loop restores the loop when the body raises",
        "26.6.1 leaves the replacement loop in txaio.config after an exception, breaking later tests",
        6,
        _everywhere("testutil_module/restored_after_error", False, True),
    ),
    # issue 13 (fut)
    Change(
        "a gather input's own later callbacks get None on Twisted",
        "gather(consume_exceptions=False) waits for every input and fails with the first failure in input "
        "order, as 26.6.1 does; ours hands each input's failure to the gather's result, so no 'Unhandled "
        "error in Deferred' is logged for it, and a callback added to that input afterwards gets None",
        13,
        {"twisted/fut_gather_without_consuming/input_later_callbacks": (["ValueError:second"], ["value:None"])},
    ),
    Change(
        "failure_traceback() of something that is not a failure returns None",
        "the failure_* helpers run inside error handling; 26.6.1 raises AttributeError there, ours never "
        "raises (failure_message and failure_format_traceback return 26.6.1's fallback text, as it did)",
        13,
        {
            f"{mode}/fut_failure_helpers_on_non_failures/{name}": (
                {
                    "format_traceback": f"Failed to format failure traceback for '{text}'",
                    "message": f'Failed to produce failure message for "{text}"',
                    "traceback": "raised:AttributeError",
                },
                {
                    "format_traceback": f"Failed to format failure traceback for '{text}'",
                    "message": f'Failed to produce failure message for "{text}"',
                    "traceback": None,
                },
            )
            for mode in ("asyncio", "twisted")
            for name, text in (("none", "None"), ("int", "5"), ("text", "text"))
        },
    ),
    Change(
        "a batched bucket's chunks run back to back",
        "26.6.1 spreads a bucket's chunks over the following bucket, so its later calls fire up to a bucket "
        "late on top of firing early; ours runs the chunks one after another, the loop getting a turn "
        "between them, so every call fires within one bucket of its delay",
        13,
        _both("fut_batched_chunk_spacing/chunks_spread_over_seconds", 0.7, 0.0)
        | {"twisted/fut_batched_chunk_spacing/chunks_spread_over_seconds": (0.9, 0.0)},
    ),
    Change(
        "txaio.config.loop stays as the application set it on Twisted",
        "26.6.1 stores the global reactor in txaio.config.loop at the first timer call; ours looks the "
        "reactor up at each call (txaio.config.loop, else the global reactor) and writes nothing, so the "
        "reactor can still be chosen later and with_config(loop=task.Clock()) keeps working",
        13,
        {"twisted/fut_config_loop_after_first_use/none_after_call_later": (False, True)},
    ),
    # issue 14 (fut)
    Change(
        "as_future runs any coroutine a function returns",
        "26.6.1 on Twisted resolves the future with a coroutine object that is not a native coroutine "
        "(a collections.abc.Coroutine), and its body never runs; ours runs every kind, as asyncio does",
        14,
        {"twisted/fut_as_future_any_coroutine/hand_written": (["value", "_FutCoroutine"], ["value", 11])},
    ),
    Change(
        "a BaseException from one batched call does not stop its bucket",
        "26.6.1 drops the rest of the bucket when a call raises CancelledError (on Twisted the exception "
        "also escapes into the reactor, unreported); ours reports it and runs the others "
        "(KeyboardInterrupt and SystemExit still propagate, the rest of the bucket running later)",
        14,
        _both("fut_batched_base_exception/others_ran", ["before"], ["after", "before"])
        | {
            "twisted/fut_batched_base_exception/reported": (False, True),
            "twisted/fut_batched_base_exception/escaped": (["CancelledError"], []),
        },
    ),
    Change(
        "a failure whose only handler is a callback is reported on asyncio",
        "26.6.1 on asyncio retrieves the exception and drops it; ours leaves it to asyncio, which reports "
        "it to the loop's exception handler unless something else handles it (Twisted logs it as unhandled)",
        14,
        {"asyncio/fut_callback_only_failure/reported": ([], ["KeyError('only a callback')"])},
    ),
    Change(
        "call_later refuses NaN, infinity and a non-callable at the call",
        "26.6.1 schedules NaN and infinity (or fails with an assert that python -O removes, or an "
        "OverflowError from the batched timer), and accepts a non-callable in a batched timer (and on "
        "Twisted) that then fails inside the loop; ours raises ValueError or TypeError saying what was wrong",
        14,
        {
            f"{mode}/fut_call_later_arguments/{name}": (theirs, ours)
            for mode in ("asyncio", "twisted")
            for name, theirs, ours in (
                ("plain_nan", "accepted", "raised:ValueError"),
                ("plain_inf", "accepted", "raised:ValueError"),
                ("batched_inf", "raised:OverflowError", "raised:ValueError"),
                ("batched_not_callable", "accepted", "raised:TypeError"),
            )
        }
        | {"twisted/fut_call_later_arguments/plain_not_callable": ("accepted", "raised:TypeError")},
    ),
    Change(
        "failure_message() works when the exception's __str__ raises, on asyncio",
        "26.6.1 on asyncio raises the __str__'s error from failure_message; ours writes "
        "'<exception str() failed>' in its place, as Python's tracebacks do",
        14,
        {"asyncio/fut_failure_whose_str_raises/message_starts": ("raised:ValueError", "_FutUnprintableError: <exc")},
    ),
    # issue 17 (typing)
    Change(
        "before selection, every name shows its real signature and docstring",
        "26.6.1's stand-ins are all (*args, **kw) without a docstring, so help(), pdoc and IDEs show nothing "
        "useful until a framework is selected; ours show the typed signature and docstring (and still raise "
        "the usage error when called)",
        17,
        {
            "unselected/signatures_before_selection/args_kwargs_or_undocumented": (
                [
                    "IFailedFuture",
                    "ILogger",
                    "add_callbacks",
                    "add_log_categories",
                    "as_future",
                    "call_later",
                    "cancel",
                    "create_failure",
                    "create_future",
                    "create_future_error",
                    "create_future_success",
                    "failure_format_traceback",
                    "failure_message",
                    "failure_traceback",
                    "gather",
                    "get_global_log_level",
                    "is_called",
                    "is_future",
                    "make_batched_timer",
                    "make_logger",
                    "perf_counter_ns",
                    "reject",
                    "resolve",
                    "set_global_log_level",
                    "sleep",
                    "start_logging",
                    "time_ns",
                    "use_asyncio",
                    "use_twisted",
                    "with_config",
                ],
                [],
            ),
            "unselected/signatures_before_selection/create_future": (
                [["args", "VAR_POSITIONAL", "<required>"], ["kw", "VAR_KEYWORD", "<required>"]],
                [
                    ["result", "POSITIONAL_OR_KEYWORD", "<object>"],
                    ["error", "POSITIONAL_OR_KEYWORD", "<object>"],
                    ["canceller", "POSITIONAL_OR_KEYWORD", "<object>"],
                ],
            ),
        },
    ),
    # issue 13 (log)
    Change(
        "log.emit(level, **event) re-emits an event with its text",
        "26.6.1 replaces the event's log_format with emit()'s format argument (None when the event is "
        "passed as keywords), so a re-emitted event logs an empty line; ours uses log_format when no "
        "format is given",
        13,
        {
            "asyncio/log_call_keywords/emit_event": ([], ["WARNING ~re-emitted w1"]),
            "twisted/log_call_keywords/emit_event": ([], ["WARN ~re-emitted w1"]),
        },
    ),
    Change(
        "start_logging(None) on asyncio only sets the level",
        "26.6.1 on asyncio adds a handler for out=None that raises AttributeError from every log call "
        "afterwards; ours adds no output of its own and sets the level for the application's handlers, "
        "as 26.6.1 did on Twisted",
        13,
        {
            "asyncio/start_logging_without_out/exit": (1, 0),
            "asyncio/start_logging_without_out/stderr_empty": (False, True),
            "asyncio/start_logging_without_out/stdout": (["app: once 1"], ["app: once 1", "printed"]),
        },
    ),
    # issue 14 (log)
    Change(
        "a message without keyword arguments that cannot be formatted is logged as it is",
        "log.critical(txaio.failure_format_traceback(fail)) (the guide's idiom) fails when the traceback "
        "holds braces, as any dict does: 26.6.1 raises KeyError into the caller on asyncio and logs no text "
        "on Twisted. Ours treats such a message as text; one that formats ('{{x}}', '{log_level}') "
        "still does",
        14,
        {
            "asyncio/log_call_keywords/braces_without_keywords": (
                "raised:KeyError",
                ["CRITICAL ~KeyError: 'b' in {'a': 1}"],
            ),
            "twisted/log_call_keywords/braces_without_keywords": ([], ["CRITICAL ~KeyError: 'b' in {'a': 1}"]),
        },
    ),
    Change(
        "log.failure('... {log_failure}') works on asyncio",
        "26.6.1's asyncio loggers have no failure(); ours puts the failure in the message's keys as on Twisted",
        14,
        {
            "asyncio/log_call_keywords/failure_call": ("raised:AttributeError", "logged"),
            "asyncio/log_call_keywords/failure_shows_the_error": (False, True),
            "asyncio/log_call_keywords/failure_that_is_none": (
                "raised:AttributeError",
                ["CRITICAL ~failed: ~as given"],
            ),
        },
    ),
    # issue 16 (contracts2)
    Change(
        "txaio.backend: the public interface for framework backends",
        "26.6.1 has no such module (its backends were part of one package); ours publishes what a backend "
        "may use from txaio-core, and each backend's Framework descriptor is found through the "
        "txaio.frameworks entry points, so a third-party backend can plug in",
        16,
        {
            "unselected/contracts_backend_module/public": (False, True),
            "unselected/contracts_backend_module/names": ([], ["Framework", "FrameworkApi", "require_core"]),
        },
    ),
    # issue 23 (logfix)
    Change(
        "{log_failure} names the exception's type on asyncio",
        "26.6.1 on asyncio shows only the exception's text, so KeyError('division by zero') reads as a "
        "ZeroDivisionError would; ours shows 'ValueError: bad request', as failure_message() words it, with the "
        "traceback after the line (Twisted's Failure names the type too, unchanged)",
        23,
        {
            "asyncio/log_call_keywords/failure_names_the_type": (False, True),
            "asyncio/log_call_keywords/log_failure_key": (
                ["ERROR ~failed: bad request"],
                ["ERROR ~failed: ValueError: bad request"],
            ),
            "asyncio/log_call_keywords/exception_as_log_failure_key": (
                ["ERROR ~failed: bad request"],
                ["ERROR ~failed: ValueError: bad request"],
            ),
        },
    ),
    Change(
        "a bare exception as the log_failure key names its type on Twisted",
        "26.6.1 on Twisted shows an exception given as log_failure= by its text alone; ours makes it a Failure, "
        "as failure= does, so the line names the type and the traceback follows",
        23,
        {
            "twisted/log_call_keywords/exception_as_log_failure_key": (
                ["ERROR ~failed: bad request"],
                [
                    "ERROR ~failed: [Failure instance: Traceback (failure with no frames): "
                    "<class 'ValueError'>: bad request"
                ],
            ),
        },
    ),  # issue 29 (newcomer)
    Change(
        "start_logging() after Twisted's logging began (as under trial) adds its output and leaves stdout alone",
        "26.6.1 begins Twisted's logging a second time: Twisted warns 'primary log target selected twice' and "
        "print() and stderr go into the log from then on, in the middle of the test runner's own output; ours "
        "only adds its observer, so sys.stdout and sys.stderr stay the runner's",
        29,
        {
            "twisted/start_logging_after_twisted_logging_began/stdout": (
                [
                    "stdout_replaced True",
                    "stderr_replaced True",
                    "out ['~hello 1', '~printed']",
                    "app_warned_twice True",
                    "app ['~hello 1', '~printed']",
                ],
                [
                    "~printed",
                    "stdout_replaced False",
                    "stderr_replaced False",
                    "out ['~hello 1']",
                    "app_warned_twice False",
                    "app ['~hello 1']",
                ],
            ),
        },
    ),
    # issue 30 (oneloop)
    Change(
        "the other framework's future is refused where no loop runs both",
        "26.6.1 takes a Deferred under asyncio, or an asyncio future under Twisted, for a plain value: as_future "
        "resolves with the future itself and add_callbacks fails with AttributeError; ours raises RuntimeError at "
        "the call saying what to install (Twisted's asyncio reactor), and converts it where one loop runs both",
        30,
        {
            "asyncio/other_frameworks_futures/as_future": (["value", "Deferred"], "raised:RuntimeError"),
            "twisted/other_frameworks_futures/as_future": (["value", "Future"], "raised:RuntimeError"),
            "twisted/other_frameworks_futures/add_callbacks": ("raised:AttributeError", "raised:RuntimeError"),
        },
    ),
    Change(
        "is_future() is true for the other framework's futures",
        "26.6.1 answers False for a Deferred under asyncio and for an asyncio future under Twisted, so code that "
        "asks takes it for a plain value; the operations take both kinds where one loop runs both frameworks",
        30,
        {
            "asyncio/other_frameworks_futures/is_future": (False, True),
            "twisted/other_frameworks_futures/is_future": (False, True),
        },
    ),
    # issue 27 (reliab)
    Change(
        "seconds and counts take Python's numeric tower",
        "26.6.1 takes only what its framework's arithmetic happens to accept: a Decimal or another numbers.Real "
        "delay raises TypeError, and a chunk_size that is an integer but not an int (numpy.int64) never fires on "
        "asyncio and fails inside the reactor on Twisted; ours takes every numbers.Real and Decimal as seconds and "
        "whatever operator.index takes as a count, on every framework",
        27,
        {
            **_both("reliab_numbers/call_later_real", "raised:TypeError", "fired"),
            **_both("reliab_numbers/call_later_decimal", "raised:TypeError", "fired"),
            "asyncio/reliab_numbers/batched_index_chunk": ("never", "fired"),
            "twisted/reliab_numbers/batched_index_chunk": ("later raised:TypeError", "fired"),
        },
    ),
    Change(
        "sleep and batched timers refuse NaN and bools at the call",
        "26.6.1's sleep(nan) completes at once on asyncio and never fires (or asserts) on Twisted, and "
        "sleep(True) and make_batched_timer(True) are taken as one second; ours raises ValueError or TypeError "
        "at the call, the same on every framework (call_later(True, f) still means one second)",
        27,
        {
            "asyncio/reliab_numbers/sleep_nan": ("fired", "raised:ValueError"),
            "twisted/reliab_numbers/sleep_nan": ("never", "raised:ValueError"),
            "asyncio/reliab_numbers/sleep_bool": ("fired", "raised:TypeError"),
            "twisted/reliab_numbers/sleep_bool": ("never", "raised:TypeError"),
            **_both("reliab_numbers/batched_bool_bucket", "made", "raised:TypeError"),
        },
    ),
    Change(
        "a canceller that raises still cancels the future on Twisted",
        "26.6.1 on Twisted lets the canceller's exception out of cancel() and leaves the future pending for "
        "ever, so whatever waits on it hangs; ours logs the exception through txaio's logging and the future "
        "ends cancelled, as on asyncio",
        27,
        {
            "twisted/reliab_canceller_raises/cancel": ("raised:KeyError", None),
            "twisted/reliab_canceller_raises/outcome": ("pending", ["error", "CancelledError", ""]),
        },
    ),
    Change(
        "failures show the whole exception chain on Twisted",
        "26.6.1 on Twisted leaves the cause (raise ... from ...) and the context (an exception raised while "
        "handling another) out of failure_format_traceback() and logged failures, so logs lose the root cause; "
        "ours renders the chain as Python prints it, as on asyncio",
        27,
        {
            "twisted/reliab_failure_chain/cause": ("outer", "KeyError: 'root' / direct cause / outer"),
            "twisted/reliab_failure_chain/context": ("outer", "KeyError: 'root' / During handling / outer"),
        },
    ),
    Change(
        "no loop is left set as current, and a closed loop is refused at the call",
        "26.6.1 on asyncio makes a loop current with asyncio.get_event_loop() (left unclosed), returns a future "
        "that can never complete from a closed loop and calls as_future's function before failing, leaving a "
        "coroutine never awaited; ours uses a loop of its own (never current, closed at exit) and refuses a "
        "closed loop with a RuntimeError that says what to do, before making anything",
        27,
        {
            "asyncio_bare/reliab_loops/current_loop_left_set": (True, False),
            "asyncio_bare/reliab_loops/closed_create_future": ("future", "raised:RuntimeError"),
            "asyncio_bare/reliab_loops/closed_as_future_made_a_coroutine": (True, False),
        },
    ),
)


def _index(changes: tuple[Change, ...]) -> dict[str, Difference]:
    index: dict[str, Difference] = {}
    for change in changes:
        for key, (theirs, ours) in change.observations.items():
            if key in index:
                raise ValueError(f"{key} is documented twice")
            index[key] = Difference(key, theirs, ours, change.title)
    return index


#: Every documented difference, by observation key (``mode/scenario/field``).
INTENDED: dict[str, Difference] = _index(CHANGES)


def markdown_table() -> str:
    """The README's table: one row per change, with its reason and where it shows."""
    rows = [
        "| change | 26.6.1 behaviour and why we changed it | issue | observed in |",
        "| --- | --- | --- | --- |",
    ]
    for change in CHANGES:
        keys = "<br>".join(f"`{key}`" for key in change.observations)
        rows.append(f"| {change.title} | {change.reason} | #{change.issue} | {keys} |")
    return "\n".join(rows) + "\n"


README = Path(__file__).resolve().parents[2] / "packages" / "txaio" / "README.md"
START = "<!-- intended differences: generated by sidebyside_differences.py -->\n"
END = "<!-- intended differences: end -->\n"


def update_readme(readme: Path = README) -> None:
    """Replace the table between the README's markers with the current one."""
    text = readme.read_text()
    before, start, rest = text.partition(START)
    _, end, after = rest.partition(END)
    if not (start and end):
        raise ValueError(f"{readme} lacks the markers {START.strip()} ... {END.strip()}")
    readme.write_text(before + START + markdown_table() + END + after)


if __name__ == "__main__":
    if sys.argv[1:] == ["--update-readme"]:
        update_readme()
    else:
        sys.stdout.write(markdown_table())
