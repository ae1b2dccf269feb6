"""A hatchling build hook for the sdists: ship the LICENSE file itself, not a symlink to it.

Each distribution's folder holds ``LICENSE`` as a symlink to the one at the
repository root, and names it in ``license-files``.  The wheel builder reads
through the link, so ``*.dist-info/licenses/LICENSE`` has the text.  The sdist
builder would store the link itself, pointing outside the archive (installers
refuse such an sdist), so this hook swaps every symlinked file the sdist
force-includes (the licence) for the file it points to.
"""

from __future__ import annotations

import os
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface  # type: ignore[import-not-found,unused-ignore]


class DereferenceSymlinksHook(BuildHookInterface):  # type: ignore[misc,type-arg,unused-ignore]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        forced: dict[str, str] = build_data["force_include"]
        for source, target in list(forced.items()):
            if os.path.islink(source):
                del forced[source]
                forced[os.path.realpath(source)] = target
