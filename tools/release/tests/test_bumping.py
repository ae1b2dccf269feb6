"""Version arithmetic: SemVer for the split distributions, CalVer for the meta-package."""

from __future__ import annotations

import datetime

import pytest

from tools.release.bumping import next_calver, next_semver, next_version
from tools.release.errors import ReleaseError


@pytest.mark.parametrize(("part", "expected"), [("major", "2.0.0"), ("minor", "1.5.0"), ("patch", "1.4.8")])
def test_semver_bumps_one_part_and_resets_the_smaller(part: str, expected: str) -> None:
    assert next_semver("1.4.7", part) == expected


@pytest.mark.parametrize("bad", ["1.4", "1.4.7rc1", "v1.4.7", "01.4.7", ""])
def test_semver_refuses_versions_it_cannot_bump(bad: str) -> None:
    with pytest.raises(ReleaseError, match="not a plain SemVer"):
        next_semver(bad, "patch")


def test_unknown_part_is_refused_for_both_schemes() -> None:
    with pytest.raises(ReleaseError, match="unknown version part 'huge'"):
        next_version(False, "1.0.0", "huge", datetime.date(2026, 11, 24))
    with pytest.raises(ReleaseError, match="unknown version part 'huge'"):
        next_version(True, "26.11.1", "huge", datetime.date(2026, 11, 24))


def test_calver_counts_up_within_the_month() -> None:
    assert next_calver("26.11.1", datetime.date(2026, 11, 24)) == "26.11.2"


def test_calver_restarts_at_one_in_a_new_month() -> None:
    assert next_calver("26.11.3", datetime.date(2026, 12, 1)) == "26.12.1"
    assert next_calver("26.12.3", datetime.date(2027, 1, 5)) == "27.1.1"


def test_calver_ignores_the_part() -> None:
    today = datetime.date(2026, 11, 24)
    assert {next_version(True, "26.11.1", part, today) for part in ("major", "minor", "patch")} == {"26.11.2"}


def test_calver_refuses_a_date_before_the_current_version() -> None:
    with pytest.raises(ReleaseError, match="later month than today"):
        next_calver("26.11.1", datetime.date(2026, 10, 31))
