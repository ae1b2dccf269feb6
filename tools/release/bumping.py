"""The next version of a distribution: SemVer for the split distributions, CalVer for ``txaio``."""

from __future__ import annotations

import datetime
import re

from tools.release.errors import ReleaseError

PARTS = ("major", "minor", "patch")

# The meta-package must stay above the last monolithic release, so existing pins resolve to it.
LAST_MONOLITHIC = (26, 6, 1)

_THREE_NUMBERS = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def parse_three(version: str, scheme: str) -> tuple[int, int, int]:
    """``X.Y.Z`` as integers; anything else (pre-releases, local parts) is refused."""
    match = _THREE_NUMBERS.match(version)
    if match is None:
        raise ReleaseError(f"version {version!r} is not a plain {scheme} version X.Y.Z")
    major, minor, patch = (int(group) for group in match.groups())
    return major, minor, patch


def check_part(part: str) -> None:
    """Refuse anything but major, minor or patch, naming the choices."""
    if part not in PARTS:
        raise ReleaseError(f"unknown version part {part!r}: choose one of {', '.join(PARTS)}")


def next_semver(current: str, part: str) -> str:
    """Bump one part of a SemVer version; the smaller parts restart at 0."""
    check_part(part)
    major, minor, patch = parse_three(current, "SemVer")
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def next_calver(current: str, today: datetime.date) -> str:
    """The next ``YY.M.N`` for today's month: N+1 within the month, else ``YY.M.1``."""
    year, month, serial = parse_three(current, "CalVer YY.M.N")
    this_month = (today.year % 100, today.month)
    if this_month == (year, month):
        return f"{year}.{month}.{serial + 1}"
    if this_month < (year, month):
        raise ReleaseError(f"current version {current} is from a later month than today ({today.isoformat()})")
    return f"{this_month[0]}.{this_month[1]}.1"


def next_version(calver: bool, current: str, part: str, today: datetime.date) -> str:
    """The version ``prepare`` writes: CalVer ignores the size of the change, SemVer encodes it."""
    check_part(part)
    return next_calver(current, today) if calver else next_semver(current, part)
