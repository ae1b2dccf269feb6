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


# Every command the README shows works when typed, in order, in a fresh clone after the quick
# start: hatch is then in .venv/bin (not on PATH), and whatever a command names must exist.

#: Sections whose commands a user types in their own virtual environment (plain ``python``, ``pip``).
USER_SECTIONS = ("Install", "Upgrading from and downgrading to txaio 26.6.1")
#: Sections that describe what the tests do (their tables name commands run inside test venvs).
DESCRIBING_TESTS = ("Integration matrix",)
#: What the quick start's ``python3 -m venv .venv`` and ``pip install hatch`` put in ``.venv/bin``.
QUICK_START_VENV = {"python", "python3", "pip", "pip3", "hatch"}
#: The programs whose commands are checked; the others (git, uv, twine, ...) only appear in prose.
CHECKED_PROGRAMS = {"hatch", "python", "python3", "pip", "bash", "source"}


def sections(text: str) -> list[tuple[str, str]]:
    """``(heading, body)`` of each section, at any level; the text before the first is ``""``."""
    parts = re.split(r"^#{2,4} (.+)$", text, flags=re.M)
    return [("", parts[0]), *zip(parts[1::2], parts[2::2], strict=True)]


def commands_in(body: str) -> list[str]:
    """In reading order: each command of a shell code block (one per line or ``&&`` step), each inline code span."""
    found: list[str] = []
    # re.split with three groups: prose, then (indent, language, block) of each fenced block, ...
    parts = re.split(r"^( *)```(\w*)\n(.*?)^\1```", body, flags=re.S | re.M)
    for index in range(0, len(parts), 4):
        found += re.findall(r"(?<!`)`([^`\n]+)`(?!`)", parts[index])
        if index + 3 < len(parts) and parts[index + 2] in ("", "text", "sh", "bash", "console"):
            for line in parts[index + 3].splitlines():
                typed = re.split(r"\s{2,}#", line, maxsplit=1)[0].strip()  # without its comment
                found += [step.strip() for step in typed.split("&&") if step.strip()]
    return [
        command
        for command in found
        if len(command.split()) > 1  # a program's name alone is no command
        and "..." not in command  # nor is an elided one ("the `pip install --index-url ...` it prints")
        and (command.split()[0] in CHECKED_PROGRAMS or command.startswith((".venv/bin/", "/tmp/try-txaio/bin/")))
    ]


def hatch_scripts() -> dict[str, set[str]]:
    """Each hatch environment's scripts, with what it inherits from ``default``, as hatch does."""
    import tomllib

    envs = tomllib.loads((ROOT / "hatch.toml").read_text(encoding="utf-8"))["envs"]
    default = set(envs["default"].get("scripts", {}))
    return {name: set(env.get("scripts", {})) | default for name, env in envs.items()}


def problems_of(command: str, user_section: bool, scripts: dict[str, set[str]]) -> list[str]:
    """Why ``command`` would fail as written in a fresh clone after the quick start ([] if it works)."""
    import shlex

    words = shlex.split(command)
    program = words[0]
    if program == "hatch":
        return ["hatch is in .venv/bin after the quick start, not on PATH: write .venv/bin/hatch"]
    if program in ("python", "pip") and not user_section:
        return [f"{program} may not exist in a fresh clone: use .venv/bin/hatch run {program} ... (or python3)"]
    if program.startswith(".venv/bin/") and program.removeprefix(".venv/bin/") not in QUICK_START_VENV:
        return [f"the quick start does not create {program}"]
    found = []
    if program.endswith("/hatch") and words[1:2] == ["run"]:
        target = words[2]
        env, _, script = target.rpartition(":")
        if env and env not in scripts:
            found.append(f"hatch.toml has no environment {env!r}")
        elif script not in scripts[env or "default"] and (env or script not in ("python", "bash")):
            found.append(f"hatch.toml has no script {target!r}")
        words = words[2:]
    for word in words[1:]:
        if word.startswith(".venv/bin/"):
            if word.removeprefix(".venv/bin/") not in {*QUICK_START_VENV, "activate"}:
                found.append(f"the quick start does not create {word}")
            continue
        path = word.removeprefix("./")
        looks_like_a_path = ("/" in word or word.endswith(".py")) and not word.startswith(("-", "http", "<"))
        if looks_like_a_path and "<" not in word and not word.startswith("/") and not (ROOT / path).exists():
            found.append(f"no {word} in the repository")
    return found


def readme_problems(text: str) -> list[str]:
    scripts = hatch_scripts()
    problems = []
    venv_made = False  # typed in order, .venv/bin exists only after the command that makes it
    for heading, body in sections(text):
        if heading in DESCRIBING_TESTS:
            continue
        for command in commands_in(body):
            found = problems_of(command, heading in USER_SECTIONS, scripts)
            if command.startswith(".venv/bin/") and not venv_made:
                found.append("typed in order, it comes before the command that makes .venv")
            venv_made = venv_made or command.startswith("python3 -m venv .venv")
            problems += [f"{heading or 'top'}: `{command}`: {problem}" for problem in found]
    return problems


def test_every_command_the_readme_shows_runs_as_written_after_the_quick_start() -> None:
    assert readme_problems(README) == []


def test_the_readme_shows_commands_of_each_kind_the_check_covers() -> None:
    commands = [command for _, body in sections(README) for command in commands_in(body)]
    assert any(command.startswith(".venv/bin/hatch run docs") for command in commands)
    assert any(command.startswith("pip install ./packages/") for command in commands)
    assert any(command.startswith(".venv/bin/hatch run release:") for command in commands)


def test_the_command_check_finds_each_kind_of_mistake() -> None:
    text = "\n".join(
        [
            "Intro: `.venv/bin/hatch run docs` before any venv.",
            "## Workflows",
            "`python3 -m venv .venv`, `hatch run docs`,",
            "`.venv/bin/hatch run nothing-such`, `.venv/bin/hatch run nowhere:lint`,",
            "`.venv/bin/tox -e py`, `python tools/descriptors.py`, `.venv/bin/hatch run python tools/gone.py`,",
            "`.venv/bin/hatch run docs`, `.venv/bin/hatch run release:check`, `.venv/bin/hatch run workflows:lint`",
            "## Install",
            "```",
            "python3 -m venv /tmp/v && pip install ./packages/txaio-core ./packages/txaio-nothing",
            "```",
        ]
    )
    found = readme_problems(text)
    assert [problem.split(": ", 2)[1] for problem in found] == [
        "`.venv/bin/hatch run docs`",
        "`hatch run docs`",
        "`.venv/bin/hatch run nothing-such`",
        "`.venv/bin/hatch run nowhere:lint`",
        "`.venv/bin/tox -e py`",
        "`python tools/descriptors.py`",
        "`.venv/bin/hatch run python tools/gone.py`",
        "`pip install ./packages/txaio-core ./packages/txaio-nothing`",
    ], found


# Where the parts install from is stated once, in the README's install block (between the
# markers below), which docs/getting-started.md includes; every other page must agree with it.

INSTALL_START = "<!-- install: start -->"
INSTALL_END = "<!-- install: end -->"
#: Words saying the parts are not on PyPI yet (the one statement, and the pages that repeat it).
NOT_YET = re.compile(
    r"not (?:yet )?on (?:PyPI|the package index)|until the (?:first release|parts are on PyPI)"
    r"|before the parts are on PyPI",
    flags=re.I,
)
#: Words saying that they are.
PUBLISHED = re.compile(
    r"\b(?:is|are) (?:now )?(?:published|released|available) (?:to|on) PyPI"
    r"|\b(?:published|released) to PyPI on (?:its|their) own",
    flags=re.I,
)


def install_block(text: str) -> str:
    return text.split(INSTALL_START, 1)[1].split(INSTALL_END, 1)[0]


def pages() -> dict[str, str]:
    """Every page a user reads: the README outside the block, the docs, each package's README."""
    found = {"README.md": README.replace(install_block(README), "")}
    for path in [*sorted((ROOT / "docs").rglob("*.md")), *sorted(ROOT.glob("packages/*/README.md"))]:
        relative = path.relative_to(ROOT)
        if relative.parts[:2] != ("docs", "_generated"):
            found[str(relative)] = path.read_text(encoding="utf-8")
    return found


def disagreements(statement: str, texts: dict[str, str]) -> list[str]:
    """The pages that contradict ``statement`` (the install block) on whether the parts are on PyPI."""
    not_yet = NOT_YET.search(statement) is not None
    wrong = PUBLISHED if not_yet else NOT_YET
    return [f"{name}: {match.group(0)!r}" for name, text in texts.items() for match in wrong.finditer(text)]


def test_the_install_block_says_the_parts_are_not_on_pypi_yet_and_how_to_try_them() -> None:
    block = install_block(README)
    assert NOT_YET.search(block) is not None
    assert PUBLISHED.search(block) is None
    assert "pip install txaio-asyncio" in block and ".venv/bin/hatch run index" in block


def test_no_page_contradicts_the_install_block() -> None:
    assert disagreements(install_block(README), pages()) == []


def test_getting_started_includes_the_install_block_instead_of_a_copy() -> None:
    page = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    include = f"```{{include}} ../README.md\n:start-after: {INSTALL_START}\n:end-before: {INSTALL_END}\n```"
    assert include in page
    assert NOT_YET.search(page) is None and PUBLISHED.search(page) is None


def test_the_agreement_check_fails_either_way() -> None:
    texts = {"a.md": "Each part is published to PyPI on its own.", "b.md": "Not yet on the package index."}
    assert disagreements("The parts are not on PyPI yet.", texts) == ["a.md: 'is published to PyPI'"]
    assert disagreements("Each part installs from PyPI.", texts) == ["b.md: 'Not yet on the package index'"]
