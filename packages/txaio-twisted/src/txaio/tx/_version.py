"""The version of the txaio-twisted distribution (one version file per distribution)."""

__version__ = "1.0.0"
