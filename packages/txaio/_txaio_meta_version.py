"""The version of the txaio meta-package: CalVer YY.M.N, above txaio 26.6.1."""

__version__ = "26.11.1"
