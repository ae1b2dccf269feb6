"""An error txaio raises on purpose is shown on its own, not after the traceback of what it caught.

A user who selects a framework that is not installed should read one traceback
ending with "install it: pip install txaio-twisted", not the import machinery
first.  The caught exception stays reachable as ``__context__`` (``raise ...
from None`` only hides it from the printed traceback), for whoever debugs txaio.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(ROOT.glob("packages/*/src/**/*.py"))

#: ``raise X from cause`` kept on purpose: (file, start of the line) -> why the cause belongs in the report.
CHAINED_ON_PURPOSE = {
    (
        "packages/txaio-testutil/src/txaio/testutil/_outcome.py",
        "raise AssertionError(",
    ): "result_of() in a failing test: the future's own exception and traceback are what the test author needs",
}


def chained_raises(path: Path) -> Iterator[tuple[int, str]]:
    """Each ``raise`` in ``path`` that prints a second traceback: inside ``except`` without
    ``from None`` (Python chains it implicitly), or with ``from <an exception>`` anywhere."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()

    class Finder(ast.NodeVisitor):
        def __init__(self) -> None:
            self.handlers = 0
            self.found: list[tuple[int, str]] = []

        def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
            self.handlers += 1
            self.generic_visit(node)
            self.handlers -= 1

        def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
            outer, self.handlers = self.handlers, 0  # a function defined in a handler runs later
            self.generic_visit(node)
            self.handlers = outer

        visit_AsyncFunctionDef = visit_FunctionDef
        visit_Lambda = visit_FunctionDef

        def visit_Raise(self, node: ast.Raise) -> None:
            if node.exc is None:  # a bare raise re-raises the caught error itself
                return
            suppressed = isinstance(node.cause, ast.Constant) and node.cause.value is None
            if (node.cause is not None and not suppressed) or (self.handlers and node.cause is None):
                self.found.append((node.lineno, lines[node.lineno - 1].strip()))

    finder = Finder()
    finder.visit(ast.parse(source, str(path)))
    yield from finder.found


def kept_on_purpose(path: Path, text: str) -> bool:
    where = str(path.relative_to(ROOT))
    return any(where == file and text.startswith(start) for file, start in CHAINED_ON_PURPOSE)


def test_no_deliberate_error_prints_the_traceback_of_what_it_caught() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in SOURCES
        for line, text in chained_raises(path)
        if not kept_on_purpose(path, text)
    ]
    assert found == [], (
        "raise these with `from None` (the caught error stays reachable as __context__), "
        "or add them to CHAINED_ON_PURPOSE with a reason:\n" + "\n".join(found)
    )


def test_every_kept_chain_still_exists() -> None:
    present = {(str(path.relative_to(ROOT)), text) for path in SOURCES for _, text in chained_raises(path)}
    for file, start in CHAINED_ON_PURPOSE:
        assert any(where == file and text.startswith(start) for where, text in present), (file, start)


def test_the_finder_reports_each_kind_of_chain(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        textwrap.dedent(
            """
            def f():
                try:
                    pass
                except ImportError:
                    raise RuntimeError("implicit")
                except KeyError as exc:
                    raise RuntimeError("explicit") from exc
                except ValueError:
                    raise RuntimeError("hidden") from None
                except TypeError:
                    raise
                except OSError:
                    def later():
                        raise RuntimeError("not in the handler when it runs")
                raise RuntimeError("outside") from ValueError()
            """
        )
    )
    assert [text for _, text in chained_raises(module)] == [
        'raise RuntimeError("implicit")',
        'raise RuntimeError("explicit") from exc',
        'raise RuntimeError("outside") from ValueError()',
    ]


# What a user sees: each deliberate error below runs in a fresh interpreter with only some
# distributions on the path (``-S``: no site-packages, so nothing installed leaks in).

CASES = {
    "use_twisted without txaio-twisted": (
        ["txaio-core", "txaio-log", "txaio-asyncio"],
        "txaio.use_twisted()",
        "ImportError: txaio framework 'twisted' needs the txaio-twisted distribution",
        "install it: pip install txaio-twisted",
    ),
    "use_asyncio without txaio-asyncio": (
        ["txaio-core", "txaio-log"],
        "txaio.use_asyncio()",
        "ImportError: txaio framework 'asyncio' needs the txaio-asyncio distribution",
        "install it: pip install txaio-asyncio",
    ),
    "make_logger without txaio-log": (
        ["txaio-core"],
        "txaio.make_logger()",
        "RuntimeError: txaio.make_logger() needs the txaio-log distribution",
        "txaio.use_twisted()",
    ),
    "isolated_logging without txaio-log": (
        ["txaio-core", "txaio-testutil"],
        "import txaio.testutil\nwith txaio.testutil.isolated_logging(): pass",
        "ModuleNotFoundError: txaio.testutil.isolated_logging() needs the txaio-log distribution",
        "(or txaio-log)",
    ),
    "a virtual clock of a framework not installed": (
        ["txaio-core", "txaio-testutil"],
        "import txaio.testutil\nwith txaio.testutil.virtual_clock('asyncio'): pass",
        "ImportError: txaio framework 'asyncio' needs the txaio-asyncio distribution",
        "install it: pip install txaio-asyncio",
    ),
}

#: Frames the longest of them passes through (the caller's, then txaio's own); a chained
#: traceback doubled that, with the import machinery's frames in between.
MOST_FRAMES = 8


def run_isolated(distributions: list[str], code: str) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join(str(ROOT / "packages" / dist / "src") for dist in distributions)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = path
    script = f"import txaio\n{code}\n"
    return subprocess.run(
        [sys.executable, "-S", "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_error_is_printed_alone(case: str) -> None:
    distributions, code, start, end = CASES[case]
    done = run_isolated(distributions, code)
    lines = done.stderr.rstrip("\n").splitlines()

    assert done.returncode == 1, done.stderr
    assert lines[-1].startswith(start) and lines[-1].endswith(end), done.stderr
    assert lines.count("Traceback (most recent call last):") == 1, done.stderr
    assert not any("direct cause" in line or "During handling" in line for line in lines), done.stderr
    assert 1 <= sum(line.startswith("  File ") for line in lines) <= MOST_FRAMES, done.stderr


def test_the_cause_stays_reachable_for_debugging() -> None:
    done = run_isolated(
        ["txaio-core", "txaio-log", "txaio-asyncio"],
        "try:\n    txaio.use_twisted()\n"
        "except ImportError as exc:\n"
        "    cause = exc.__context__\n"
        "    print(exc.__suppress_context__, type(cause).__name__, cause.name)",
    )
    assert done.stdout.split() == ["True", "ModuleNotFoundError", "txaio.tx"], done.stderr
