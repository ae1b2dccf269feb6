"""The version of the txaio-core distribution (one version file per distribution)."""

__version__ = "1.0.0"
