"""The API's name lists, held mechanically to the contract (``txaio._core.contract``).

The contract declares the operations once (``FrameworkApi``), and with them
``BACKEND_NAMES``; the modules' ``__all__`` stay literals for type checkers, so
these tests check that each matches what the contract says, and that what
static tools read (``__all__`` and the names bound, ``if TYPE_CHECKING:``
included) is what importing the module gives.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest

import txaio
from tools.api_names import StaticModule, module_files, public_modules
from txaio._core.contract import BACKEND_MODULE_NAMES, BACKEND_NAMES, FLAG_NAMES, FrameworkApi
from txaio.backend import LOGGING_BEFORE_SELECTION, framework_names, import_backend
from txaio.testutil import use_framework

#: The names a backend module exports beyond the contract's, each documented in docs/upgrading.md.
OWN_NAMES = {"asyncio": {"FailedFuture"}, "twisted": {"Logger", "LogLevel", "TwistedApi"}}

#: A parameter order that differs from the declaration on purpose: 26.6.1's
#: ``txaio.tx.make_logger(level, logger, observer)``, which txaio-twisted keeps.
ORDER_KEPT_FROM_26_6_1 = {("twisted", "make_logger")}


@pytest.fixture(params=framework_names())
def backend(request: pytest.FixtureRequest) -> tuple[str, ModuleType]:
    return request.param, import_backend(request.param)


def test_every_framework_txaio_ships_is_checked() -> None:
    assert set(OWN_NAMES) == set(framework_names())


def test_a_backend_exports_exactly_the_contracts_names_and_its_own(backend: tuple[str, ModuleType]) -> None:
    name, module = backend
    exported = list(module.__all__)

    assert len(exported) == len(set(exported)), f"{module.__name__}.__all__ repeats a name"
    assert set(exported) == {*BACKEND_MODULE_NAMES, *OWN_NAMES[name]}


def declared(name: str) -> Callable[..., Any]:
    """What the contract declares for ``name``: the FrameworkApi method, else the facade's pre-selection function."""
    if name in FrameworkApi.__abstractmethods__:
        method: Callable[..., Any] = getattr(FrameworkApi, name)
        return method
    if name == "with_config":
        from txaio._core.unselected import with_config

        return with_config
    return LOGGING_BEFORE_SELECTION[name]


def parameters(function: Callable[..., Any]) -> list[inspect.Parameter]:
    return [parameter for parameter in inspect.signature(function).parameters.values() if parameter.name != "self"]


def signature_mismatches(framework: str, name: str, actual: Callable[..., Any]) -> Iterator[str]:
    """How ``actual`` fails to accept every call the declaration of ``name`` accepts."""
    wanted = parameters(declared(name))
    given = {parameter.name: parameter for parameter in parameters(actual)}
    for parameter in wanted:
        have = given.pop(parameter.name, None)
        if have is None:
            yield f"lacks parameter {parameter.name!r}"
        elif have.kind != parameter.kind:
            yield f"{parameter.name!r} is {have.kind.description}, declared {parameter.kind.description}"
        elif (have.default is inspect.Parameter.empty) != (parameter.default is inspect.Parameter.empty):
            yield f"{parameter.name!r} is {'required' if have.default is inspect.Parameter.empty else 'optional'}"
    for extra in given.values():
        variadic = extra.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        if not variadic and extra.default is inspect.Parameter.empty:
            yield f"adds the required parameter {extra.name!r}"
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    order = [parameter.name for parameter in parameters(actual) if parameter.kind in positional]
    declared_order = [parameter.name for parameter in wanted if parameter.kind in positional]
    if (framework, name) not in ORDER_KEPT_FROM_26_6_1 and order[: len(declared_order)] != declared_order:
        yield f"takes {order} positionally, declared {declared_order}"


def test_every_backend_name_has_the_facades_kind_and_signature(backend: tuple[str, ModuleType]) -> None:
    framework, module = backend
    problems = []
    for name in BACKEND_NAMES:
        value = getattr(module, name, None)
        if not callable(value):
            problems.append(f"{name}: {value!r} is not callable")
            continue
        problems += [f"{name}: {problem}" for problem in signature_mismatches(framework, name, value)]

    assert problems == [], f"{module.__name__}: " + "; ".join(problems)


def test_the_backends_other_names_are_the_facades(backend: tuple[str, ModuleType]) -> None:
    framework, module = backend
    for name in FLAG_NAMES:
        assert getattr(module, name) is (name == f"using_{framework}"), name
    for name in set(BACKEND_MODULE_NAMES) & set(txaio.__all__) - {*BACKEND_NAMES, *FLAG_NAMES}:
        assert getattr(module, name) is getattr(txaio, name), name


def test_the_signature_check_finds_each_kind_of_mismatch() -> None:
    def create_future(result: object, error: object = None, *, canceller: object = None, loop: object) -> None: ...

    def call_later(fun: Any, delay: float, *args: Any, **kwargs: Any) -> None: ...

    def resolve(future: object) -> None: ...

    assert list(signature_mismatches("asyncio", "create_future", create_future)) == [
        "'result' is required",
        "'canceller' is keyword-only, declared positional or keyword",
        "adds the required parameter 'loop'",
        "takes ['result', 'error'] positionally, declared ['result', 'error', 'canceller']",
    ]
    assert list(signature_mismatches("asyncio", "call_later", call_later)) == [
        "takes ['fun', 'delay'] positionally, declared ['delay', 'fun']"
    ]
    assert list(signature_mismatches("asyncio", "resolve", resolve)) == [
        "lacks parameter 'result'",
        "takes ['future'] positionally, declared ['future', 'result']",
    ]


def import_public(name: str) -> ModuleType:
    """Import ``name``; a ``with_<framework>`` module selects its framework, so only inside use_framework."""
    if name.startswith("txaio.with_"):
        with use_framework(name.removeprefix("txaio.with_")):
            return importlib.import_module(name)
    return importlib.import_module(name)


@pytest.mark.parametrize("name", sorted(public_modules()))
def test_static_tools_see_the_names_runtime_sees(name: str) -> None:
    static = StaticModule(name, module_files())
    module = import_public(name)
    written = static.all()
    if written is None:
        assert not hasattr(module, "__all__"), f"{name}: __all__ is not a literal"
        return

    assert written == list(module.__all__), f"{name}: the __all__ type checkers read differs from the runtime one"
    assert [export for export in written if export not in static.bound()] == [], f"{name}: not bound for checkers"
    assert [export for export in written if not hasattr(module, export)] == [], f"{name}: not bound at run time"
