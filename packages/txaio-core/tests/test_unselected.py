"""Before selection each facade name looks like the real operation (help, pdoc) and raises the usage error."""

from __future__ import annotations

import inspect
import pydoc

import pytest

import txaio
from txaio._core import unselected
from txaio._core.contract import LOGGING_NAMES, OPERATION_NAMES, FrameworkApi

#: Every name selection rebinds, each with a parameter its real signature has.
PARAMETER_OF = {
    "create_future": "canceller",
    "create_future_success": "result",
    "create_future_error": "error",
    "create_failure": "exception",
    "as_future": "fun",
    "is_future": "obj",
    "reject": "error",
    "resolve": "result",
    "cancel": "msg",
    "add_callbacks": "errback",
    "gather": "consume_exceptions",
    "is_called": "future",
    "call_later": "delay",
    "failure_message": "fail",
    "failure_traceback": "fail",
    "failure_format_traceback": "fail",
    "make_batched_timer": "chunk_size",
    "sleep": "delay",
    "make_logger": "namespace",
    "start_logging": "level",
    "set_global_log_level": "level",
    "get_global_log_level": None,
    "add_log_categories": "categories",
    "with_config": "loop",
}


def test_the_table_covers_every_rebound_name() -> None:
    assert set(PARAMETER_OF) == {*OPERATION_NAMES, *LOGGING_NAMES, "with_config"}


@pytest.mark.parametrize("name", sorted(PARAMETER_OF))
def test_signature_before_selection_is_the_real_one(name: str) -> None:
    parameters = inspect.signature(getattr(txaio, name)).parameters
    assert "self" not in parameters
    if PARAMETER_OF[name] is None:
        assert parameters == {}
    else:
        assert PARAMETER_OF[name] in parameters
        assert not any(p.kind is p.VAR_KEYWORD for p in parameters.values()) or name in ("as_future", "call_later")


@pytest.mark.parametrize("name", sorted(OPERATION_NAMES))
def test_operation_before_selection_has_the_contract_signature_and_docstring(name: str) -> None:
    operation = getattr(txaio, name)
    declared = getattr(FrameworkApi, name)
    assert operation.__name__ == name
    assert inspect.signature(operation) == inspect.signature(declared.__get__(unselected.UNSELECTED))
    assert declared.__doc__ in operation.__doc__
    assert "txaio.use_asyncio()" in operation.__doc__


@pytest.mark.parametrize("name", sorted(OPERATION_NAMES))
def test_help_before_selection_shows_the_signature(name: str) -> None:
    text = pydoc.render_doc(getattr(txaio, name), renderer=pydoc.plaintext)
    lines = text.splitlines()
    start = next(index for index, line in enumerate(lines) if line.lstrip().startswith(name + "("))
    # Python 3.13's pydoc spreads a long signature over several lines, up to the one with "->".
    end = next(index for index in range(start, len(lines)) if "->" in lines[index] or lines[index].endswith(")"))
    shown = " ".join(line.strip() for line in lines[start : end + 1])
    assert "*args, **kwargs" not in shown or name in ("as_future", "call_later")
    assert PARAMETER_OF[name] in shown
    assert "NoReturn" not in shown


@pytest.mark.parametrize("name", sorted(OPERATION_NAMES))
def test_the_stand_in_still_raises_the_usage_error_whatever_the_arguments(name: str) -> None:
    with pytest.raises(RuntimeError, match="no framework selected"):
        getattr(txaio, name)(1, 2, key=3)


def test_a_misspelt_keyword_of_with_config_is_a_type_error_before_selection() -> None:
    with pytest.raises(TypeError, match="lop"):
        txaio.with_config(lop=None)  # type: ignore[call-arg]


def test_with_config_takes_loop_positionally_as_in_26_6_1() -> None:
    with pytest.raises(RuntimeError, match="no framework selected"):
        txaio.with_config(None)


def test_a_misspelt_keyword_of_make_logger_is_a_type_error_before_selection() -> None:
    with pytest.raises(TypeError, match="levle"):
        txaio.make_logger(levle="info")  # type: ignore[call-arg]


def test_every_operation_is_declared_for_the_facade_and_the_backends() -> None:
    for name in OPERATION_NAMES:
        assert getattr(unselected, name) == getattr(unselected.UNSELECTED, name)


def test_txaio_unframework_has_the_operations_as_in_26_6_1() -> None:
    with pytest.raises(RuntimeError, match="no framework selected"):
        txaio._unframework.create_future()
