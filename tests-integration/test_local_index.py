"""``hatch run index``: the README's one command to install the parts by name now, from a local index.

It runs in the foreground until Ctrl-C; here it runs in its own process group, is read until
it prints the install commands, used, then interrupted, and must take its server down with it.
"""

from __future__ import annotations

import os
import queue
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT
from from_index import IndexVenv
from matrix import must

from tools.index_cache import clean_env

START_TIMEOUT = 300.0


def lines_of(process: subprocess.Popen[str]) -> queue.Queue[str]:
    """Every line the process prints, as it prints them (a daemon thread reads)."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return lines


def read_until(lines: queue.Queue[str], marker: str) -> str:
    seen = ""
    deadline = time.monotonic() + START_TIMEOUT
    while marker not in seen:
        try:
            seen += lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            pytest.fail(f"no {marker!r} within {START_TIMEOUT:.0f} s; printed so far:\n{seen}")
    return seen


def hatch_run_index() -> list[str]:
    """The command ``hatch run index`` runs (hatch.toml), with this test's Python as ``python``."""
    script = tomllib.loads((ROOT / "hatch.toml").read_text(encoding="utf-8"))["envs"]["default"]["scripts"]["index"]
    command = shlex.split(script.replace("{args}", ""))
    assert command[0] == "python", script
    return [sys.executable, *command[1:]]


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_hatch_run_index_serves_the_parts_until_interrupted(index_files: Path, tmp_path: Path) -> None:
    with subprocess.Popen(
        hatch_run_index(),
        cwd=ROOT,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            printed = read_until(lines_of(process), "Press Ctrl-C")
            match = re.search(r"--index-url (http://127\.0\.0\.1:(\d+)/simple/) txaio-asyncio", printed)
            assert match is not None, printed
            venv = IndexVenv.create(tmp_path / "venv", match.group(1))
            must(venv.install("pip", "txaio-asyncio"))
            assert set(venv.installed()) == {"txaio-core", "txaio-log", "txaio-asyncio"}

            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=60) == 0
            assert not port_open(int(match.group(2)))  # the server (in a group of its own) was stopped
            assert not group_alive(process.pid)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
