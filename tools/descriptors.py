"""Generate each backend's framework descriptor module from its ``pyproject.toml``.

Everything txaio needs to know about a backend is stated once, in its
``pyproject.toml``: the framework's name and where its descriptor lives (the
``txaio.frameworks`` entry point), its backend module, log sink and virtual
clock, test support and converter of its futures for other frameworks, with the packages whose
futures it converts (``[tool.txaio.framework]``), and its range on txaio-core (its
dependency).  Reading package metadata at import would cost tens of
milliseconds and fails where there is none (source folders on ``PYTHONPATH``,
a zip), so this generator copies it into the committed module the entry point
names (``txaio/aio/_framework.py``), which also carries the range for the
backend's import-time fit check.  Run ``python tools/descriptors.py`` after
changing any of it; ``tools/tests/test_descriptors.py`` fails while a module
is stale.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GROUP = "txaio.frameworks"

#: The optional ``[tool.txaio.framework]`` keys: lazy references a descriptor may hold.
_REFERENCES = ("log_sink", "virtual_clock", "test_support", "foreign_futures")
#: The optional ``[tool.txaio.framework]`` key that lists top-level package names.
_PACKAGES = "future_packages"

_RANGE = re.compile(r"^txaio-core>=(?P<minimum>[0-9][0-9.]*),<(?P<below>[0-9][0-9.]*)$")


def core_range(project: dict[str, Any]) -> tuple[str, str]:
    """``(minimum, below)`` of the project's ``txaio-core>=minimum,<below`` dependency."""
    specs = [
        spec
        for spec in project.get("dependencies", [])
        if re.split(r"[\s<>=!~;\[(]", spec, maxsplit=1)[0] == "txaio-core"
    ]
    if len(specs) != 1:
        raise ValueError(f"{project.get('name')}: expected one txaio-core dependency, found {specs}")
    found = _RANGE.match(specs[0].replace(" ", ""))
    if found is None:
        raise ValueError(f"{project.get('name')}: the txaio-core range must read 'txaio-core>=X,<Y', not {specs[0]!r}")
    return found["minimum"], found["below"]


def _quoted(value: object) -> str:
    """``value`` as a double-quoted Python string literal (what ruff format would write)."""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_.:-]+", value):
        raise ValueError(f"expected a dotted name or reference, not {value!r}")
    return f'"{value}"'


def render(pyproject: Path) -> tuple[Path, str] | None:
    """Where the descriptor module of ``pyproject``'s backend goes and its text; None if it is no backend."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data["project"]
    entries = project.get("entry-points", {}).get(GROUP, {})
    if not entries:
        return None
    if len(entries) != 1:
        raise ValueError(f"{pyproject}: one distribution registers one framework, not {sorted(entries)}")
    ((name, reference),) = entries.items()
    module_name, _, attribute = reference.partition(":")
    if attribute != "FRAMEWORK":
        raise ValueError(f"{pyproject}: the {GROUP} entry point must name 'module:FRAMEWORK', not {reference!r}")
    table = data.get("tool", {}).get("txaio", {}).get("framework", {})
    if not isinstance(table.get("module"), str):
        raise ValueError(f"{pyproject}: [tool.txaio.framework] needs module = the backend module")
    unknown = set(table) - {"module", _PACKAGES, *_REFERENCES}
    if unknown:
        raise ValueError(f"{pyproject}: [tool.txaio.framework] has unknown keys {sorted(unknown)}")
    minimum, below = core_range(project)
    distribution = project["name"]
    optional = "".join(f",\n    {key}={_quoted(table[key])}" for key in _REFERENCES if key in table)
    if _PACKAGES in table:
        packages = table[_PACKAGES]
        if not isinstance(packages, list) or not packages:
            raise ValueError(f"{pyproject}: [tool.txaio.framework] {_PACKAGES} is a list of package names")
        optional += f",\n    {_PACKAGES}=({''.join(_quoted(package) + ', ' for package in packages).rstrip(' ')})"
    text = (
        f'"""The {name} framework\'s descriptor and {distribution}\'s range on txaio-core.\n\n'
        f"Generated from {distribution}'s pyproject.toml by tools/descriptors.py: do not edit, change\n"
        "the pyproject.toml and rerun the generator.  The entry point names this module; txaio loads it\n"
        "only when the framework is about to be used.\n"
        '"""\n\n'
        "from txaio.backend import Framework\n\n"
        f"DISTRIBUTION = {_quoted(distribution)}\n"
        f"CORE_RANGE = ({_quoted(minimum)}, {_quoted(below)})\n\n"
        f"FRAMEWORK = Framework(\n    {_quoted(name)},\n    {_quoted(table['module'])},\n"
        f"    DISTRIBUTION{optional},\n)\n"
    )
    path = pyproject.parent / "src" / (module_name.replace(".", "/") + ".py")
    return path, text


def expected(root: Path = ROOT) -> dict[Path, str]:
    """Every generated module's path and the text it must have."""
    texts = {}
    for pyproject in sorted((root / "packages").glob("*/pyproject.toml")):
        rendered = render(pyproject)
        if rendered is not None:
            texts[rendered[0]] = rendered[1]
    return texts


def main() -> int:
    """Rewrite the modules that are stale; print what changed."""
    for path, text in expected().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
