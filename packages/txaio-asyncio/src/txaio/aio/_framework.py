"""The asyncio framework's descriptor and txaio-asyncio's range on txaio-core.

Generated from txaio-asyncio's pyproject.toml by tools/descriptors.py: do not edit, change
the pyproject.toml and rerun the generator.  The entry point names this module; txaio loads it
only when the framework is about to be used.
"""

from txaio.backend import Framework

DISTRIBUTION = "txaio-asyncio"
CORE_RANGE = ("1.0", "2")

FRAMEWORK = Framework(
    "asyncio",
    "txaio.aio",
    DISTRIBUTION,
    log_sink="txaio.aio._logging:STDLIB_BACKEND",
    virtual_clock="txaio.aio._virtual_clock:AsyncioVirtualClock",
    test_support="txaio.aio._testing:framework_support",
)
