"""A logger's namespace comes from where it is made."""

from __future__ import annotations

import txaio
from txaio.log import make_logger

MODULE_LOGGER = make_logger()


class Thing:
    log = make_logger()
    facade_log = txaio.make_logger()

    def method_logger(self) -> txaio.log.Logger:
        return make_logger()

    class Inner:
        log = make_logger()


def function_logger() -> txaio.log.Logger:
    return make_logger()


def nested_logger() -> txaio.log.Logger:
    def inner() -> txaio.log.Logger:
        return make_logger()

    return inner()


def test_module_level() -> None:
    assert MODULE_LOGGER.namespace == __name__


def test_class_body_and_method_name_the_class() -> None:
    assert Thing.log.namespace == f"{__name__}.Thing"
    assert Thing().method_logger().namespace == f"{__name__}.Thing"
    assert Thing.Inner.log.namespace == f"{__name__}.Inner", "the innermost class, as txaio 26.6.1 names it"


def test_through_the_facade_before_selection() -> None:
    assert Thing.facade_log.namespace == f"{__name__}.Thing"


def test_functions() -> None:
    assert function_logger().namespace == f"{__name__}.function_logger"
    assert nested_logger().namespace == f"{__name__}.inner", "the innermost function, as txaio 26.6.1 names it"


def test_namespace_argument_overrides() -> None:
    assert make_logger(namespace="my.app").namespace == "my.app"
    assert txaio.make_logger(namespace="my.app").namespace == "my.app"
