"""Python's traceback text for an exception and its chain, at a fraction of the traceback module's cost.

``traceback.format_exception`` builds a StackSummary, checks every source
file on disk and parses source lines to place its carets; a program that
logs failures in a loop pays for all of it each time.  This writes the same
text directly (``Traceback (most recent call last):``, the frames, the
exception line, the cause and context sentences) and hands every case it
does not write the same way to the traceback module: carets Python would
draw, multi-line positions, exception groups, notes, syntax errors,
suggestions, repeated frames, a traceback limit.  So the text is always the
one Python prints, on both frameworks.
"""

from __future__ import annotations

import itertools
import linecache
import sys
import traceback
from types import CodeType
from typing import Any

from txaio._core.contract import safe_str

_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"

#: Exceptions Python renders with more than "Type: message": left to the traceback module.
_SPECIAL: tuple[type[BaseException], ...] = (SyntaxError, BaseExceptionGroup, NameError, AttributeError, ImportError)

#: From 3.13 Python draws carets under more expression statements (calls): leave all of those to it.
_EXPRESSIONS_MARKED = sys.version_info >= (3, 13)

#: A frame's text by (id of its code, instruction, line number), with the code (None: not written here).
#: Finding an instruction's position walks the code's positions up to it, and a line may need parsing:
#: a failure raised again from the same place (a loop, a retry) pays for that once.
_sites: dict[tuple[int, int, int | None], tuple[Any, str | None]] = {}
_SITES_MAX = 512


class _NotPlain(Exception):
    """A case this module leaves to the traceback module."""


def format_exception_chain(value: BaseException, tb: Any) -> str:
    """``"".join(traceback.format_exception(type(value), value, tb))``, the same text, cheaper.

    ``tb`` is ``value``'s traceback, or a stand-in with the same attributes
    (Twisted's, built from a cleaned Failure's saved frames); the chained
    exceptions' own ``__traceback__`` are used for them, as Python does.
    """
    try:
        return _render(value, tb)
    except Exception:  # _NotPlain, or anything odd: the traceback module knows every case
        return "".join(traceback.format_exception(type(value), value, tb))


def _render(value: BaseException, tb: Any) -> str:
    if sys.__dict__.get("tracebacklimit") is not None:  # (a missing attribute costs more to ask for)
        raise _NotPlain
    links: list[tuple[str | None, BaseException, Any]] = []  # each with the sentence about what it came from
    seen: set[int] = set()
    exc = value
    while True:
        seen.add(id(exc))
        cause = exc.__cause__
        if cause is not None and id(cause) not in seen:
            separator, following = _CAUSE, cause
        else:
            context = exc.__context__
            if context is None or exc.__suppress_context__ or id(context) in seen:
                links.append((None, exc, tb))
                break
            separator, following = _CONTEXT, context
        links.append((separator, exc, tb))
        exc = following
        tb = exc.__traceback__
    out: list[str] = []
    for separator, exc, tb in reversed(links):  # the root first; a sentence leads to what it caused
        if separator is not None:
            out.append(separator)
        if tb is not None:
            out.append("Traceback (most recent call last):\n")
            _frames(tb, out)
        out.append(_exception_line(exc))
    return "".join(out)


def _frames(tb: Any, out: list[str]) -> None:
    previous_code: Any = None
    previous_line = None
    while tb is not None:
        code = tb.tb_frame.f_code
        lineno = tb.tb_lineno
        if code is previous_code and lineno == previous_line:  # Python folds repeated frames: leave it to it
            raise _NotPlain
        previous_code, previous_line = code, lineno
        key = (id(code), tb.tb_lasti, lineno)
        known = _sites.get(key)
        if known is None or known[0] is not code:
            known = (code, _frame_text(code, tb.tb_lasti, lineno, tb.tb_frame.f_globals))
            if type(code) is CodeType:  # a stand-in is built anew each time: nothing to find again
                if len(_sites) >= _SITES_MAX:
                    _sites.clear()
                _sites[key] = known
        if known[1] is None:
            raise _NotPlain
        out.append(known[1])
        tb = tb.tb_next


def _frame_text(code: Any, lasti: int, lineno: int | None, namespace: dict[str, Any]) -> str | None:
    """The frame's lines as Python prints them, or None where Python draws carets (or some other case)."""
    if lineno is None:
        return None
    filename = code.co_filename
    head = f'  File "{filename}", line {lineno}, in {code.co_name}\n'
    line = linecache.getline(filename, lineno, namespace)
    stripped = line.strip()
    if not stripped:
        return head
    if lasti >= 0:
        start_line, end_line, start, end = next(itertools.islice(code.co_positions(), lasti // 2, None))
        if start is not None and end is not None:
            if start_line != lineno or end_line != lineno or not line.isascii() or line[start:end] != stripped:
                return None  # a part of the line, or several lines: Python marks it
            if _draws_carets(stripped):
                return None
    return f"{head}    {stripped}\n"


def _draws_carets(statement: str) -> bool:
    """Whether Python marks a whole-line statement: an expression it splits (``a + b``, ``a[b]``)."""
    import ast  # here: only a line not seen before pays for it

    try:
        body = ast.parse(statement).body
    except Exception:
        return False
    if len(body) != 1 or not isinstance(body[0], ast.Expr):
        return False
    return _EXPRESSIONS_MARKED or isinstance(body[0].value, (ast.BinOp, ast.Subscript))


def _exception_line(exc: BaseException) -> str:
    """``"module.Type: message\\n"`` as Python writes it (builtins and __main__ unqualified)."""
    if isinstance(exc, _SPECIAL) or exc.__dict__.get("__notes__") is not None:
        raise _NotPlain
    kind = type(exc)
    name = kind.__qualname__
    module = kind.__module__
    if module not in ("__main__", "builtins"):
        name = f"{module if isinstance(module, str) else '<unknown>'}.{name}"
    text = safe_str(exc)
    return f"{name}: {text}\n" if text else f"{name}\n"
