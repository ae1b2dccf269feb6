"""Every test suite of the repository, side by side, with progress and one verdict: ``hatch run test``.

Usage: ``python tools/run_suites.py [--jobs N] [--timeout S] [--only NAME]... [--list] [-- PYTEST ARGS]``

Each suite runs as its own process (its own pytest, or the script that runs several), at most
``--jobs`` at a time, the longest first.  Its whole output goes to ``build/test-logs/<suite>.log``;
the terminal gets a line when a suite starts and when it ends, and between them the lines of
``tools/pytest_plugins/txaio_progress.py``: one per test module, or one per scenario for the slow
suites, and every minute what is still running.  A suite that fails has its failures printed
at the end; a suite that runs past ``--timeout`` is killed, saying what it was running.  Last
comes the verdict: each suite with its counts and time, one line that says ``all N suites
passed`` or names those that failed, and the counts of every test; the exit status is 0 only
if every suite passed.

Work that several suites need is done once, first: the six wheels, built into a folder every
suite reads from ``TXAIO_WHEELS_DIR``, and the third-party files of the local package index
(``tools/index_cache.py``).  Standard library only: it runs under any Python of the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "build" / "test-logs"
WHEELS = ROOT / "build" / "test-run" / "wheels"
WHEELS_VARIABLE = "TXAIO_WHEELS_DIR"
PROGRESS_VARIABLE = "TXAIO_PROGRESS"
PROGRESS_PREFIX = "[progress] "
#: The verdict's lines, also kept in this file of the logs folder (.ci/run ends with its last line).
VERDICT = "verdict.txt"
DISTRIBUTIONS = ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-twisted", "txaio-testutil", "txaio")

#: Suites at a time: one more than the CPUs, as much of a suite's time is spent waiting (on a
#: package index, on installers' network requests) rather than computing.
JOBS = (os.cpu_count() or 1) + 1
#: Seconds a suite may run before it is killed (``--timeout``).
DEFAULT_TIMEOUT = 1200.0
#: Seconds without a line on the terminal before the runner says what is still running.
HEARTBEAT = 60.0
#: Seconds a suite is given to stop after SIGINT (pytest then runs its teardowns), then SIGKILL.
GRACE = 20.0
#: Lines of a failed suite's log shown at the end, at most.
FAILURE_LINES = 400


@dataclass(frozen=True)
class Suite:
    """One process of the run: a test suite, or a step that suites need (``needs``)."""

    name: str
    argv: tuple[str, ...]
    #: What the progress plugin reports: ``modules``, ``tests``, or ``""`` (not a pytest run).
    progress: str = "modules"
    #: Roughly how long it takes, in seconds on an idle machine: the longest start first.
    cost: float = 10.0
    #: Names of the suites (steps) that must have passed before this one starts.
    needs: tuple[str, ...] = ()

    @property
    def is_step(self) -> bool:
        """A step that prepares for the suites (not a pytest run): not counted among the suites."""
        return not self.progress

    @property
    def log_name(self) -> str:
        return re.sub(r"[^A-Za-z0-9.]+", "-", self.name).strip("-") + ".log"


# ---------------------------------------------------------------------------------------------
# Reading what a suite printed


#: pytest's last line: ``==== 2 failed, 40 passed, 1 skipped in 12.34s (0:00:12) ====``.
_PYTEST_SUMMARY = re.compile(r"^=+ (?P<counts>.*?) in [\d.]+s(?: \([\d:]+\))? =+$")
#: A heading a test script prints for each step (``=== unit tests of txaio-log``), not pytest's rules.
_SCRIPT_HEADING = re.compile(r"^=== [^=].*[^=\s]\s*$")
_COUNT = re.compile(r"(?P<number>\d+) (?P<word>[a-z]+)")
#: pytest's words, plural or singular, each to the one key of the verdict.
_WORDS = {
    "passed": "passed",
    "failed": "failed",
    "skipped": "skipped",
    "error": "errors",
    "errors": "errors",
    "xfailed": "xfailed",
    "xpassed": "xpassed",
    "deselected": "deselected",
    "warning": "warnings",
    "warnings": "warnings",
}


def parse_counts_text(text: str) -> Counter[str]:
    """``2 failed, 40 passed, 1 error`` -> ``{'failed': 2, 'passed': 40, 'errors': 1}``."""
    counts: Counter[str] = Counter()
    for part in text.split(","):
        match = _COUNT.fullmatch(part.strip())
        if match and match.group("word") in _WORDS:
            counts[_WORDS[match.group("word")]] += int(match.group("number"))
    return counts


def parse_counts(lines: Iterable[str]) -> tuple[Counter[str], int]:
    """The counts of every pytest session in a suite's output, summed, and how many sessions.

    A suite's own sessions say their counts in a ``[progress] counts:`` line (the progress
    plugin); where none does (a pytest run without the plugin), pytest's own closing lines
    (``=== 3 passed in 1.2s ===``) are read instead.  A pytest that a test runs prints
    neither of the plugin's lines, and its output shows only indented or inside a failure.
    """
    own: Counter[str] = Counter()
    sessions = 0
    closing: Counter[str] = Counter()
    closings = 0
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith(PROGRESS_PREFIX + "counts: "):
            text = line[len(PROGRESS_PREFIX + "counts: ") :]
            own += parse_counts_text(text.rsplit(" in ", 1)[0])
            sessions += 1
        else:
            match = _PYTEST_SUMMARY.match(line)
            if match:
                closing += parse_counts_text(match.group("counts"))
                closings += 1
    return (own, sessions) if sessions else (closing, closings)


def failure_excerpt(lines: Sequence[str], limit: int = FAILURE_LINES) -> list[str]:
    """What to show of a failed suite: pytest's failures and errors sections, else the log's end."""
    starts = [i for i, line in enumerate(lines) if re.match(r"^=+ (FAILURES|ERRORS) =+$", line.rstrip())]
    wanted = [line.rstrip("\n") for line in lines[starts[0] :]] if starts else [line.rstrip("\n") for line in lines]
    wanted = [line for line in wanted if not line.startswith(PROGRESS_PREFIX)]
    if len(wanted) > limit:
        wanted = [f"... ({len(wanted) - limit} lines above are in the log)", *wanted[-limit:]]
    return wanted


# ---------------------------------------------------------------------------------------------
# Results and the verdict


@dataclass
class Result:
    suite: Suite
    status: str  # "passed", "failed", "timed out", "not run", "interrupted"
    seconds: float = 0.0
    exit_code: int | None = None
    counts: Counter[str] = field(default_factory=Counter)
    sessions: int = 0
    note: str = ""
    #: CPU seconds (user and system) of the suite's process and every process it waited for.
    cpu: float = 0.0

    @property
    def passed(self) -> bool:
        return self.status == "passed"


def judge(suite: Suite, exit_code: int, lines: Sequence[str], seconds: float) -> Result:
    """A finished suite's result: it passed only with exit 0 and no failure or error counted."""
    counts, sessions = parse_counts(lines)
    bad = counts["failed"] + counts["errors"]
    status = "passed" if exit_code == 0 and bad == 0 else "failed"
    note = ""
    if exit_code != 0 and bad == 0:
        note = f"exit {exit_code}"
    elif exit_code == 0 and bad:
        note = "exit 0 despite failures"
    return Result(suite, status, seconds, exit_code, counts, sessions, note)


def duration(seconds: float) -> str:
    """``75.2`` -> ``1 min 15 s``; ``12.3`` -> ``12 s``."""
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{whole} s"


def verdict(results: Sequence[Result], seconds: float) -> tuple[list[str], int]:
    """The closing lines (the table, the one-line verdict, the total counts) and the exit status."""
    width = max([len(result.suite.name) for result in results] + [5])
    lines = [f"  {'suite':<{width}}  {'passed':>6} {'failed':>6} {'skipped':>7}  {'time':>10}  {'CPU':>10}  result"]
    total: Counter[str] = Counter()
    for result in results:
        counts = result.counts
        total += counts
        failed = counts["failed"] + counts["errors"]
        state = result.status.upper() if not result.passed else "passed"
        if result.note:
            state += f" ({result.note})"
        numbers = (
            f"{'':>6} {'':>6} {'':>7}"  # a step runs no test
            if result.suite.is_step
            else f"{counts['passed']:>6} {failed:>6} {counts['skipped']:>7}"
        )
        used = duration(result.cpu) if result.cpu else ""
        lines.append(f"  {result.suite.name:<{width}}  {numbers}  {duration(result.seconds):>10}  {used:>10}  {state}")
    cpu = sum(result.cpu for result in results)
    if cpu:
        lines.append(f"  CPU time of every suite together: {duration(cpu)} (the suites ran side by side)")
    bad = [result for result in results if not result.passed]
    suites = len([result for result in results if not result.suite.is_step])
    if not suites:
        lines.append("no suite ran")
        status = 1
    elif bad:
        names = ", ".join(f"{result.suite.name} ({result.status})" for result in bad)
        passed = len([result for result in results if result.passed and not result.suite.is_step])
        lines.append(f"FAILED: {names}; {passed} of {suites} suites passed, in {duration(seconds)}")
        status = 1
    else:
        lines.append(f"all {suites} suite{'s' if suites != 1 else ''} passed in {duration(seconds)}")
        status = 0
    failed = total["failed"] + total["errors"]
    lines.append(f"{total['passed']} passed, {failed} failed, {total['skipped']} skipped")
    return lines, status


# ---------------------------------------------------------------------------------------------
# Running


def priority(suite: Suite, suites: Sequence[Suite]) -> float:
    """How soon ``suite`` should start: its cost plus the longest chain of suites that need it.

    A step that the longest suites wait for (the wheels) goes first, whatever its own cost.
    """
    after = [priority(other, suites) for other in suites if suite.name in other.needs]
    return suite.cost + max(after, default=0.0)


def reap(process: subprocess.Popen[str]) -> tuple[int, float]:
    """Wait for ``process``: its exit code, and the CPU seconds of it and of every process it waited for.

    The CPU time says where a run's time goes on a machine where the suites share the cores
    (their wall-clock times then depend on what ran beside them); ``os.wait4`` is POSIX only.
    """
    if not hasattr(os, "wait4"):
        return process.wait(), 0.0
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_utime + usage.ru_stime


@dataclass
class Running:
    """A suite's process while it runs."""

    suite: Suite
    process: subprocess.Popen[str]
    log: IO[str]
    began: float
    lines: list[str] = field(default_factory=list)
    #: The tests it has started and not finished (``tests`` progress), with when each started.
    current: dict[str, float] = field(default_factory=dict)
    reader: threading.Thread | None = None
    killed: str = ""
    interrupt_sent: float | None = None


class Runner:
    """Runs suites at most ``jobs`` at a time and tells a person what happens."""

    def __init__(
        self,
        suites: Sequence[Suite],
        *,
        jobs: int,
        timeout: float,
        logs: Path = LOGS,
        env: dict[str, str] | None = None,
        out: IO[str] = sys.stdout,
        heartbeat: float = HEARTBEAT,
        grace: float = GRACE,
    ) -> None:
        self.order = [suite.name for suite in suites]  # the verdict's order: as the table lists them
        self.pending = sorted(suites, key=lambda suite: -priority(suite, suites))
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.logs = logs
        self.env = dict(os.environ if env is None else env)
        self.out = out
        self.heartbeat = heartbeat
        self.grace = grace
        self.began = time.monotonic()
        self.last_said = self.began
        self.running: dict[str, Running] = {}
        self.results: dict[str, Result] = {}
        self.events: queue.Queue[tuple[str, str | None]] = queue.Queue()

    def say(self, text: str) -> None:
        elapsed = round(time.monotonic() - self.began)
        self.out.write(f"[{elapsed // 60:2d}:{elapsed % 60:02d}] {text}\n")
        self.out.flush()
        self.last_said = time.monotonic()

    # -- starting

    def ready(self, suite: Suite) -> bool | None:
        """True if ``suite`` may start, None if it never can (a step it needs failed)."""
        for need in suite.needs:
            result = self.results.get(need)
            if result is None:
                return False
            if not result.passed:
                return None
        return True

    def start_ready(self) -> None:
        for suite in list(self.pending):
            if len(self.running) >= self.jobs:
                return
            ready = self.ready(suite)
            if ready is None:
                self.pending.remove(suite)
                failed = [need for need in suite.needs if not self.results[need].passed]
                self.finish(Result(suite, "not run", note=f"{', '.join(failed)} failed"))
            elif ready:
                self.pending.remove(suite)
                self.start(suite)

    def start(self, suite: Suite) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        log = (self.logs / suite.log_name).open("w", encoding="utf-8")
        env = dict(self.env)
        env["PYTHONUNBUFFERED"] = "1"
        if suite.progress:
            env[PROGRESS_VARIABLE] = suite.progress
        else:
            env.pop(PROGRESS_VARIABLE, None)
        log.write(f"$ {shlex.join(suite.argv)}\n")
        log.flush()
        process = subprocess.Popen(
            suite.argv,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,  # its own process group: a timeout kills all it started
        )
        running = Running(suite, process, log, time.monotonic())
        running.reader = threading.Thread(target=self.read, args=(suite.name, process.stdout), daemon=True)
        running.reader.start()
        self.running[suite.name] = running
        self.say(f"start {suite.name}")

    def read(self, name: str, stream: IO[str] | None) -> None:
        assert stream is not None
        for line in stream:
            self.events.put((name, line))
        self.events.put((name, None))

    # -- while running

    def on_line(self, running: Running, line: str) -> None:
        running.lines.append(line)
        running.log.write(line)
        running.log.flush()
        if _SCRIPT_HEADING.match(line):  # a script's own step: "=== conformance: asyncio on uvloop"
            self.say(f"  {running.suite.name} | {line.strip().removeprefix('=== ')}")
            return
        if not line.startswith(PROGRESS_PREFIX):
            return
        text = line[len(PROGRESS_PREFIX) :].rstrip("\n")
        if text.startswith("started "):
            running.current[text[len("started ") :]] = time.monotonic()
        elif text.startswith("counts: "):
            pass  # the verdict adds them up
        else:
            word, _, rest = text.partition(" ")
            if word in ("passed", "failed", "error", "skipped", "xfailed", "xpassed"):
                running.current.pop(rest.rsplit(" (", 1)[0], None)
            self.say(f"  {running.suite.name} | {text}")

    def on_end(self, running: Running) -> None:
        code, cpu = reap(running.process)
        seconds = time.monotonic() - running.began
        running.log.write(f"[the suite took {duration(seconds)}, and {duration(cpu)} of CPU]\n")
        running.log.close()
        del self.running[running.suite.name]
        if running.killed:
            counts, sessions = parse_counts(running.lines)
            result = Result(running.suite, "timed out", seconds, code, counts, sessions, running.killed)
        else:
            result = judge(running.suite, code, running.lines, seconds)
        result.cpu = cpu
        self.finish(result)

    def finish(self, result: Result) -> None:
        self.results[result.suite.name] = result
        counts = ", ".join(
            f"{result.counts[key]} {key}" for key in ("failed", "errors", "passed", "skipped") if result.counts[key]
        )
        detail = f"{counts} " if counts else ""
        note = f" ({result.note})" if result.note else ""
        if result.passed:
            self.say(f"done  {result.suite.name}: passed, {detail}in {duration(result.seconds)}")
        else:
            self.say(f"done  {result.suite.name}: {result.status.upper()}{note}, {detail}in {duration(result.seconds)}")

    def check_timeouts(self) -> None:
        now = time.monotonic()
        for running in self.running.values():
            if not running.killed and now - running.began > self.timeout:
                doing = self.doing(running, now)
                running.killed = f"killed after {duration(self.timeout)}" + (
                    f", while running {doing}" if doing else ""
                )
                self.say(f"TIMEOUT {running.suite.name}: no end after {duration(self.timeout)}; killing it")
                self.signal(running, signal.SIGINT)
                running.interrupt_sent = now
            elif running.interrupt_sent is not None and now - running.interrupt_sent > self.grace:
                self.signal(running, signal.SIGKILL)
                running.interrupt_sent = float("inf")  # sent once

    @staticmethod
    def signal(running: Running, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(running.process.pid, signum)

    @staticmethod
    def doing(running: Running, now: float) -> str:
        return ", ".join(f"{test} (for {duration(now - began)})" for test, began in running.current.items())

    def check_heartbeat(self) -> None:
        now = time.monotonic()
        if self.running and now - self.last_said >= self.heartbeat:
            parts = []
            for running in self.running.values():
                doing = self.doing(running, now)
                parts.append(
                    f"{running.suite.name} (for {duration(now - running.began)}{': ' + doing if doing else ''})"
                )
            self.say("still running: " + "; ".join(parts))

    # -- the whole run

    def run(self) -> list[Result]:
        try:
            self.start_ready()
            while self.running or self.pending:
                try:
                    name, line = self.events.get(timeout=1.0)
                except queue.Empty:
                    pass
                else:
                    running = self.running[name]
                    if line is None:
                        self.on_end(running)
                    else:
                        self.on_line(running, line)
                self.check_timeouts()
                self.check_heartbeat()
                self.start_ready()
                if not self.running and self.pending and all(self.ready(suite) is False for suite in self.pending):
                    for suite in self.pending:  # waiting for steps that will never run: a bug in the table
                        self.finish(Result(suite, "not run", note="what it needs never ran"))
                    self.pending = []
        except KeyboardInterrupt:
            self.say("interrupted: stopping every suite")
            for running in list(self.running.values()):
                self.signal(running, signal.SIGINT)
            deadline = time.monotonic() + self.grace
            for running in list(self.running.values()):
                try:
                    running.process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    self.signal(running, signal.SIGKILL)
                    running.process.wait()
                running.log.close()
                self.results[running.suite.name] = Result(
                    running.suite, "interrupted", time.monotonic() - running.began
                )
            for suite in self.pending:
                self.results[suite.name] = Result(suite, "not run", note="interrupted")
        return [self.results[name] for name in self.order if name in self.results]


def report(results: Sequence[Result], seconds: float, out: IO[str], logs: Path) -> int:
    """The failures of each failed suite, then the verdict; the exit status."""
    for result in results:
        if result.passed or result.status == "not run":
            continue
        log = logs / result.suite.log_name
        out.write(f"\n=== {result.suite.name}: {result.status.upper()}")
        out.write(f" ({result.note})" if result.note else "")
        out.write(f"; its whole output is in {log.relative_to(ROOT) if log.is_relative_to(ROOT) else log}\n")
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.is_file() else []
        for line in failure_excerpt(lines):
            out.write(line + "\n")
    lines, status = verdict(results, seconds)
    out.write(
        "\n=== test results (each suite's output: "
        + f"{logs.relative_to(ROOT) if logs.is_relative_to(ROOT) else logs}/)\n"
    )
    for line in lines:
        out.write(line + "\n")
    out.flush()
    logs.mkdir(parents=True, exist_ok=True)
    (logs / VERDICT).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return status


# ---------------------------------------------------------------------------------------------
# The suites of this repository


def hatch_script(name: str) -> list[str]:
    """A script of hatch.toml's default environment as an argument list, without ``{args}``."""
    import tomllib

    scripts = tomllib.loads((ROOT / "hatch.toml").read_text(encoding="utf-8"))["envs"]["default"]["scripts"]
    return shlex.split(str(scripts[name]).replace("{args}", ""))


def python_command(argv: list[str]) -> tuple[str, ...]:
    """``python ...`` run by this interpreter, so a suite runs in the environment the runner runs in."""
    return tuple(sys.executable if part == "python" and i == 0 else part for i, part in enumerate(argv))


#: The integration suite in parts that run side by side, each its own pytest session: the files
#: of a part share its session fixtures (the published index, the side-by-side venvs).  Every
#: file no part names runs in the part ``integration: other``, so a new file is never left out.
INTEGRATION_PARTS: dict[str, tuple[str, ...]] = {
    "index": ("test_index_install.py", "test_index_cadence.py"),
    "combinations": ("test_combinations.py",),
    "upgrade": ("test_upgrade.py",),
    "side by side": ("sidebyside",),
}
#: Roughly how long each takes, in seconds on the idle 2-core machine with two others beside it,
#: so that the longest start first; only their order matters.
COSTS = {
    "integration: index": 250.0,
    "integration: upgrade": 190.0,
    "integration: combinations": 130.0,
    "integration: other": 120.0,
    "integration: side by side": 20.0,
    "release-tests": 95.0,
    "unit: txaio-testutil": 75.0,
    "conformance": 60.0,
    "tool-tests": 45.0,
    "other-pythons": 700.0,  # all of them in one suite (a tools/other-pythons without --python)
    "other-pythons: one": 200.0,  # one Python
}
PREPARE_WHEELS = "prepare: wheels"
PREPARE_INDEX = "prepare: index files"


def integration_suites(extra: Sequence[str]) -> list[Suite]:
    suites = []
    base = ("bash", "tools/pytest-allow-empty")
    needs = (PREPARE_WHEELS, PREPARE_INDEX)
    named: list[str] = []
    for part, files in INTEGRATION_PARTS.items():
        paths = [f"tests-integration/{file}" for file in files]
        named += paths
        name = f"integration: {part}"
        suites.append(Suite(name, (*base, *paths, "--", *extra), "tests", COSTS.get(name, 60.0), needs))
    ignores = [f"--ignore={path}" for path in ("tests-integration/conformance", *named)]
    name = "integration: other"
    suites.append(Suite(name, (*base, "tests-integration", *ignores, "--", *extra), "tests", COSTS[name], needs))
    return suites


def other_python_versions(root: Path = ROOT) -> list[str] | None:
    """The Pythons that ``tools/other-pythons --python X.Y`` runs one at a time, so each can be a suite.

    None where the script has no ``--python`` (it then runs every Python it finds, as one
    suite) or its module does not list them as ``VERSIONS = ("3.12", ...)``.
    """
    import ast

    script = root / "tools" / "other-pythons"
    module = root / "tools" / "other_pythons.py"
    if not script.is_file() or "--python" not in script.read_text(encoding="utf-8") or not module.is_file():
        return None
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "VERSIONS" for t in node.targets):
            try:
                versions = ast.literal_eval(node.value)
            except ValueError:
                return None
            if isinstance(versions, tuple | list) and versions and all(isinstance(v, str) for v in versions):
                return [str(version) for version in versions]
    return None


def other_python_suites(extra: Sequence[str]) -> list[Suite]:
    versions = other_python_versions()
    needs = (PREPARE_WHEELS,)
    if versions is None:  # one script for all of them, as before --python
        return [
            Suite("other-pythons", ("bash", "tools/other-pythons", *extra), "modules", COSTS["other-pythons"], needs)
        ]
    return [
        Suite(
            f"other-pythons: {version}",
            ("bash", "tools/other-pythons", "--python", version, "--", *extra),
            "modules",
            COSTS["other-pythons: one"],
            needs,
        )
        for version in versions
    ]


def repository_suites(extra: Sequence[str], wheels: Path = WHEELS) -> list[Suite]:
    """Every suite ``hatch run test`` runs, and the steps they need."""
    prepare = [
        Suite(PREPARE_WHEELS, (sys.executable, str(Path(__file__).resolve()), "--build-wheels", str(wheels)), "", 15.0),
        Suite(
            PREPARE_INDEX,
            (sys.executable, "-c", "from tools import index_cache; index_cache.fetch()"),
            "",
            5.0,
        ),
    ]
    units = [
        Suite(
            f"unit: {tests.parent.name}",
            ("bash", "tools/pytest-allow-empty", str(tests.relative_to(ROOT)), "--", *extra),
            "modules",
            COSTS.get(f"unit: {tests.parent.name}", 15.0),
        )
        for tests in sorted(ROOT.glob("packages/*/tests"))
    ]
    others = [
        Suite("conformance", (*python_command(hatch_script("conformance")), *extra), "modules", COSTS["conformance"]),
        Suite(
            "release-tests", (*python_command(hatch_script("release-tests")), *extra), "modules", COSTS["release-tests"]
        ),
        Suite("tool-tests", (*python_command(hatch_script("tool-tests")), *extra), "modules", COSTS["tool-tests"]),
    ]
    return [*prepare, *units, *others, *integration_suites(extra), *other_python_suites(extra)]


def build_wheels(out: Path) -> int:
    """Build each distribution's wheel into ``out`` (emptied first): the one build of the run."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for dist in DISTRIBUTIONS:
        command = [
            sys.executable,
            "-m",
            "uv",
            "build",
            "--wheel",
            "--quiet",
            "--out-dir",
            str(out),
            str(ROOT / "packages" / dist),
        ]
        print(f"$ {' '.join(command)}", flush=True)
        if subprocess.run(command, check=False).returncode != 0:
            return 1
    print(f"built: {', '.join(sorted(path.name for path in out.glob('*.whl')))}", flush=True)
    return 0


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hatch run test", description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--jobs", type=int, default=JOBS, help="suites at a time (default: one more than the CPUs, %(default)s)"
    )
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds a suite may take (default: %(default)s)"
    )
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run the suites whose name starts with NAME (repeatable)"
    )
    parser.add_argument("--list", action="store_true", help="list the suites and their commands, run nothing")
    parser.add_argument("--build-wheels", metavar="FOLDER", help=argparse.SUPPRESS)
    return parse_with_pytest_args(parser, argv)


def parse_with_pytest_args(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """``parser``'s options; every other argument, and all that follows ``--``, as ``pytest_args``."""
    head, tail = list(argv), []
    if "--" in head:
        cut = head.index("--")
        head, tail = head[:cut], head[cut + 1 :]
    args, unknown = parser.parse_known_args(head)
    args.pytest_args = [*unknown, *tail]
    return args


def select(suites: Sequence[Suite], only: Sequence[str] | None) -> list[Suite]:
    """The suites whose name starts with one of ``only``, and the steps they need."""
    if not only:
        return list(suites)
    chosen = {suite.name for suite in suites if any(suite.name.startswith(prefix) for prefix in only)}
    by_name = {suite.name: suite for suite in suites}
    for name in list(chosen):
        chosen.update(by_name[name].needs)
    return [suite for suite in suites if suite.name in chosen]


def main(argv: Sequence[str]) -> int:
    args = parse(argv)
    if args.build_wheels:
        return build_wheels(Path(args.build_wheels))
    suites = select(repository_suites(args.pytest_args), args.only)
    if args.list:
        for suite in suites:
            print(f"{suite.name}: {shlex.join(suite.argv)}")
        return 0
    if not suites:
        print(f"no suite is named {' or '.join(args.only)}; --list shows them", file=sys.stderr)
        return 2
    env = dict(os.environ)
    env[WHEELS_VARIABLE] = str(WHEELS)
    tests = [suite for suite in suites if suite.progress]
    print(
        f"hatch run test: {len(tests)} suite{'s' if len(tests) != 1 else ''}, {args.jobs} at a time; "
        f"each one's whole output goes to "
        f"{LOGS.relative_to(ROOT)}/; the verdict comes last",
        flush=True,
    )
    shutil.rmtree(LOGS, ignore_errors=True)
    began = time.monotonic()
    results = Runner(suites, jobs=args.jobs, timeout=args.timeout, env=env).run()
    return report(results, time.monotonic() - began, sys.stdout, LOGS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
