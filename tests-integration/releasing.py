"""Releasing parts in the throwaway clone, as a maintainer does: prepare, commit, tag, publish.

The commands are this checkout's own (``tools/release``), pointed at the clone; the index is
a local pypiserver (tools/index_server.py) and ``release:publish`` uploads to it with its
credentials.
"""

from __future__ import annotations

from pathlib import Path

from matrix import must

from tools.index_server import IndexServer
from tools.release.tests.throwaway_clone import add_fragment, current_version, git, release


def publish(root: Path, server: IndexServer, dist: str) -> str:
    """``release:publish <dist>`` from the clone to ``server``; its output, or an AssertionError."""
    urls = ("--repository-url", server.url, "--index-url", server.simple_url)
    return must(release("publish", root, dist, *urls, env=server.publish_env()))


def release_part(root: Path, server: IndexServer, dist: str, part: str, change: str) -> str:
    """One independent release of ``dist``: a fragment, prepare, commit, tag, publish. The new version."""
    add_fragment(root, dist, f"22.{'removal' if part == 'major' else 'feature'}.md", change)
    must(release("prepare", root, dist, part))
    version = current_version(root, dist)
    git(root, "add", "-A", f"packages/{dist}")
    git(root, "commit", "--quiet", "-m", f"Release {dist} {version}", "--", f"packages/{dist}")
    git(root, "tag", f"{dist}-v{version}")
    publish(root, server, dist)
    return version
