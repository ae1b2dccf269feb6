"""Sphinx configuration of the txaio documentation: ``hatch run docs`` builds it into build/docs.

autodoc imports the installed ``txaio`` package (the hatch environment installs
every distribution of the workspace), and documents it by its public module
names only.  Two kinds of page are generated into ``docs/_generated/`` before
the build, so that they never drift from their source:

- each distribution's changelog: its CHANGELOG.md, then the entries not yet
  released (the towncrier fragments in ``packages/<dist>/changes/``);
- the table of intended differences from txaio 26.6.1, printed by
  ``tests-integration/sidebyside/sidebyside_differences.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import txaio

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
GENERATED = DOCS / "_generated"
DISTRIBUTIONS = ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-twisted", "txaio-testutil", "txaio")
FRAGMENT_TYPES = {
    "feature": "Features",
    "bugfix": "Bug fixes",
    "removal": "Removals and deprecations",
    "doc": "Documentation",
    "misc": "Miscellaneous",
}

project = "txaio"
author = "The txaio developers"
copyright = "2026, The txaio developers"
release = txaio.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "reference_checks",  # docs/_ext: what the API reference must not show, and two rendering fixes
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "README.md", "_generated/intended-differences.md"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "txaio"
html_static_path = ["_static"]
html_css_files = ["custom.css"]

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = False

# reference_checks: where the names a public module re-exports are declared, with their #: comments
reference_declared_in = {
    "txaio": ["txaio._core.facade"],
    "txaio.backend": ["txaio._core.contract", "txaio._core.selection", "txaio._core.unselected", "txaio._core.clock"],
}
# Defaults that show as a name on purpose, though they are a stand-in for it.
reference_default_stand_ins = {"sys.stdout": "txaio.log.sink.STDOUT: whatever sys.stdout is when start_logging runs"}

# Everything here runs without network access, so there is no intersphinx: a reference
# to the standard library, Twisted or zope.interface cannot resolve, and neither can one to
# a private module of txaio (its types appear in signatures, but it is not documented).
# Every other reference must resolve: the build runs with --nitpicky and -W.
nitpick_ignore_regex = [
    (r"py:.*", r"(asyncio|twisted|zope|collections|typing|types|logging|io|builtins|abc|contextlib|threading)(\..*)?"),
    (r"py:.*", r"(Any|IO|Callable|Iterable|Iterator|Mapping|Sequence|Generator|TracebackType|TextIO|Final|NoReturn)"),
    (r"py:.*", r"(BaseException|Exception|ValueError|RuntimeError|TypeError|ImportError|int|float|str|bool|None)"),
    (r"py:.*", r"(.*\.)?_[A-Za-z].*"),  # a private name, or a name in a private module
    (r"py:.*", r"(Future|Deferred|Failure|LogLevel|Logger|TimerHandle|AbstractEventLoop|Clock|IReactorTime)"),
    (r"py:.*", r"(Config|FrameworkApi|AsyncioApi|TwistedApi|IDelayedCall|Backend|VirtualClock)"),
    (r"py:.*", r"(pytest\..*|Item|Config|FixtureRequest)"),
]


def _changelog(dist: str) -> str:
    """The distribution's CHANGELOG.md, with its unreleased fragments as a section of their own."""
    package = ROOT / "packages" / dist
    text = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    head, _, released = text.partition("<!-- towncrier release notes start -->")
    _title, _, intro = head.strip().partition("\n")
    lines = [f"# {dist}", "", intro.strip(), ""]
    pending: dict[str, list[str]] = {}
    for fragment in sorted((package / "changes").glob("*.md")):
        issue, _, kind = fragment.stem.partition(".")
        entry = fragment.read_text(encoding="utf-8").strip()
        pending.setdefault(kind, []).append(f"- {entry} (#{issue})")
    if pending:
        lines += ["## Not yet released", ""]
        for kind, name in FRAGMENT_TYPES.items():
            if kind in pending:
                lines += [f"### {name}", "", *pending[kind], ""]
    released = released.strip()
    lines += [released if released else f"No release of {dist} yet.", ""]
    # the released entries use level-2 headings per release and level-3 per type: keep them
    return "\n".join(lines)


def _generate() -> None:
    GENERATED.mkdir(exist_ok=True)
    for dist in DISTRIBUTIONS:
        _write(GENERATED / f"changelog-{dist}.md", _changelog(dist))
    table = subprocess.run(
        [sys.executable, str(ROOT / "tests-integration" / "sidebyside" / "sidebyside_differences.py")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # Markdown would read a dunder name such as __bool__ as bold text.
    table = re.sub(r"(?<![`\w])__(\w+)__", r"\_\_\1\_\_", table)
    _write(GENERATED / "intended-differences.md", table)


def _write(path: Path, text: str) -> None:
    """Write only on change, so that Sphinx rebuilds only what changed."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


_generate()

# The reference shows the module-level API with a framework selected: before selection
# every operation is a stand-in that only raises the usage error.  asyncio needs nothing
# beyond the standard library; txaio.tx (the Twisted backend) is documented from its module.
txaio.use_asyncio()


def _check_every_name_documented(app: Any, exception: BaseException | None) -> None:
    """Fail the build if a name of ``txaio.__all__`` has no entry on the txaio API page."""
    if exception is not None:
        return
    page = (DOCS / "api" / "txaio.md").read_text(encoding="utf-8")
    # autodoc takes the full name; a py: directive is inside ``py:module:: txaio`` already
    documented = set(re.findall(r"^\.\. (?:auto\w+:: txaio\.|py:\w+:: (?:txaio\.)?)(\w+)\b", page, flags=re.M))
    missing = sorted(set(txaio.__all__) - documented)
    if missing:
        raise RuntimeError(f"docs/api/txaio.md does not document: {', '.join(missing)}")


def setup(app: Any) -> None:
    app.connect("build-finished", _check_every_name_documented)
