"""The docs build fails on the faults the API reference once showed (docs/_ext/reference_checks.py).

Each check runs on a small Sphinx project of its own, made here: one module with every fault,
one with none, built as ``hatch run docs`` builds the real site (``-W --keep-going --nitpicky``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

pytest.importorskip("sphinx")

CONF = """
import sys
sys.path.insert(0, {ext!r})
sys.path.insert(0, {here!r})
extensions = ["sphinx.ext.autodoc", "reference_checks"]
autodoc_typehints_format = "fully-qualified"
reference_packages = ["sample"]
reference_declared_in = {{"sample": ["sample._declared"]}}
nitpick_ignore_regex = [(r"py:.*", r".*")]
"""

# Every fault once seen in the reference, one per object.
FAULTY = '''
"""A module with each fault."""
import collections.abc
from time import time_ns

from sample._inner import Thing


class _Stand:
    def __repr__(self):
        return "sample.NOWHERE"


STAND = _Stand()
undeclared = True


def default_not_importable(x=STAND):
    """Its default shows as sample.NOWHERE."""


def default_with_an_address(x=object()):
    """Its default shows as <object object at 0x...>."""


def private_annotation(x: Thing) -> None:
    """Its annotation shows the private path sample._inner.Thing."""


class Loose:
    """A class whose signature says nothing."""

    def __init__(self, *args, **kwargs):
        pass
'''

FAULTY_PAGE = """
Faults
======

.. autodata:: sample.undeclared
   :no-value:

.. autofunction:: sample.time_ns

.. autofunction:: sample.default_not_importable

.. autofunction:: sample.default_with_an_address

.. autofunction:: sample.private_annotation

.. autoclass:: sample.Loose
"""

CLEAN = '''
"""A module the checks accept."""
import collections
import collections.abc
import typing

from sample._declared import flag

P = typing.ParamSpec("P")


class Unset:
    """The type of UNSET."""

    def __repr__(self):
        return "sample.UNSET"


#: The default where None means something.
UNSET = Unset()


def call_later(
    fun: collections.abc.Callable[P, object], *args: P.args, **kwargs: P.kwargs
) -> collections.abc.Callable[..., None]:
    """Takes a ParamSpec, which Sphinx alone renders with stray tildes."""


def with_defaults(result=UNSET, factory=collections.OrderedDict, out=None):
    """Defaults a reader can import: sample.UNSET, collections.OrderedDict."""


class Shape(typing.Protocol):
    """A Protocol: shown without a signature, since it is never instantiated."""

    def area(self) -> float:
        """Its area."""
'''

CLEAN_PAGE = """
Clean
=====

.. autodata:: sample.flag

.. autodata:: sample.UNSET

.. autofunction:: sample.call_later

.. autofunction:: sample.with_defaults

.. autoclass:: sample.Shape
   :members:
"""


def build(tmp_path: Path, module: str, page: str) -> tuple[subprocess.CompletedProcess[str], str]:
    package = tmp_path / "sample"
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent(module))
    (package / "_inner.py").write_text("class Thing:\n    '''A thing.'''\n")
    (package / "_declared.py").write_text("#: True when the sample is set up.\nflag = True\n")
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(CONF.format(ext=str(DOCS / "_ext"), here=str(tmp_path)))
    (source / "index.rst").write_text(page)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "--nitpicky", "-q", "-b", "html", str(source), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    html = (out / "index.html").read_text(encoding="utf-8") if (out / "index.html").exists() else ""
    return done, re.sub(r"<[^>]+>", "", html)


def test_each_fault_fails_the_build_with_its_own_message(tmp_path: Path) -> None:
    done, _ = build(tmp_path, FAULTY, FAULTY_PAGE)
    warnings = [line for line in done.stderr.splitlines() if "[txaio.reference]" in line]

    assert done.returncode != 0
    expected = {
        "sample.undeclared is documented with the docstring of its type bool": 1,
        "sample.time_ns is documented with the docstring of time.time_ns": 1,
        "the default of 'x' misleads: it shows as sample.NOWHERE, but sample.NOWHERE cannot be imported": 1,
        "the default of 'x' misleads: it shows as <object object": 1,
        "the private path sample._inner.Thing": 1,
        "a class signature (*args, **kwargs)": 1,
    }
    found = {text: sum(text in warning for warning in warnings) for text in expected}
    assert found == expected, "\n".join(warnings)
    assert len(warnings) == sum(expected.values()), "\n".join(warnings)


def test_a_clean_module_builds_and_renders_as_written(tmp_path: Path) -> None:
    done, text = build(tmp_path, CLEAN, CLEAN_PAGE)

    assert done.returncode == 0, done.stderr
    assert "True when the sample is set up." in text  # the #: comment where flag is declared
    assert "bool(x)" not in text
    assert "fun: collections.abc.Callable[P, object], *args: P.args, **kwargs: P.kwargs" in text
    assert "collections.abc.Callable[..., None]" in text
    assert "result=sample.UNSET, factory=collections.OrderedDict, out=None" in text
    assert "Shape(*args" not in text and "~" not in text


def test_the_real_pages_use_the_checks() -> None:
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert '"reference_checks"' in conf and "-W" in (ROOT / "hatch.toml").read_text(encoding="utf-8")


def test_only_the_intended_differences_table_may_break_a_name() -> None:
    """A name in a table cell once read "txaio.interface s": only that table's long keys may break."""
    css = (DOCS / "_static" / "custom.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    breaking = [
        selector.strip()
        for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css)
        if re.search(r"overflow-wrap:\s*anywhere|word-break:\s*break-(?:all|word)|white-space:\s*normal", body)
    ]
    assert breaking, "the intended-differences table needs its rule"
    assert all(selector.startswith(".intended-differences ") for selector in breaking), breaking
    upgrading = (DOCS / "upgrading.md").read_text(encoding="utf-8")
    assert ":::{container} intended-differences\n```{include} _generated/intended-differences.md" in upgrading
