"""``tools/run_suites.py`` (``hatch run test``): progress a person can follow, and one verdict that is right.

The runner is run in a subprocess, on small stand-in suites (``python -c ...``), so that a
runner that failed to kill a hanging suite would fail this test by its timeout, not hang it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from tools.run_suites import (
    Result,
    Suite,
    failure_excerpt,
    judge,
    other_python_versions,
    parse_counts,
    parse_counts_text,
    priority,
    select,
    verdict,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "pytest-allow-empty"

#: Runs ``Runner`` on the suites given as JSON, with the options given, and exits with ``report``'s status.
DRIVER = """
import json, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from tools.run_suites import Runner, Suite, report
spec = json.loads(sys.argv[1])
suites = [
    Suite(s["name"], tuple(s["argv"]), s.get("progress", "modules"), 1.0, tuple(s.get("needs", ())))
    for s in spec["suites"]
]
logs = Path(spec["logs"])
runner = Runner(suites, jobs=spec.get("jobs", 2), timeout=spec.get("timeout", 60.0), logs=logs,
                heartbeat=spec.get("heartbeat", 600.0), grace=1.0)
results = runner.run()
sys.exit(report(results, 1.0, sys.stdout, logs))
"""


def printing(*lines: str, exit_code: int = 0, sleep: float = 0.0) -> list[str]:
    """A stand-in suite: a Python that prints ``lines``, sleeps, and exits with ``exit_code``."""
    code = f"import sys, time\nfor line in {list(lines)!r}:\n    print(line, flush=True)\n"
    code += f"time.sleep({sleep})\nsys.exit({exit_code})"
    return [sys.executable, "-c", code]


def run_runner(tmp_path: Path, suites: list[dict[str, object]], **options: object) -> subprocess.CompletedProcess[str]:
    spec = {"suites": suites, "logs": str(tmp_path / "logs"), **options}
    return subprocess.run(
        [sys.executable, "-c", DRIVER.format(root=str(ROOT)), json.dumps(spec)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# -- counting


def test_pytest_s_closing_line_is_counted() -> None:
    counts, sessions = parse_counts(
        [
            "collected 44 items\n",
            "===== 2 failed, 40 passed, 1 skipped, 1 error, 3 warnings in 12.34s (0:00:12) =====\n",
        ]
    )
    assert sessions == 1
    assert counts == {"failed": 2, "passed": 40, "skipped": 1, "errors": 1, "warnings": 3}


def test_the_counts_of_several_sessions_add_up() -> None:
    lines = [
        "=== 3 passed in 0.5s ===",
        "=== 1 failed, 2 passed, 2 errors in 1.0s ===",
        "=== no tests ran in 0.01s ===",
    ]
    counts, sessions = parse_counts(lines)
    assert sessions == 3
    assert counts == {"passed": 5, "failed": 1, "errors": 2}


def test_the_progress_plugin_s_counts_win_over_a_nested_pytest_s_summary() -> None:
    """A test that runs pytest and fails shows that pytest's summary; it is not the suite's."""
    lines = [
        "[progress] counts: 1 failed, 7 passed in 3.00s",
        "E   AssertionError: exit 1",
        "=========== 5 failed, 100 passed in 9.00s ===========",
        "[progress] counts: 4 passed, 1 skipped, 2 deselected in 1.00s",
        "======= 1 failed, 7 passed in 3.00s =======",
    ]
    counts, sessions = parse_counts(lines)
    assert sessions == 2
    assert counts == {"failed": 1, "passed": 11, "skipped": 1, "deselected": 2}


def test_words_that_are_not_counts_are_ignored() -> None:
    assert parse_counts_text("3 passed, 2 rerun, 1 xfailed, no tests ran") == {"passed": 3, "xfailed": 1}
    assert parse_counts(["some line in 3s", "== not a summary ==", "5 passed in 1s"]) == ({}, 0)


# -- judging one suite


SUITE = Suite("unit: x", ("true",))


def test_a_suite_passes_only_with_exit_zero_and_no_failure() -> None:
    assert judge(SUITE, 0, ["=== 3 passed in 1s ==="], 1.0).status == "passed"
    failed = judge(SUITE, 1, ["=== 1 failed, 2 passed in 1s ==="], 1.0)
    assert failed.status == "failed"
    assert failed.note == ""


def test_a_non_zero_exit_without_a_failed_test_fails_and_says_its_exit() -> None:
    result = judge(SUITE, 5, ["error: x collected no tests, and it must have tests"], 1.0)
    assert (result.status, result.note) == ("failed", "exit 5")


def test_failures_counted_fail_the_suite_even_with_exit_zero() -> None:
    result = judge(SUITE, 0, ["=== 1 failed, 2 passed in 1s ==="], 1.0)
    assert (result.status, result.note) == ("failed", "exit 0 despite failures")


# -- the verdict


def results(*statuses: str) -> list[Result]:
    made = []
    for i, status in enumerate(statuses):
        counts = Counter(passed=10 + i, skipped=1) if status == "passed" else Counter(passed=3, failed=2)
        made.append(Result(Suite(f"suite {i}", ("true",)), status, 12.0, 0 if status == "passed" else 1, counts))
    return [Result(Suite("prepare: wheels", ("true",), progress=""), "passed", 3.0, 0), *made]


def test_every_suite_passed_gives_one_line_saying_so_then_the_counts() -> None:
    lines, status = verdict(results("passed", "passed"), 125.0)
    assert status == 0
    assert lines[-2] == "all 2 suites passed in 2 min 05 s"  # the step that prepared is no suite
    assert lines[-1] == "21 passed, 0 failed, 2 skipped"
    assert sum("FAILED" in line for line in lines) == 0


def test_a_failed_suite_is_named_and_the_status_is_not_zero() -> None:
    lines, status = verdict(results("passed", "failed", "timed out"), 30.0)
    assert status == 1
    assert lines[-2] == "FAILED: suite 1 (failed), suite 2 (timed out); 1 of 3 suites passed, in 30 s"
    assert lines[-1] == "16 passed, 4 failed, 1 skipped"
    table = "\n".join(lines[1:-2])
    assert "suite 1" in table and "FAILED" in table and "TIMED OUT" in table


def test_only_picks_suites_by_prefix_with_the_steps_they_need() -> None:
    wheels = Suite("prepare: wheels", ("true",), progress="")
    suites = [wheels, Suite("unit: a", ("true",)), Suite("integration: b", ("true",), needs=(wheels.name,))]
    assert [suite.name for suite in select(suites, ["integration"])] == ["prepare: wheels", "integration: b"]
    assert [suite.name for suite in select(suites, ["unit"])] == ["unit: a"]
    assert select(suites, None) == suites


def test_the_failure_excerpt_starts_at_pytest_s_failures() -> None:
    lines = ["a", "b", "=================== FAILURES ===================", "def test_x():", "[progress] x", "E  boom"]
    assert failure_excerpt(lines) == ["=================== FAILURES ===================", "def test_x():", "E  boom"]
    assert failure_excerpt([str(i) for i in range(10)], limit=3)[1:] == ["7", "8", "9"]


# -- the runner, end to end


def test_a_failing_suite_is_reported_and_makes_the_exit_non_zero(tmp_path: Path) -> None:
    done = run_runner(
        tmp_path,
        [
            {
                "name": "good",
                "argv": printing(
                    "=== conformance: asyncio on uvloop",
                    "[progress] test_a.py: 2 passed (0.1 s)",
                    "=== 2 passed in 0.1s ===",
                ),
            },
            {
                "name": "bad",
                "argv": printing(
                    "=================== FAILURES ===================",
                    "E   assert 1 == 2",
                    "=== 1 failed, 1 passed in 0.1s ===",
                    exit_code=1,
                ),
            },
        ],
    )
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-2].startswith("FAILED: bad (failed); 1 of 2 suites passed")
    assert lines[-1] == "3 passed, 1 failed, 0 skipped"
    assert any(line.endswith("start good") for line in lines)
    assert any("good | test_a.py: 2 passed (0.1 s)" in line for line in lines)
    assert any(line.endswith("good | conformance: asyncio on uvloop") for line in lines)  # a script's heading
    assert any("done  bad: FAILED, 1 failed, 1 passed in" in line for line in lines)
    assert "E   assert 1 == 2" in lines  # the failure itself is shown before the verdict
    log = (tmp_path / "logs" / "bad.log").read_text()
    assert log.endswith("E   assert 1 == 2\n=== 1 failed, 1 passed in 0.1s ===\n[the suite took 0 s, and 0 s of CPU]\n")


def test_all_passing_exits_zero(tmp_path: Path) -> None:
    done = run_runner(tmp_path, [{"name": "only", "argv": printing("=== 4 passed in 0.1s ===")}])
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-2:] == ["all 1 suite passed in 1 s", "4 passed, 0 failed, 0 skipped"]


def test_a_suite_that_hangs_is_killed_at_the_timeout_saying_what_it_ran(tmp_path: Path) -> None:
    hang = printing("[progress] started test_slow.py::test_forever[pip]", sleep=600)
    done = run_runner(
        tmp_path,
        [
            {"name": "hangs", "argv": hang, "progress": "tests"},
            {"name": "quick", "argv": printing("=== 1 passed in 0s ===")},
        ],
        timeout=2.0,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "TIMEOUT hangs: no end after 2 s; killing it" in done.stdout
    verdict_line = done.stdout.splitlines()[-2]
    assert verdict_line.startswith("FAILED: hangs (timed out); 1 of 2 suites passed")
    assert "killed after 2 s, while running test_slow.py::test_forever[pip]" in done.stdout


def test_a_suite_whose_needed_step_failed_is_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    done = run_runner(
        tmp_path,
        [
            {"name": "prepare: wheels", "argv": printing("no compiler", exit_code=1), "progress": ""},
            {"name": "uses", "argv": ["touch", str(marker)], "needs": ["prepare: wheels"]},
        ],
    )
    assert done.returncode == 1
    assert not marker.exists()
    assert "FAILED: prepare: wheels (failed), uses (not run)" in done.stdout
    assert "uses: NOT RUN (prepare: wheels failed)" in done.stdout


def test_still_running_says_which_test(tmp_path: Path) -> None:
    slow = printing("[progress] started test_x.py::test_y[uv]", "=== 1 passed in 0s ===", sleep=3)
    done = run_runner(tmp_path, [{"name": "slow", "argv": slow, "progress": "tests"}], heartbeat=1.0)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "still running: slow (for " in done.stdout
    assert ": test_x.py::test_y[uv] (for " in done.stdout
    assert "started test_x.py" not in done.stdout.replace("still running", "")  # kept, not shown


# -- the progress plugin under tools/pytest-allow-empty


PLUGIN_SUITE = {
    "test_a.py": """
        import os

        def test_one():
            pass

        def test_two():
            assert False

        def test_nested_pytest_does_not_report():
            assert "TXAIO_PROGRESS" not in os.environ
        """,
    "test_b.py": """
        import pytest

        @pytest.mark.parametrize("n", [1, 2])
        def test_param(n):
            if n == 2:
                pytest.skip("not today")
        """,
}


@pytest.fixture
def plugin_suite(tmp_path: Path) -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    for name, text in PLUGIN_SUITE.items():
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def run_plugin(suite: Path, mode: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "TXAIO_REQUIRED_TOOLS"}
    environment.update(TXAIO_PROGRESS=mode, PATH=f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}")
    command = ["bash", str(SCRIPT), str(suite), "-p", "no:cacheprovider", "-p", "no:txaio", "-p", "no:asyncio", "--"]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120, check=False)


def progress_lines(output: str) -> list[str]:
    return [line.split(" (")[0] for line in output.splitlines() if line.startswith("[progress] ")]


def test_the_plugin_says_how_each_module_ended(plugin_suite: Path) -> None:
    done = run_plugin(plugin_suite, "modules")
    assert done.returncode == 1
    lines = progress_lines(done.stdout)
    assert lines[:2] == ["[progress] test_a.py: 1 failed, 2 passed", "[progress] test_b.py: 1 passed, 1 skipped"]
    assert lines[2].startswith("[progress] counts: 1 failed, 3 passed, 1 skipped in ")
    assert len(lines) == 3
    assert parse_counts(done.stdout.splitlines()) == ({"failed": 1, "passed": 3, "skipped": 1}, 1)


def test_the_plugin_says_each_test_s_start_and_end(plugin_suite: Path) -> None:
    done = run_plugin(plugin_suite, "tests")
    lines = progress_lines(done.stdout)
    assert lines[:2] == ["[progress] started test_a.py::test_one", "[progress] passed test_a.py::test_one"]
    assert "[progress] failed test_a.py::test_two" in lines
    assert "[progress] skipped test_b.py::test_param[2]" in lines
    assert lines[-1].startswith("[progress] counts: 1 failed, 3 passed, 1 skipped in ")


def test_other_pythons_runs_one_suite_per_python_where_the_script_takes_python(tmp_path: Path) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "other-pythons").write_text("for minor in 12 13; do ...; done\n", encoding="utf-8")
    assert other_python_versions(tmp_path) is None  # the script of before: one suite runs them all
    (tools / "other-pythons").write_text('exec python "$here/tools/other_pythons.py" "$@"  # [--python X.Y]\n')
    (tools / "other_pythons.py").write_text('VERSIONS = ("3.12", "3.13", "3.14")\n', encoding="utf-8")
    assert other_python_versions(tmp_path) == ["3.12", "3.13", "3.14"]
    (tools / "other_pythons.py").write_text("VERSIONS = found()\n", encoding="utf-8")
    assert other_python_versions(tmp_path) is None


def test_a_step_that_long_suites_need_starts_first() -> None:
    step = Suite("prepare: wheels", ("true",), progress="", cost=5.0)
    suites = [
        Suite("unit: a", ("true",), cost=100.0),
        step,
        Suite("integration: b", ("true",), cost=300.0, needs=(step.name,)),
    ]
    assert priority(step, suites) == 305.0
    assert sorted(suites, key=lambda suite: -priority(suite, suites))[0] is step


def test_the_verdict_gives_each_suite_s_cpu_time_and_their_sum() -> None:
    made = results("passed", "passed")
    for result, cpu in zip(made, (1.0, 30.0, 95.0), strict=True):
        result.cpu = cpu
    lines, status = verdict(made, 125.0)
    assert status == 0
    assert lines[0].split()[-2:] == ["CPU", "result"]
    assert lines[2].endswith("  12 s        30 s  passed")
    assert lines[3].endswith("  12 s  1 min 35 s  passed")
    assert lines[-3] == "  CPU time of every suite together: 2 min 06 s (the suites ran side by side)"
    assert lines[-2] == "all 2 suites passed in 2 min 05 s"


def test_a_suite_s_cpu_time_counts_the_processes_it_started(tmp_path: Path) -> None:
    """The CPU column is measured, not assumed: a suite whose child computes for a second shows it."""
    spin = "import time\nend = time.process_time() + 1.2\nwhile time.process_time() < end: pass\n"
    child = [sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {spin!r}])"]
    suites: list[dict[str, object]] = [{"name": "spins", "argv": child, "progress": ""}]
    done = run_runner(tmp_path, [*suites, {"name": "idle", "argv": printing()}])
    assert done.returncode == 0, done.stdout + done.stderr
    table = {line.split()[0]: line for line in done.stdout.splitlines() if line.startswith("  ")}
    assert table["spins"].split()[-3:] == ["1", "s", "passed"], table
    assert table["idle"].split()[-3:] == ["0", "s", "passed"], table
    assert "of CPU]" in (tmp_path / "logs" / "spins.log").read_text()
