"""Check what the package index will show of each distribution: ``hatch run metadata``.

Builds every distribution's sdist and wheel into a temporary folder, then, for each:

- pyroma rates the sdist's metadata 10/10;
- ``twine check --strict`` accepts the sdist and the wheel (the README renders);
- check-wheel-contents finds nothing wrong with the wheel, read with the
  ``[tool.check-wheel-contents]`` settings of the distribution's own pyproject.toml
  (the meta-package's wheel is empty on purpose);
- the root LICENSE ships in the wheel (``*.dist-info/licenses/LICENSE``) and in
  the sdist, as the file itself.

Prints one line per check and exits non-zero if any failed.

    python tools/metadata_check.py                 # all six
    python tools/metadata_check.py txaio-log       # only the distributions named
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISTRIBUTIONS = ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-twisted", "txaio-testutil", "txaio")


def run(command: list[str], cwd: Path | None = None) -> tuple[bool, str]:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return completed.returncode == 0, (completed.stdout + completed.stderr).strip()


def build(dist: str, out: Path) -> tuple[Path, Path]:
    ok, output = run(
        [sys.executable, "-m", "uv", "build", "--quiet", "--out-dir", str(out), str(ROOT / "packages" / dist)]
    )
    if not ok:
        raise SystemExit(f"{dist}: the build failed:\n{output}")
    prefix = dist.replace("-", "_") + "-"
    (sdist,) = out.glob(prefix + "*.tar.gz")
    (wheel,) = out.glob(prefix + "*.whl")
    return sdist, wheel


def licence_problems(sdist: Path, wheel: Path, expected: bytes) -> list[str]:
    """Where the wheel or the sdist does not ship ``expected`` as its LICENSE file."""
    problems = []
    with zipfile.ZipFile(wheel) as archive:
        shipped = [name for name in archive.namelist() if name.endswith(".dist-info/licenses/LICENSE")]
        if len(shipped) != 1 or archive.read(shipped[0]) != expected:
            problems.append(f"{wheel.name} does not ship the LICENSE in *.dist-info/licenses/")
    with tarfile.open(sdist) as archive:
        members = [member for member in archive.getmembers() if member.name.count("/") == 1]
        licences = [member for member in members if member.name.endswith("/LICENSE")]
        extracted = archive.extractfile(licences[0]) if len(licences) == 1 and licences[0].isfile() else None
        if extracted is None or extracted.read() != expected:
            problems.append(f"{sdist.name} does not ship the LICENSE file itself at its root")
    return problems


def check(dist: str, out: Path) -> list[str]:
    sdist, wheel = build(dist, out)
    return check_artifacts(dist, sdist, wheel, ROOT / "packages" / dist, (ROOT / "LICENSE").read_bytes())


def check_artifacts(dist: str, sdist: Path, wheel: Path, package: Path, licence: bytes) -> list[str]:
    """Every check on one built sdist and wheel; ``package`` is the folder they were built from.

    Also what ``release:publish`` runs on the artifacts it is about to upload.
    """
    failures = []
    checks = {
        "pyroma 10/10": run([sys.executable, "-m", "pyroma", "--min", "10", "--file", str(sdist)]),
        "twine check --strict": run([sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)]),
        "check-wheel-contents": run([sys.executable, "-m", "check_wheel_contents", str(wheel)], cwd=package),
    }
    for name, (ok, output) in checks.items():
        print(f"{dist}: {name}: {'ok' if ok else 'FAILED'}")
        if not ok:
            print("    " + output.replace("\n", "\n    "))
            failures.append(f"{dist}: {name}")
    problems = licence_problems(sdist, wheel, licence)
    print(f"{dist}: LICENSE in wheel and sdist: {'ok' if not problems else 'FAILED'}")
    for problem in problems:
        print(f"    {problem}")
        failures.append(f"{dist}: {problem}")
    return failures


def main(argv: list[str]) -> int:
    wanted = argv[1:] or list(DISTRIBUTIONS)
    unknown = sorted(set(wanted) - set(DISTRIBUTIONS))
    if unknown:
        print(f"unknown distribution: {', '.join(unknown)} (known: {', '.join(DISTRIBUTIONS)})", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="txaio-metadata-") as tmp:
        failures = [failure for dist in wanted for failure in check(dist, Path(tmp) / dist)]
    if failures:
        print(f"metadata: {len(failures)} problem(s):\n  " + "\n  ".join(failures))
        return 1
    print(f"metadata: all checks passed for {len(wanted)} distribution(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
