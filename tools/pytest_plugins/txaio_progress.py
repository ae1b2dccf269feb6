"""A pytest plugin: lines that say what ran and how it ended, for ``tools/run_suites.py``.

pytest's dots say that something passed, not what.  ``tools/run_suites.py`` runs the suites
side by side, keeps each one's full output in a log file and shows a person only the lines
this plugin prints, each starting with ``[progress]``:

- ``TXAIO_PROGRESS=modules``: one line per test module when its last test ends
  (``test_futures.py: 34 passed, 1 skipped (2.1 s)``), for suites of many quick tests;
- ``TXAIO_PROGRESS=tests``: one line per test when it ends, and one when it starts (which the
  runner keeps to say what is running now), for suites of few slow scenarios;
- in both, last, the session's counts in pytest's own words (``counts: 3 passed in 1.20s``),
  which the runner adds up without mistaking a nested pytest's summary for its suite's.

``tools/pytest-allow-empty`` loads the plugin where ``TXAIO_PROGRESS`` is set.  The plugin
removes the variable from the environment, so a pytest that a test starts (or an xdist
worker: the controller reports for it) prints no progress of its own.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

ENVIRONMENT_VARIABLE = "TXAIO_PROGRESS"
PREFIX = "[progress] "
MODES = ("modules", "tests")
#: pytest's words for a test's outcome, in the order its summary line gives them.
OUTCOMES = ("failed", "error", "passed", "skipped", "xfailed", "xpassed")


def module_of(nodeid: str) -> str:
    """``tests/test_x.py::TestY::test_z[a]`` -> ``tests/test_x.py``."""
    return nodeid.split("::", 1)[0]


def outcome_of(reports: Sequence[pytest.TestReport]) -> str:
    """One test's outcome from its setup, call and teardown reports, in pytest's words."""
    for report in reports:
        if report.failed:
            return "failed" if report.when == "call" else "error"
    for report in reports:
        if hasattr(report, "wasxfail"):
            return "xfailed" if report.skipped else "xpassed"
        if report.skipped:
            return "skipped"
    return "passed"


def tally(outcomes: Counter[str]) -> str:
    """``Counter(passed=3, skipped=1)`` -> ``3 passed, 1 skipped``."""
    return ", ".join(f"{outcomes[name]} {name}" for name in OUTCOMES if outcomes[name]) or "no tests"


@dataclass
class Module:
    """One test module's tests, as they end."""

    total: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    began: float | None = None

    @property
    def done(self) -> int:
        return sum(self.outcomes.values())


class Progress:
    """The plugin object of one (top-level, controlling) pytest session."""

    def __init__(self, mode: str, reporter: pytest.TerminalReporter) -> None:
        self.mode = mode
        self.reporter = reporter
        self.modules: dict[str, Module] = {}
        self.reports: dict[str, list[pytest.TestReport]] = {}
        self.began: dict[str, float] = {}
        self.collected = False
        self.session_began = time.monotonic()

    def line(self, text: str) -> None:
        self.reporter.write_line(PREFIX + text)
        self.reporter.flush()  # the runner reads the lines as they come

    def expect(self, nodeids: Sequence[str]) -> None:
        if self.collected:
            return  # under xdist every worker reports the same collection
        self.collected = True
        for nodeid in nodeids:
            self.modules.setdefault(module_of(nodeid), Module()).total += 1

    def pytest_sessionstart(self) -> None:
        self.session_began = time.monotonic()

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if session.items:
            self.expect([item.nodeid for item in session.items])

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: object, ids: Sequence[str]) -> None:
        """Under xdist the controller collects nothing itself: each worker says what it found."""
        self.expect(ids)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if not report.nodeid.endswith(".py"):
            return
        if report.failed:
            self.line(f"error collecting {report.nodeid}")
        elif report.skipped and isinstance(report.longrepr, tuple):
            self.line(f"{report.nodeid}: skipped ({report.longrepr[2]})")

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        now = time.monotonic()
        self.began[nodeid] = now
        module = self.modules.setdefault(module_of(nodeid), Module())
        if module.began is None:
            module.began = now
        if self.mode == "tests":
            self.line(f"started {nodeid}")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        reports = self.reports.setdefault(report.nodeid, [])
        reports.append(report)
        if report.when != "teardown":
            return
        del self.reports[report.nodeid]
        now = time.monotonic()
        outcome = outcome_of(reports)
        name = module_of(report.nodeid)
        module = self.modules.setdefault(name, Module())
        module.outcomes[outcome] += 1
        if self.mode == "tests":
            self.line(f"{outcome} {report.nodeid} ({now - self.began.pop(report.nodeid, now):.1f} s)")
        elif module.done >= module.total:
            self.line(f"{name}: {tally(module.outcomes)} ({now - (module.began or now):.1f} s)")

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.mode == "modules":  # modules cut short (a failure with -x, an interrupt) end here
            for name, module in self.modules.items():
                if 0 < module.done < module.total:
                    self.line(f"{name}: {tally(module.outcomes)}, {module.total - module.done} not run")
        parts, _ = terminalreporter.build_summary_stats_line()
        counts = ", ".join(text for text, _ in parts)
        self.line(f"counts: {counts} in {time.monotonic() - self.session_began:.2f}s")


@pytest.hookimpl(trylast=True)  # after the terminal reporter is there
def pytest_configure(config: pytest.Config) -> None:
    mode = os.environ.pop(ENVIRONMENT_VARIABLE, "")
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if mode in MODES and isinstance(reporter, pytest.TerminalReporter) and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Progress(mode, reporter), "txaio-progress-reporter")
