"""Switching the selected framework inside one process: for tests only.

Applications select a framework once and txaio refuses to switch; tests
need to undo a selection.  Core offers only what this needs
(``txaio.backend.unselected_bindings()``: every name selection rebinds on
``txaio``), so the runtime wheels ship no test machinery.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Mapping
from typing import Any

import txaio
from txaio.backend import find_framework, framework_names, select, unselected_bindings


def check_framework_name(name: object) -> str:
    """``name`` if txaio knows that framework, else a ValueError listing those it knows."""
    known = framework_names()
    if not isinstance(name, str) or name not in known:
        raise ValueError(f"unknown txaio framework {name!r}; known: {', '.join(repr(each) for each in known)}")
    return name


def save_selection() -> dict[str, Any]:
    """A snapshot of the selection (every name selection binds on ``txaio``), for :func:`restore_selection`."""
    return {name: getattr(txaio, name) for name in unselected_bindings()}


def restore_selection(state: Mapping[str, Any]) -> None:
    """Put back a snapshot taken by :func:`save_selection`.

    A snapshot that is not one (a name missing or unknown) raises before
    anything is changed, so a mistake never leaves a half-restored selection.
    """
    if not isinstance(state, Mapping):
        raise TypeError(f"restore_selection() takes what save_selection() returned, not {state!r}")
    expected = unselected_bindings().keys()
    problems = []
    if missing := sorted(expected - state.keys()):
        problems.append(f"lacks {', '.join(missing)}")
    if unknown := sorted(map(repr, state.keys() - expected)):
        problems.append(f"has names selection does not bind: {', '.join(unknown)}")
    if problems:
        raise ValueError(f"restore_selection() takes what save_selection() returned; this {'; '.join(problems)}")
    for name, value in state.items():
        setattr(txaio, name, value)
    framework = state["_explicit_framework"]
    if isinstance(framework, str) and "txaio.log" in sys.modules:
        # txaio-log came into use after this framework was selected: its sink joins now, as at selection
        find_framework(framework).load_log_sink()


def reset_selection() -> None:
    """Forget the selection, as if no framework had been chosen (``txaio.config`` is left alone)."""
    restore_selection(unselected_bindings())


@contextlib.contextmanager
def use_framework(name: str) -> Iterator[str]:
    """Select framework ``name`` for the body, then put the previous selection back.

    For tests only: applications select a framework once, and txaio refuses
    to switch, because futures made for one framework break on the other.
    The body starts with ``txaio.config.loop`` set to None (the framework's
    default loop), as in a fresh process; the previous loop comes back after.
    A framework that is not installed raises ImportError and changes nothing.
    """
    check_framework_name(name)
    config: Any = txaio.config
    saved = save_selection()
    saved_loop = config.loop
    reset_selection()
    config.loop = None
    try:
        select(name)
        yield name
    finally:
        restore_selection(saved)
        config.loop = saved_loop
