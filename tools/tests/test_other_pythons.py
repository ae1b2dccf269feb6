"""tools/other-pythons and tools/floors: their command line, and a missing Python fails in CI only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import floors, other_pythons, testing_root


def test_python_options_and_the_pytest_args_after_the_double_dash() -> None:
    args = other_pythons.parse(["--python", "3.14", "--python", "3.15", "--", "-k", "batched", "--python"])
    assert args.python == ["3.14", "3.15"]
    assert args.pytest_args == ["-k", "batched", "--python"]
    assert other_pythons.parse([]).python is None


def test_an_unsupported_python_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        other_pythons.parse(["--python", "3.10"])
    assert "invalid choice" in capsys.readouterr().err


def test_every_supported_python_runs_somewhere() -> None:
    assert other_pythons.VERSIONS == ("3.12", "3.13", "3.14", "3.15")
    assert set(floors.DEFAULT) == {"3.11", "3.15"}


def test_the_test_tools_are_hatch_s() -> None:
    names = {other_pythons._name(item) for item in other_pythons.tool_requirements()}
    assert names == {other_pythons._name(tool) for tool in other_pythons.TEST_TOOLS}


@pytest.mark.parametrize(("ci", "status", "label"), [("true", 1, "error"), ("", 0, "note")])
def test_a_missing_python_fails_in_ci_and_is_a_note_elsewhere(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], ci: str, status: int, label: str
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.delenv("TXAIO_REQUIRED_TOOLS", raising=False)
    monkeypatch.setattr(other_pythons, "find", lambda versions: ({}, dict.fromkeys(versions, "not here")))
    assert other_pythons.main(["--python", "3.15"]) == status
    out = capsys.readouterr()
    assert f"{label}: Python 3.15 did not run: not here" in out.out + out.err
    assert "Python 3.15: did not run" in out.out


def test_required_tools_mean_ci_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TXAIO_REQUIRED_TOOLS", "uvloop")
    assert other_pythons.in_ci()
    monkeypatch.delenv("TXAIO_REQUIRED_TOOLS")
    assert not other_pythons.in_ci()


def test_a_failed_step_fails_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    outcome = other_pythons.Outcome("3.14", steps=[("unit tests", True), ("conformance suite", False)], seconds=3)
    assert other_pythons.report([outcome], 3) == 1
    assert "Python 3.14: FAILED: conformance suite in 3 s" in capsys.readouterr().out


def test_the_newest_wheel_of_each_distribution(tmp_path: Path) -> None:
    for name in ("txaio_core-1.0.0-py3-none-any.whl", "txaio-1.0.0-py3-none-any.whl", "notes.txt"):
        (tmp_path / name).write_text("")
    assert sorted(other_pythons.wheel_files(tmp_path)) == ["txaio", "txaio-core"]


def test_the_mirror_is_the_one_apt_uses(tmp_path: Path) -> None:
    (tmp_path / "sources.list.d").mkdir()
    assert testing_root.mirror(tmp_path) == testing_root.DEFAULT_MIRROR
    (tmp_path / "sources.list.d" / "debian.sources").write_text(
        "Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm\n"
        "\nTypes: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\n"
    )
    assert testing_root.mirror(tmp_path) == "http://mirror.example/debian"


def test_commands_enter_the_root_in_a_mount_namespace_of_their_own() -> None:
    prefix = testing_root.run_inside(["/repo"])
    assert prefix[:4] == ["unshare", "--mount", "--propagation", "private"]
    assert prefix[-3:] == [str(testing_root.ROOT_DIR), "/repo", "--"]


def test_a_root_without_its_marker_is_not_sound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(testing_root, "ROOT_DIR", tmp_path / "root")
    assert not testing_root.healthy()
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / testing_root.MARKER).write_text("an older package list")
    assert not testing_root.healthy()


def test_a_broken_root_is_built_again_once_under_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    monkeypatch.setattr(testing_root, "LOCK", tmp_path / "lock")
    monkeypatch.setattr(testing_root, "healthy", lambda: bool(built))
    monkeypatch.setattr(testing_root, "build", lambda: built.append("built"))
    monkeypatch.setattr(testing_root, "_copy_in", lambda: None)
    testing_root.ensure()
    testing_root.ensure()
    assert built == ["built"]


def test_a_root_still_broken_after_its_build_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(testing_root, "LOCK", tmp_path / "lock")
    monkeypatch.setattr(testing_root, "healthy", lambda: False)
    monkeypatch.setattr(testing_root, "build", lambda: None)
    with pytest.raises(testing_root.BuildError, match=r"does not run python3\.14"):
        testing_root.ensure()
