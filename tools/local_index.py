"""``hatch run index``: try the install commands of the README now, from a local package index.

Builds every distribution's sdist and wheel from this work tree, serves them on a local
pypiserver beside the third-party distributions they need (tools/index_cache.py: fetched
from PyPI once), prints the commands that install by name from it, and serves until Ctrl-C,
when it stops the server. The index never falls back to the public one.

    hatch run index              # on a free port
    hatch run index --port 8080
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType

from tools.index_cache import fetch
from tools.index_server import IndexServer
from tools.metadata_check import DISTRIBUTIONS, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hatch run index", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=None, help="port on 127.0.0.1 (default: a free one)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped like Ctrl-C, so the server goes too

    third_party = fetch()
    with tempfile.TemporaryDirectory(prefix="txaio-index-") as tmp:
        packages = Path(tmp) / "packages"
        for dist in DISTRIBUTIONS:
            sdist, wheel = build(dist, packages)
            print(f"built {sdist.name} and {wheel.name}")
        with IndexServer(packages, third_party, port=args.port) as server:
            _explain(server)
            try:
                while server.running():
                    time.sleep(0.5)
                print("the index server stopped by itself; see its log above", file=sys.stderr)
                return 1
            except KeyboardInterrupt:
                print("\nstopping the index server")
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _explain(server: IndexServer) -> None:
    index = server.simple_url
    print(
        f"""
A package index serves the six parts built from this work tree and the third-party
distributions they need (no fallback to PyPI) at

    {index}

Install by name from it, in a fresh virtual environment, as users will from PyPI:

    python3 -m venv /tmp/try-txaio
    /tmp/try-txaio/bin/pip install --index-url {index} txaio-asyncio
    /tmp/try-txaio/bin/pip install --index-url {index} "txaio[twisted]"
    uv pip install --python /tmp/try-txaio/bin/python --index-url {index} txaio-twisted

(--index-url replaces PyPI; a pip or uv configuration file of yours may still add other
sources: PIP_CONFIG_FILE=/dev/null or UV_NO_CONFIG=1 rules that out.)

release:publish can upload to it too:

    UV_PUBLISH_USERNAME={server.username} UV_PUBLISH_PASSWORD={server.password} \\
      hatch run release:publish <dist> --repository-url {server.url} --index-url {index}

Press Ctrl-C to stop the index.""",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
