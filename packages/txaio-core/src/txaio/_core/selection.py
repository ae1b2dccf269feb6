"""Choosing the framework: one-way for applications, reversible only for tests."""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any, Final

from txaio._core import unselected
from txaio._core.contract import BACKEND_NAMES, FLAG_NAMES, LOGGING_NAMES, OPERATION_NAMES


class Framework:
    """What one framework's backend provides, named by lazy references.

    Each backend exports one of these (``txaio.aio._framework.FRAMEWORK``)
    and registers it under the entry-point group ``txaio.frameworks``.  The
    references are dotted module paths, with ``:attribute`` where an object
    inside the module is meant, so describing a framework imports nothing.
    A plain class: a NamedTuple or dataclass would cost a millisecond of
    ``import txaio``.
    """

    __slots__ = (
        "distribution",
        "foreign_futures",
        "future_packages",
        "log_sink",
        "module",
        "name",
        "test_support",
        "virtual_clock",
    )

    def __init__(
        self,
        name: str,
        module: str,
        distribution: str,
        *,
        log_sink: str | None = None,
        virtual_clock: str | None = None,
        test_support: str | None = None,
        foreign_futures: str | None = None,
        future_packages: tuple[str, ...] = (),
    ) -> None:
        for what, value in (("name", name), ("module", module), ("distribution", distribution)):
            if not isinstance(value, str) or not value:
                raise TypeError(f"Framework() needs {what} as a non-empty string, not {value!r}")
        references = (
            ("log_sink", log_sink),
            ("virtual_clock", virtual_clock),
            ("test_support", test_support),
            ("foreign_futures", foreign_futures),
        )
        for what, reference in references:
            if reference is not None and (not isinstance(reference, str) or ":" not in reference):
                raise TypeError(f"Framework() needs {what} as a 'module:attribute' string or None, not {reference!r}")
        if not isinstance(future_packages, tuple) or not all(
            isinstance(package, str) and package and "." not in package for package in future_packages
        ):
            raise TypeError(
                f"Framework() needs future_packages as a tuple of top-level package names, not {future_packages!r}"
            )
        #: The name ``txaio.use_<name>()`` selects.
        self.name = name
        #: The backend module whose names selection binds onto ``txaio``.
        self.module = module
        #: The distribution that ships the backend (what to ``pip install``).
        self.distribution = distribution
        #: ``"module:attribute"`` of the backend's log sink, or None.
        self.log_sink = log_sink
        #: ``"module:attribute"`` of a zero-argument factory of a ``VirtualClock``, or None.
        self.virtual_clock = virtual_clock
        #: ``"module:attribute"`` of a zero-argument factory of txaio-testutil's support object
        #: for this framework (running async tests, forwarding its logs), or None.
        self.test_support = test_support
        #: ``"module:attribute"`` of this framework's :class:`~txaio.backend.ForeignFutures`: what turns
        #: its futures into another framework's (``txaio.backend.adopt_foreign``), or None.
        self.foreign_futures = foreign_futures
        #: The top-level packages whose futures ``foreign_futures`` converts (``("twisted",)``): only an
        #: object of a class from one of them makes txaio import the converter.
        self.future_packages = future_packages

    def __repr__(self) -> str:
        return f"Framework({self.name!r}, {self.module!r}, {self.distribution!r})"

    def load_api(self) -> ModuleType:
        """Import the backend module."""
        return import_module(self.module)

    def load_log_sink(self) -> Any:
        """The backend's log sink, imported now; None if it names none."""
        return None if self.log_sink is None else resolve(self.log_sink)

    def load_virtual_clock(self) -> Any:
        """The factory of the backend's virtual clock, imported now; None if it names none."""
        return None if self.virtual_clock is None else resolve(self.virtual_clock)

    def load_foreign_futures(self) -> Any:
        """The backend's converter of its futures into another framework's, imported now; None if it names none."""
        return None if self.foreign_futures is None else resolve(self.foreign_futures)

    def load_test_support(self) -> Any:
        """The factory of the backend's test support, imported now; None if it names none."""
        return None if self.test_support is None else resolve(self.test_support)


def resolve(reference: str) -> Any:
    """The object a ``"module:attribute"`` reference names, importing its module."""
    module_name, _, attribute = reference.partition(":")
    target: Any = import_module(module_name)
    for part in attribute.split(".") if attribute else ():
        try:
            target = getattr(target, part)
        except AttributeError:
            raise ImportError(
                f"{reference!r} names nothing: {module_name} has no {attribute}", name=module_name
            ) from None
    return target


def import_module(name: str) -> ModuleType:
    """``importlib.import_module(name)``, its failure an error that formats on every Python (see import_errors).

    Automatic garbage collection is held off while the module runs: txaio imports these modules
    on first use, in the middle of a program, where a collection would run the ``__del__`` of any
    garbage there, and a ``__del__`` that uses txaio (logs, sets the log level) would meet the
    module half made.  The collection happens after, as it would have a moment later anyway.
    """
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        from txaio._core.import_errors import printable  # only a failed import needs it

        failure = printable(exc)
        if failure is exc:
            raise
        raise failure from None
    finally:
        if collecting:
            gc.enable()


#: The entry-point group where each backend registers its :class:`Framework`.
ENTRY_POINT_GROUP: Final = "txaio.frameworks"

#: The frameworks found without package metadata (a ``PYTHONPATH`` of source
#: folders, a zip): name -> (distribution, where its descriptor is).  A test
#: keeps it in step with the backends' entry points.
BUILTIN_FRAMEWORKS: Final[dict[str, tuple[str, str]]] = {
    "asyncio": ("txaio-asyncio", "txaio.aio._framework:FRAMEWORK"),
    "twisted": ("txaio-twisted", "txaio.tx._framework:FRAMEWORK"),
}


class Frameworks:
    """The frameworks txaio knows, by name; a descriptor is imported at its first use.

    Listing and ``in`` import nothing.  :meth:`find` also asks the
    ``txaio.frameworks`` entry points, but only for a name not known yet, so
    the built-in frameworks never pay for reading package metadata.  A plain
    class with the mapping methods tests use: subclassing MutableMapping
    would cost ``import txaio`` a millisecond or more.
    """

    def __init__(self, places: dict[str, tuple[str, str]], loaded: tuple[Framework, ...] = ()) -> None:
        #: Moves on whenever a descriptor is loaded, added or removed (what caches of them check).
        self.generation = 0
        self._places = dict(places)
        self._loaded = {framework.name: framework for framework in loaded}
        for framework in loaded:
            self._places.setdefault(framework.name, (framework.distribution, ""))

    def __contains__(self, name: object) -> bool:
        return name in self._places

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._places))

    def __len__(self) -> int:
        return len(self._places)

    def distribution(self, name: str) -> str:
        """The distribution that ships framework ``name`` (known without importing it)."""
        return self._places[name][0]

    def __getitem__(self, name: str) -> Framework:
        """The descriptor of a known framework (KeyError if unknown; ImportError if not installed)."""
        framework = self._loaded.get(name)
        if framework is None:
            distribution, reference = self._places[name]
            try:
                framework = resolve(reference)
            except ImportError as exc:
                raise ImportError(
                    f"txaio framework {name!r} needs the {distribution} distribution, and importing "
                    f"{exc.name or reference} failed ({exc}); install it: pip install {distribution}",
                    name=exc.name,
                ) from None  # the cause stays reachable as __context__
            if not isinstance(framework, Framework) or framework.name != name:
                raise ImportError(f"{reference} is not the txaio Framework descriptor of {name!r}: {framework!r}")
            self._loaded[name] = framework
            self.generation += 1
        return framework

    def __setitem__(self, name: str, framework: Framework) -> None:
        """Know ``framework`` by ``name`` (tests and embedders; backends use the entry point)."""
        if not isinstance(framework, Framework) or framework.name != name:
            raise TypeError(f"FRAMEWORKS[{name!r}] takes the Framework named {name!r}, not {framework!r}")
        self._loaded[name] = framework
        self.generation += 1
        self._places[name] = (framework.distribution, "")

    def __delitem__(self, name: str) -> None:
        del self._places[name]
        self._loaded.pop(name, None)
        self.generation += 1

    def loaded(self) -> list[Framework]:
        """The descriptors imported so far (a copy): asking imports nothing."""
        return list(self._loaded.values())

    def keys(self) -> list[str]:
        """The known names (a copy)."""
        return list(self._places)

    def items(self) -> list[tuple[str, Framework]]:
        """Every known name with its descriptor, importing each."""
        return [(name, self[name]) for name in list(self._places)]

    def update(self, frameworks: dict[str, Framework]) -> None:
        """Know each of ``frameworks`` by its name."""
        for name, framework in frameworks.items():
            self[name] = framework

    def clear(self) -> None:
        """Forget every framework, the built-in ones too (tests put them back with :meth:`update`)."""
        self._places.clear()
        self._loaded.clear()
        self.generation += 1

    def find(self, name: str) -> Framework:
        """Like ``self[name]``, asking the entry points for a name not known yet; ValueError if none has it."""
        if not isinstance(name, str):
            raise TypeError(f"a txaio framework name is a string, not {name!r}")
        if name not in self._places:
            self.discover()
        if name not in self._places:
            known = ", ".join(repr(known) for known in sorted(self._places))
            raise ValueError(
                f"unknown txaio framework {name!r}; known: {known} "
                f"(a backend makes itself known through the entry-point group {ENTRY_POINT_GROUP!r})"
            )
        return self[name]

    def discover(self) -> None:
        """Learn the frameworks registered as entry points; the known ones keep their place."""
        from importlib.metadata import entry_points  # costly: only when a name is unknown

        for entry in entry_points(group=ENTRY_POINT_GROUP):
            if entry.name not in self._places:
                distribution = entry.dist.name if entry.dist is not None else entry.module
                self._places[entry.name] = (distribution, entry.value)


#: The frameworks txaio knows, by the name ``txaio.use_<name>()`` selects.
FRAMEWORKS: Frameworks = Frameworks(BUILTIN_FRAMEWORKS)


def framework_names() -> tuple[str, ...]:
    """The names of the frameworks txaio knows, sorted (entry points not yet read are left out)."""
    return tuple(sorted(FRAMEWORKS))


def find_framework(name: str) -> Framework:
    """The descriptor of framework ``name``, found through the entry points if need be."""
    return FRAMEWORKS.find(name)


#: Held while a framework is selected and bound: threads select one at a time.  Re-entrant,
#: because selecting imports the backend, and importing runs code (a ``__del__``, a signal
#: handler) that may select again on this thread; ``select`` decides again after the import.
_lock = threading.RLock()


def _switch_refused(current: str, name: str) -> RuntimeError:
    return RuntimeError(
        f"txaio already uses {current}; it cannot switch to {name} in the same process "
        "(tests can switch with txaio.testutil.use_framework())"
    )


def _facade() -> ModuleType:
    return sys.modules["txaio"]


def import_backend(name: str) -> ModuleType:
    """Import the backend module of framework ``name``, or say what to install."""
    framework = FRAMEWORKS.find(name)  # unknown: ValueError; its descriptor missing: ImportError
    try:
        return framework.load_api()
    except ImportError as exc:
        distribution = framework.distribution
        raise ImportError(
            f"txaio.use_{name}() needs the {distribution} distribution, and importing "
            f"{framework.module} failed ({exc}); install it: pip install {distribution}",
            name=framework.module,
        ) from None  # the cause stays reachable as __context__


def _use_framework(module: ModuleType) -> None:
    """Bind the API of backend ``module`` onto ``txaio``.

    Every name is checked before any is bound, so a broken backend leaves
    the previous binding whole.
    """
    missing = [name for name in BACKEND_NAMES if not hasattr(module, name)]
    if missing:
        raise ImportError(f"{module.__name__} is not a complete txaio backend: it lacks {', '.join(missing)}")
    facade = _facade()
    with _lock:
        for name in BACKEND_NAMES:
            setattr(facade, name, getattr(module, name))
        for name in FLAG_NAMES:
            setattr(facade, name, bool(getattr(module, name, False)))


def select(name: str) -> None:
    """Select framework ``name`` for the rest of the process.

    Selecting the selected framework again is harmless; selecting the other
    one is refused, because objects made for the first would silently break.
    """
    facade = _facade()
    with _lock:
        current = getattr(facade, "_explicit_framework")  # noqa: B009
        if current == name:
            return
        if current is not None:
            raise _switch_refused(current, name)
        module = import_backend(name)
        # Importing runs code that may re-enter select() on this thread (a __del__, a signal
        # handler; the lock is re-entrant): decide again on what that left.
        current = getattr(facade, "_explicit_framework")  # noqa: B009
        if current == name:
            return
        if current is not None:
            raise _switch_refused(current, name)
        _use_framework(module)
        setattr(facade, "_explicit_framework", name)  # noqa: B010
        if "txaio.log" in sys.modules:
            # Loggers may exist already: their messages go to this framework's sink from now on.
            # Without txaio-log in use, the sink waits for the first logging call (txaio-log
            # imported later attaches it), so selecting imports no logging module.
            FRAMEWORKS.find(name).load_log_sink()


def use_asyncio() -> None:
    """Select asyncio (needs txaio-asyncio)."""
    select("asyncio")


def use_twisted() -> None:
    """Select Twisted (needs txaio-twisted)."""
    select("twisted")


def unselected_bindings() -> dict[str, Any]:
    """Every name that selection rebinds on ``txaio``, with its value before any selection.

    A fresh dict each call.  txaio-testutil saves, restores and resets the
    selection through these names.
    """
    bindings: dict[str, Any] = {name: getattr(unselected.UNSELECTED, name) for name in OPERATION_NAMES}
    for name in LOGGING_NAMES:
        bindings[name] = unselected.LOGGING_BEFORE_SELECTION[name]
    bindings["with_config"] = unselected.with_config
    for name in FLAG_NAMES:
        bindings[name] = False
    bindings["_explicit_framework"] = None
    return bindings
