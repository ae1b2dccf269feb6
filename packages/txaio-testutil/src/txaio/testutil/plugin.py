"""The pytest plugin of txaio-testutil, registered through the ``pytest11`` entry point.

- fixture ``txaio_framework``: the test runs once per framework (ids
  ``asyncio`` / ``twisted``) with it selected; one not installed is skipped.
- fixture ``txaio_clock``: a :class:`~txaio.testutil.VirtualClock` installed
  as ``txaio.config.loop`` on the framework under test.
- marker ``txaio_only("asyncio")``: run the test on the named framework(s) only.

No event loop fixture is defined and no global loop is set, so it sits
beside pytest-asyncio without clashing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from txaio._core import selection
from txaio.testutil._clock import VirtualClock, virtual_clock
from txaio.testutil._framework import check_framework_name, use_framework

MARKER = "txaio_only"
FRAMEWORK_FIXTURE = "txaio_framework"


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker, so ``--strict-markers`` accepts it."""
    names = " / ".join(repr(name) for name in sorted(selection.FRAMEWORKS))
    config.addinivalue_line(
        "markers",
        f"{MARKER}(*frameworks): run the test only on the named txaio frameworks ({names}); "
        f"with the {FRAMEWORK_FIXTURE} fixture it limits the runs, without it the one named framework is selected",
    )


def allowed_frameworks(node: pytest.Item | pytest.Function) -> frozenset[str] | None:
    """The frameworks the ``txaio_only`` markers on ``node`` allow, or None if it has none.

    Several markers (say one on the class, one on the method) must all agree.
    """
    allowed: frozenset[str] | None = None
    for mark in node.iter_markers(MARKER):
        names = frozenset(_marker_names(mark))
        allowed = names if allowed is None else allowed & names
    return allowed


def _marker_names(mark: pytest.Mark) -> list[str]:
    if mark.kwargs:
        raise ValueError(f"@pytest.mark.{MARKER} takes framework names only, not {sorted(mark.kwargs)}")
    if not mark.args:
        raise ValueError(f"@pytest.mark.{MARKER} needs at least one framework name, e.g. {MARKER}('asyncio')")
    return [check_framework_name(name) for name in mark.args]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Refuse a malformed ``txaio_only`` marker at collection, with a clear message."""
    try:
        allowed_frameworks(metafunc.definition)
    except ValueError as exc:
        pytest.fail(f"{metafunc.definition.nodeid}: {exc}", pytrace=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Drop the ``txaio_framework`` runs that the ``txaio_only`` marker excludes."""
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        framework = callspec.params.get(FRAMEWORK_FIXTURE) if callspec is not None else None
        allowed = allowed_frameworks(item) if framework is not None else None
        if allowed is not None and framework not in allowed:
            dropped.append(item)
        else:
            keep.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def _select_or_skip(name: str) -> Iterator[str]:
    try:
        selection.import_backend(name)
    except ImportError as exc:
        pytest.skip(f"txaio framework {name} is not installed: {exc}")
    with use_framework(name):
        yield name


@pytest.fixture(params=sorted(selection.FRAMEWORKS), ids=sorted(selection.FRAMEWORKS))
def txaio_framework(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test once per framework, with that framework selected."""
    yield from _select_or_skip(request.param)


@pytest.fixture(autouse=True)
def _txaio_only_selects(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """A ``txaio_only`` test that does not take ``txaio_framework`` runs on the one it names."""
    allowed = allowed_frameworks(request.node) if FRAMEWORK_FIXTURE not in request.fixturenames else None
    if allowed is None:
        yield None
        return
    if len(allowed) != 1:
        pytest.fail(
            f"@pytest.mark.{MARKER} names {sorted(allowed) or 'no common framework'}: a test without the "
            f"{FRAMEWORK_FIXTURE} fixture needs exactly one framework",
            pytrace=False,
        )
    yield from _select_or_skip(next(iter(allowed)))


@pytest.fixture
def txaio_clock(txaio_framework: str) -> Iterator[VirtualClock]:
    """A virtual clock installed as ``txaio.config.loop``; call ``advance(seconds)`` to move it."""
    with virtual_clock(txaio_framework) as clock:
        yield clock
