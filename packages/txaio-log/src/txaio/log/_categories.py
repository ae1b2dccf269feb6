"""Log categories: named format strings selected with ``log_category=``.

They let a program keep its messages in one table (and translate or
document them) while the call sites say only which message they mean.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_categories: dict[str, str] = {}


def add_log_categories(categories: Mapping[str, str]) -> None:
    """Register ``{"ID": "format {x}"}``: a call with ``log_category="ID"`` uses that format.

    Every entry is checked before any is stored, so a bad mapping changes nothing.
    """
    given: object = categories  # callers are not always type-checked
    if not isinstance(given, Mapping):
        kind = type(given).__name__
        raise TypeError(f"add_log_categories() takes a mapping of category id to format, not {kind}")
    bad = [key for key, value in categories.items() if not isinstance(key, str) or not isinstance(value, str)]
    if bad:
        raise TypeError(f"add_log_categories(): ids and formats must be strings; bad entries: {bad!r}")
    _categories.update(categories)


def category_format(kwargs: Mapping[str, Any], message: object) -> object:
    """The format a call uses: its category's, when it names a known one, else ``message``."""
    category = kwargs.get("log_category")
    if category is None:
        return message
    return _categories.get(category, message) if isinstance(category, str) else message
