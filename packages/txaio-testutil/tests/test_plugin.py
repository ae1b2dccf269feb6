"""The pytest plugin, seen from a user's test run (pytester)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

import pytest

TAKES_ONLY_THE_FRAMEWORK = """
import txaio

def test_selected(txaio_framework):
    assert txaio._explicit_framework == txaio_framework
    assert getattr(txaio, "using_" + txaio_framework)
"""


@pytest.fixture(autouse=True)
def quiet_pytest_asyncio(pytester: pytest.Pytester) -> None:
    """pytest-asyncio warns about an unset loop scope; set it as a user would."""
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")


def test_a_file_taking_only_txaio_framework_runs_once_per_framework(
    pytester: pytest.Pytester, use_fakes: Callable[..., None]
) -> None:
    use_fakes()
    pytester.makepyfile(TAKES_ONLY_THE_FRAMEWORK)
    result = pytester.runpytest("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*test_selected[[]asyncio[]] PASSED*", "*test_selected[[]twisted[]] PASSED*"])


@pytest.mark.usefixtures("real_backends")
def test_with_the_real_backends_too(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TAKES_ONLY_THE_FRAMEWORK)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "error::DeprecationWarning")
    result.assert_outcomes(passed=2)


def test_a_framework_that_is_not_installed_is_skipped_not_failed(
    pytester: pytest.Pytester, use_fakes: Callable[..., None]
) -> None:
    use_fakes(missing=("twisted",))
    pytester.makepyfile(TAKES_ONLY_THE_FRAMEWORK)
    result = pytester.runpytest("-rs", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*txaio framework twisted is not installed*pip install txaio-twisted*"])


#: Twisted's backend made unimportable: hidden (None in sys.modules, the way a slim install
#: lacks it), or broken (a file of it gone, so its __init__ fails on every import).
HIDE_TWISTED_BACKEND = {
    "hidden": "import sys\nsys.modules['txaio.tx'] = None\n",
    "broken": (
        "import pathlib, tempfile, txaio\n"
        "shadow = pathlib.Path(tempfile.mkdtemp()) / 'tx'\n"
        "shadow.mkdir()\n"
        "(shadow / '__init__.py').write_text('import txaio.tx._gone\\n')\n"
        "txaio.__path__.insert(0, str(shadow.parent))\n"
    ),
}


@pytest.mark.parametrize("how", sorted(HIDE_TWISTED_BACKEND))
def test_only_asyncio_importable_with_the_real_backend(pytester: pytest.Pytester, how: str) -> None:
    """The Twisted runs skip with the reason, on every Python (3.15's traceback once crashed pytest here)."""
    if importlib.util.find_spec("txaio.aio") is None:
        pytest.skip("needs txaio-asyncio")
    pytester.makeconftest(HIDE_TWISTED_BACKEND[how])
    pytester.makepyfile(TAKES_ONLY_THE_FRAMEWORK)
    result = pytester.runpytest_subprocess("-rs", "-p", "no:cacheprovider")
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*txaio framework twisted is not installed*pip install txaio-twisted*"])


def test_the_selection_is_restored_after_each_test(pytester: pytest.Pytester, use_fakes: Callable[..., None]) -> None:
    use_fakes()
    pytester.makepyfile(
        """
        import txaio

        def test_before():
            assert txaio._explicit_framework is None

        def test_on(txaio_framework):
            txaio.config.loop = "left behind"

        def test_after():
            assert txaio._explicit_framework is None
            assert not txaio.using_asyncio and not txaio.using_twisted
            assert txaio.config.loop is None
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=4)


def test_marker_limits_the_runs_and_passes_strict_markers(
    pytester: pytest.Pytester, use_fakes: Callable[..., None]
) -> None:
    use_fakes()
    pytester.makepyfile(
        """
        import pytest
        import txaio

        @pytest.mark.txaio_only("twisted")
        def test_twisted_only(txaio_framework):
            assert txaio_framework == "twisted"

        @pytest.mark.txaio_only("asyncio")
        class TestAsyncio:
            def test_clock(self, txaio_clock):
                assert txaio_clock.framework == "asyncio"

            @pytest.mark.txaio_only("twisted")
            def test_none_left(self, txaio_framework):
                raise AssertionError("no framework is allowed by both markers")
        """
    )
    result = pytester.runpytest("-v", "--strict-markers", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, deselected=4)
    result.stdout.fnmatch_lines(["*test_twisted_only[[]twisted[]] PASSED*", "*test_clock[[]asyncio[]] PASSED*"])


def test_marker_without_the_fixture_selects_its_framework(
    pytester: pytest.Pytester, use_fakes: Callable[..., None]
) -> None:
    use_fakes(missing=("twisted",))
    pytester.makepyfile(
        """
        import pytest
        import txaio

        @pytest.mark.txaio_only("asyncio")
        def test_on_asyncio():
            assert txaio.using_asyncio

        @pytest.mark.txaio_only("twisted")
        def test_on_twisted():
            raise AssertionError("twisted is not installed: must be skipped")

        @pytest.mark.txaio_only("asyncio", "twisted")
        def test_ambiguous():
            raise AssertionError("must not run")
        """
    )
    result = pytester.runpytest("-rs", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, skipped=1, errors=1)
    result.stdout.fnmatch_lines(["*needs exactly one framework*"])


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ('"trio"', "unknown txaio framework 'trio'; known: 'asyncio', 'twisted'"),
        ("", "needs at least one framework name"),
        ('framework="asyncio"', "takes framework names only"),
    ],
)
def test_bad_marker_is_a_clear_collection_error(
    pytester: pytest.Pytester, marker: str, message: str, use_fakes: Callable[..., None]
) -> None:
    use_fakes()
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.txaio_only({marker})
        def test_it(txaio_framework):
            pass

        def test_untouched():
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*{message}*"])
    result.stdout.no_fnmatch_line("*Traceback*")


@pytest.mark.usefixtures("real_backends")
def test_clock_fixture_beside_pytest_asyncio_under_deprecation_errors(pytester: pytest.Pytester) -> None:
    pytest.importorskip("pytest_asyncio")
    pytester.makeini("[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(
        """
        import asyncio
        import txaio

        def test_sync(txaio_clock):
            seen = []
            txaio.call_later(5, seen.append, 1)
            txaio_clock.advance(5)
            assert seen == [1]

        async def test_async_on_the_clock_not_pytest_asyncio(txaio_clock):
            seen = []
            txaio.call_later(5, seen.append, 1)
            await txaio.sleep(5)
            assert seen == [1]
            if txaio_clock.framework == "asyncio":
                assert asyncio.get_running_loop() is txaio_clock.loop

        async def test_plain_pytest_asyncio():
            await asyncio.sleep(0)
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "error::DeprecationWarning", "-W", "error")
    result.assert_outcomes(passed=5)
