"""Stands in for ``txaio/__init__.py`` if that file is gone, and is then the same ``txaio``.

Python imports this module only when the folder ``txaio/`` has no
``__init__.py`` (a package with one always wins).  That happens after
``pip install -U txaio`` over txaio 26.6.1: pip writes the new distributions
first and then deletes every file 26.6.1 listed, ``txaio/__init__.py`` among
them.  Everything else the new distributions ship lives at paths 26.6.1
never had, so this module only has to make ``txaio`` a package again and
load the same facade.  ``pip install --force-reinstall txaio-core`` (or the
next txaio-core release) puts ``txaio/__init__.py`` back.
"""

import os as _os
from pkgutil import extend_path as _extend_path

# The folder beside this file first (find_spec() sees this module, not that
# folder), then the ``txaio`` folders of other sys.path entries, as
# ``txaio/__init__.py`` gets them (editable installs of several parts).
__path__ = _extend_path([_os.path.join(_os.path.dirname(__file__), "txaio")], __name__)

from txaio._core import facade as _facade
from txaio._core.facade import *  # noqa: F403

globals().update({_name: getattr(_facade, _name) for _name in _facade.EXTRA_NAMES})
__all__ = _facade.__all__
