"""A pytest plugin: a test that skips for want of a tool the environment must have fails instead.

A test that needs a tool (pytest-twisted, Cython, a C compiler, a framework)
skips where the tool is missing, and on a user's machine that is right.  In
CI, where the environments are built to have those tools, the same skip would
hide that what the test pins was never checked.  So CI names the tools each
environment must have in ``TXAIO_REQUIRED_TOOLS`` (names separated by spaces
or commas, compared without case), and ``tools/pytest-allow-empty`` loads this
plugin whenever that is set; a skip that names a missing tool of that list
then fails, saying which tool and why it was skipped.  Any other skip stays
a skip.

A skip names its missing tool in one of these ways:

- ``pytest.importorskip("pytest_twisted")``: pytest's own reason, ``could not
  import 'pytest_twisted'`` (or an older ``__version__``), names the module
  (its top-level package: ``twisted.internet`` is ``twisted``);
- ``pytest.skip("missing tool: cc (no C compiler on PATH)")``, or ``missing tools:
  Cython, setuptools (...)``: the wording of the repository's own skips;
- txaio-testutil's ``txaio_framework`` fixture: ``txaio framework twisted is not
  installed`` names the framework.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator

import pytest

ENVIRONMENT_VARIABLE = "TXAIO_REQUIRED_TOOLS"

#: How a skip reason names what it lacks; each match's ``tools`` group lists names.
_NAMED_TOOLS = (
    re.compile(r"could not import '(?P<tools>[\w.]+)'"),
    re.compile(r"module '(?P<tools>[\w.]+)' has __version__"),
    re.compile(r"missing tools?: (?P<tools>[\w.\-]+(?:, [\w.\-]+)*)"),
    re.compile(r"txaio framework (?P<tools>[\w.\-]+) is not installed"),
)

_REQUIRED = pytest.StashKey[frozenset[str]]()


def required_tools(value: str) -> frozenset[str]:
    """The tool names of a ``TXAIO_REQUIRED_TOOLS`` value, in lower case."""
    return frozenset(name.lower() for name in re.split(r"[\s,]+", value) if name)


def missing_tools(reason: str) -> frozenset[str]:
    """The tools a skip reason says are missing, in lower case (modules by their top-level package)."""
    found: set[str] = set()
    for pattern in _NAMED_TOOLS:
        for match in pattern.finditer(reason):
            found.update(name.split(".")[0].lower() for name in match.group("tools").split(", "))
    return frozenset(found)


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_REQUIRED] = required_tools(os.environ.get(ENVIRONMENT_VARIABLE, ""))


def pytest_report_header(config: pytest.Config) -> str:
    required: frozenset[str] = config.stash[_REQUIRED]
    return f"tools this environment must have ({ENVIRONMENT_VARIABLE}): {' '.join(sorted(required)) or '(none)'}"


def _fail_if_a_required_tool_is_missing(
    report: pytest.CollectReport | pytest.TestReport, required: frozenset[str]
) -> None:
    if not report.skipped or hasattr(report, "wasxfail") or not isinstance(report.longrepr, tuple):
        return
    path, line, reason = report.longrepr
    lacking = sorted(missing_tools(reason) & required)
    if lacking:
        report.outcome = "failed"
        report.longrepr = (
            f"{path}:{line}: skipped for want of {', '.join(lacking)}, which this environment must have "
            f"({ENVIRONMENT_VARIABLE}={os.environ.get(ENVIRONMENT_VARIABLE, '')!r}): install it where this "
            f"suite runs.\nThe skip said: {reason}"
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    _fail_if_a_required_tool_is_missing(report, item.config.stash[_REQUIRED])
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    _fail_if_a_required_tool_is_missing(report, collector.config.stash[_REQUIRED])
    return report
