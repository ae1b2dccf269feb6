"""The README's promises hold: its first example is examples/hello.py, and CI runs its test command."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```\n(.*?)```", section, flags=re.S)
    return [line for line in block.splitlines() if line.strip()]


def test_the_first_example_is_examples_hello_py() -> None:
    first = re.search(r"```python\n(.*?)```", README, flags=re.S)
    assert first is not None
    hello = (ROOT / "examples" / "hello.py").read_text(encoding="utf-8")
    assert first.group(1) == hello[hello.index("import sys") :]


def test_the_quick_start_is_two_commands_one_for_the_demo_one_for_every_test() -> None:
    demo, test = quick_start_commands()
    assert demo.endswith("hatch run demo")
    assert test.endswith("hatch run test")
    # safe where the system Python is externally managed (PEP 668): hatch goes into a venv
    assert demo.startswith("python3 -m venv .venv && .venv/bin/python -m pip install")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, test = quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
