"""Hand the checked files to ``uv publish``, the standard client, with the caller's credentials.

Credentials are uv's own: ``UV_PUBLISH_TOKEN``, or ``UV_PUBLISH_USERNAME`` and
``UV_PUBLISH_PASSWORD``, or trusted publishing (an OIDC token, in CI). They pass through the
environment untouched and never appear on a command line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tools.release.errors import ReleaseError

PYPI_UPLOAD = "https://upload.pypi.org/legacy/"
TRUSTED_PUBLISHING = ("automatic", "always", "never")


def upload(files: tuple[Path, ...], repository_url: str, trusted_publishing: str) -> None:
    """Upload ``files`` to ``repository_url``; stdin is closed, so a missing credential fails, never waits."""
    command = [
        sys.executable,
        "-m",
        "uv",
        "publish",
        "--no-progress",
        "--publish-url",
        repository_url,
        "--trusted-publishing",
        trusted_publishing,
        *(str(path) for path in files),
    ]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    print(done.stderr.strip() or done.stdout.strip())
    if done.returncode != 0:
        raise ReleaseError(
            f"the upload to {repository_url} failed (uv publish exit {done.returncode}); a file uploaded before "
            "the failure stays on the index: see uv's output above"
        )
