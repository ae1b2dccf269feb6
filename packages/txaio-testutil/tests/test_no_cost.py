"""A project that never uses the plugin pays nothing: no autouse fixture, no hook acting on its tests."""

from __future__ import annotations

import ast
import inspect

import pytest

import txaio.testutil.plugin

UNRELATED = """
def test_unrelated(request):
    print("FIXTURES", sorted(request.fixturenames))


async def test_unrelated_async():
    pass
"""


def test_an_unrelated_test_gets_no_plugin_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(UNRELATED)
    with_plugin = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:asyncio", "-rP")
    without = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:asyncio", "-p", "no:txaio", "-rP")
    fixtures = [line for line in with_plugin.outlines if line.startswith("FIXTURES")]
    assert fixtures == [line for line in without.outlines if line.startswith("FIXTURES")]
    assert len(fixtures) == 1 and "txaio" not in fixtures[0]
    # the async one is left to pytest ("not natively supported"), as without the plugin
    with_plugin.assert_outcomes(passed=1, failed=1)
    without.assert_outcomes(passed=1, failed=1)


def test_the_plugin_defines_no_autouse_fixture() -> None:
    tree = ast.parse(inspect.getsource(txaio.testutil.plugin))
    autouse = [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        for decorator in node.decorator_list
        if isinstance(decorator, ast.Call)
        for keyword in decorator.keywords
        if keyword.arg == "autouse"
    ]
    assert autouse == []
