"""Sphinx extension: the API reference says only what is true, or the build fails.

Each fault below once reached the rendered reference; each now fails ``hatch run docs``
(a warning, and the build runs with ``-W``), naming the object and what to change:

- a data object documented with the docstring of its type (``using_asyncio`` showing
  ``bool(x) -> bool``), which happens when autodoc finds no ``#:`` comment;
- a function or class documented with another project's docstring (``time.time_ns``);
- a default value or a shown value whose repr names something that cannot be imported
  from where it says (``txaio.UNSET``), names a private module, or is a bare ``<...>`` repr;
- a rendered signature with a stray ``~``, a private module's path, or a memory address
  (what Sphinx shows when it cannot parse the signature it made);
- a class signature of ``(*args, **kwargs)``, which says nothing.

Two renderings are corrected here, because the code is right and Sphinx is not:

- ``typing.ParamSpec`` annotations (``fun: Callable[_P, object], *args: _P.args``), which
  Sphinx 9 prints as ``Callable[[~_P], object]`` and ``~typing.~_P``, breaking the parse of
  the whole signature;
- a class or function used as a default is shown by its public dotted name
  (``twisted.logger.Logger``), not by ``<class 'twisted.logger._logger.Logger'>``.

And one gap is filled: a name a public module re-exports (``txaio.using_asyncio``, declared
in ``txaio._core.facade``) gets the ``#:`` comment where it is declared
(``reference_declared_in`` in conf.py), which autodoc would not look for.
"""

from __future__ import annotations

import collections.abc
import importlib
import inspect
import re
import typing
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import inspect as sphinx_inspect
from sphinx.util import logging
from sphinx.util import typing as sphinx_typing

LOGGER = logging.getLogger(__name__)

#: A dotted name, optionally called: ``txaio.backend.UNSET``, ``txaio.backend.Config(loop=None)``.
DOTTED = re.compile(r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(\(.*\))?", flags=re.S)
#: A module path with a private part, as in ``txaio._core.contract._T``.
PRIVATE_PATH = re.compile(r"(?<![\w.])[A-Za-z]\w*(?:\.\w+)*\._\w+(?:\.\w+)*")


def warn(app: Sphinx, message: str, location: Any = None) -> None:
    """A warning of this extension (an error under ``-W``), at ``location`` or the page being read."""
    LOGGER.warning(message, location=location or app.env.docname, type="txaio", subtype="reference")


# ----------------------------------------------------------------- ParamSpec and defaults


def _fixed_stringify(original: Any) -> Any:
    def stringify_annotation(annotation: Any, /, mode: Any = "fully-qualified-except-typing", **kwargs: Any) -> str:
        if isinstance(annotation, typing.ParamSpec):
            return annotation.__name__
        if isinstance(annotation, typing.ParamSpecArgs | typing.ParamSpecKwargs):
            kind = "args" if isinstance(annotation, typing.ParamSpecArgs) else "kwargs"
            return f"{annotation.__origin__.__name__}.{kind}"
        args: tuple[Any, ...] = getattr(annotation, "__args__", None) or ()
        origin = getattr(annotation, "__origin__", None)
        first = args[0] if args else None
        if origin is collections.abc.Callable and (first is Ellipsis or isinstance(first, typing.ParamSpec)):
            # Callable[..., R] and Callable[P, R]: Sphinx would print Callable[[...], R], Callable[[~P], R]
            prefix = "~collections.abc." if mode == "smart" else "collections.abc."
            returns = stringify_annotation(args[-1], mode, **kwargs)
            return f"{prefix}Callable[{'...' if args[0] is Ellipsis else args[0].__name__}, {returns}]"
        return str(original(annotation, mode, **kwargs))

    stringify_annotation.fixed = True  # type: ignore[attr-defined]
    return stringify_annotation


def public_name(value: Any) -> str | None:
    """``module.qualname`` of a class or function, through the shortest public module that has it."""
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if not (isinstance(module, str) and isinstance(qualname, str)):
        return None
    parts = module.split(".")
    for end in range(1, len(parts) + 1):
        candidate = ".".join(parts[:end])
        if any(part.startswith("_") for part in parts[:end]) or any(p.startswith("_") for p in qualname.split(".")):
            continue
        if resolve(f"{candidate}.{qualname}") is value:
            return f"{candidate}.{qualname}"
    return None


def _fixed_object_description(original: Any) -> Any:
    def object_description(obj: Any, **kwargs: Any) -> str:
        if inspect.isclass(obj) or inspect.isfunction(obj):
            name = public_name(obj)
            if name is not None:
                return name
        return str(original(obj, **kwargs))

    object_description.fixed = True  # type: ignore[attr-defined]
    return object_description


def patch_sphinx() -> None:
    """Install both corrections wherever Sphinx imported the functions by name."""
    import sphinx.ext.autodoc._generate as generate

    modules = [sphinx_typing, sphinx_inspect, generate]
    for module in modules:
        function = getattr(module, "stringify_annotation", None)
        if function is not None and not getattr(function, "fixed", False):
            module.stringify_annotation = _fixed_stringify(function)  # type: ignore[attr-defined]
    if not getattr(sphinx_inspect.object_description, "fixed", False):
        sphinx_inspect.object_description = _fixed_object_description(sphinx_inspect.object_description)


# ------------------------------------------------------------------------- the checks


def resolve(dotted: str) -> Any:
    """The object ``dotted`` names, importing the longest module prefix; None if nothing is there."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        try:
            target: Any = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        try:
            for part in parts[end:]:
                target = getattr(target, part)
        except AttributeError:
            return None
        return target
    return None


def value_problem(value: Any, stand_ins: dict[str, str]) -> str | None:
    """Why ``repr(value)`` misleads a reader who types what it shows (None if it does not)."""
    if inspect.isclass(value) or inspect.isfunction(value):
        return None if public_name(value) else f"{value!r} is not importable from a public module"
    try:
        shown = repr(value)
    except Exception as exc:  # a repr that raises is a fault of its own
        return f"its repr raises {type(exc).__name__}"
    return shown_problem(shown, value, stand_ins)


def shown_problem(shown: str, value: Any, stand_ins: dict[str, str]) -> str | None:
    """Why ``shown``, the repr of ``value``, names something else than ``value`` (None if it does not)."""
    if shown.startswith("<"):
        return f"it shows as {shown}: give its type a repr that names where it can be imported"
    match = DOTTED.fullmatch(shown)
    if match is None or match.group(1) in stand_ins:
        return None  # a literal, or a name shown on purpose
    dotted, call = match.groups()
    if any(part.startswith("_") for part in dotted.split(".")):
        return f"it shows as {shown}, a private name"
    found = resolve(dotted)
    if found is None:
        return f"it shows as {shown}, but {dotted} cannot be imported"
    if found is not (value if call is None else type(value)):
        return f"it shows as {shown}, but {dotted} is {'another object' if call is None else 'not its type'}"
    return None


def check_signature(  # noqa: PLR0917 - the signature of Sphinx's event
    app: Sphinx, what: str, name: str, obj: Any, options: Any, signature: str | None, return_annotation: str | None
) -> tuple[str, str | None] | None:
    """Every default must show as something a reader can import; a Protocol shows no signature."""
    if what in ("class", "exception") and getattr(obj, "_is_protocol", False):
        return "", None  # a Protocol's (*args, **kwargs) says nothing: it is not instantiated
    if not signature or not callable(obj):
        return None
    try:
        parameters = inspect.signature(obj).parameters.values()
    except (TypeError, ValueError):
        return None
    for parameter in parameters:
        if parameter.default is inspect.Parameter.empty:
            continue
        problem = value_problem(parameter.default, app.config.reference_default_stand_ins)
        if problem:
            warn(app, f"{name}: the default of {parameter.name!r} misleads: {problem}")
    return None


def declared_doc(app: Sphinx, name: str) -> list[str] | None:
    """The ``#:`` comment of ``name`` where a public module's re-exported name is declared."""
    module, _, attribute = name.rpartition(".")
    for declaring in app.config.reference_declared_in.get(module, ()):
        docs = ModuleAnalyzer.for_module(declaring).find_attr_docs()
        lines = docs.get(("", attribute))
        if lines:
            return [line for line in lines if line.strip() or line == ""]
    return None


def same_text(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(a.split()) == " ".join(b.split())


def fill_and_check_docstring(  # noqa: PLR0917 - the signature of Sphinx's event
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    text = "\n".join(lines).strip()
    if what in ("data", "attribute"):
        if not text or same_text(text, inspect.getdoc(type(obj))):
            declared = declared_doc(app, name)
            if declared:
                lines[:] = [*declared, ""]
                text = "\n".join(lines).strip()
        if same_text(text, inspect.getdoc(type(obj))):
            warn(
                app,
                f"{name} is documented with the docstring of its type {type(obj).__qualname__}: give it a #: "
                "comment where it is declared (and add that module to reference_declared_in in docs/conf.py)",
            )
        if not (options.get("no_value") or options.get("annotation")):
            problem = value_problem(obj, app.config.reference_default_stand_ins)
            if problem:
                warn(app, f"{name}: its value misleads: {problem}")
        return
    if what in ("function", "method", "class", "exception", "decorator") and text:
        module = getattr(obj, "__module__", None) or ""
        if not module.startswith(tuple(app.config.reference_packages)):
            # autodoc reads the docstrings of members it then leaves out (an imported typing.Any):
            # only what is rendered counts, so the warning waits for the page (check_rendered_signatures)
            qualname = getattr(obj, "__qualname__", name)
            foreign = foreign_docstrings(app).setdefault(app.env.docname, {})
            foreign[name] = f"documented with the docstring of {module}.{qualname}: write one in our words"


def foreign_docstrings(app: Sphinx) -> dict[str, dict[str, str]]:
    """Per page, the objects autodoc gave another project's docstring, by full name."""
    found: dict[str, dict[str, str]] = app.env.__dict__.setdefault("txaio_foreign_docstrings", {})
    return found


def forget_page(app: Sphinx, env: Any, docname: str) -> None:
    foreign_docstrings(app).pop(docname, None)


def check_rendered_signatures(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """What the reader sees in each signature: no raw ``~``, no private path, no address."""
    for node in doctree.findall(addnodes.desc_signature):
        text = node.astext()
        problems = []
        if "~" in text:
            problems.append("a raw '~' (Sphinx could not parse the signature it made)")
        private = PRIVATE_PATH.search(text)
        if private:
            problems.append(f"the private path {private.group(0)}")
        if " at 0x" in text or "<class '" in text or "<function " in text:
            problems.append("a bare <...> repr")
        fullname = ".".join(part for part in (node.get("module"), node.get("fullname")) if part)
        foreign = foreign_docstrings(app).get(docname, {}).get(fullname)
        if foreign:
            problems.append(f"a docstring that is not ours: {fullname} is {foreign}")
        parent = node.parent
        is_class = isinstance(parent, addnodes.desc) and parent.get("objtype") in ("class", "exception")
        if is_class and text.split("[source]")[0].rstrip().endswith("(*args, **kwargs)"):
            problems.append("a class signature (*args, **kwargs), which says nothing")
        for problem in problems:
            warn(app, f"{' '.join(text.split())[:100]}: the rendered entry shows {problem}", (docname, node.line))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("reference_packages", ["txaio"], "env")
    app.add_config_value("reference_declared_in", {}, "env")
    app.add_config_value("reference_default_stand_ins", {}, "env")
    patch_sphinx()
    app.connect("autodoc-process-signature", check_signature)
    app.connect("autodoc-process-docstring", fill_and_check_docstring)
    app.connect("doctree-resolved", check_rendered_signatures)
    app.connect("env-purge-doc", forget_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
