"""What both commands share on the command line: the repository root, the date, error exits."""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tools.release.errors import ReleaseError

# The repository this tool lives in; --root points the tool at another checkout (tests use a clone).
REPOSITORY = Path(__file__).resolve().parents[2]

USAGE_ERROR = 2


def add_root_option(parser: argparse.ArgumentParser) -> None:
    """``--root``: the checkout to work on."""
    parser.add_argument(
        "--root",
        type=Path,
        default=REPOSITORY,
        help="repository root to work on (default: the checkout holding this tool)",
    )


def parse_date(text: str) -> datetime.date:
    """An ISO date for ``--date``, with a message argparse can show."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from exc


def run(main: Callable[[Sequence[str] | None], int], argv: Sequence[str] | None = None) -> int:
    """Call ``main``; a ReleaseError becomes one clear line on stderr and exit status 2."""
    try:
        return main(argv)
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE_ERROR
