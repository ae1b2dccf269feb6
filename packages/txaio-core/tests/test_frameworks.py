"""Finding a framework: its descriptor, the built-in table, the ``txaio.frameworks`` entry points."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

import txaio
import txaio.backend
from txaio._core import selection as _selection
from txaio.backend import ENTRY_POINT_GROUP, Framework, resolve
from txaio.testutil import save_selection


def write_distribution(root: Path, entry_points: str) -> None:
    """A fake installed distribution ``fake-trio`` in ``root``: a backend, its descriptor, a dist-info."""
    (root / "fake_trio_backend.py").write_text(
        textwrap.dedent(
            """
            from txaio.backend import BACKEND_NAMES

            for _name in BACKEND_NAMES:
                globals()[_name] = lambda *args, _name=_name, **kwargs: ("trio", _name, args)
            """
        ),
        encoding="utf-8",
    )
    (root / "fake_trio_framework.py").write_text(
        "from txaio.backend import Framework\n\n"
        'FRAMEWORK = Framework("trio", "fake_trio_backend", "fake-trio")\n'
        'NOT_A_DESCRIPTOR = "trio"\n',
        encoding="utf-8",
    )
    info = root / "fake_trio-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-trio\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\n{entry_points}", encoding="utf-8")


def run_python(root: Path, script: str) -> list[object]:
    """Run ``script`` in a fresh interpreter with ``root`` on the path; the JSON it printed last."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result: list[object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_third_party_backend_registered_as_an_entry_point_can_be_selected(tmp_path: Path) -> None:
    write_distribution(tmp_path, "trio = fake_trio_framework:FRAMEWORK\nasyncio = fake_trio_framework:FRAMEWORK\n")

    result = run_python(
        tmp_path,
        """
        import json, sys
        import txaio, txaio.backend
        before = "importlib.metadata" in sys.modules
        txaio.backend.select("trio")
        print(json.dumps([
            before,
            txaio.create_future(),
            txaio._explicit_framework,
            txaio.backend.find_framework("trio").distribution,
            txaio._core.selection.FRAMEWORKS.distribution("asyncio"),
        ]))
        """,
    )

    # metadata is read only for the unknown name; a built-in name keeps its built-in place
    assert result == [False, ["trio", "create_future", []], "trio", "fake-trio", "txaio-asyncio"]


def test_an_entry_point_that_names_no_descriptor_is_refused_clearly(tmp_path: Path) -> None:
    write_distribution(tmp_path, "trio = fake_trio_framework:NOT_A_DESCRIPTOR\nnone = fake_trio_framework:MISSING\n")

    result = run_python(
        tmp_path,
        """
        import json
        import txaio, txaio.backend
        errors = []
        for name in ("trio", "none"):
            try:
                txaio.backend.select(name)
            except ImportError as exc:
                errors.append(str(exc))
        print(json.dumps([errors, txaio._explicit_framework]))
        """,
    )

    errors, selected = result
    assert selected is None
    assert isinstance(errors, list) and len(errors) == 2
    assert "is not the txaio Framework descriptor of 'trio'" in errors[0]
    assert "needs the fake-trio distribution" in errors[1] and "has no MISSING" in errors[1]


def test_an_unknown_framework_name_is_a_clear_error_and_changes_nothing() -> None:
    before = save_selection()

    with pytest.raises(ValueError, match=r"unknown txaio framework 'nope'; known: .*'asyncio'.*txaio\.frameworks"):
        txaio.backend.select("nope")

    assert save_selection() == before
    assert "nope" not in _selection.FRAMEWORKS


def test_a_framework_name_must_be_a_string() -> None:
    with pytest.raises(TypeError, match="framework name is a string"):
        txaio.backend.find_framework(42)  # type: ignore[arg-type]


def test_the_built_in_frameworks_need_no_metadata() -> None:
    frameworks = _selection.Frameworks(_selection.BUILTIN_FRAMEWORKS)

    assert sorted(frameworks) == ["asyncio", "twisted"]
    assert "asyncio" in frameworks and "trio" not in frameworks
    assert frameworks.distribution("twisted") == "txaio-twisted"


def test_selecting_a_built_in_framework_never_reads_metadata(tmp_path: Path) -> None:
    result = run_python(
        tmp_path,
        """
        import json, sys
        import txaio
        txaio.use_asyncio()
        print(json.dumps(["importlib.metadata" in sys.modules, txaio._explicit_framework]))
        """,
    )

    assert result == [False, "asyncio"]


def test_a_descriptor_that_names_another_framework_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("txaio_fake_descriptors")
    module.FRAMEWORK = Framework("other", "txaio_fake_backend", "fake")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    frameworks = _selection.Frameworks({"mine": ("fake", "txaio_fake_descriptors:FRAMEWORK")})

    with pytest.raises(ImportError, match="not the txaio Framework descriptor of 'mine'"):
        frameworks["mine"]
    with pytest.raises(TypeError, match=r"FRAMEWORKS\['mine'\] takes the Framework named 'mine'"):
        frameworks["mine"] = module.FRAMEWORK
    assert list(frameworks) == ["mine"]


def test_a_missing_backend_names_the_distribution_to_install() -> None:
    frameworks = _selection.Frameworks({"gone": ("txaio-gone", "txaio_module_that_is_not_installed:FRAMEWORK")})

    with pytest.raises(ImportError, match=r"needs the txaio-gone distribution.*pip install txaio-gone") as info:
        frameworks.find("gone")
    assert info.value.name == "txaio_module_that_is_not_installed"


@pytest.mark.parametrize(
    ("args", "kwargs", "wrong"),
    [
        (("", "mod", "dist"), {}, "name"),
        (("x", None, "dist"), {}, "module"),
        (("x", "mod", b"dist"), {}, "distribution"),
        (("x", "mod", "dist"), {"virtual_clock": "mod.Clock"}, "virtual_clock"),
        (("x", "mod", "dist"), {"log_sink": 3}, "log_sink"),
        (("x", "mod", "dist"), {"test_support": "mod"}, "test_support"),
    ],
)
def test_a_malformed_descriptor_is_refused_where_it_is_made(
    args: tuple[object, ...], kwargs: dict[str, object], wrong: str
) -> None:
    with pytest.raises(TypeError, match=f"Framework\\(\\) needs {wrong}"):
        Framework(*args, **kwargs)  # type: ignore[arg-type]


def test_references_resolve_lazily_and_clearly() -> None:
    framework = Framework("x", "json", "dist", virtual_clock="json:JSONDecoder", log_sink="json:nothing")

    assert framework.load_api() is sys.modules["json"]
    assert framework.load_virtual_clock() is json.JSONDecoder
    with pytest.raises(ImportError, match="'json:nothing' names nothing: json has no nothing"):
        framework.load_log_sink()
    assert Framework("x", "json", "dist").load_virtual_clock() is None
    assert Framework("x", "json", "dist", test_support="json:loads").load_test_support() is json.loads
    assert Framework("x", "json", "dist").load_test_support() is None
    assert resolve("os.path:join") is os.path.join


@pytest.mark.parametrize("collecting", [True, False])
def test_a_module_loaded_on_first_use_runs_with_collection_held_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collecting: bool
) -> None:
    """No ``__del__`` that uses txaio can run in the middle of such an import and meet its module half made."""
    (tmp_path / "first_use_probe.py").write_text("import gc\nCOLLECTING = gc.isenabled()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "first_use_probe", raising=False)
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        assert resolve("first_use_probe:COLLECTING") is False
        assert gc.isenabled() is collecting  # as it was: on again, or still off
        (tmp_path / "first_use_broken.py").write_text("raise ImportError('broken', name='first_use_broken')\n")
        with pytest.raises(ImportError, match="broken"):
            resolve("first_use_broken:X")
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()
