"""The version of the txaio-asyncio distribution (one version file per distribution)."""

__version__ = "1.0.0"
