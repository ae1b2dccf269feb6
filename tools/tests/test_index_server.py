"""The local package index of the tests and of ``hatch run index``: it starts, and it always stops."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.index_server import IndexServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port something else listens on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield int(listener.getsockname()[1])


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def alive(pid: int) -> bool:
    done = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True, check=False)
    return done.returncode == 0 and not done.stdout.strip().startswith("Z")


def test_the_server_answers_inside_the_block_and_is_gone_after(tmp_path: Path) -> None:
    with IndexServer(tmp_path / "packages") as server:
        assert answers(server.port)
        assert server.running()
    assert not answers(server.port)
    assert not server.running()


def test_a_port_taken_meanwhile_is_replaced_by_another(tmp_path: Path, taken_port: int) -> None:
    server = IndexServer(tmp_path / "packages")
    server.port = taken_port  # as if someone bound it between the probe and the server's start
    with server:
        assert server.port != taken_port
        assert answers(server.port)


def test_a_port_asked_for_that_is_taken_is_a_clear_error(tmp_path: Path, taken_port: int) -> None:
    with pytest.raises(RuntimeError, match="pypiserver exited with") as error:
        IndexServer(tmp_path / "packages", port=taken_port).start()
    assert "Address already in use" in str(error.value)


STARTER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from tools.index_server import IndexServer
server = IndexServer(Path(sys.argv[1])).start()
print(server.port, server._process.pid, flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_the_server_ends_when_its_starter_is_killed_outright(tmp_path: Path) -> None:
    pid = None
    with subprocess.Popen(
        [sys.executable, "-c", STARTER, str(tmp_path / "packages"), str(ROOT)], stdout=subprocess.PIPE, text=True
    ) as starter:
        try:
            assert starter.stdout is not None
            port, pid = (int(word) for word in starter.stdout.readline().split())
            assert answers(port)
            starter.send_signal(signal.SIGKILL)
            starter.wait(timeout=30)
            deadline = time.monotonic() + 30
            while alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not alive(pid)
            assert not answers(port)
        finally:
            if starter.poll() is None:
                starter.kill()
            if pid is not None and alive(pid):
                os.killpg(pid, signal.SIGKILL)  # the server leads its own group: never leave it running
