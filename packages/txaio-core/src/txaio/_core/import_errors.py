"""Import errors that every Python can print.

Python 3.15's traceback module, to explain a ModuleNotFoundError, imports the
parent package of the module it names (looking for an extension module built
for another Python).  Where that parent cannot be imported (hidden with None in
``sys.modules``, or a broken install whose ``__init__`` fails again), the
second failure escapes from the formatting itself: ``traceback.print_exc()``
raises, and pytest stops with INTERNALERROR.  txaio chains import failures into
its own errors ("install txaio-twisted"), so it hands on only errors that format
(``selection.import_module`` imports this module only once an import has failed).
"""

from __future__ import annotations


def printable(error: ImportError) -> ImportError:
    """``error`` itself if the traceback module can format it, else a plain ImportError saying the same."""
    import traceback

    try:
        traceback.TracebackException.from_exception(error, lookup_lines=False)
    except Exception:
        plain = ImportError(str(error), name=error.name, path=error.path)
        return plain.with_traceback(error.__traceback__)
    return error
