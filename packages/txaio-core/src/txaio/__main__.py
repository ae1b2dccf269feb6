"""``python -m txaio``: which parts of txaio are installed, and which frameworks they support.

Prints each distribution that installs into the ``txaio`` package with its
version, whether each framework's backend imports, and the command that
installs whatever is missing.  Exits 0 whatever it finds: it reports, it
does not judge.
"""

from __future__ import annotations

import sys
from importlib import metadata
from typing import TextIO

from txaio._core.selection import FRAMEWORKS

#: Each part of txaio: the distribution and what it brings.
PARTS = (
    ("txaio-core", "the txaio API, framework selection, config"),
    ("txaio-log", "make_logger, start_logging"),
    ("txaio-asyncio", "the asyncio backend"),
    ("txaio-twisted", "the Twisted backend"),
    ("txaio-testutil", "test helpers and the pytest plugin"),
    ("txaio", "the meta-package"),
)


def frameworks() -> list[tuple[str, str]]:
    """Every framework txaio knows, built in or registered as an entry point: (name, distribution)."""
    FRAMEWORKS.discover()
    return [(name, FRAMEWORKS.distribution(name)) for name in FRAMEWORKS]


def installed_version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def backend_problem(framework: str) -> str | None:
    """None if the framework's backend imports, else why not (importing it selects nothing)."""
    try:
        FRAMEWORKS[framework].load_api()
    except ImportError as error:
        return str(error) or type(error).__name__
    return None


def report(out: TextIO) -> None:
    width = max(len(name) for name, _ in PARTS)
    out.write(f"txaio on Python {sys.version.split()[0]} ({sys.executable})\n\ninstalled parts:\n")
    missing: list[str] = []
    for name, what in PARTS:
        version = installed_version(name)
        if version is None:
            missing.append(name)
        shown = version if version is not None else "not installed"
        out.write(f"  {name:<{width}}  {shown:<14}  {what}\n")

    out.write("\nframeworks:\n")
    for framework, distribution in frameworks():
        version = installed_version(distribution)
        problem = backend_problem(framework) if version is not None else None
        if version is None:
            out.write(f"  {framework:<8} not available: pip install {distribution}\n")
        elif problem is not None:
            out.write(f"  {framework:<8} broken: its backend does not import ({problem})\n")
            out.write(f"  {'':<8} reinstall it: pip install --force-reinstall {distribution}\n")
        else:
            out.write(f"  {framework:<8} available ({distribution} {version}): txaio.use_{framework}()\n")

    if missing:
        out.write("\nto add a missing part: pip install " + " ".join(missing) + "\n")
        out.write('(or everything at once: pip install "txaio[twisted]")\n')


def main() -> int:
    report(sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
