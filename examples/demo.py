"""The demo: runs each example on asyncio and on Twisted (examples arrive with the meta-package issue)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    examples = sorted(path for path in HERE.glob("*.py") if path.name != "demo.py")
    if not examples:
        print("no examples yet")
        return 0
    failed = 0
    for example in examples:
        print(f"=== {example.name}", flush=True)
        failed += subprocess.run([sys.executable, str(example)], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
