"""A logger's namespace, taken from where ``make_logger()`` was called.

A library writes ``log = txaio.make_logger()`` in a class body and gets the
namespace ``module.Class`` without repeating names that would go stale.
"""

from __future__ import annotations

import sys
from types import CodeType, FrameType

#: Code objects of functions that only pass a make_logger call on (skipped).
_wrappers: set[CodeType] = set()


def skip_frames_of(code: CodeType) -> None:
    """Treat frames running ``code`` as plumbing, not as the caller."""
    _wrappers.add(code)


def caller_namespace(depth: int = 1) -> str:
    """``module.Class`` (class body or method), ``module.function``, or ``module``.

    Only the innermost class or function counts, however deeply it is nested.

    ``depth`` counts frames above the one calling this; plumbing frames
    registered with :func:`skip_frames_of` are skipped as well.
    """
    frame: FrameType | None = sys._getframe(depth + 1)
    while frame is not None and frame.f_code in _wrappers:
        frame = frame.f_back
    if frame is None:
        return "txaio"
    return namespace_of(frame)


def namespace_of(frame: FrameType) -> str:
    """The namespace that code running in ``frame`` logs under."""
    module = str(frame.f_globals.get("__name__", "?"))
    qualname = frame.f_code.co_qualname
    if qualname == "<module>":
        return module
    parts = qualname.split(".")
    is_method = _is_function(frame.f_code) and len(parts) > 1 and parts[-2] != "<locals>"
    # a method names its class; a class body or a function (nested ones too) names itself
    return f"{module}.{parts[-2] if is_method else parts[-1]}"


def _is_function(code: CodeType) -> bool:
    # class bodies and modules run without fresh local namespaces
    return bool(code.co_flags & 0x02)  # CO_NEWLOCALS
