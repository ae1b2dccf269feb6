"""txaio-twisted's range on txaio-core, generated from its pyproject.toml by tools/core_ranges.py.

Do not edit: change the dependency in pyproject.toml and rerun the generator.
"""

DISTRIBUTION = "txaio-twisted"
CORE_RANGE = ("1.0", "2")
