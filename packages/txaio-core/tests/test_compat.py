"""The version check a backend runs against txaio-core."""

from __future__ import annotations

import pytest

from txaio._core._version import __version__, parse_version, require_core


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("1.2.3", (1, 2, 3)), ("1.2", (1, 2)), ("2.0.0rc1", (2, 0, 0)), ("1.10.0.dev3", (1, 10, 0)), ("x", ())],
)
def test_parse_version(text: str, parsed: tuple[int, ...]) -> None:
    assert parse_version(text) == parsed


def test_the_installed_core_fits_its_own_major() -> None:
    major = parse_version(__version__)[0]
    require_core("txaio-asyncio", f"{major}.0", f"{major + 1}")


@pytest.mark.parametrize("installed", ["2.0.0", "0.9.9", "1.1.9"])
def test_a_core_outside_the_range_is_refused_with_the_repair(installed: str) -> None:
    with pytest.raises(ImportError) as info:
        require_core("txaio-asyncio", "1.2", "2", installed=installed)
    message = str(info.value)
    assert f"txaio-core {installed} is installed" in message
    assert "pip install --upgrade txaio-asyncio 'txaio-core>=1.2,<2'" in message
