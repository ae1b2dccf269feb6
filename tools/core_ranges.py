"""Write each backend's range on txaio-core, read from its ``pyproject.toml``, into a tiny module.

A backend checks at import that the installed txaio-core fits
(``txaio.backend.require_core``).  The range it checks must be the one its
metadata declares, yet reading the metadata at import costs tens of
milliseconds and is missing when the source folders are on ``PYTHONPATH``.
So the range is stated once, in ``pyproject.toml``, and this generator copies
it into a committed module (``txaio/aio/_requires.py``).  Run it after
changing a range: ``python tools/core_ranges.py``;
``tools/tests/test_core_ranges.py`` fails while a module is stale.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Each backend that checks its fit, and the module that holds its range.
TARGETS = {
    "txaio-asyncio": "txaio/aio/_requires.py",
    "txaio-twisted": "txaio/tx/_requires.py",
}

_RANGE = re.compile(r"^txaio-core\s*>=\s*(?P<minimum>[0-9][0-9.]*)\s*,\s*<\s*(?P<below>[0-9][0-9.]*)$")


def core_range(pyproject: Path) -> tuple[str, str]:
    """``(minimum, below)`` of the ``txaio-core>=minimum,<below`` dependency in ``pyproject``."""
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"].get("dependencies", [])
    specs = [spec for spec in dependencies if re.split(r"[\s<>=!~;\[(]", spec, maxsplit=1)[0] == "txaio-core"]
    if len(specs) != 1:
        raise ValueError(f"{pyproject}: expected one txaio-core dependency, found {specs}")
    found = _RANGE.match(specs[0].replace(" ", ""))
    if found is None:
        raise ValueError(f"{pyproject}: the txaio-core range must read 'txaio-core>=X,<Y', not {specs[0]!r}")
    return found["minimum"], found["below"]


def render(distribution: str, minimum: str, below: str) -> str:
    """The text of the generated module."""
    return (
        f'"""{distribution}\'s range on txaio-core, generated from its pyproject.toml by tools/core_ranges.py.\n\n'
        "Do not edit: change the dependency in pyproject.toml and rerun the generator.\n"
        '"""\n\n'
        f'DISTRIBUTION = "{distribution}"\n'
        f'CORE_RANGE = ("{minimum}", "{below}")\n'
    )


def expected(root: Path = ROOT) -> dict[Path, str]:
    """Every generated module's path and the text it must have."""
    texts = {}
    for distribution, module in TARGETS.items():
        folder = root / "packages" / distribution
        texts[folder / "src" / module] = render(distribution, *core_range(folder / "pyproject.toml"))
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
