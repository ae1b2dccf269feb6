"""A real package index for a while: pypiserver on 127.0.0.1, on a free port, always stopped.

Uploads need a user and password (an htpasswd file with one random password), so that a
refused upload means what it says; reading is open, as on PyPI. pypiserver refuses to
replace a file it has (no ``--overwrite``), and never sends a client on to the public index
(``--disable-fallback``): what the index does not hold cannot be installed through it.

The server runs in its own process group, which :meth:`IndexServer.stop` ends whole; the
class is a context manager, so the server stops however the ``with`` block ends. On Linux the
kernel also ends the server when the process that started it dies without stopping it (killed
outright), so not even that leaves a server behind.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

HOST = "127.0.0.1"
USERNAME = "publisher"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
START_ATTEMPTS = 3

#: Runs pypiserver in this process after asking Linux for SIGTERM when the parent dies
#: (``prctl(PR_SET_PDEATHSIG)``, kept across exec); elsewhere it just runs pypiserver.
LAUNCHER = """
import os, signal, sys
if sys.platform == "linux":
    import ctypes
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)
os.execv(sys.executable, [sys.executable, "-m", "pypiserver", *sys.argv[1:]])
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def htpasswd_line(username: str, password: str) -> str:
    """One htpasswd entry in Apache's ``{SHA}`` form (``htpasswd -s``), which pypiserver accepts."""
    digest = base64.b64encode(hashlib.sha1(password.encode()).digest()).decode()
    return f"{username}:{{SHA}}{digest}\n"


class _ExitedEarly(RuntimeError):
    """The server ended before it answered (a port taken meanwhile, or a bad argument)."""


class IndexServer:
    """pypiserver serving ``upload_dir`` (where uploads land) and, read-only, ``more_dirs``."""

    def __init__(self, upload_dir: Path, *more_dirs: Path, port: int | None = None) -> None:
        self.upload_dir = upload_dir
        self.more_dirs = more_dirs
        self._fixed_port = port is not None
        self.port = port or free_port()
        self.username = USERNAME
        self.password = secrets.token_urlsafe(16)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        """What the server printed (its start-up lines and errors)."""
        return self.upload_dir.parent / f"pypiserver-{self.port}.log"

    @property
    def url(self) -> str:
        """The upload endpoint (``--repository-url``, ``uv publish --publish-url``)."""
        return f"http://{HOST}:{self.port}/"

    @property
    def simple_url(self) -> str:
        """The simple API (``--index-url`` of pip and uv)."""
        return f"{self.url}simple/"

    def publish_env(self) -> dict[str, str]:
        """The variables ``uv publish`` (and so ``release:publish``) reads its credentials from."""
        return {"UV_PUBLISH_USERNAME": self.username, "UV_PUBLISH_PASSWORD": self.password}

    def start(self) -> IndexServer:
        """Start the server and wait until it answers; stop it again if it does not.

        A port chosen here may be taken by someone else before the server binds it; then
        the server exits at once, and another free port is tried (twice more at most).
        """
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        attempts = 1 if self._fixed_port else START_ATTEMPTS
        for attempt in range(1, attempts + 1):
            self._launch()
            try:
                self._wait_until_ready()
            except _ExitedEarly:
                self.stop()
                if attempt == attempts:
                    raise
                self.port = free_port()
            except BaseException:
                self.stop()
                raise
            else:
                return self
        raise AssertionError("unreachable")

    def _launch(self) -> None:
        passwords = self.upload_dir.parent / f"htpasswd-{self.port}"
        passwords.write_text(htpasswd_line(self.username, self.password), encoding="utf-8")
        command = [
            sys.executable,
            "-c",
            LAUNCHER,
            "run",
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--passwords",
            str(passwords),
            "--authenticate",
            "update",
            "--disable-fallback",
            "--server",
            "wsgiref",  # the standard library's server: "auto" would pick Twisted where it is installed
            str(self.upload_dir),
            *(str(folder) for folder in self.more_dirs),
        ]
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def running(self) -> bool:
        """Whether the server process is still alive."""
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        """End the server's whole process group (SIGTERM, then SIGKILL); a no-op if it is not running."""
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):  # it had already ended, with all of its group
            os.killpg(process.pid, signal.SIGTERM)  # the group: anything the server started goes too
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def __enter__(self) -> IndexServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise _ExitedEarly(f"pypiserver exited with {self._process.returncode}:\n{self._log_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}health", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        raise RuntimeError(f"pypiserver did not answer on {self.url} within {START_TIMEOUT:.0f} s:\n{self._log_text()}")

    def _log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else "(no log)"
