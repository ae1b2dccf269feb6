"""Import failures that txaio hands on can be printed on every Python (issue 28).

Python 3.15's traceback imports the parent package of the module a ModuleNotFoundError
names; where that parent fails to import, printing the error raised a second error.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import traceback

import pytest

from txaio._core import import_errors
from txaio._core.import_errors import printable
from txaio._core.selection import import_module


def test_an_error_that_formats_is_handed_on_as_it_is() -> None:
    error = ModuleNotFoundError("No module named 'nowhere'", name="nowhere")
    assert printable(error) is error


def test_an_error_that_does_not_format_becomes_a_plain_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        import_module("txaio_no_such_module.child")
    except ModuleNotFoundError as exc:
        error = exc
    else:
        raise AssertionError("the import succeeded")

    class Unformattable(traceback.TracebackException):
        @classmethod
        def from_exception(cls, exc: BaseException, *args: object, **kwargs: object) -> traceback.TracebackException:
            raise ModuleNotFoundError("the formatting failed too", name="txaio_no_such_module")

    monkeypatch.setattr(traceback, "TracebackException", Unformattable)
    plain = printable(error)
    assert type(plain) is ImportError
    assert (str(plain), plain.name, plain.__traceback__) == (str(error), error.name, error.__traceback__)


def test_import_module_imports() -> None:
    assert import_module("txaio._core.import_errors") is import_errors


# A real user's process: txaio-twisted hidden (None in sys.modules, as test tools do) or broken
# (a file of it gone, so its __init__ fails again on every import).
HIDDEN = "sys.modules['txaio.tx'] = None"
BROKEN = """
import pathlib, tempfile
shadow = pathlib.Path(tempfile.mkdtemp()) / "tx"
shadow.mkdir()
(shadow / "__init__.py").write_text("import txaio.tx._gone\\n")
txaio.__path__.insert(0, str(shadow.parent))
"""


@pytest.mark.parametrize("breakage", [HIDDEN, BROKEN], ids=["hidden", "broken"])
@pytest.mark.parametrize("call", ["txaio.use_twisted()", "txaio.backend.import_backend('twisted')"])
def test_a_missing_or_broken_backend_fails_with_an_error_that_prints(breakage: str, call: str) -> None:
    program = textwrap.dedent(
        f"""
        import sys, traceback
        import txaio, txaio.backend
        {textwrap.indent(breakage, "        ").strip()}
        try:
            {call}
        except ImportError:
            text = traceback.format_exc()
        else:
            raise SystemExit("no ImportError")
        assert "pip install txaio-twisted" in text, text
        print("printed")
        """
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "printed"), done.stdout + done.stderr
