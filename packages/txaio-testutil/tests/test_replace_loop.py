"""replace_loop: another loop for one block, the old one back afterwards."""

from __future__ import annotations

import pytest

import txaio
from txaio.testutil import replace_loop


def test_sets_the_loop_for_the_body_and_restores_it() -> None:
    old, new = object(), object()
    txaio.config.loop = old
    with replace_loop(new) as given:
        assert given is new
        assert txaio.config.loop is new
    assert txaio.config.loop is old


def test_restores_the_loop_when_the_body_raises() -> None:
    old = object()
    txaio.config.loop = old
    with pytest.raises(KeyError, match="boom"), replace_loop(object()):
        raise KeyError("boom")
    assert txaio.config.loop is old


def test_nests() -> None:
    first, second = object(), object()
    with replace_loop(first):
        with replace_loop(second):
            assert txaio.config.loop is second
        assert txaio.config.loop is first
    assert txaio.config.loop is None


def test_keeps_the_one_config_object() -> None:
    config = txaio.config
    with replace_loop(object()):
        assert txaio.config is config
    assert txaio.config is config
