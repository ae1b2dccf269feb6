"""Release tooling of the txaio monorepo.

Each distribution is released on its own: ``prepare`` readies one distribution's release,
``check`` verifies that the repository as a whole is fit to release (fragments, ranges).
"""
