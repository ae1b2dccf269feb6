"""txaio-core's private modules: the facade, the contract, selection, config, batched timers.

And the one switch for automatic garbage collection while txaio imports its own modules
(``import txaio`` itself, and what it imports on first use): see :func:`hold_collection`.
"""

import gc


def hold_collection() -> bool:
    """Turn automatic garbage collection off; True if it was on (hand that to :func:`release_collection`).

    An import allocates thousands of objects (functions, classes, dicts) that live as long as the
    process: a collection in the middle frees none of them, it only walks them, and it would run
    the ``__del__`` of any garbage around, where a ``__del__`` that uses txaio would meet a module
    half made.  Holding collection off for the import spares both; the next collection comes after.
    Never turns collection on that the program had turned off.
    """
    if gc.isenabled():
        gc.disable()
        return True
    return False


def release_collection(held: bool) -> None:
    """Undo :func:`hold_collection`: turn collection back on if that call turned it off."""
    if held:
        gc.enable()
