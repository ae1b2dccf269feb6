"""Each backend is described once, in its pyproject.toml: the generated descriptor modules follow it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.descriptors import ROOT, expected, render

BACKEND = """
[project]
name = "txaio-x"
dependencies = ["txaio-log>=1", "{core}"]

[project.entry-points."txaio.frameworks"]
{entry}

[tool.txaio.framework]
{table}
"""


def write(tmp_path: Path, core: str = "txaio-core >=1.4, <3", entry: str = "", table: str = "") -> Path:
    entry = entry or 'x = "txaio.x._framework:FRAMEWORK"'
    table = table or (
        'module = "txaio.x"\ntest_support = "txaio.x._testing:support"\nvirtual_clock = "txaio.x._clock:Clock"'
    )
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(BACKEND.format(core=core, entry=entry, table=table), encoding="utf-8")
    return pyproject


def test_the_generated_descriptors_match_the_pyproject_files() -> None:
    found = expected()
    stale = [str(path.relative_to(ROOT)) for path, text in found.items() if path.read_text("utf-8") != text]
    assert sorted(path.parent.name for path in found) == ["aio", "tx"]
    assert not stale, f"stale, rerun `python tools/descriptors.py`: {stale}"


def test_the_descriptor_carries_the_range_and_the_references(tmp_path: Path) -> None:
    rendered = render(write(tmp_path))

    assert rendered is not None
    path, text = rendered
    assert path == tmp_path / "src" / "txaio" / "x" / "_framework.py"
    assert 'CORE_RANGE = ("1.4", "3")' in text
    assert (
        'FRAMEWORK = Framework(\n    "x",\n    "txaio.x",\n    DISTRIBUTION,\n'
        '    virtual_clock="txaio.x._clock:Clock",\n    test_support="txaio.x._testing:support",\n)' in text
    )
    namespace: dict[str, object] = {}
    exec(compile(text, str(path), "exec"), namespace)  # the generated text is valid Python
    assert namespace["DISTRIBUTION"] == "txaio-x"


def test_a_distribution_without_the_entry_point_is_no_backend(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "txaio-log"\ndependencies = ["txaio-core>=1.0,<2"]\n', encoding="utf-8")

    assert render(pyproject) is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"core": "txaio-core>=1.0"}, "must read 'txaio-core>=X,<Y'"),
        ({"core": "txaio-core~=1.0"}, "must read 'txaio-core>=X,<Y'"),
        ({"core": "txaio-corex>=1"}, "expected one txaio-core dependency"),
        ({"entry": 'x = "txaio.x._framework:DESCRIPTOR"'}, "must name 'module:FRAMEWORK'"),
        ({"entry": 'x = "a:FRAMEWORK"\ny = "b:FRAMEWORK"'}, "registers one framework"),
        ({"table": 'log_sink = "txaio.x:SINK"'}, "needs module"),
        ({"table": 'module = "txaio.x"\nclock = "txaio.x:C"'}, "unknown keys"),
        ({"table": 'module = "txaio.x\'\\""'}, "expected a dotted name"),
    ],
)
def test_a_pyproject_the_generator_cannot_copy_is_refused(tmp_path: Path, fields: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        render(write(tmp_path, **fields))
