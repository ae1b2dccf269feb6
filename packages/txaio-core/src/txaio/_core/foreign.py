"""Futures of another framework handed to the selected one: the converters the backends declare.

Both frameworks can run in one process on one loop (Twisted on asyncio's
reactor), so a Deferred can reach ``txaio.as_future`` under ``use_asyncio()``.
The asyncio backend must not import Twisted to recognise it; instead each
backend that can turn its own futures into another framework's names a
:class:`ForeignFutures` in its descriptor (``foreign_futures``), with the
top-level packages its futures come from (``future_packages``).  A backend asks
:func:`adopt_foreign` / :func:`is_foreign_future` only on its slow path, for an
object that is neither its own future nor a plain value, and the converter is
imported only when such an object's class comes from one of those packages:
an asyncio-only program never imports Twisted through here.  A framework's
descriptor is read once it was loaded (its backend selected or asked for), or
for an object of the package named like the framework (``twisted``).
"""

from __future__ import annotations

import abc
import contextlib
from typing import Any

from txaio._core import selection


class ForeignFutures(abc.ABC):
    """What a backend offers the other backends for its own futures (a Deferred, for txaio-twisted)."""

    @abc.abstractmethod
    def is_future(self, obj: object) -> bool:
        """True if ``obj`` is a future of this converter's framework."""

    @abc.abstractmethod
    def adopt(self, obj: object, framework: str, loop: Any) -> Any:
        """A future of ``framework`` with the outcome of ``obj``, one of this converter's futures.

        ``loop`` is the event loop the caller works on, or None to let the
        converter choose.  Cancelling either future cancels the other; a
        failure keeps its exception.  Where the two cannot meet (no reactor
        runs on that loop), raise RuntimeError saying what to install or
        configure; return None if ``obj`` is not a future of this framework
        or this converter cannot make ``framework``'s futures.
        """


#: type -> the converters that may claim its objects, for the registry and generation in ``_cached_for``.
_cache: dict[type, list[ForeignFutures]] = {}
_cached_for: list[Any] = [None, -1]
#: Past this many types the cache starts again (classes made on the fly must not make it grow forever).
_CACHE_SIZE = 512


def _converters(obj: object) -> list[ForeignFutures]:
    """The converters that declare futures from the package of ``obj``'s class, remembered per class.

    The memory lasts until a descriptor is loaded, added or removed: the
    slow path of an object of no framework then costs one dictionary lookup.
    """
    kind = type(obj)
    frameworks = selection.FRAMEWORKS
    if _cached_for[0] is frameworks and _cached_for[1] == frameworks.generation:
        found = _cache.get(kind)
        if found is not None:
            return found
    else:
        _cache.clear()
        _cached_for[:] = [frameworks, frameworks.generation]
    module = getattr(kind, "__module__", None)
    package = module.partition(".")[0] if isinstance(module, str) else ""
    found = [selection.resolve(reference) for reference in _find_references(package)]
    if _cached_for[1] != frameworks.generation or len(_cache) >= _CACHE_SIZE:
        _cache.clear()  # finding loaded the descriptor named like the package: what was remembered may be stale
        _cached_for[1] = frameworks.generation
    _cache[kind] = found
    return found


def _find_references(package: str) -> list[str]:
    """The converters (``"module:attribute"``) that declare futures from ``package``.

    Only descriptors already imported are read, and the one of the framework
    named like ``package`` (Twisted's Deferreds come from ``twisted``), whose
    package is imported already since one of its objects exists: an object of
    any other package imports nothing.
    """
    frameworks = selection.FRAMEWORKS
    descriptors = frameworks.loaded()
    if package in frameworks and all(descriptor.name != package for descriptor in descriptors):
        with contextlib.suppress(ImportError):  # not installed: it converts nothing
            descriptors.append(frameworks[package])
    return [
        descriptor.foreign_futures
        for descriptor in descriptors
        if descriptor.foreign_futures is not None and package in descriptor.future_packages
    ]


def is_foreign_future(obj: object) -> bool:
    """True if a backend declares ``obj`` one of its futures (the converter is imported only then)."""
    for converter in _converters(obj):  # noqa: SIM110  # a generator for any() costs more than the loop
        if converter.is_future(obj):
            return True
    return False


def adopt_foreign(obj: object, framework: str, loop: Any = None) -> Any:
    """A future of ``framework`` (on ``loop``, or where the converter chooses) with the outcome of ``obj``.

    None when no backend declares ``obj`` one of its futures; the
    converter's RuntimeError when it cannot run here (what to install).
    """
    for converter in _converters(obj):
        adopted = converter.adopt(obj, framework, loop)
        if adopted is not None:
            return adopted
    return None
