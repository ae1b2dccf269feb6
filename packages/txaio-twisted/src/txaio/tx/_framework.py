"""The twisted framework's descriptor and txaio-twisted's range on txaio-core.

Generated from txaio-twisted's pyproject.toml by tools/descriptors.py: do not edit, change
the pyproject.toml and rerun the generator.  The entry point names this module; txaio loads it
only when the framework is about to be used.
"""

from txaio.backend import Framework

DISTRIBUTION = "txaio-twisted"
CORE_RANGE = ("1.0", "2")

FRAMEWORK = Framework(
    "twisted",
    "txaio.tx",
    DISTRIBUTION,
    log_sink="txaio.tx._logging:TWISTED_BACKEND",
    virtual_clock="txaio.tx._virtual_clock:TwistedVirtualClock",
    test_support="txaio.tx._testing:framework_support",
    foreign_futures="txaio.tx._bridge:DEFERREDS_ELSEWHERE",
    future_packages=("twisted",),
)
