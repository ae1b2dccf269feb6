"""format_exception_chain writes exactly Python's text, and writes it itself in the plain cases."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Any

import pytest

from txaio._core import tracebacks
from txaio.backend import format_exception_chain


def raiser() -> None:
    raise ValueError("x")


def with_cause() -> None:
    try:
        raiser()
    except ValueError as exc:
        raise RuntimeError("outer") from exc


def with_context() -> None:
    try:
        raiser()
    except ValueError:
        raise KeyError("k")  # noqa: B904 (the implicit context is what is tested)


def with_context_suppressed() -> None:
    try:
        raiser()
    except ValueError:
        raise KeyError("k") from None


def three_deep() -> None:
    try:
        with_cause()
    except RuntimeError as exc:
        raise LookupError("top") from exc


def binary_operation() -> None:
    1 / 0  # noqa: B018 (Python draws carets under the operator)


def subscript() -> None:
    {}["missing"]  # Python draws carets under the subscript


def part_of_a_line() -> None:
    value = int("zz")
    print(value)


def no_message() -> None:
    raise RuntimeError


class Unprintable(Exception):
    def __str__(self) -> str:
        raise TypeError("no str")


def unprintable() -> None:
    raise Unprintable


def group() -> None:
    raise ExceptionGroup("g", [ValueError(1), KeyError(2)])


def with_note() -> None:
    error = ValueError(1)
    error.add_note("a note")
    raise error


def attribute() -> None:
    None.missing  # type: ignore[attr-defined]  # noqa: B018


def recursion(depth: int = 6) -> None:
    if depth:
        recursion(depth - 1)
    raise ValueError("deep")


def several_lines() -> None:
    raise ValueError(
        "on two lines",
    )


def context_cycle() -> None:
    try:
        raiser()
    except ValueError as exc:
        other = RuntimeError("cycle")
        exc.__context__ = other
        raise other from None


SHAPES: list[Callable[[], None]] = [
    raiser,
    with_cause,
    with_context,
    with_context_suppressed,
    three_deep,
    binary_operation,
    subscript,
    part_of_a_line,
    no_message,
    unprintable,
    group,
    with_note,
    attribute,
    recursion,
    several_lines,
    context_cycle,
]

#: The shapes written without the traceback module: whole-line statements Python draws no carets under.
PLAIN = [raiser, with_cause, with_context_suppressed, three_deep, no_message, unprintable]


def caught(shape: Callable[[], None]) -> BaseException:
    try:
        shape()
    except BaseException as exc:  # every kind is rendered
        return exc
    raise AssertionError("it did not raise")


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.__name__)
def test_the_text_is_pythons(shape: Callable[[], None]) -> None:
    error = caught(shape)
    assert format_exception_chain(error, error.__traceback__) == "".join(traceback.format_exception(error))


@pytest.mark.parametrize("shape", PLAIN, ids=lambda shape: shape.__name__)
def test_plain_shapes_do_not_use_the_traceback_module(shape: Callable[[], None], monkeypatch: Any) -> None:
    error = caught(shape)
    expected = "".join(traceback.format_exception(error))
    tracebacks._sites.clear()  # the first sight of a line parses it too
    if sys.version_info >= (3, 13):
        # 3.13 draws carets under a call statement's call, which the writer leaves to the traceback
        # module (it draws none itself): these shapes are written by it there, and the text is Python's.
        assert format_exception_chain(error, error.__traceback__) == expected
        return

    def refuse(*args: Any) -> list[str]:
        raise AssertionError("the traceback module was used")

    monkeypatch.setattr(traceback, "format_exception", refuse)
    assert format_exception_chain(error, error.__traceback__) == expected
    assert format_exception_chain(error, error.__traceback__) == expected  # from the cache of lines seen


def test_no_traceback_is_the_exception_line_alone() -> None:
    error = ValueError("never raised")
    assert format_exception_chain(error, None) == "ValueError: never raised\n"


def test_a_qualified_name_outside_builtins() -> None:
    error = caught(unprintable)
    assert format_exception_chain(error, None) == f"{__name__}.Unprintable: <exception str() failed>\n"


def test_a_traceback_limit_is_honoured(monkeypatch: Any) -> None:
    error = caught(three_deep)
    monkeypatch.setattr("sys.tracebacklimit", 1, raising=False)
    assert format_exception_chain(error, error.__traceback__) == "".join(traceback.format_exception(error))


class FakeCode:
    """A stand-in code object without positions, as Twisted builds from a cleaned Failure's frames."""

    def __init__(self, name: str, filename: str) -> None:
        self.co_name = name
        self.co_filename = filename

    def co_positions(self) -> Any:
        return iter([(None, None, None, None)])


class FakeFrame:
    def __init__(self, name: str, filename: str) -> None:
        self.f_code = FakeCode(name, filename)
        self.f_globals: dict[str, Any] = {}


class FakeTraceback:
    def __init__(self, name: str, filename: str, lineno: int, next_: FakeTraceback | None = None) -> None:
        self.tb_frame = FakeFrame(name, filename)
        self.tb_lineno = lineno
        self.tb_lasti = 0
        self.tb_next = next_


def test_a_stand_in_traceback_of_saved_frames() -> None:
    error = caught(with_cause)
    code = raiser.__code__
    stand_in = FakeTraceback("with_cause", code.co_filename, code.co_firstlineno + 1)
    text = format_exception_chain(error, stand_in)
    assert text == "".join(traceback.format_exception(type(error), error, stand_in))  # type: ignore[arg-type]
    assert 'in with_cause\n    raise ValueError("x")\nRuntimeError: outer\n' in text
    assert "The above exception was the direct cause" in text
