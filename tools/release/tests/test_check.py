"""``check`` against a clone: it passes on a clean release state and names each problem."""

from __future__ import annotations

from pathlib import Path

from tools.release.tests.throwaway_clone import PACKAGES, add_fragment, current_version, git, release, set_version


def problems(output: str) -> list[str]:
    return [line.strip()[2:] for line in output.splitlines() if line.startswith("  - ")]


def test_check_passes_right_after_releases(released: Path) -> None:
    done = release("check", released)

    assert done.returncode == 0, done.stdout
    assert "release check: OK" in done.stdout


def test_check_catches_a_change_without_fragment(released: Path) -> None:
    readme = released / "packages/txaio-log/README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")

    done = release("check", released)

    assert done.returncode == 1
    assert len(problems(done.stdout)) == 1
    assert problems(done.stdout)[0].startswith("txaio-log: changed since txaio-log-v")
    assert "packages/txaio-log/README.md" in done.stdout

    add_fragment(released, "txaio-log", "10.doc.md", "More words in the README.")
    assert release("check", released).returncode == 0


def test_check_sees_untracked_files(released: Path) -> None:
    (released / "packages/txaio-core/src/txaio/_new.py").write_text("VALUE = 1\n", encoding="utf-8")

    done = release("check", released)

    assert done.returncode == 1
    assert "packages/txaio-core/src/txaio/_new.py" in done.stdout


def test_check_needs_a_fragment_or_changelog_before_the_first_release(clone: Path) -> None:
    done = release("check", clone)

    assert done.returncode == 1
    never = [problem for problem in problems(done.stdout) if "never released" in problem]
    assert sorted(problem.split(":")[0] for problem in never) == sorted(PACKAGES)

    add_fragment(clone, "txaio-core", "2.feature.md", "The facade.")
    changelog = clone / "packages/txaio-log/CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8") + "\n## txaio-log 1.0.0\n\n- First.\n", encoding="utf-8")
    still = [problem.split(":")[0] for problem in problems(release("check", clone).stdout)]
    assert "txaio-core" not in still
    assert "txaio-log" not in still
    assert "txaio-asyncio" in still


def test_check_catches_a_broken_range(released: Path) -> None:
    major = int(current_version(released, "txaio-core").split(".")[0])
    set_version(released, "txaio-core", f"{major + 1}.0.0")
    add_fragment(released, "txaio-core", "12.removal.md", "A breaking change.")

    done = release("check", released)

    assert done.returncode == 1
    found = problems(done.stdout)
    assert any(p.startswith("txaio-log requires txaio-core") and f"{major + 1}.0.0" in p for p in found)
    assert any(p.startswith("txaio requires txaio-core") for p in found)  # the meta-package's range
    assert all("requires txaio-core" in p for p in found)


def test_check_catches_a_meta_extra_that_admits_no_current_part(released: Path) -> None:
    pyproject = released / "packages/txaio/pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert 'twisted = ["txaio-twisted>=' in text
    pyproject.write_text(
        text.replace('twisted = ["txaio-twisted>=', 'twisted = ["txaio-twisted>=9,<10,>='), encoding="utf-8"
    )
    add_fragment(released, "txaio", "14.misc.md", "Wrong range on purpose.")

    done = release("check", released)

    assert done.returncode == 1
    found = problems(done.stdout)
    assert len(found) == 1
    assert found[0].startswith("txaio requires txaio-twisted>=9,<10,>=")
    assert "(optional-dependencies.twisted)" in done.stdout


def test_check_catches_a_fragment_of_unknown_type(released: Path) -> None:
    add_fragment(released, "txaio-asyncio", "3.feat.md", "Typo.")

    done = release("check", released)

    assert done.returncode == 1
    assert any("3.feat.md is not a fragment of a known type" in p for p in problems(done.stdout))


def test_check_catches_a_part_missing_from_the_meta_package(released: Path) -> None:
    pyproject = released / "packages/txaio/pyproject.toml"
    lines = pyproject.read_text(encoding="utf-8").splitlines(keepends=True)
    pyproject.write_text("".join(line for line in lines if '"txaio-testutil' not in line), encoding="utf-8")
    add_fragment(released, "txaio", "14.misc.md", "Dropped a part on purpose.")

    done = release("check", released)

    assert done.returncode == 1
    assert problems(done.stdout) == ["txaio: the meta-package names no range for txaio-testutil"]


def test_check_follows_a_release_from_prepare_to_tag(released: Path) -> None:
    add_fragment(released, "txaio-log", "10.feature.md", "A feature.")
    git(released, "add", "-A")
    git(released, "commit", "--quiet", "-m", "feature")
    assert release("prepare", released, "txaio-log", "patch").returncode == 0
    git(released, "commit", "--quiet", "-am", "Release txaio-log")
    version = current_version(released, "txaio-log")

    prepared = release("check", released)
    assert prepared.returncode == 0, prepared.stdout
    assert f"note: txaio-log {version} is prepared and awaits its tag txaio-log-v{version}" in prepared.stdout

    git(released, "tag", f"txaio-log-v{version}")
    tagged = release("check", released)
    assert tagged.returncode == 0, tagged.stdout
    assert "note:" not in tagged.stdout

    readme = released / "packages/txaio-log/README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")
    changed = release("check", released)
    assert changed.returncode == 1
    assert problems(changed.stdout)[0].startswith(f"txaio-log: changed since txaio-log-v{version}")


def test_check_catches_a_version_below_the_last_tag(released: Path) -> None:
    version = current_version(released, "txaio-testutil")
    major, minor, patch = (int(part) for part in version.split("."))
    git(released, "tag", f"txaio-testutil-v{major}.{minor}.{patch + 1}")

    done = release("check", released)

    assert done.returncode == 1
    assert problems(done.stdout) == [
        f"txaio-testutil: version {version} is below the last release tag txaio-testutil-v{major}.{minor}.{patch + 1}"
    ]
