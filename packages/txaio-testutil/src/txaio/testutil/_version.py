"""The version of the txaio-testutil distribution (one version file per distribution)."""

__version__ = "1.0.0"
