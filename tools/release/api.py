"""Has a distribution's public API broken since its last release tag? (griffe)

Independent SemVer releases are only safe if a dependent's range ``>=1.0,<2`` can trust
that nothing it uses disappears or changes its signature before 2.0. So each distribution's
public API, as its own ``src/`` folder holds it now, is compared with the same folder at its
last tag ``<dist>-v*``: a removed public name, a removed or renamed parameter, a parameter
that became required or moved, a changed default or a changed declared type of a public
attribute is a breaking change, allowed only when the version file's major is above the tag's.

What is public: the names of a module's ``__all__`` when it has one, else the names it
defines or re-exports from txaio without an underscore; public submodules; in classes, what
griffe deems public (no leading underscore, dunder methods included); and the facade's names
that 26.6.1 documented beyond ``__all__`` (``PUBLIC_BEYOND_ALL``).
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import griffe

from tools.release.errors import ReleaseError
from tools.release.gitinfo import tag_name
from tools.release.sources import copy_at_tag, copy_work_tree
from tools.release.workspace import Package

# Names of a module that are API although its ``__all__`` does not list them (txaio-core's
# facade: see EXTRA_NAMES in txaio/_core/facade.py).
PUBLIC_BEYOND_ALL = {
    "txaio": frozenset(
        {"__version__", "version", "IBatchedTimer", "_explicit_framework", "_use_framework", "_unframework"}
    )
}

PACKAGE = "txaio"


@dataclass(frozen=True)
class Change:
    """One breaking change of one public name."""

    name: str
    what: str
    old: str
    new: str

    def describe(self) -> str:
        """``txaio.log.check_level: Parameter was removed (old: level, new: -)``."""
        return f"{self.name}: {self.what} (old: {self.old}, new: {self.new})"


def breaking_changes(root: Path, package: Package, tag: str) -> list[Change]:
    """The breaking changes of ``package``'s public API from ``tag`` to the work tree."""
    folder = (package.directory / "src").relative_to(root).as_posix()
    with tempfile.TemporaryDirectory(prefix="txaio-api-") as scratch:
        old_src, new_src = Path(scratch) / "old", Path(scratch) / "new"
        old_roots = copy_at_tag(root, tag, folder, old_src)
        new_roots = copy_work_tree(root / folder, new_src)
        if not old_roots:
            return []  # nothing was public at the tag
        if new_roots is None:
            return [Change(name, "Public module was removed", name, "-") for name in old_roots]
        old, new = _load(old_src, f"{package.name} at {tag}"), _load(new_src, f"{package.name}'s work tree")
        changes: list[Change] = []
        for name in old_roots:
            old_module = _member(old, name)
            new_module = _member(new, name)
            if new_module is None:
                changes.append(Change(name, "Public module was removed", name, "-"))
            elif old_module is not None:
                changes += _compare(old_module, new_module)
        return changes


def _load(src: Path, label: str) -> griffe.Object | griffe.Alias:
    logging.getLogger("griffe").setLevel(logging.ERROR)  # unresolvable imports of other distributions are expected
    try:
        return griffe.load(PACKAGE, search_paths=[src], resolve_aliases=True, resolve_external=False)
    except Exception as exc:  # griffe's errors have no common base; say which tree failed
        raise ReleaseError(f"griffe cannot read the API of {label}: {exc!r}") from exc


def _member(package: griffe.Object | griffe.Alias, dotted: str) -> griffe.Object | griffe.Alias | None:
    relative = dotted.removeprefix(PACKAGE).removeprefix(".")
    try:
        return package[relative] if relative else package
    except KeyError:
        return None


def _compare(old: griffe.Object | griffe.Alias, new: griffe.Object | griffe.Alias) -> list[Change]:
    """griffe's breakages under their public names, and changed types of public attributes."""
    public_names: dict[str, str] = {}
    for side in (new, old):  # old last: a name's old target wins
        for module in _modules(side):
            _mark_public(module, public_names)
    changes = [_change(breakage, public_names) for breakage in griffe.find_breaking_changes(old, new)]
    changes += _beyond_griffe(old, new)
    return sorted(set(changes), key=lambda change: (change.name, change.what, change.old, change.new))


def _modules(module: griffe.Object | griffe.Alias) -> Iterator[griffe.Object | griffe.Alias]:
    """A module and its public submodules, recursively."""
    yield module
    for name, member in module.members.items():
        if not member.is_alias and member.is_module and not name.startswith("_"):
            yield from _modules(member)


def _mark_public(module: griffe.Object | griffe.Alias, public_names: dict[str, str]) -> None:
    """Decide for every member of the module whether it is API, and remember where aliases lead."""
    exports = _exports(module)
    beyond = PUBLIC_BEYOND_ALL.get(module.path, frozenset())
    for name, member in module.members.items():
        if not member.is_alias and member.is_module:
            public = not name.startswith("_")
        elif exports is not None:
            public = name in exports or name in beyond
        else:
            public = name in beyond or (not name.startswith("_") and _defined_in_txaio(member))
        member.public = public
        if public and isinstance(member, griffe.Alias):
            public_names[member.target_path] = member.path
            target = _target(member)
            if target is not None:
                public_names[target.path] = member.path


def _exports(module: griffe.Object | griffe.Alias) -> set[str] | None:
    """The module's ``__all__``, also when it is imported from another module (the facade's)."""
    if module.exports is not None:
        return {str(name) for name in module.exports}
    declared = module.members.get("__all__")
    target = None if declared is None else _target(declared)
    origin = None if target is None else target.parent
    if origin is not None and origin.exports is not None:
        return {str(name) for name in origin.exports}
    return None


def _defined_in_txaio(member: griffe.Object | griffe.Alias) -> bool:
    """Defined in this module, or re-exported from txaio (not an import of the stdlib, typing, ...)."""
    if not isinstance(member, griffe.Alias):
        return True
    path = member.target_path
    target = _target(member)
    return (path == PACKAGE or path.startswith(f"{PACKAGE}.")) and not (target is not None and target.is_module)


def _target(member: griffe.Object | griffe.Alias) -> griffe.Object | None:
    """What a name finally stands for; None when it is an import that cannot be resolved here."""
    if not isinstance(member, griffe.Alias):
        return member
    try:
        return member.final_target
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None


def _change(breakage: griffe.Breakage, public_names: dict[str, str]) -> Change:
    return Change(_public_path(breakage.obj.path, public_names), str(breakage.kind.value), *_values(breakage))


def _public_path(path: str, public_names: dict[str, str]) -> str:
    """``txaio.log._levels.check_level`` is reached, and known, as ``txaio.log.check_level``."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        public = public_names.get(".".join(parts[:end]))
        if public is not None:
            return ".".join([public, *parts[end:]])
    return path


def _values(breakage: griffe.Breakage) -> tuple[str, str]:
    if breakage.kind is griffe.BreakageKind.OBJECT_REMOVED:
        return "present", "-"
    if breakage.kind is griffe.BreakageKind.OBJECT_CHANGED_KIND:
        return str(breakage.old_value.value), str(breakage.new_value.value)
    return _show(breakage.old_value), _show(breakage.new_value)


def _show(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, griffe.Parameter):
        shown = value.name
        if value.annotation is not None:
            shown += f": {value.annotation}"
        if value.default is not None:
            shown += f" = {value.default}"
        return shown
    return str(value)


def _beyond_griffe(old: griffe.Object | griffe.Alias, new: griffe.Object | griffe.Alias) -> list[Change]:
    """What griffe does not report: a re-export whose origin is gone, a public attribute whose declared
    type changed (the facade's operations are typed attributes)."""
    changes = []
    for member, counterpart in _public_pairs(old, new):
        if _target(member) is not None and _target(counterpart) is None:
            changes.append(Change(member.path, str(griffe.BreakageKind.OBJECT_REMOVED.value), "present", "-"))
            continue
        before, after = _annotation(member), _annotation(counterpart)
        if before is not None and after is not None and after != before:
            changes.append(Change(member.path, "Declared type changed", before, after))
    return changes


def _public_pairs(
    old: griffe.Object | griffe.Alias, new: griffe.Object | griffe.Alias
) -> Iterator[tuple[griffe.Object | griffe.Alias, griffe.Object | griffe.Alias]]:
    """Each public module member of ``old`` with its namesake in ``new``; removed ones are griffe's."""
    for module in _modules(old):
        for member in module.members.values():
            if not member.is_public:
                continue
            with contextlib.suppress(KeyError):
                yield member, new[member.path.removeprefix(old.path).removeprefix(".")]


def _annotation(member: griffe.Object | griffe.Alias) -> str | None:
    target = _target(member)
    if not isinstance(target, griffe.Attribute) or target.annotation is None:
        return None
    return str(target.annotation)


def api_problems(root: Path, package: Package, version: str | None, last: str | None) -> tuple[list[str], list[str]]:
    """The package's breaking changes as problems (or notes, under a major bump), and notes."""
    if package.is_meta:
        return [], []  # dependencies only: no API of its own
    if last is None:
        return [], [f"{package.name}: never tagged, so there is no released API to compare with"]
    changes = breaking_changes(root, package, last)
    tagged = last.removeprefix(tag_name(package.name, ""))
    if version is not None and changes and _major(version) > _major(tagged):
        head = f"{package.name} {version}: breaking API changes since {last}, allowed by the major bump:"
        return [], [head, *(f"  {change.describe()}" for change in changes)]
    return [
        f"{package.name}: {change.describe()}: breaks the API of {last} without a major bump" for change in changes
    ], []


def _major(version: str) -> int:
    return int(version.split(".", maxsplit=1)[0])
